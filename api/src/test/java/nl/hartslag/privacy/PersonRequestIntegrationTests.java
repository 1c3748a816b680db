package nl.hartslag.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.db.crypto.PersonalData;
import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TestAccounts;

/**
 * A person's formal request over real HTTP and the real database: a coordinator finds everything held
 * about one phone number (reports, a mediation party, messages), exports it with the values, erases it;
 * each step is an audit entry whose subject is the lookup hash, never the number. Refused as a whole while
 * an open mediation needs the data; only coordinators.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonRequestIntegrationTests {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
    private static final String VOLUNTEER = "vrijwilliger.verzoek";
    private static final String PASSWORD = "verzoek-Pa55word!";

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    PersonalData personalData;

    @Autowired
    StaffAccounts accounts;

    @BeforeAll
    void accounts() {
        accounts.create(VOLUNTEER, "Vik Verzoek", PASSWORD, EnumSet.of(Role.VOLUNTEER)).block();
    }

    @Test
    void aCoordinatorFindsExportsAndErasesEverythingAboutOneNumber() {
        String phone = FakeTwilio.newPhone();
        String typed = "0" + phone.substring(3, 4) + " " + phone.substring(4);
        Created first = Reports.file(http, Reports.report("noise", "Harde muziek uit een schuur, elke avond tot na middernacht",
                "Schoolstraat 3", Reports.contact(phone, "Wendy Zwanenburg")));
        Created second = Reports.file(http, Reports.report("litter",
                "Vuilniszakken opengescheurd door meeuwen bij de flats", "Schoolstraat 18", Reports.contact(phone, null)));
        UUID caseId = UUID.randomUUID();
        db.sql("""
                insert into case_file (id, type, status, step, category_code, closed_at)
                values (:id, 'MEDIATION', 'CLOSED', 'CLOSED', 'neighbour_dispute', now())""").bind("id", caseId)
                .then().block();
        db.sql("insert into case_party (case_id, role, name_sealed, phone_sealed, phone_hash, address_sealed)"
                + " values (:id, 'B', :n, :p, :h, :a)").bind("id", caseId).bind("n", personalData.seal("Wendy Zwanenburg"))
                .bind("p", personalData.seal(phone)).bind("h", personalData.phoneLookup(phone))
                .bind("a", personalData.seal("Schoolstraat 3")).then().block();
        String hash = personalData.phoneLookup(phone);

        // Find: where and which kinds, no values.
        Map<String, Object> found = http.get().uri("/api/v1/staff/persons?phone={p}", typed)
                .headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk().expectHeader()
                .cacheControl(org.springframework.http.CacheControl.noStore()).expectBody(MAP).returnResult()
                .getResponseBody();
        assertThat(found.toString()).doesNotContain(phone.substring(4)).doesNotContain("Zwanenburg");
        assertThat(found).containsEntry("subject", hash);
        assertThat(((List<?>) found.get("reports")).stream().map(r -> (Object) ((Map<?, ?>) r).get("reference")).toList())
                .containsExactlyInAnyOrder(first.reference(), second.reference());
        assertThat(((List<?>) found.get("cases")).stream().map(c -> (Object) ((Map<?, ?>) c).get("caseId")).toList())
                .containsExactly(caseId.toString());

        // Export: the values.
        http.get().uri("/api/v1/staff/persons/export?phone={p}", phone).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.reports[?(@.reference == '" + first.reference() + "')].name").isEqualTo("Wendy Zwanenburg")
                .jsonPath("$.reports[?(@.reference == '" + first.reference() + "')].phone").isEqualTo(phone)
                .jsonPath("$.cases[0].address").isEqualTo("Schoolstraat 3");

        // Erase.
        http.delete().uri("/api/v1/staff/persons?phone={p}", typed).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.reports.length()").isEqualTo(2)
                .jsonPath("$.cases[0]").isEqualTo(caseId.toString());
        assertThat(count("select count(*) as n from reporter_contact where phone_hash = :v", hash)).isZero();
        assertThat(count("select count(*) as n from case_party where phone_hash = :v", hash)).isZero();
        assertThat(count("""
                select count(*) as n from notification_recipient r join notification n on n.id = r.notification_id
                 where r.address_hash = :v and n.status <> 'SENDING'""", hash)).isZero();
        // The reports stay, anonymous, with the resident's erasure's history line.
        assertThat(count("""
                select count(*) as n from report_event e join report r on r.id = e.report_id
                 where r.reference = :v and e.message_code = 'report.personal-data.erased'
                   and e.actor = 'staff:coordinator'""", first.reference())).isEqualTo(1);

        // The audit trail: view, export, erase about the person by hash; never the number.
        assertThat(db.sql("select purpose from audit_entry where subject_type = 'person' and subject_id = :h order by id")
                .bind("h", hash).map(r -> r.get("purpose", String.class)).all().collectList().block())
                .containsExactly("view", "export", "erase");
        assertThat(count("select count(*) as n from audit_entry where subject_id like '%' || :v || '%'",
                phone.substring(4))).isZero();
        assertThat(count("select count(*) as n from audit_entry where subject_id = :v and purpose = 'erase'"
                + " and actor = 'coordinator'", first.reference())).isEqualTo(1);

        // Again: nothing left, nothing erased.
        http.delete().uri("/api/v1/staff/persons?phone={p}", phone).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.reports.length()").isEqualTo(0)
                .jsonPath("$.cases.length()").isEqualTo(0);
    }

    @Test
    void byEmailAddressWhateverItsCase() {
        String email = "melder." + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
        Created report = Reports.file(http, Reports.report("litter", "Glasscherven bij het bankje op het pleintje",
                "Schoolstraat 25", Map.of("email", email)));
        http.get().uri("/api/v1/staff/persons?email={e}", email.toUpperCase()).headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.reports[0].reference")
                .isEqualTo(report.reference()).jsonPath("$.subject").isEqualTo(personalData.emailLookup(email));
    }

    @Test
    void anOpenMediationRefusesTheWholeErasure() {
        String phone = FakeTwilio.newPhone();
        Created report = Reports.file(http, Reports.report("neighbour_dispute",
                "De buren boren elke zondagochtend om zeven uur, praten helpt niet", "Schoolstraat 30",
                Reports.contact(phone, "Pim Boorman")));
        Created other = Reports.file(http, Reports.report("litter", "Iemand laat steeds pizzadozen achter op de stoep",
                "Schoolstraat 32", Reports.contact(phone, null)));
        UUID caseId = UUID.randomUUID();
        db.sql("""
                insert into case_file (id, type, status, step, category_code)
                values (:id, 'MEDIATION', 'OPEN', 'INTAKE', 'neighbour_dispute')""").bind("id", caseId).then().block();
        db.sql("insert into case_report (case_id, report_id) select :c, id from report where reference = :r")
                .bind("c", caseId).bind("r", report.reference()).then().block();

        http.delete().uri("/api/v1/staff/persons?phone={p}", phone).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isEqualTo(409).expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(count("select count(*) as n from reporter_contact where phone_hash = :v", personalData.phoneLookup(phone)))
                .isEqualTo(2);
        assertThat(count("select count(*) as n from audit_entry where subject_id = :v and purpose = 'erase'",
                other.reference())).isZero();
    }

    @Test
    void onlyCoordinatorsAndExactlyOneValidPerson() {
        http.get().uri("/api/v1/staff/persons?phone=0612345678").headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD))
                .exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/staff/persons/export?phone=0612345678").exchange().expectStatus().isUnauthorized();
        http.delete().uri("/api/v1/staff/persons?phone=0612345678").headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD))
                .exchange().expectStatus().isForbidden();
        for (String query : List.of("", "phone=0612345678&email=a@example.nl", "phone=geen-nummer", "email=geen")) {
            http.get().uri("/api/v1/staff/persons?" + query).headers(TestAccounts::asCoordinator).exchange()
                    .expectStatus().isBadRequest().expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    private long count(String sql, Object value) {
        return db.sql(sql).bind("v", value).map(r -> r.get("n", Long.class)).one().block();
    }
}
