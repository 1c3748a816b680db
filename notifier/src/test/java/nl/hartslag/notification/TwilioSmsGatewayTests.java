package nl.hartslag.notification;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.twilio.http.TwilioRestClient;

/** The Twilio gateway on its own against WireMock: what goes over the wire, and how errors come back. */
class TwilioSmsGatewayTests {

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private TwilioSmsGateway gateway(String phoneNumber, String messagingServiceSid) {
        // Generous: the first request also starts WireMock's templating, on a busy machine.
        return gateway(phoneNumber, messagingServiceSid, Duration.ofSeconds(15));
    }

    private TwilioSmsGateway gateway(String phoneNumber, String messagingServiceSid, Duration timeout) {
        TwilioSettings settings = new TwilioSettings(FakeTwilio.ACCOUNT_SID, FakeTwilio.AUTH_TOKEN, phoneNumber,
                messagingServiceSid, twilio.baseUrl() + "/");
        TwilioRestClient client = new TwilioRestClient.Builder(FakeTwilio.ACCOUNT_SID, FakeTwilio.AUTH_TOKEN)
                .httpClient(new TwilioHttpClient(settings.apiBaseUrl(), timeout, 4)).build();
        return new TwilioSmsGateway(client, settings, "https://hartslag.example.nl/");
    }

    @Test
    void aMessagingServiceSendsInsteadOfAFromNumber() {
        twilio.stubFor(FakeTwilio.messageTo("+31612345601").willReturn(FakeTwilio.accepted()));

        String sid = gateway(null, "MG00000000000000000000000000000001").send("+31612345601", "Hallo").block();

        assertThat(sid).matches("SM[0-9a-f]{32}");
        Map<String, String> form = DispatcherIntegrationTests.form(FakeTwilio.sentTo(twilio, "+31612345601").get(0));
        assertThat(form).containsEntry("MessagingServiceSid", "MG00000000000000000000000000000001")
                .containsEntry("To", "+31612345601").containsEntry("Body", "Hallo")
                .containsEntry("StatusCallback", "https://hartslag.example.nl/twilio/status")
                .doesNotContainKey("From");
    }

    @Test
    void twiliosErrorBodyBecomesAFailureWithItsCode() {
        twilio.stubFor(FakeTwilio.messageTo("+31612345602")
                .willReturn(FakeTwilio.error(400, 21211, "The 'To' number is not a valid phone number.")));

        assertThatThrownBy(() -> gateway("+3197010000001", null).send("+31612345602", "Hallo").block())
                .isInstanceOfSatisfying(SendFailure.class, f -> {
                    assertThat(f.permanent()).isTrue();
                    assertThat(f.code()).isEqualTo("21211");
                    assertThat(f.httpStatus()).isEqualTo(400);
                    assertThat(f.outcomeUnknown()).as("a 4xx is a refusal: nothing was sent").isFalse();
                });
        assertThat(FakeTwilio.sentTo(twilio, "+31612345602")).hasSize(1);
    }

    @Test
    void aServerErrorIsTriedOnceHereAndLeftToTheOutboxToRetry() {
        twilio.stubFor(FakeTwilio.messageTo("+31612345603").willReturn(FakeTwilio.error(503, 20503, "Unavailable")));

        assertThatThrownBy(() -> gateway("+3197010000001", null).send("+31612345603", "Hallo").block())
                .isInstanceOfSatisfying(SendFailure.class, f -> {
                    assertThat(f.permanent()).isFalse();
                    assertThat(f.outcomeUnknown()).as("a 5xx may come after Twilio stored the message").isTrue();
                });
        assertThat(FakeTwilio.sentTo(twilio, "+31612345603")).hasSize(1);
    }

    @Test
    void aConnectionThatWasNeverMadeIsKnownNotToHaveSent() {
        TwilioSettings settings = new TwilioSettings(FakeTwilio.ACCOUNT_SID, FakeTwilio.AUTH_TOKEN, "+3197010000001",
                null, "http://127.0.0.1:1");
        TwilioRestClient client = new TwilioRestClient.Builder(FakeTwilio.ACCOUNT_SID, FakeTwilio.AUTH_TOKEN)
                .httpClient(new TwilioHttpClient(settings.apiBaseUrl(), Duration.ofSeconds(2), 4)).build();
        TwilioSmsGateway refused = new TwilioSmsGateway(client, settings, "https://hartslag.example.nl/");

        assertThatThrownBy(() -> refused.send("+31612345678", "Hallo").block())
                .isInstanceOfSatisfying(SendFailure.class, f -> assertThat(f.outcomeUnknown()).isFalse());
    }

    @Test
    void aLostAnswerIsFoundByNumberSenderAndBody() {
        String to = "+31612345678";
        String sid = FakeTwilio.newSid();
        twilio.stubFor(FakeTwilio.listTo(to).willReturn(FakeTwilio.listed(
                FakeTwilio.message(FakeTwilio.newSid(), to, "+3197010000001", null, "Een ander bericht"),
                FakeTwilio.message(FakeTwilio.newSid(), to, "+3197099999999", null, "Hallo"),
                FakeTwilio.message(sid, to, "+3197010000001", null, "Hallo"))));
        Instant since = Instant.parse("2026-12-03T06:20:00Z");

        assertThat(gateway("+3197010000001", null).findSent(to, "Hallo", since).block()).isEqualTo(sid);

        LoggedRequest list = FakeTwilio.listsTo(twilio, to).get(0);
        assertThat(list.queryParameter("From").firstValue()).isEqualTo("+3197010000001");
        assertThat(list.queryParameter("DateSent>").firstValue()).startsWith("2026-12-03T06:20:00");
    }

    @Test
    void withAMessagingServiceTheLostAnswerIsFoundByItsServiceSid() {
        String to = "+31612345679";
        String sid = FakeTwilio.newSid();
        twilio.stubFor(FakeTwilio.listTo(to).willReturn(FakeTwilio.listed(
                FakeTwilio.message(FakeTwilio.newSid(), to, "+3197011111111", "MG00000000000000000000000000000009",
                        "Hallo"),
                FakeTwilio.message(sid, to, "+3197022222222", "MG00000000000000000000000000000001", "Hallo"))));

        assertThat(gateway(null, "MG00000000000000000000000000000001")
                .findSent(to, "Hallo", Instant.parse("2026-12-03T06:20:00Z")).block()).isEqualTo(sid);
        // The service picks its sender from a pool: no From filter.
        assertThat(FakeTwilio.listsTo(twilio, to).get(0).queryParameter("From").isPresent()).isFalse();
    }

    @Test
    void nothingListedIsNothingFound() {
        String to = "+31612345670";
        twilio.stubFor(FakeTwilio.listTo(to).willReturn(FakeTwilio.listed()));

        assertThat(gateway("+3197010000001", null).findSent(to, "Hallo", Instant.now()).blockOptional()).isEmpty();
    }

    @Test
    void aListThatFailsIsAFailureNotAnEmptyAnswer() {
        String to = "+31612345671";
        twilio.stubFor(FakeTwilio.listTo(to).willReturn(FakeTwilio.error(503, 20503, "Unavailable")));

        assertThatThrownBy(() -> gateway("+3197010000001", null).findSent(to, "Hallo", Instant.now()).block())
                .isInstanceOfSatisfying(SendFailure.class, f -> assertThat(f.getMessage()).startsWith("Asking Twilio"));
    }

    @Test
    void noAnswerWithinTheTimeoutIsATemporaryFailure() {
        // Its own number: the late request is journalled after this test (WireMock logs it when it answers).
        twilio.stubFor(FakeTwilio.messageTo("+31612345604").willReturn(FakeTwilio.accepted().withFixedDelay(3000)));

        assertThatThrownBy(() -> gateway("+3197010000001", null, Duration.ofSeconds(1)).send("+31612345604", "Hallo")
                .block())
                .isInstanceOfSatisfying(SendFailure.class, f -> {
                    assertThat(f.permanent()).isFalse();
                    assertThat(f.getMessage()).startsWith("No answer from Twilio");
                    assertThat(f.outcomeUnknown()).as("the request went out; the answer did not come").isTrue();
                });
    }
}
