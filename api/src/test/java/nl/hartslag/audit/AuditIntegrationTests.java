package nl.hartslag.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TestAccounts;

/**
 * The audit trail over real HTTP and the real database: a coordinator's look at a report with
 * contact details leaves an entry with the fields shown; the application cannot change or remove
 * entries; coordinators read them per report and per person, as JSON and as CSV; nobody else can.
 * (Per case and a volunteer's look at a case's parties: CaseWorkIntegrationTests.)
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditIntegrationTests {

    private static final String PASSWORD = "audit-Pa55word!";
    private static final String VOLUNTEER = "vrijwilliger.audit";
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LINES = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    nl.hartslag.db.crypto.PersonalData sealed;

    @Autowired
    StaffAccounts accounts;

    @BeforeAll
    void accounts() {
        accounts.create(VOLUNTEER, "Valentijn Vrijwilliger", PASSWORD, EnumSet.of(Role.VOLUNTEER)).block();
    }

    @Test
    void aCoordinatorsLookAtAReportWithContactIsRecordedWithTheFieldsShown() {
        String phone = FakeTwilio.newPhone();
        Created report = Reports.file(http, "other", "Een omgewaaide lantaarnpaal ligt dwars over het fietspad",
                "Kouvenderstraat 7", Reports.contact(phone, "Lotte Laurier"));

        http.get().uri("/api/v1/staff/reports/{reference}", report.reference()).headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.contact.phone").isEqualTo(phone);

        List<Map<String, Object>> rows = db.sql("select actor, role, fields, purpose, at from audit_entry"
                + " where subject_type = 'report' and subject_id = :ref").bind("ref", report.reference())
                .fetch().all().collectList().block();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("actor", TestAccounts.COORDINATOR).containsEntry("role", "COORDINATOR")
                .containsEntry("purpose", "view");
        assertThat((String[]) rows.get(0).get("fields")).containsExactly("name", "phone");
        assertThat(rows.get(0).get("at")).isNotNull();

        // Per report, newest first; the look at the audit trail is itself recorded.
        List<Map<String, Object>> lines = audit("reference=" + report.reference().toLowerCase());
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).containsEntry("subjectId", report.reference()).containsEntry("purpose", "view")
                .containsEntry("fields", List.of("name", "phone"));
        lines = audit("reference=" + report.reference());
        assertThat(lines).extracting(l -> l.get("purpose")).containsExactly("audit", "view");
    }

    @Test
    void aCoordinatorsLookAtTheVolunteersIsRecordedPerVolunteer() {
        Map<String, Object> volunteer = http.post().uri("/api/v1/staff/volunteers")
                .headers(TestAccounts::asCoordinator).bodyValue(Map.of("name", "Vincent Vlier", "phone",
                        FakeTwilio.newPhone(), "street", "Vlierstraat", "maxOpenCases", 1))
                .exchange().expectStatus().isCreated().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        String id = (String) volunteer.get("id");
        String recorded = "select count(*) as n from audit_entry where subject_type = 'volunteer' and subject_id = :id"
                + " and actor = :actor and 'phone' = any(fields)";
        // Registering shows nothing the coordinator did not type; listing shows name, phone and street.
        assertThat(db.sql(recorded).bind("id", id).bind("actor", TestAccounts.COORDINATOR)
                .map(r -> r.get("n", Long.class)).one().block()).isZero();
        http.get().uri("/api/v1/staff/volunteers").headers(TestAccounts::asCoordinator).exchange().expectStatus()
                .isOk();
        assertThat(db.sql(recorded).bind("id", id).bind("actor", TestAccounts.COORDINATOR)
                .map(r -> r.get("n", Long.class)).one().block()).isEqualTo(1L);
    }

    @Test
    void theApplicationCanNeitherChangeNorRemoveAnEntry() {
        String subject = "HS-2222-" + "ZZ";
        db.sql("insert into audit_entry (actor, role, subject_type, subject_id, fields, purpose)"
                + " values ('someone', 'COORDINATOR', 'report', :s, '{name}', 'view')").bind("s", subject)
                .then().block();

        assertThatThrownBy(() -> db.sql("update audit_entry set actor = 'nobody' where subject_id = :s")
                .bind("s", subject).then().block()).isNotNull();
        assertThatThrownBy(() -> db.sql("delete from audit_entry where subject_id = :s").bind("s", subject).then()
                .block()).isNotNull();
        assertThatThrownBy(() -> db.sql("truncate audit_entry").then().block()).isNotNull();

        assertThat(db.sql("select actor from audit_entry where subject_id = :s").bind("s", subject)
                .map(r -> r.get("actor", String.class)).all().collectList().block()).containsExactly("someone");
        // Not only the trigger: the application's role holds no right to change or remove entries.
        assertThat(db.sql("select has_table_privilege(current_user, 'audit_entry', 'UPDATE')"
                + " or has_table_privilege(current_user, 'audit_entry', 'DELETE')"
                + " or has_table_privilege(current_user, 'audit_entry', 'TRUNCATE') as any")
                .map(r -> r.get("any", Boolean.class)).one().block()).isFalse();
    }

    @Test
    void aPersonsEntriesAreFoundByTheirPhoneNumberAsTypedOrTheirEmailAddress() {
        String phone = FakeTwilio.newPhone();
        Created byPhone = Reports.file(http, "other", "Een kapotte stoeprand waar de rollator achter blijft haken",
                "Kouvenderstraat 31", Reports.contact(phone, null));
        String email = "hulst." + phone.substring(4) + "@example.nl";
        Created byEmail = Reports.file(http, "other", "Zwerfvuil rond de glasbak, al de hele week niet opgehaald",
                "Kouvenderstraat 44", Map.of("email", email));
        Created someoneElse = Reports.file(http, "other", "Een tak hangt laag over de stoep bij de bushalte",
                "Kouvenderstraat 19", Reports.contact(FakeTwilio.newPhone(), "Iemand Anders"));
        for (Created report : List.of(byPhone, byEmail, someoneElse)) {
            http.get().uri("/api/v1/staff/reports/{reference}", report.reference())
                    .headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk();
        }

        // "06 1…" as a coordinator types it, for "+316 1…" as stored.
        List<Map<String, Object>> lines = audit("person=0" + phone.substring(3, 4) + " " + phone.substring(4));
        assertThat(lines).extracting(l -> l.get("subjectId")).containsExactly(byPhone.reference());
        assertThat(lines.get(0)).containsEntry("fields", List.of("phone"));

        lines = audit("person=" + email.toUpperCase());
        assertThat(lines).extracting(l -> l.get("subjectId")).containsExactly(byEmail.reference());
        assertThat(lines.get(0)).containsEntry("fields", List.of("email"));
        // The look per person is recorded about that person, named by the keyed hash of what was searched
        // for, never the address or number itself (issue 15).
        assertThat(personLooks(sealed.emailLookup(email))).isEqualTo(1L);
        assertThat(personLooks(sealed.phoneLookup(phone))).isEqualTo(1L);
        assertThat(personLooks(email)).isZero();
        assertThat(personLooks(email.toUpperCase())).isZero();
        assertThat(personLooks(phone)).isZero();
    }

    private long personLooks(String subject) {
        return db.sql("select count(*) as n from audit_entry where subject_type = 'person' and subject_id = :e"
                + " and purpose = 'audit'").bind("e", subject).map(r -> r.get("n", Long.class)).one().block();
    }

    @Test
    void theEntriesDownloadAsCsv() {
        Created report = Reports.file(http, "other", "Een gat in het wegdek vlak voor de inrit, al weken",
                "Kouvenderstraat 12", Reports.contact(FakeTwilio.newPhone(), "Kees Kuil"));
        http.get().uri("/api/v1/staff/reports/{reference}", report.reference()).headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk();

        var result = http.get().uri("/api/v1/staff/audit?reference={r}", report.reference())
                .headers(TestAccounts::asCoordinator).accept(MediaType.parseMediaType("text/csv")).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult();
        assertThat(result.getResponseHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv")))
                .isTrue();
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .startsWith("attachment; filename=\"audit-report-" + report.reference());
        String[] csvLines = result.getResponseBody().split("\r\n");
        assertThat(csvLines[0]).isEqualTo("at,actor,role,subject_type,subject_id,fields,purpose");
        assertThat(csvLines).hasSize(2);
        assertThat(csvLines[1]).endsWith(",coordinator,COORDINATOR,report," + report.reference() + ",name;phone,view");
    }

    @Test
    void onlyCoordinatorsReadTheTrailAndExactlyOneSubjectIsAsked() {
        http.get().uri("/api/v1/staff/audit?reference=HS-2222-22").headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD))
                .exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/staff/audit?reference=HS-2222-22").exchange().expectStatus().isUnauthorized();

        for (String query : List.of("", "reference=HS-2222-22&person=0612345678", "case=not-a-uuid",
                "reference=HS-2222-22&limit=501", "person=geen-nummer")) {
            http.get().uri("/api/v1/staff/audit?" + query).headers(TestAccounts::asCoordinator).exchange()
                    .expectStatus().isBadRequest().expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    private List<Map<String, Object>> audit(String query) {
        return http.get().uri("/api/v1/staff/audit?" + query).headers(TestAccounts::asCoordinator)
                .accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isOk().expectBody(LINES).returnResult()
                .getResponseBody();
    }
}
