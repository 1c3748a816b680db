package nl.hartslag.report.web;

import static nl.hartslag.support.TwilioWebhooks.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.Reports;
import nl.hartslag.support.TestAccounts;

/**
 * A reporter's text failed because the number was wrong (Twilio 21211): the coordinator corrects
 * the number on the report, and the failed text goes out again to the new number as a new outbox
 * row, in the same transaction as the correction and its history line (which holds no number).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReporterPhoneCorrectionIntegrationTests {

    private static final String VOLUNTEER = "vrijwilliger.nummer";
    private static final String PASSWORD = "vrijwilliger-Pa55word!";

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    /** Reporter data is sealed at rest: rows are found by the keyed hash of the number (issue 15). */
    @Autowired
    nl.hartslag.db.crypto.PersonalData sealed;

    @Autowired
    StaffAccounts accounts;

    @BeforeAll
    void volunteer() {
        accounts.create(VOLUNTEER, "Vrijwilliger Nummer", PASSWORD, EnumSet.of(Role.VOLUNTEER)).block();
    }

    @Test
    void aTextThatFailedAsAnInvalidNumberGoesToTheCorrectedNumber() {
        String wrong = FakeTwilio.newPhone();
        FakeTwilio.failFor(wrong, 400, 21211, "The 'To' number is not a valid phone number.");
        String reference = file(wrong).reference();
        await(() -> failed(reference), f -> f.size() == 1, Duration.ofSeconds(10));
        String right = FakeTwilio.newPhone();

        http.put().uri("/api/v1/staff/reports/{r}/contact", reference).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("phone", right.replace("+31", "0"))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.reference").isEqualTo(reference).jsonPath("$.resent").isEqualTo(1);

        List<Map<String, String>> texts = await(() -> FakeTwilio.textsTo(right), t -> !t.isEmpty(),
                Duration.ofSeconds(10));
        assertThat(texts).hasSize(1);
        assertThat(texts.get(0).get("Body")).contains(reference);
        // The failed one has left the coordinator's list; the new row is a different notification.
        assertThat(failed(reference)).isEmpty();
        assertThat(count("select count(*) as n from notification where reference = :v", reference)).isEqualTo(2);
        assertThat(sealed.open(db.sql("select c.phone_sealed from report r join reporter_contact c"
                + " on c.id = r.reporter_contact_id where r.reference = :r").bind("r", reference)
                .map(r -> r.get("phone_sealed", String.class)).one().block())).isEqualTo(right);
        // History: who did it, never the number.
        Map<String, Object> event = db.sql("select actor, details::text as details from report_event r join report p"
                + " on p.id = r.report_id where p.reference = :r and message_code = 'report.contact.phone-corrected'")
                .bind("r", reference).fetch().one().block();
        assertThat(event).containsEntry("actor", "staff:" + TestAccounts.COORDINATOR);
        assertThat((String) event.get("details")).doesNotContain(right.substring(3)).doesNotContain(wrong.substring(3));
        // Nothing left to correct: a second correction is refused.
        http.put().uri("/api/v1/staff/reports/{r}/contact", reference).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("phone", FakeTwilio.newPhone())).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aNumberWhoseTextsArrivedIsNotRewritten() {
        String phone = FakeTwilio.newPhone();
        String reference = file(phone).reference();
        await(() -> FakeTwilio.textsTo(phone), t -> !t.isEmpty(), Duration.ofSeconds(10));
        http.put().uri("/api/v1/staff/reports/{r}/contact", reference).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("phone", FakeTwilio.newPhone())).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(sealed.open(db.sql("select c.phone_sealed from report r join reporter_contact c"
                + " on c.id = r.reporter_contact_id where r.reference = :r").bind("r", reference)
                .map(r -> r.get("phone_sealed", String.class)).one().block())).isEqualTo(phone);
    }

    @Test
    void badNumbersAreAProblemNamingThePhoneFieldAndOnlyCoordinatorsCorrect() {
        String wrong = FakeTwilio.newPhone();
        FakeTwilio.failFor(wrong, 400, 21614, "The 'To' number is not a mobile number.");
        String reference = file(wrong).reference();
        await(() -> failed(reference), f -> f.size() == 1, Duration.ofSeconds(10));
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("phone", "12345"),
                Map.of("phone", "0900 1234567"), Map.of("phone", " "), Map.of())) {
            http.put().uri("/api/v1/staff/reports/{r}/contact", reference).headers(TestAccounts::asCoordinator)
                    .bodyValue(body).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("phone");
        }
        http.put().uri("/api/v1/staff/reports/{r}/contact", reference)
                .headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD)).bodyValue(Map.of("phone", FakeTwilio.newPhone()))
                .exchange().expectStatus().isForbidden();
        http.put().uri("/api/v1/staff/reports/{r}/contact", "HS-2222-22").headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("phone", FakeTwilio.newPhone())).exchange().expectStatus().isNotFound();
        // Nothing changed by the refusals: the text is still waiting for a correct number.
        assertThat(failed(reference)).hasSize(1);
    }

    // --- helpers

    private Created file(String phone) {
        // "other" waits for the coordinator's triage: no routing text follows the confirmation.
        Map<String, Object> body = Reports.report("other", "Lantaarnpaal bij het speelveld is kapot", "Passartweg 30");
        body.put("contact", Map.of("phone", phone));
        return Reports.file(http, body);
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private List<Map> failed(String reference) {
        return http.get().uri("/api/v1/staff/notifications?reference={r}", reference)
                .headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk()
                .expectBodyList(Map.class).returnResult().getResponseBody();
    }

    private long count(String sql, String reference) {
        return db.sql(sql).bind("v", reference).map((r, m) -> r.get("n", Long.class)).one().block();
    }
}
