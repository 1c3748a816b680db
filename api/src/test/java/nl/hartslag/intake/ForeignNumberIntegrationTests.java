package nl.hartslag.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.TwilioWebhooks;

/**
 * Hartslag texts only numbers it may: ordinary mobile and fixed-line numbers of the allowed
 * countries (NL by default). A form gets a 400 on contact.phone; a text from abroad becomes an
 * anonymous report, answered once in the reply to that text and never texted again.
 */
@IntegrationTest
class ForeignNumberIntegrationTests {

    private static final Pattern REFERENCE = Pattern.compile("HS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}");

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    nl.hartslag.db.crypto.PersonalData personalData;

    @Test
    void aReportWithAForeignOrPremiumRateNumberIsRefusedOnContactPhone() {
        long before = reports();
        for (String[] language : new String[][] { { "nl", "landnummer +31" }, { "en", "country code +31" } }) {
            for (String phone : new String[] { "+447911123456", "0900 1234567", "0800 1234567" }) {
                http.post().uri("/api/v1/reports").header("Accept-Language", language[0])
                        .bodyValue(report(Map.of("phone", phone))).exchange()
                        .expectStatus().isBadRequest()
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody()
                        .jsonPath("$.errors.length()").isEqualTo(1)
                        .jsonPath("$.errors[0].field").isEqualTo("contact.phone")
                        .jsonPath("$.errors[0].message").value(String.class,
                                message -> assertThat(message).contains(language[1]));
            }
        }
        assertThat(reports()).isEqualTo(before);
        // A Dutch mobile number is fine.
        http.post().uri("/api/v1/reports").bodyValue(report(Map.of("phone", "06 41 55 66 77"))).exchange()
                .expectStatus().isCreated();
    }

    @Test
    void aTextFromAbroadBecomesAnAnonymousReportAndNothingIsEverTextedToIt() {
        String reply = TwiML.parse(TwilioWebhooks.text(http, "+447911123456",
                "Er staat al dagen een kapotte koelkast op de stoep bij Vlierstraat 12")).message();
        Matcher m = REFERENCE.matcher(reply);
        assertThat(m.find()).as(reply).isTrue();
        String reference = m.group();
        assertThat(reply).isEqualTo("Bedankt. Uw melding is " + reference
                + ". Naar dit telefoonnummer sturen wij geen berichten over uw melding. Spoed? Bel 112.");
        Map<String, Object> stored = db.sql("select channel, reporter_contact_id from report where reference = :r")
                .bind("r", reference).fetch().one().block();
        assertThat(stored).containsEntry("channel", "sms");
        assertThat(stored.get("reporter_contact_id")).isNull();
        assertThat(db.sql("select count(*) as n from notification_recipient where address_hash = :h")
                .bind("h", personalData.phoneLookup("+447911123456"))
                .map(row -> row.get("n", Long.class)).one().block()).isZero();
    }

    private static Map<String, Object> report(Map<String, Object> contact) {
        Map<String, Object> body = new HashMap<>(Map.of("category", "litter", "description",
                "Zakken met afval en blikjes in de berm", "address", "Vlierstraat 20"));
        body.put("contact", contact);
        return body;
    }

    private long reports() {
        return db.sql("select count(*) as n from report").map(row -> row.get("n", Long.class)).one().block();
    }
}
