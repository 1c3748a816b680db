package nl.hartslag.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.TwilioWebhooks;

/**
 * What reaches the Twilio webhooks that Twilio itself would never send, or only rarely: a form that
 * cannot be decoded, a huge unsigned form, a caller who talks for minutes, control characters in
 * what is echoed back. Each gets a 4xx problem or a normal answer, never a 500 or an apology.
 */
@IntegrationTest
class WebhookInputIntegrationTests {

    private static final List<String> WEBHOOKS = List.of("/twilio/sms", "/twilio/voice", "/twilio/voice/menu",
            "/twilio/voice/report", "/twilio/voice/place", "/twilio/voice/confirm", "/twilio/voice/status",
            "/twilio/status");

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    /** Reporter data is sealed at rest: rows are found by the keyed hash of the number (issue 15). */
    @Autowired
    nl.hartslag.db.crypto.PersonalData sealed;

    @Test
    void aBrokenPercentEscapeIsA400OnEveryWebhookAndStoresNothing() {
        for (String path : WEBHOOKS) {
            for (String body : List.of("Body=%zz&From=%2B31612345678", "From=%", "Body=caf%e", "SpeechResult=%G1")) {
                long reports = count("report");
                http.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .header("X-Twilio-Signature", "c2lnbmF0dXJl").bodyValue(body).exchange()
                        .expectStatus().isBadRequest()
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
                assertThat(count("report")).as("%s %s", path, body).isEqualTo(reports);
            }
        }
    }

    @Test
    void anUnsignedFormOver64KibIsA413() {
        String body = "From=%2B31612345678&Body=" + "a".repeat(70_000);
        for (String path : WEBHOOKS) {
            http.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(body).exchange()
                    .expectStatus().isEqualTo(413)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void speechOverFourThousandCharactersOnOneCallIsCutAndCanStillBeConfirmed() {
        String sid = TwilioWebhooks.callSid();
        String phone = FakeTwilio.newPhone();
        step(sid, phone, "/twilio/voice/menu?lang=nl&try=1", Map.of("Digits", "1"));
        String first = "Harde muziek bij Passartweg 14 " + "en het houdt maar niet op ".repeat(120);
        TwiML readBack = step(sid, phone, "/twilio/voice/report?lang=nl&try=1&purpose=NUISANCE",
                Map.of("SpeechResult", first, "Confidence", "0.9"));
        assertThat(first.length()).isGreaterThan(3000);
        assertThat(readBack.spoken()).contains("Passartweg 14");

        // "2 = say it again" is not what a caller does who adds more: the place step takes more words.
        TwiML more = step(sid, phone, "/twilio/voice/place?lang=nl&try=1",
                Map.of("SpeechResult", "en ook nog de hele nacht ".repeat(80), "Confidence", "0.8"));
        assertThat(more.spoken()).doesNotContain("Er ging bij ons iets mis").contains("Passartweg 14");

        TwiML stored = step(sid, phone, "/twilio/voice/confirm?lang=nl&try=1", Map.of("Digits", "1"));
        assertThat(stored.spoken()).contains("Uw melding is opgeslagen");
        Integer length = db.sql("select char_length(r.description) as n from report r join reporter_contact c"
                + " on c.id = r.reporter_contact_id where c.phone_hash = :p").bind("p", sealed.phoneLookup(phone))
                .map(row -> row.get("n", Integer.class)).one().block();
        assertThat(length).isEqualTo(4000);
    }

    @Test
    void controlCharactersNeverReachTheTwiml() {
        String sid = TwilioWebhooks.callSid();
        String phone = FakeTwilio.newPhone();
        step(sid, phone, "/twilio/voice/menu?lang=nl&try=1", Map.of("Digits", "1"));
        TwiML readBack = step(sid, phone, "/twilio/voice/report?lang=nl&try=1&purpose=NUISANCE",
                Map.of("SpeechResult", "Harde\u0001 muziek\u0000 bij\u001b Passartweg 14\ufffe", "Confidence", "0.9"));
        assertThat(readBack.spoken()).contains("Harde  muziek  bij  Passartweg 14");

        // By text: the reference a resident typed is echoed in the answer.
        String reply = TwilioWebhooks.text(http, FakeTwilio.newPhone(), "STATUS HS\u0007-7KQ2\u0000-M9");
        assertThat(TwiML.parse(reply).message()).contains("7KQ2").doesNotContain("\u0000").doesNotContain("\u0007");
    }

    @Test
    void aStatusTextIsReadAsTyped() {
        // "İ" lower-cases to two characters: the reference used to be cut out at the wrong place, or not at all.
        String dotted = "İ".repeat(10);
        assertThat(TwiML.parse(TwilioWebhooks.text(http, FakeTwilio.newPhone(), "STATUS " + dotted)).message())
                .contains(dotted);
        // A full stop after the reference is not part of it.
        assertThat(TwiML.parse(TwilioWebhooks.text(http, FakeTwilio.newPhone(), "STATUS HS-7KQ2-M9.")).message())
                .contains("HS-7KQ2-M9");
    }

    private TwiML step(String sid, String phone, String pathAndQuery, Map<String, String> input) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("CallSid", sid);
        form.put("AccountSid", FakeTwilio.ACCOUNT_SID);
        form.put("From", phone);
        form.put("To", FakeTwilio.SENDER);
        form.put("CallStatus", "in-progress");
        form.putAll(input);
        String xml = TwilioWebhooks.post(http, pathAndQuery, form).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return TwiML.parse(xml);
    }

    private long count(String table) {
        return db.sql("select count(*) as n from " + table).map(row -> row.get("n", Long.class)).one().block();
    }
}
