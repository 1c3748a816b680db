package nl.hartslag.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
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
 * Retention over the real database, moving the clock: a closed report's contact data goes after twelve
 * months and its statistics stay; a closed mediation's parties and notes after twelve months; a closed
 * report's text is pseudonymised after 24 months; audit entries go after five years and not a day earlier,
 * through the one database function that may remove them. Running twice changes nothing the second time.
 *
 * <p>Test classes share one database and run one after another: a run with the clock ahead also handles
 * what earlier classes left behind (they are done with it), so assertions are by reference only.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionIntegrationTests {

    @Autowired
    nl.hartslag.db.crypto.PersonalData personalData;

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    Retention retention;

    @Autowired
    StaffAccounts accounts;

    private static final String WOP = "wop.retentie";
    private static final String PASSWORD = "retentie-Pa55word!";

    @BeforeAll
    void accounts() {
        accounts.create(WOP, "Wim Wijkploeg", PASSWORD, EnumSet.of(Role.WOP)).block();
    }

    private static Instant ahead(int months) {
        return Instant.now().atZone(ZoneOffset.UTC).plus(Period.ofMonths(months)).toInstant();
    }

    @Test
    void thirteenMonthsAfterClosingTheContactIsErasedAndTheStatisticsStayAndASecondRunChangesNothing() {
        String phone = FakeTwilio.newPhone();
        Created closed = Reports.file(http, Reports.report("dumping",
                "Iemand dumpt bouwafval achter de garageboxen, al drie keer deze maand", "Klinkertstraat 12",
                Reports.contact(phone, "Roos Vermeulen")));
        Created open = Reports.file(http, Reports.report("dumping",
                "Een kapotte koelkast is naast het hek van de speeltuin neergezet", "Klinkertstraat 40",
                Reports.contact(FakeTwilio.newPhone(), "Oscar Linders")));
        UUID cluster = new Reports(http, db).clusterOf(closed.reference());
        close(closed);

        assertThat(retention.run(ahead(11)).block()).isNotNull();
        assertThat(contactOf(closed)).isPresent();

        Retention.Counts first = retention.run(ahead(13)).block();
        assertThat(first.reporterContacts()).isPositive();
        assertThat(contactOf(closed)).isEmpty();
        assertThat(count("select count(*) as n from reporter_contact where phone_hash = :v", personalData.phoneLookup(phone)))
                .isZero();
        // Still open: kept.
        assertThat(contactOf(open)).isPresent();

        // The statistics stay: the report, its kind, place, problem and status.
        Map<String, Object> row = db.sql("select category_code, street, cluster_id, status from report where reference = :r")
                .bind("r", closed.reference()).fetch().one().block();
        assertThat(row).containsEntry("category_code", "dumping").containsEntry("street", "Klinkertstraat")
                .containsEntry("cluster_id", cluster).containsEntry("status", "CLOSED");
        // The history says so, as after the resident's own erasure; the status page still works.
        http.get().uri("/api/v1/reports/{r}?token={t}", closed.reference(), closed.trackingToken()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.history[?(@.message =~ /Gegevens verwijderd \\(AVG\\).*/)]").exists();
        assertThat(count("""
                select count(*) as n from report_event e join report r on r.id = e.report_id
                 where r.reference = :v and e.message_code = 'report.personal-data.erased'
                   and e.actor = 'system:retention'""", closed.reference())).isEqualTo(1);
        Map<String, Object> audit = db.sql("""
                select actor, role, array_to_string(fields, ',') as fields from audit_entry
                 where subject_type = 'report' and subject_id = :r and purpose = 'retention'""")
                .bind("r", closed.reference()).fetch().one().block();
        assertThat(audit).containsEntry("actor", "retention").containsEntry("role", "SYSTEM")
                .containsEntry("fields", "name,phone");

        // Run twice: nothing more happens to it.
        retention.run(ahead(13)).block();
        assertThat(count("""
                select count(*) as n from report_event e join report r on r.id = e.report_id
                 where r.reference = :v and e.message_code = 'report.personal-data.erased'""", closed.reference()))
                .isEqualTo(1);
        assertThat(count("select count(*) as n from audit_entry where subject_id = :v and purpose = 'retention'",
                closed.reference())).isEqualTo(1);
        assertThat(contactOf(open)).isPresent();
    }

    @Test
    void aMediationsPartiesAndNotesGoTwelveMonthsAfterItClosedTheContactMomentsStay() {
        UUID caseId = UUID.randomUUID();
        UUID volunteer = UUID.randomUUID();
        String partyPhone = FakeTwilio.newPhone();
        String volunteerPhone = FakeTwilio.newPhone();
        db.sql("insert into volunteer (id, name_sealed, phone_sealed, phone_hash) values (:id, :n, :p, :h)")
                .bind("id", volunteer).bind("n", personalData.seal("Vera Bemiddel"))
                .bind("p", personalData.seal(volunteerPhone)).bind("h", personalData.phoneLookup(volunteerPhone))
                .then().block();
        db.sql("""
                insert into case_file (id, type, status, step, category_code, closed_at, description_sealed, closing_note)
                values (:id, 'MEDIATION', 'CLOSED', 'CLOSED', 'neighbour_dispute', now(), :d,
                        'Afspraak gemaakt, Hugo snoeit in het voorjaar')""").bind("id", caseId)
                .bind("d", personalData.seal("De wijkagent meldt: ruzie tussen buurman Hugo Brands en mevrouw Tas over de heg"))
                .then().block();
        db.sql("insert into case_party (case_id, role, name_sealed, phone_sealed, phone_hash, address_sealed)"
                + " values (:id, 'B', :n, :p, :h, :a)").bind("id", caseId).bind("n", personalData.seal("Hugo Brands"))
                .bind("p", personalData.seal(partyPhone)).bind("h", personalData.phoneLookup(partyPhone))
                .bind("a", personalData.seal("Klinkertstraat 9")).then().block();
        db.sql("insert into contact_moment (case_id, volunteer_id, kind, occurred_at, note_sealed) values (:id, :v,"
                + " 'PARTY_B', now(), :note)").bind("id", caseId).bind("v", volunteer)
                .bind("note", personalData.seal("Hugo was boos over de heg")).then().block();

        retention.run(ahead(11)).block();
        assertThat(count("select count(*) as n from case_party where case_id = :v", caseId)).isEqualTo(1);

        assertThat(retention.run(ahead(13)).block().mediationCases()).isPositive();
        assertThat(count("select count(*) as n from case_party where case_id = :v", caseId)).isZero();
        assertThat(count("select count(*) as n from case_party where phone_hash = :v", personalData.phoneLookup(partyPhone)))
                .isZero();
        assertThat(count("select count(*) as n from contact_moment where case_id = :v", caseId)).isEqualTo(1);
        // The referrer's text and the closing note name the parties: pseudonymised with them.
        assertThat(db.sql("select description_sealed, closing_note from case_file where id = :id").bind("id", caseId)
                .map(r -> personalData.open(r.get("description_sealed", String.class)) + " | "
                        + r.get("closing_note", String.class))
                .one().block()).isEqualTo(
                        "De wijkagent meldt: ruzie tussen buurman [naam] en mevrouw [naam] over de heg | Afspraak"
                                + " gemaakt, [naam] snoeit in het voorjaar");
        assertThat(count("select count(*) as n from contact_moment where case_id = :v and note_sealed is not null", caseId))
                .isZero();
        assertThat(db.sql("select array_to_string(fields, ',') as f from audit_entry where subject_type = 'case'"
                + " and subject_id = :id and purpose = 'retention'").bind("id", caseId.toString())
                .map(r -> r.get("f", String.class)).all().collectList().block()).containsExactly("parties,contacts");

        retention.run(ahead(13)).block();
        assertThat(count("select count(*) as n from audit_entry where subject_id = :v and purpose = 'retention'",
                caseId.toString())).isEqualTo(1);
    }

    @Test
    void aClosedReportsTextIsPseudonymisedAfterTwentyFourMonthsOnce() {
        String text = "Meneer Wolters laat zijn hond elke ochtend op de stoep poepen, bel 06-55512345 als u hem ziet";
        Created report = Reports.file(http, Reports.report("animal", text, "Klinkertstraat 22"));
        close(report);

        // The number is contact data from the start: kept sealed, the text in the clear has a placeholder.
        String inClear = "Meneer Wolters laat zijn hond elke ochtend op de stoep poepen, bel [telefoonnummer] als u"
                + " hem ziet";
        retention.run(ahead(13)).block();
        assertThat(description(report)).isEqualTo(inClear);
        assertThat(originalSealed(report)).isTrue();

        assertThat(retention.run(ahead(25)).block().reportTexts()).isPositive();
        String pseudonymised = "Meneer [naam] laat zijn hond elke ochtend op de stoep poepen, bel [telefoonnummer] als u"
                + " hem ziet";
        assertThat(description(report)).isEqualTo(pseudonymised);
        // The sealed original goes with it.
        assertThat(originalSealed(report)).isFalse();
        Instant done = db.sql("select pseudonymised_at from report where reference = :r").bind("r", report.reference())
                .map(r -> r.get("pseudonymised_at", Instant.class)).one().block();
        assertThat(done).isNotNull();
        assertThat(db.sql("select category_code from report where reference = :r").bind("r", report.reference())
                .map(r -> r.get("category_code", String.class)).one().block()).isEqualTo("animal");

        retention.run(ahead(25)).block();
        assertThat(db.sql("select pseudonymised_at from report where reference = :r").bind("r", report.reference())
                .map(r -> r.get("pseudonymised_at", Instant.class)).one().block()).isEqualTo(done);
    }

    @Test
    void auditEntriesGoAfterFiveYearsThroughTheDatabaseFunctionAndNeverEarlier() {
        String old = "HS-RTN" + "2-" + randomPair();
        String recent = "HS-RTN" + "3-" + randomPair();
        insertAudit(old, "6 years");
        insertAudit(recent, "4 years 11 months");

        // Even with the clock ten years ahead, the database keeps what is younger than five years by its clock.
        retention.run(ahead(120)).block();
        assertThat(auditCount(old)).isZero();
        assertThat(auditCount(recent)).isEqualTo(1);

        // The function itself refuses to go below five years, whatever cutoff it is given.
        db.sql("select purge_audit_entries(now() + interval '1 year', 100)").then().block();
        assertThat(auditCount(recent)).isEqualTo(1);

        // Outside the function the application still cannot remove or change an entry, not even an old
        // one, not even with the function's flag set by hand; and it holds no right to.
        insertAudit(old, "7 years");
        assertThatThrownBy(() -> db.sql("delete from audit_entry where subject_id = :s").bind("s", old).then().block())
                .isNotNull();
        assertThatThrownBy(() -> db.sql("update audit_entry set actor = 'x' where subject_id = :s").bind("s", recent)
                .then().block()).isNotNull();
        assertThatThrownBy(() -> db.inConnection(c -> reactor.core.publisher.Flux.from(c.beginTransaction())
                .thenMany(c.createStatement("select set_config('hartslag.audit_purge', 'on', true)").execute())
                .thenMany(c.createStatement("delete from audit_entry where subject_id = '" + old + "'").execute())
                .flatMap(r -> r.getRowsUpdated()).then(reactor.core.publisher.Mono.from(c.rollbackTransaction()))
                .thenReturn(1)).block()).isNotNull();
        assertThat(auditCount(old)).isEqualTo(1);
        assertThat(db.sql("select has_table_privilege(current_user, 'audit_entry', 'UPDATE')"
                + " or has_table_privilege(current_user, 'audit_entry', 'DELETE')"
                + " or has_table_privilege(current_user, 'audit_entry', 'TRUNCATE') as any")
                .map(r -> r.get("any", Boolean.class)).one().block()).isFalse();
    }

    @Test
    void coordinatorsSeeWhatIsDueAndRunItNowOthersMayNot() {
        http.get().uri("/api/v1/staff/retention").headers(TestAccounts::asCoordinator).exchange().expectStatus()
                .isOk().expectBody().jsonPath("$.periods.reporterContact").isEqualTo("P12M")
                .jsonPath("$.periods.auditEntries").isEqualTo("P5Y")
                .jsonPath("$.due.reporterContacts").isNumber().jsonPath("$.due.auditEntries").isNumber();
        http.post().uri("/api/v1/staff/retention/run").headers(TestAccounts::asCoordinator).exchange().expectStatus()
                .isOk().expectBody().jsonPath("$.reportTexts").isNumber();
        http.get().uri("/api/v1/staff/retention").exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/v1/staff/retention/run").headers(h -> h.setBasicAuth(WOP, PASSWORD)).exchange()
                .expectStatus().isForbidden();
    }

    // --- helpers

    private void close(Created report) {
        http.post().uri("/api/v1/staff/reports/{r}/status", report.reference()).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("status", "CLOSED")).exchange().expectStatus().isOk();
    }

    private Optional<UUID> contactOf(Created report) {
        return db.sql("select reporter_contact_id from report where reference = :r").bind("r", report.reference())
                .map(row -> Optional.ofNullable(row.get("reporter_contact_id", UUID.class))).one().block();
    }

    private String description(Created report) {
        return db.sql("select description from report where reference = :r").bind("r", report.reference())
                .map(r -> r.get("description", String.class)).one().block();
    }

    private boolean originalSealed(Created report) {
        return db.sql("select description_original_sealed is not null as held from report where reference = :r")
                .bind("r", report.reference()).map(r -> Boolean.TRUE.equals(r.get("held", Boolean.class))).one()
                .block();
    }

    private long count(String sql, Object value) {
        return db.sql(sql).bind("v", value).map(r -> r.get("n", Long.class)).one().block();
    }

    private void insertAudit(String subject, String age) {
        db.sql("insert into audit_entry (at, actor, role, subject_type, subject_id, fields, purpose)"
                + " values (now() - cast(:age as interval), 'someone', 'COORDINATOR', 'report', :s, '{name}', 'view')")
                .bind("age", age).bind("s", subject).then().block();
    }

    private long auditCount(String subject) {
        return count("select count(*) as n from audit_entry where subject_id = :v", subject);
    }

    private static String randomPair() {
        String alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        java.util.Random random = new java.util.Random();
        return "" + alphabet.charAt(random.nextInt(alphabet.length())) + alphabet.charAt(random.nextInt(alphabet.length()));
    }
}
