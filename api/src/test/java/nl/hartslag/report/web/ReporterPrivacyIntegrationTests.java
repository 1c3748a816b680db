package nl.hartslag.report.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports.Created;

/**
 * A reporter's identity never leaves the contact table: not in public responses, not in the log,
 * not in the report row itself.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ReporterPrivacyIntegrationTests {

    private static final String NAME = "Jolanda Zwartvoetkamp";
    private static final String PHONE = "06 41 23 45 67";
    private static final String PHONE_DIGITS = "641234567";
    private static final String EMAIL = "j.zwartvoetkamp@example.nl";
    private static final List<String> SECRETS = List.of("Zwartvoetkamp", PHONE_DIGITS, "41 23 45 67", EMAIL);

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    nl.hartslag.db.crypto.PersonalData sealed;

    @Test
    void contactDetailsAppearInNoPublicResponseAndNoLogLine(CapturedOutput output) {
        Map<String, Object> report = Map.of("category", "neighbour_dispute",
                "description", "Mijn buren boren elke avond tot laat door de muur",
                "address", "Passartweg 14",
                "contact", Map.of("name", NAME, "phone", PHONE, "email", EMAIL));

        byte[] createdBody = http.post().uri("/api/v1/reports").header("Idempotency-Key", "privacy-test-0001")
                .bodyValue(report).exchange().expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody();
        byte[] replayBody = http.post().uri("/api/v1/reports").header("Idempotency-Key", "privacy-test-0001")
                .bodyValue(report).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        Created created = http.post().uri("/api/v1/reports").bodyValue(report).exchange().expectStatus().isCreated()
                .expectBody(Created.class).returnResult().getResponseBody();
        byte[] statusBody = http.get().uri("/api/v1/reports/{r}?token={t}", created.reference(), created.trackingToken())
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        // A rejected report with contact details must not echo them either.
        byte[] problemBody = http.post().uri("/api/v1/reports")
                .bodyValue(Map.of("category", "noise", "description", "x",
                        "contact", Map.of("name", NAME, "phone", PHONE, "email", EMAIL + "@")))
                .exchange().expectStatus().isBadRequest().expectBody().returnResult().getResponseBody();

        for (byte[] body : List.of(createdBody, replayBody, statusBody, problemBody)) {
            assertThat(new String(body)).doesNotContain(SECRETS);
        }
        assertThat(output.getAll()).contains(created.reference()).doesNotContain(SECRETS);
    }

    @Test
    void personalDataLivesOnlyInTheContactTable() {
        Created created = http.post().uri("/api/v1/reports")
                .bodyValue(Map.of("category", "noise", "description", "Elke nacht harde muziek",
                        "address", "Passartweg 20", "contact", Map.of("name", NAME, "phone", PHONE, "email", EMAIL)))
                .exchange().expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();

        Map<String, Object> reportRow = db.sql("select * from report where reference = :r")
                .bind("r", created.reference()).fetch().one().block();
        assertThat(reportRow.toString()).doesNotContain(SECRETS);
        Map<String, Object> contact = db.sql("select c.* from reporter_contact c"
                + " join report r on r.reporter_contact_id = c.id where r.reference = :r")
                .bind("r", created.reference()).fetch().one().block();
        // Sealed at rest (issue 15): the row opens to the values, and holds none of them in plain.
        assertThat(contact.toString()).doesNotContain(SECRETS).doesNotContain("+31641234567");
        assertThat(sealed.open((String) contact.get("name_sealed"))).isEqualTo(NAME);
        assertThat(sealed.open((String) contact.get("phone_sealed"))).isEqualTo("+31641234567");
        assertThat(sealed.open((String) contact.get("email_sealed"))).isEqualTo(EMAIL);
        assertThat(contact).containsEntry("phone_hash", sealed.phoneLookup("+31641234567"))
                .containsEntry("email_hash", sealed.emailLookup(EMAIL));
    }

    @Test
    void anAnonymousReportHasNoContactRow() {
        Created created = http.post().uri("/api/v1/reports")
                .bodyValue(Map.of("category", "litter", "description", "Zwerfafval bij de speeltuin",
                        "address", "Speeltuin Jasmijnhof", "contact", Map.of("name", " ", "phone", "", "email", "")))
                .exchange().expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();
        Map<String, Object> row = db.sql("select reporter_contact_id from report where reference = :r")
                .bind("r", created.reference()).fetch().one().block();
        assertThat(row.get("reporter_contact_id")).isNull();
    }
}
