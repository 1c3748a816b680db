package nl.hartslag.report.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;

/**
 * Issue 15, the resident's right to erasure with the status link: what is held is shown masked,
 * a DELETE erases it at once in one transaction with its history line, the outbox and the audit
 * trail; the report and its status page stay. Real PostgreSQL, real HTTP.
 */
@IntegrationTest
class PersonalDataErasureIntegrationTests {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    /** Reporter data is sealed at rest: rows are found by the keyed hash of the number (issue 15). */
    @Autowired
    nl.hartslag.db.crypto.PersonalData sealed;

    @Test
    void deleteErasesTheContactAtOnceAndTheStatusPageAndAuditTrailSaySo() {
        String phone = FakeTwilio.newPhone();
        Created report = file("Grote hoop afval en oude matrassen naast de container", "Kouvenderstraat 57", phone,
                "Jorien Wakkerman", "jorien.wakkerman@example.nl");

        Map<String, Object> seen = personalData(report).expectStatus().isOk().expectBody(MAP).returnResult()
                .getResponseBody();
        assertThat(seen).containsEntry("erased", false);
        assertThat(values(seen, "held")).containsEntry("name", "J***")
                .containsEntry("phone", "+31 6 ** ** ** " + phone.substring(phone.length() - 2))
                .containsEntry("email", "j***@example.nl");
        assertThat(seen.toString()).doesNotContain(phone.substring(3)).doesNotContain("Wakkerman")
                .doesNotContain("jorien.wakkerman");
        assertThat(values(seen, "stays")).containsEntry("description",
                "Grote hoop afval en oude matrassen naast de container").containsKeys("category", "place");

        Map<String, Object> erased = erase(report).expectStatus().isOk().expectBody(MAP).returnResult()
                .getResponseBody();
        assertThat(erased).containsEntry("erased", true);
        assertThat((List<?>) erased.get("held")).isEmpty();

        // Gone from the database at once: the report holds no contact, no row holds the number.
        assertThat(db.sql("select reporter_contact_id from report where reference = :r").bind("r", report.reference())
                .map(row -> java.util.Optional.ofNullable(row.get("reporter_contact_id", UUID.class))).one().block())
                .isEmpty();
        assertThat(count("select count(*) as n from reporter_contact where phone_hash = :v", sealed.phoneLookup(phone))).isZero();
        assertThat(count("""
                select count(*) as n from notification_recipient r join notification n on n.id = r.notification_id
                 where n.reference = :v and n.audience = 'RESIDENT'""", report.reference())).isZero();
        assertThat(count("select count(*) as n from notification where reference = :v and status = 'PENDING'",
                report.reference())).isZero();

        // The status page still works, shows the report and the history line.
        http.get().uri("/api/v1/reports/{r}?token={t}", report.reference(), report.trackingToken()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.description").isEqualTo("Grote hoop afval en oude matrassen naast de container")
                .jsonPath("$.history[?(@.message =~ /Gegevens verwijderd \\(AVG\\).*/)]").exists();

        // The audit trail: the resident erased these kinds of data (never their values).
        Map<String, Object> audit = db.sql("""
                select actor, role, array_to_string(fields, ',') as fields from audit_entry
                 where subject_type = 'report' and subject_id = :r and purpose = 'erase'""")
                .bind("r", report.reference()).fetch().one().block();
        assertThat(audit).containsEntry("actor", "resident").containsEntry("role", "RESIDENT")
                .containsEntry("fields", "name,phone,email");

        // Idempotent: a second DELETE is 200 with nothing left, and adds no second line or entry.
        erase(report).expectStatus().isOk().expectBody().jsonPath("$.erased").isEqualTo(true)
                .jsonPath("$.held.length()").isEqualTo(0);
        personalData(report).expectStatus().isOk().expectBody().jsonPath("$.erased").isEqualTo(true);
        assertThat(count("""
                select count(*) as n from report_event e join report r on r.id = e.report_id
                 where r.reference = :v and e.message_code = 'report.personal-data.erased'""", report.reference()))
                .isEqualTo(1);
        assertThat(count("select count(*) as n from audit_entry where subject_id = :v and purpose = 'erase'",
                report.reference())).isEqualTo(1);
    }

    @Test
    void theProblemNoLongerCountsTheReporterAsAHousehold() {
        String phone = FakeTwilio.newPhone();
        Map<String, Object> contact = new HashMap<>(Reports.contact(phone, null));
        Created report = Reports.file(http, Reports.report("vandalism",
                "Bushokje aan gort getrapt, overal glas op de stoep", "Kouvenderstraat 70", contact));
        UUID cluster = new Reports(http, db).clusterOf(report.reference());
        long households = counts(cluster)[0];
        long anonymous = counts(cluster)[1];
        assertThat(households).isPositive();

        erase(report).expectStatus().isOk();

        // Recounted after the erasure's commit (by the cluster feature, on its event).
        long[] after = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> counts(cluster), c -> c[0] == households - 1);
        assertThat(after[1]).isEqualTo(anonymous + 1);
    }

    private long[] counts(UUID cluster) {
        return db.sql("select household_count, anonymous_count from cluster where id = :id").bind("id", cluster)
                .map(row -> new long[] { row.get("household_count", Integer.class),
                        row.get("anonymous_count", Integer.class) })
                .one().block();
    }

    @Test
    void aWrongOrMissingTokenIs404AndErasesNothing() {
        String phone = FakeTwilio.newPhone();
        Created report = file("Stoeptegels liggen los, iemand is gestruikeld", "Kouvenderstraat 72", phone, null, null);
        // One letter changed (never the same letter: a token may itself start with "x").
        String wrong = (report.trackingToken().startsWith("x") ? "y" : "x") + report.trackingToken().substring(1);
        for (String token : new String[] { wrong, "" }) {
            http.get().uri("/api/v1/reports/{r}/personal-data?token={t}", report.reference(), token).exchange()
                    .expectStatus().isNotFound();
            http.delete().uri("/api/v1/reports/{r}/personal-data?token={t}", report.reference(), token).exchange()
                    .expectStatus().isNotFound();
        }
        http.delete().uri("/api/v1/reports/{r}/personal-data", report.reference()).exchange()
                .expectStatus().isNotFound();
        assertThat(count("select count(*) as n from reporter_contact where phone_hash = :v", sealed.phoneLookup(phone))).isEqualTo(1);
    }

    @Test
    void anAnonymousReportHoldsNothing() {
        Created report = Reports.file(http, "public_lighting", "Lantaarnpaal knippert de hele nacht", "Kouvenderstraat 60");
        personalData(report).expectStatus().isOk().expectBody().jsonPath("$.erased").isEqualTo(false)
                .jsonPath("$.held.length()").isEqualTo(0)
                .jsonPath("$.summary").isEqualTo(
                        "We bewaren geen naam, telefoonnummer, e-mailadres of woonadres van u bij deze melding.");
    }

    @Test
    void anOpenMediationKeepsTheDataUntilTheCoordinatorHandlesIt() {
        String phone = FakeTwilio.newPhone();
        Created report = file("Buurman zaagt elke avond tot laat, praten lukt niet", "Kouvenderstraat 63", phone,
                "Bram Zaagmans", null);
        UUID caseId = UUID.randomUUID();
        db.sql("""
                insert into case_file (id, type, status, step, category_code)
                values (:id, 'MEDIATION', 'OPEN', 'INTAKE', 'neighbour_dispute')""").bind("id", caseId).then().block();
        db.sql("""
                insert into case_report (case_id, report_id) select :c, id from report where reference = :r""")
                .bind("c", caseId).bind("r", report.reference()).then().block();

        erase(report).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("Neem contact op met de coördinator"));
        assertThat(count("select count(*) as n from reporter_contact where phone_hash = :v", sealed.phoneLookup(phone))).isEqualTo(1);
        assertThat(count("select count(*) as n from audit_entry where subject_id = :v", report.reference())).isZero();

        // Once the mediation is closed, the resident may erase.
        db.sql("update case_file set status = 'CLOSED', step = 'CLOSED', closed_at = now() where id = :id")
                .bind("id", caseId).then().block();
        erase(report).expectStatus().isOk().expectBody().jsonPath("$.erased").isEqualTo(true);
        assertThat(count("select count(*) as n from reporter_contact where phone_hash = :v", sealed.phoneLookup(phone))).isZero();
    }

    // --- helpers

    private static final org.springframework.core.ParameterizedTypeReference<Map<String, Object>> MAP =
            new org.springframework.core.ParameterizedTypeReference<>() {
            };

    private Created file(String description, String address, String phone, String name, String email) {
        Map<String, Object> contact = new HashMap<>(Reports.contact(phone, name));
        if (email != null) {
            contact.put("email", email);
        }
        return Reports.file(http, Reports.report("dumping", description, address, contact));
    }

    private WebTestClient.ResponseSpec personalData(Created report) {
        return http.get().uri("/api/v1/reports/{r}/personal-data?token={t}", report.reference(), report.trackingToken())
                .exchange();
    }

    private WebTestClient.ResponseSpec erase(Created report) {
        return http.delete().uri("/api/v1/reports/{r}/personal-data?token={t}", report.reference(),
                report.trackingToken()).exchange();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> values(Map<String, Object> answer, String list) {
        Map<String, Object> out = new HashMap<>();
        for (Object item : (List<Object>) answer.get(list)) {
            Map<String, Object> m = (Map<String, Object>) item;
            out.put((String) m.get("field"), m.get("value"));
        }
        return out;
    }

    private long count(String sql, String value) {
        return db.sql(sql).bind("v", value).map(row -> row.get("n", Long.class)).one().block();
    }
}
