package nl.hartslag.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.db.crypto.PersonalData;
import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.TestAccounts;

/**
 * The outreach API against the started server and the real database: a report on a resident's
 * behalf (channel outreach, the visited address resolved, the contact and the note sealed), visits
 * with and without a report, who sees which visits and house numbers, and the refusals in Dutch and
 * English.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutreachIntegrationTests {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {
            };
    private static final String PASSWORD = "deur-aan-deur-Pa55";
    private static final String WORKER = "outreach.klopper";
    private static final String OTHER_WORKER = "outreach.bellerman";
    private static final String VOLUNTEER = "vrijwilliger.outreachtest";

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    PersonalData personalData;

    @BeforeAll
    void accounts() {
        // Five builds share two cores at times: a slow answer is not a wrong one.
        http = http.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
        accounts.create(WORKER, "Koen Klopper", PASSWORD, EnumSet.of(Role.OUTREACH)).block();
        accounts.create(OTHER_WORKER, "Bea Bellerman", PASSWORD, EnumSet.of(Role.OUTREACH)).block();
        accounts.create(VOLUNTEER, "Vera Vrijwillig", PASSWORD, EnumSet.of(Role.VOLUNTEER)).block();
    }

    private static void as(HttpHeaders headers, String username) {
        headers.setBasicAuth(username, PASSWORD);
    }

    private static Map<String, Object> reportBody(String address, String category, String description) {
        return new HashMap<>(Map.of("address", address, "category", category, "description", description));
    }

    private Map<String, Object> file(String worker, Map<String, Object> body) {
        return http.post().uri("/api/v1/staff/outreach/reports").headers(h -> as(h, worker)).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
    }

    private Map<String, Object> visit(String worker, Map<String, Object> body) {
        return http.post().uri("/api/v1/staff/outreach/visits").headers(h -> as(h, worker)).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
    }

    private static String today() {
        return LocalDate.now(ZoneId.of("Europe/Amsterdam")).toString();
    }

    @Test
    void aReportOnAResidentsBehalfIsAnOutreachReportAtTheVisitedAddressWithItsContactAndNoteSealed() {
        String phone = FakeTwilio.newPhone();
        String note = "Bewoner oogt vermoeid, woont alleen sinds kort, keukenraam kapot";
        Map<String, Object> body = reportBody("Lariksstraat 5", "noise",
                "Bewoner hoort elke nacht een brommende pomp bij de buren achter de schutting");
        body.put("contact", Map.of("via", "SMS", "phone", phone, "name", "Lotte Larikshof", "email",
                "niet.bewaren@voorbeeld.nl"));
        body.put("note", note);
        body.put("statusLink", true);
        Map<String, Object> created = file(WORKER, body);

        String reference = (String) created.get("reference");
        assertThat(reference).startsWith("HS-");
        assertThat((String) created.get("statusUrl")).contains("/m/" + reference + "?t=");
        assertThat(created.get("trackingToken")).isNotNull();

        Map<String, Object> row = db.sql("""
                select r.channel, r.street, r.house_number, r.lat, r.lon, c.phone_sealed, c.email_sealed,
                       c.home_house_number_sealed, n.note_sealed, n.worker
                from report r left join reporter_contact c on c.id = r.reporter_contact_id
                left join outreach_note n on n.report_id = r.id where r.reference = :r
                """).bind("r", reference).fetch().one().block();
        assertThat(row.get("channel")).isEqualTo("outreach");
        assertThat(row.get("street")).isEqualTo("Lariksstraat");
        assertThat(row.get("house_number")).isEqualTo("5");
        assertThat(row.get("lat")).isNotNull();
        assertThat(row.get("worker")).isEqualTo(WORKER);
        assertThat(personalData.open((String) row.get("phone_sealed"))).isEqualTo(phone);
        assertThat(row.get("email_sealed")).as("only what the chosen way needs is kept").isNull();
        assertThat(personalData.open((String) row.get("home_house_number_sealed"))).isEqualTo("5");
        assertThat((String) row.get("note_sealed")).doesNotContain("vermoeid");
        assertThat(personalData.open((String) row.get("note_sealed"))).isEqualTo(note);

        // The coordinator's report view shows the note, and records the look.
        http.get().uri("/api/v1/staff/reports/{r}", reference).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.channel").isEqualTo("OUTREACH")
                .jsonPath("$.coordinatorNotes[0].kind").isEqualTo("outreach-note")
                .jsonPath("$.coordinatorNotes[0].author").isEqualTo(WORKER)
                .jsonPath("$.coordinatorNotes[0].text").isEqualTo(note);
        List<String> fields = db.sql("select array_to_string(fields, ',') as f from audit_entry"
                + " where subject_type = 'report' and subject_id = :r and actor = :a")
                .bind("r", reference).bind("a", TestAccounts.COORDINATOR).map(r -> r.get("f", String.class)).all()
                .collectList().block();
        assertThat(fields).anySatisfy(f -> assertThat(f).contains("outreach-note").contains("phone"));
    }

    @Test
    void withoutAStatusLinkOrContactTheAnswerIsTheReferenceOnlyAndNothingPersonalIsStored() {
        Map<String, Object> created = file(WORKER, reportBody("Lariksstraat 7", "litter",
                "Zwerfvuil langs de stoep na de markt, volgens de bewoner elke week"));
        assertThat(created.get("trackingToken")).isNull();
        assertThat(created.get("statusUrl")).isNull();
        Map<String, Object> row = db.sql("select reporter_contact_id, channel from report where reference = :r")
                .bind("r", created.get("reference")).fetch().one().block();
        assertThat(row.get("reporter_contact_id")).isNull();
        assertThat(row.get("channel")).isEqualTo("outreach");
        assertThat(db.sql("select count(*) as n from outreach_note n join report r on r.id = n.report_id"
                + " where r.reference = :r").bind("r", created.get("reference"))
                .map(r -> r.get("n", Long.class)).one().block()).isZero();
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstReportAndErasureTakesTheNoteWithTheContact() {
        Map<String, Object> body = reportBody("Lariksstraat 11", "litter",
                "Bewoner vindt elke maandag opengescheurde vuilniszakken aan de straat");
        body.put("contact", Map.of("via", "EMAIL", "email", "lariks.elf@voorbeeld.nl"));
        body.put("note", "Bewoner wil liever niet dat de buren weten dat zij meldt");
        body.put("statusLink", true);
        String key = "outreach-retry-" + java.util.UUID.randomUUID();
        Map<String, Object> first = http.post().uri("/api/v1/staff/outreach/reports").headers(h -> as(h, WORKER))
                .header("Idempotency-Key", key).bodyValue(body).exchange().expectStatus().isCreated()
                .expectBody(JSON).returnResult().getResponseBody();
        Map<String, Object> again = http.post().uri("/api/v1/staff/outreach/reports").headers(h -> as(h, WORKER))
                .header("Idempotency-Key", key).bodyValue(body).exchange().expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(again.get("reference")).isEqualTo(first.get("reference"));
        assertThat(notes((String) first.get("reference"))).isEqualTo(1);

        // The resident erases their data with the status link: the note about the household goes too.
        http.delete().uri("/api/v1/reports/{r}/personal-data?token={t}", first.get("reference"),
                first.get("trackingToken")).exchange().expectStatus().isOk();
        assertThat(nl.hartslag.support.TwilioWebhooks.await(() -> notes((String) first.get("reference")),
                n -> n == 0, java.time.Duration.ofSeconds(10))).isZero();
    }

    private long notes(String reference) {
        return db.sql("select count(*) as n from outreach_note n join report r on r.id = n.report_id"
                + " where r.reference = :r").bind("r", reference).map(r -> r.get("n", Long.class)).one().block();
    }

    @Test
    void aVisitIsStoredWithItsHouseNumberSealedAndItsHouseholdHash() {
        Map<String, Object> report = file(WORKER, reportBody("Taxusstraat 3", "dumping",
                "Grofvuil achter de garages, de bewoner zag een bestelbus het neerzetten"));
        Map<String, Object> visit = visit(WORKER, new HashMap<>(Map.of("address", "taxusstraat 3", "visitedOn",
                today(), "topics", List.of("dumping", "general"), "followUp", true, "report",
                report.get("reference"))));
        assertThat(visit.get("street")).isEqualTo("Taxusstraat");
        assertThat(visit.get("houseNumber")).isEqualTo("3");
        assertThat(visit.get("report")).isEqualTo(report.get("reference"));
        assertThat(visit.get("worker")).isEqualTo(WORKER);
        assertThat(visit.get("neighbourhood")).isNotNull();

        Map<String, Object> row = db.sql("""
                select v.street, v.house_number_sealed, v.household_hash, v.neighbourhood, v.follow_up,
                       array_to_string(v.topics, ',') as topics, v.worker, r.reference
                from outreach_visit v join report r on r.id = v.report_id where v.id = :id
                """).bind("id", java.util.UUID.fromString((String) visit.get("id"))).fetch().one().block();
        assertThat(row.get("street")).isEqualTo("Taxusstraat");
        assertThat((String) row.get("house_number_sealed")).isNotEqualTo("3");
        assertThat(personalData.open((String) row.get("house_number_sealed"))).isEqualTo("3");
        assertThat(row.get("household_hash")).isEqualTo(personalData.lookup("address", "taxusstraat 3"));
        assertThat(row.get("topics")).isEqualTo("dumping,general");
        assertThat(row.get("follow_up")).isEqualTo(true);
        assertThat(row.get("reference")).isEqualTo(report.get("reference"));
        assertThat(row.get("neighbourhood")).isEqualTo(visit.get("neighbourhood"));
    }

    @Test
    void aWorkerSeesTheirOwnVisitsWithHouseNumbersAndACoordinatorSeesAllWithoutUnlessAskedAndAudited() {
        String day = LocalDate.now(ZoneId.of("Europe/Amsterdam")).minusDays(3).toString();
        Map<String, Object> mine = visit(WORKER, new HashMap<>(Map.of("address", "Vlierstraat 9", "visitedOn", day,
                "topics", List.of("contact"), "followUp", false)));
        Map<String, Object> theirs = visit(OTHER_WORKER, new HashMap<>(Map.of("address", "Vlierstraat 11",
                "visitedOn", day, "topics", List.of(), "followUp", false)));

        List<Map<String, Object>> own = list(h -> as(h, WORKER), day, "");
        assertThat(own).extracting(v -> v.get("id")).contains(mine.get("id")).doesNotContain(theirs.get("id"));
        assertThat(own).filteredOn(v -> v.get("id").equals(mine.get("id"))).singleElement()
                .satisfies(v -> assertThat(v.get("houseNumber")).isEqualTo("9"));

        List<Map<String, Object>> all = list(TestAccounts::asCoordinator, day, "");
        assertThat(all).extracting(v -> v.get("id")).contains(mine.get("id"), theirs.get("id"));
        assertThat(all).allSatisfy(v -> assertThat(v.get("houseNumber")).isNull());

        List<Map<String, Object>> withNumbers = list(TestAccounts::asCoordinator, day, "&houseNumbers=true");
        assertThat(withNumbers).filteredOn(v -> v.get("id").equals(theirs.get("id"))).singleElement()
                .satisfies(v -> assertThat(v.get("houseNumber")).isEqualTo("11"));
        String household = personalData.lookup("address", "vlierstraat 11");
        assertThat(db.sql("select count(*) as n from audit_entry where subject_type = 'person' and subject_id = :h"
                + " and actor = :a and 'outreach-visit.house-number' = any(fields)").bind("h", household)
                .bind("a", TestAccounts.COORDINATOR).map(r -> r.get("n", Long.class)).one().block()).isPositive();
    }

    private List<Map<String, Object>> list(java.util.function.Consumer<HttpHeaders> auth, String day, String more) {
        return http.get().uri("/api/v1/staff/outreach/visits?from=" + day + "&to=" + day + more).headers(auth)
                .exchange().expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
    }

    @Test
    void aVisitMayOnlyNameAnOutreachReportOfTheSameAddress() {
        Map<String, Object> other = file(WORKER, reportBody("Palmstraat 2", "litter",
                "Bewoner ziet elke ochtend lege blikjes in de berm liggen"));
        String web = Reports.file(http, "litter", "Lege flessen in de goot bij de bushalte", "Palmstraat 4")
                .reference();
        http.post().uri("/api/v1/staff/outreach/visits").headers(h -> as(h, WORKER))
                .bodyValue(Map.of("address", "Palmstraat 4", "followUp", false, "report", other.get("reference")))
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("report")
                .jsonPath("$.errors[0].message").isEqualTo("Melding " + other.get("reference")
                        + " gaat over een ander adres dan dit bezoek.");
        http.post().uri("/api/v1/staff/outreach/visits").headers(h -> as(h, WORKER))
                .bodyValue(Map.of("address", "Palmstraat 4", "followUp", false, "report", web))
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].message").isEqualTo("Melding " + web + " is niet bij een huisbezoek gemaakt.");
    }

    @Test
    void everyProblemIsListedAtOnceInTheRequestsLanguage() {
        String tomorrow = LocalDate.now(ZoneId.of("Europe/Amsterdam")).plusDays(1).toString();
        http.post().uri("/api/v1/staff/outreach/visits").headers(h -> as(h, WORKER))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                .bodyValue(Map.of("address", "Passartweg", "visitedOn", tomorrow, "topics", List.of("gossip")))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'address')].message")
                .isEqualTo(List.of("Please add the house number, for example: Passartweg 14."))
                .jsonPath("$.errors[?(@.field == 'visitedOn')].message")
                .isEqualTo(List.of("The date of the visit cannot be in the future."))
                .jsonPath("$.errors[?(@.field == 'topics[0]')].message")
                .isEqualTo(List.of("We do not know this topic: gossip."))
                .jsonPath("$.errors[?(@.field == 'followUp')].message")
                .isEqualTo(List.of("Say whether follow-up is needed."));

        Map<String, Object> body = reportBody("Onbekendelaan 1", "neighbour_dispute", "x");
        body.put("contact", Map.of("via", "NONE"));
        http.post().uri("/api/v1/staff/outreach/reports").headers(h -> as(h, WORKER))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "nl").bodyValue(body)
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[?(@.field == 'address')].message")
                .isEqualTo(List.of("Deze straat kennen we niet in ons werkgebied. Controleer de straatnaam."))
                .jsonPath("$.errors[?(@.field == 'description')]").exists()
                .jsonPath("$.errors[?(@.field == 'contact.via')].message").isEqualTo(List.of(
                        "Bij deze soort melding moet Buurtbemiddeling de bewoner kunnen bellen of mailen. Kies sms,"
                                + " e-mail of telefoon."));

        Map<String, Object> sms = reportBody("Lariksstraat 9", "noise", "Harde muziek in de nacht");
        sms.put("contact", Map.of("via", "SMS"));
        http.post().uri("/api/v1/staff/outreach/reports").headers(h -> as(h, WORKER)).bodyValue(sms)
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("contact.phone")
                .jsonPath("$.errors[0].message").isEqualTo("Vul het telefoonnummer van de bewoner in.");
    }

    @Test
    void onlyOutreachWorkersAndCoordinatorsMayUseIt() {
        http.post().uri("/api/v1/staff/outreach/visits").headers(h -> as(h, VOLUNTEER))
                .bodyValue(Map.of("address", "Vlierstraat 3", "followUp", false))
                .exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/staff/outreach/visits").exchange().expectStatus().isUnauthorized();
        // The worker may not read the coordinators' report view (and its notes).
        http.get().uri("/api/v1/staff/reports?size=1").headers(h -> as(h, WORKER)).exchange()
                .expectStatus().isForbidden();
        // A coordinator may file too.
        Map<String, Object> created = http.post().uri("/api/v1/staff/outreach/visits")
                .headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("address", "Vlierstraat 13", "followUp", true)).exchange()
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        assertThat(created.get("worker")).isEqualTo(TestAccounts.COORDINATOR);
        assertThat(created.get("visitedOn")).isEqualTo(today());
    }
}
