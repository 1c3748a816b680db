package nl.hartslag.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.twilio.http.TwilioRestClient;

/** The Twilio gateway on its own against WireMock: what goes over the wire, and how errors come back. */
class TwilioSmsGatewayTests {

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private TwilioSmsGateway gateway(String phoneNumber, String messagingServiceSid) {
        TwilioSettings settings = new TwilioSettings(FakeTwilio.ACCOUNT_SID, FakeTwilio.AUTH_TOKEN, phoneNumber,
                messagingServiceSid, twilio.baseUrl() + "/");
        TwilioRestClient client = new TwilioRestClient.Builder(FakeTwilio.ACCOUNT_SID, FakeTwilio.AUTH_TOKEN)
                .httpClient(new TwilioHttpClient(settings.apiBaseUrl(), Duration.ofSeconds(2), 4)).build();
        return new TwilioSmsGateway(client, settings, "https://hartslag.example.nl/");
    }

    @Test
    void aMessagingServiceSendsInsteadOfAFromNumber() {
        twilio.stubFor(post(urlEqualTo(FakeTwilio.MESSAGES)).willReturn(FakeTwilio.accepted()));

        String sid = gateway(null, "MG00000000000000000000000000000001").send("+31612345678", "Hallo").block();

        assertThat(sid).matches("SM[0-9a-f]{32}");
        Map<String, String> form = DispatcherIntegrationTests.form(
                twilio.findAll(postRequestedFor(urlEqualTo(FakeTwilio.MESSAGES))).get(0));
        assertThat(form).containsEntry("MessagingServiceSid", "MG00000000000000000000000000000001")
                .containsEntry("To", "+31612345678").containsEntry("Body", "Hallo")
                .containsEntry("StatusCallback", "https://hartslag.example.nl/twilio/status")
                .doesNotContainKey("From");
    }

    @Test
    void twiliosErrorBodyBecomesAFailureWithItsCode() {
        twilio.stubFor(post(urlEqualTo(FakeTwilio.MESSAGES))
                .willReturn(FakeTwilio.error(400, 21211, "The 'To' number is not a valid phone number.")));

        assertThatThrownBy(() -> gateway("+3197010000001", null).send("+31612345678", "Hallo").block())
                .isInstanceOfSatisfying(SendFailure.class, f -> {
                    assertThat(f.permanent()).isTrue();
                    assertThat(f.code()).isEqualTo("21211");
                    assertThat(f.httpStatus()).isEqualTo(400);
                });
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(FakeTwilio.MESSAGES)))).hasSize(1);
    }

    @Test
    void aServerErrorIsTriedOnceHereAndLeftToTheOutboxToRetry() {
        twilio.stubFor(post(urlEqualTo(FakeTwilio.MESSAGES)).willReturn(FakeTwilio.error(503, 20503, "Unavailable")));

        assertThatThrownBy(() -> gateway("+3197010000001", null).send("+31612345678", "Hallo").block())
                .isInstanceOfSatisfying(SendFailure.class, f -> assertThat(f.permanent()).isFalse());
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(FakeTwilio.MESSAGES)))).hasSize(1);
    }

    @Test
    void noAnswerWithinTheTimeoutIsATemporaryFailure() {
        twilio.stubFor(post(urlEqualTo(FakeTwilio.MESSAGES)).willReturn(FakeTwilio.accepted().withFixedDelay(3000)));

        assertThatThrownBy(() -> gateway("+3197010000001", null).send("+31612345678", "Hallo").block())
                .isInstanceOfSatisfying(SendFailure.class, f -> {
                    assertThat(f.permanent()).isFalse();
                    assertThat(f.getMessage()).startsWith("No answer from Twilio");
                });
    }
}
