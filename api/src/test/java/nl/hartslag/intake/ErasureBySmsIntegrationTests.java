package nl.hartslag.intake;

import static nl.hartslag.support.TwilioWebhooks.messageSid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.TwilioWebhooks;

/**
 * Issue 15 by text: "VERWIJDER HS-..." (or "DELETE HS-...") from the number that made the report
 * erases that number from it and is answered once; any other number hears what an unknown
 * reference hears and changes nothing. Signed webhooks over real HTTP, real PostgreSQL.
 */
@IntegrationTest
class ErasureBySmsIntegrationTests {

    private static final Pattern REFERENCE = Pattern.compile("HS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}");

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    /** Reporter data is sealed at rest: rows are found by the keyed hash of the number (issue 15). */
    @Autowired
    nl.hartslag.db.crypto.PersonalData sealed;

    @Test
    void verwijderFromTheReportingNumberErasesItAndAnotherNumberLearnsNothing() {
        String phone = FakeTwilio.newPhone();
        String reference = reference(text(phone, "Kapotte schommel in de speeltuin bij Kouvenderstraat 84"));
        assertThat(contacts(phone)).isEqualTo(1);

        // Somebody else who knows the reference: the unknown-reference answer, nothing erased.
        String stranger = FakeTwilio.newPhone();
        assertThat(text(stranger, "VERWIJDER " + reference))
                .isEqualTo("We vinden geen melding " + reference + " van dit telefoonnummer. Klopt het nummer?");
        assertThat(contacts(phone)).isEqualTo(1);

        assertThat(text(phone, "verwijder " + reference.toLowerCase()))
                .isEqualTo("Uw gegevens bij melding " + reference
                        + " zijn verwijderd. De melding blijft, zonder uw nummer. U krijgt hierover geen berichten meer.");
        assertThat(contacts(phone)).isZero();
        assertThat(db.sql("""
                select count(*) as n from report r join report_event e on e.report_id = r.id
                 where r.reference = :r and e.message_code = 'report.personal-data.erased' and e.actor = 'resident:sms'""")
                .bind("r", reference).map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1);
        assertThat(db.sql("select count(*) as n from audit_entry where subject_id = :r and purpose = 'erase'")
                .bind("r", reference).map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1);

        // The number is gone from the report: asking again is the unknown-reference answer.
        assertThat(text(phone, "VERWIJDER " + reference)).contains("We vinden geen melding " + reference);
        assertThat(text(phone, "STATUS " + reference)).contains("We vinden geen melding " + reference);
    }

    @Test
    void deleteInEnglishAndTheHowTo() {
        String phone = FakeTwilio.newPhone();
        String reference = reference(text(phone, "Broken street light near Kouvenderstraat 86 all week"));
        assertThat(text(phone, "DELETE " + reference)).isEqualTo("Your data for report " + reference
                + " was erased. The report stays, without your number. You will get no more messages about it.");
        assertThat(contacts(phone)).isZero();
        assertThat(text(phone, "VERWIJDER")).startsWith("Stuur VERWIJDER en uw meldingnummer.");
    }

    private String text(String phone, String body) {
        String xml = TwilioWebhooks.post(http, "/twilio/sms", TwilioWebhooks.textForm(phone, messageSid(), body))
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return TwiML.parse(xml).message();
    }

    private long contacts(String phone) {
        return db.sql("select count(*) as n from reporter_contact where phone_hash = :p").bind("p", sealed.phoneLookup(phone))
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private static String reference(String message) {
        Matcher m = REFERENCE.matcher(message);
        assertThat(m.find()).as("a reference in '%s'", message).isTrue();
        return m.group();
    }
}
