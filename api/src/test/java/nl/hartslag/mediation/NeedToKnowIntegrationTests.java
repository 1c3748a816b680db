package nl.hartslag.mediation;

import static nl.hartslag.support.TwilioWebhooks.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.db.crypto.PersonalData;
import nl.hartslag.domain.NotPermitted;
import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TestAccounts;
import reactor.test.StepVerifier;

/**
 * Need-to-know (issue 15) over real HTTP on embedded PostgreSQL: a volunteer sees a mediation's
 * parties only once they accepted it, each look is audited, and the view ends after the case closed
 * plus the grace period, or when the volunteer is made inactive. The WOP never sees who reported;
 * a partner sees only the cases on their meetings' agendas, as summaries. And what is stored of
 * volunteers, parties and contact notes is sealed: a raw read finds no plain value.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NeedToKnowIntegrationTests {

    private static final String PASSWORD = "needtoknow-Pa55word!";
    private static final String VOLUNTEER = "bemiddelaar.needtoknow";
    private static final String WOP = "wop.needtoknow";
    private static final String POLICE = "wijkagent.needtoknow";
    private static final String HOUSING = "corporatie.needtoknow";

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    Cases cases;

    @Autowired
    PersonalData personalData;

    @BeforeAll
    void accounts() {
        accounts.create(VOLUNTEER, "Noor Bemiddelaar", PASSWORD, EnumSet.of(Role.VOLUNTEER)).block();
        accounts.create(WOP, "Wessel WOP", PASSWORD, EnumSet.of(Role.WOP)).block();
        accounts.create(POLICE, "Wijkagent Noord", PASSWORD, EnumSet.of(Role.PARTNER), "POLICE").block();
        accounts.create(HOUSING, "Corporatie Noord", PASSWORD, EnumSet.of(Role.PARTNER), "HOUSING").block();
    }

    @Test
    void aVolunteerSeesThePartiesOnlyAfterAcceptingWhileTheCaseIsOpenPlusGraceAndNotWhenInactive() {
        // Only this test's volunteer is asked (the database is shared with other test classes).
        db.sql("update volunteer set active = false, username = null").then().block();
        String volunteerPhone = FakeTwilio.newPhone();
        Map<String, Object> volunteer = volunteer("Noor Bemiddelaar", volunteerPhone, "Iepenstraat", VOLUNTEER);
        String partyAPhone = FakeTwilio.newPhone();
        String partyBPhone = FakeTwilio.newPhone();
        Map<String, Object> referral = referral("Quirijn Ankersmit", partyAPhone, "Laurierstraat 41",
                "Laurierstraat", "Xandra Bolwerk", partyBPhone, "Laurierstraat 43");
        String caseId = (String) referral.get("id");
        int number = (Integer) referral.get("number");
        http.post().uri("/api/v1/staff/cases/{id}/offer", caseId).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.offered").isEqualTo(1);

        // Offered: the kind of conflict and the street, no party's name, number or house number.
        String offers = asVolunteer("/api/v1/staff/inbox/offers").expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(offers).contains(caseId).contains("Laurierstraat");
        assertThat(offers).doesNotContain("Quirijn").doesNotContain("Ankersmit").doesNotContain("Xandra")
                .doesNotContain("Bolwerk").doesNotContain(national(partyAPhone)).doesNotContain(national(partyBPhone))
                .doesNotContain("Laurierstraat 41").doesNotContain("Laurierstraat 43");
        asVolunteer("/api/v1/staff/inbox/cases/" + caseId).expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://hartslag.nl/problems/not-your-case");
        assertThat(looks(caseId)).isEmpty();

        // Accepted and open: the parties, and the look is in the audit trail.
        http.post().uri("/api/v1/staff/inbox/offers/{n}/accept", number).headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD))
                .exchange().expectStatus().isOk();
        asVolunteer("/api/v1/staff/inbox/cases/" + caseId).expectStatus().isOk().expectBody()
                .jsonPath("$.parties[?(@.role == 'A')].name").isEqualTo(List.of("Quirijn Ankersmit"))
                .jsonPath("$.parties[?(@.role == 'A')].phone").isEqualTo(List.of(partyAPhone))
                .jsonPath("$.parties[?(@.role == 'B')].name").isEqualTo(List.of("Xandra Bolwerk"))
                .jsonPath("$.parties[?(@.role == 'B')].phone").isEqualTo(List.of(partyBPhone))
                .jsonPath("$.parties[?(@.role == 'B')].address").isEqualTo(List.of("Laurierstraat 43"));
        List<Map<String, Object>> looks = looks(caseId);
        assertThat(looks).singleElement().satisfies(look -> {
            assertThat(look).containsEntry("actor", VOLUNTEER).containsEntry("role", "VOLUNTEER")
                    .containsEntry("purpose", "view");
            assertThat(((String) look.get("fields")).split(","))
                    .contains("A.name", "A.phone", "A.address", "B.name", "B.phone", "B.address");
        });

        // A contact note, then the case closes (a party would not take part).
        http.post().uri("/api/v1/staff/cases/{id}/contacts", caseId).headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD))
                .bodyValue(Map.of("kind", "PARTY_A", "note", "Quirijn wil praten, belt terug na zijn nachtdienst"))
                .exchange().expectStatus().isOk();
        http.post().uri("/api/v1/staff/cases/{id}/outcome", caseId).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("outcome", "PARTY_DECLINED", "note", "Partij B wil niet meedoen.", "confirmed", true))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CLOSED");

        // Closed, within the grace period (P14D): still visible, and audited again.
        asVolunteer("/api/v1/staff/inbox/cases/" + caseId).expectStatus().isOk().expectBody()
                .jsonPath("$.contacts[0].note").isEqualTo("Quirijn wil praten, belt terug na zijn nachtdienst");
        assertThat(looks(caseId)).hasSize(2);

        // The clock moved: 13 days after closing still shown, 14 days and a minute later refused.
        UUID id = UUID.fromString(caseId);
        UUID volunteerId = UUID.fromString((String) volunteer.get("id"));
        Instant closedAt = db.sql("select closed_at from case_file where id = :id").bind("id", id)
                .map(r -> r.get("closed_at", java.time.OffsetDateTime.class).toInstant()).one().block();
        StepVerifier.create(cases.mediationFor(id, volunteerId, closedAt.plus(Duration.ofDays(13))))
                .assertNext(m -> assertThat(m.parties()).extracting(Cases.Party::name).contains("Xandra Bolwerk"))
                .verifyComplete();
        StepVerifier.create(cases.mediationFor(id, volunteerId, closedAt.plus(Duration.ofDays(14)).plusSeconds(60)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(NotPermitted.class)
                        .extracting(x -> ((NotPermitted) x).code()).isEqualTo("case-closed-for-volunteer"))
                .verify();

        // Over HTTP: the case closed 15 days ago is refused (403) and no look is recorded.
        db.sql("update case_file set closed_at = now() - interval '15 days' where id = :id").bind("id", id).then()
                .block();
        asVolunteer("/api/v1/staff/inbox/cases/" + caseId).expectStatus().isForbidden().expectBody()
                .jsonPath("$.type").isEqualTo("https://hartslag.nl/problems/case-closed-for-volunteer");
        assertThat(looks(caseId)).hasSize(2);
        // Their list still names the case (a summary, no parties).
        assertThat(asVolunteer("/api/v1/staff/inbox/cases").expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody()).contains(caseId).doesNotContain("Xandra").doesNotContain("Quirijn");

        // Made inactive: every inbox call is refused.
        http.put().uri("/api/v1/staff/volunteers/{id}/availability", volunteerId).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("active", false, "maxOpenCases", 2)).exchange().expectStatus().isOk();
        for (String path : List.of("/api/v1/staff/inbox/offers", "/api/v1/staff/inbox/cases",
                "/api/v1/staff/inbox/cases/" + caseId)) {
            asVolunteer(path).expectStatus().isForbidden().expectBody().jsonPath("$.type")
                    .isEqualTo("https://hartslag.nl/problems/volunteer-inactive");
        }
        http.post().uri("/api/v1/staff/inbox/offers/{n}/accept", number).headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD))
                .exchange().expectStatus().isForbidden();

        // At rest: the raw rows hold no plain name, number, address, street or note; the hash finds the number.
        String rows = raw("select row_to_json(v)::text as j from volunteer v where id = :id", volunteerId)
                + raw("select row_to_json(p)::text as j from case_party p where case_id = :id", id)
                + raw("select row_to_json(m)::text as j from contact_moment m where case_id = :id", id)
                + raw("select row_to_json(c)::text as j from case_file c where id = :id", id);
        assertThat(rows).contains("name_sealed").contains("note_sealed");
        for (String plain : List.of("Noor", volunteerPhone, national(volunteerPhone), "Iepenstraat", "Quirijn", "Ankersmit",
                "Xandra", "Bolwerk", partyAPhone, partyBPhone, national(partyAPhone), "Laurierstraat 4", "nachtdienst",
                "schutting")) {
            assertThat(rows).as(plain).doesNotContain(plain);
        }
        assertThat(db.sql("select count(*) as n from volunteer where phone_hash = :h")
                .bind("h", personalData.phoneLookup(volunteerPhone)).map(r -> r.get("n", Long.class)).one().block())
                .isOne();
        assertThat(db.sql("select name_sealed from case_party where case_id = :id and phone_hash = :h").bind("id", id)
                .bind("h", personalData.phoneLookup(partyBPhone))
                .map(r -> personalData.open(r.get("name_sealed", String.class))).one().block())
                .isEqualTo("Xandra Bolwerk");
    }

    @Test
    void theWopSeesPlaceKindAndWhatWasSaidButNeverWhoReported() {
        String phone = FakeTwilio.newPhone();
        Map<String, Object> contact = new HashMap<>(Reports.contact(phone, "Yolanda Zeevalk"));
        contact.put("email", "yolanda.zeevalk@voorbeeld.nl");
        Created report = Reports.file(http, "dumping", "Twee bankstellen en een koelkast gedumpt naast de glasbak op"
                + " de Lariksstraat", "Lariksstraat 27", contact);
        String caseId = await(() -> http.get().uri("/api/v1/staff/cases?reference={r}", report.reference())
                .headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody(), c -> !c.isEmpty(), Duration.ofSeconds(10)).get(0).get("id")
                .toString();

        String list = asWop("/api/v1/staff/work-orders").expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
        String one = asWop("/api/v1/staff/work-orders/" + caseId).expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(list).contains(caseId).contains("koelkast");
        assertThat(one).contains("Lariksstraat").contains("koelkast");
        for (String body : List.of(list, one)) {
            assertThat(body).doesNotContain("Yolanda").doesNotContain("Zeevalk").doesNotContain("voorbeeld.nl")
                    .doesNotContain(phone.substring(3)).doesNotContain(national(phone));
        }
        // Nothing else that holds who: the report, its cases, volunteers, the inbox, the audit trail.
        for (String path : List.of("/api/v1/staff/reports/" + report.reference(),
                "/api/v1/staff/cases?reference=" + report.reference(), "/api/v1/staff/cases/" + caseId,
                "/api/v1/staff/volunteers", "/api/v1/staff/inbox/cases", "/api/v1/staff/escalations",
                "/api/v1/staff/meetings", "/api/v1/staff/audit?reference=" + report.reference(),
                "/api/v1/staff/notifications", "/api/v1/staff/clusters")) {
            asWop(path).expectStatus().isForbidden();
        }
    }

    @Test
    void aPartnerSeesOnlyTheCasesOnTheirMeetingsAgendasAsSummariesWithoutNumbers() {
        List<String> phones = List.of(FakeTwilio.newPhone(), FakeTwilio.newPhone(), FakeTwilio.newPhone());
        List<String> names = List.of("Abelard Vinkenoog", "Bregje Vinkenoog", "Cornelis Wielewaal");
        List<String> texts = List.of("Elke nacht wordt er gedeald in de portiek van Hulststraat 33, scooters af en aan",
                "Drugshandel in de portiek Hulststraat 33, de hele nacht scooters",
                "Weer dealers in de portiek van Hulststraat 33 met scooters af en aan",
                "Scooters en handel bij de portiek Hulststraat 33, elke avond tot na middernacht",
                "Dealen in de portiek van Hulststraat 33, steeds scooters af en aan");
        List<Created> reports = new java.util.ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Map<String, Object> contact = new HashMap<>(Reports.contact(phones.get(i % 3), names.get(i % 3)));
            contact.put("email", "melder" + i + ".hulst@voorbeeld.nl");
            reports.add(Reports.file(http, "drugs", texts.get(i), "Hulststraat 33", contact));
        }
        Set<String> references = reports.stream().map(Created::reference).collect(Collectors.toSet());
        await(() -> db.sql("select count(distinct cluster_id) as n, count(*) filter (where cluster_id is null) as open"
                + " from report where reference = any(:r)").bind("r", references.toArray(String[]::new))
                .map(r -> r.get("n", Long.class) == 1 && r.get("open", Long.class) == 0).one().block(),
                Boolean::booleanValue, Duration.ofSeconds(15));
        http.post().uri("/api/v1/staff/escalations/check").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk();
        Map<String, Object> proposal = http.get().uri("/api/v1/staff/escalations").headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody().stream()
                .filter(p -> String.valueOf(p.get("summary")).contains("Hulststraat 33")).findFirst().orElseThrow();

        String meetingId = meeting("Casuistiekoverleg Hulststraat", POLICE);
        String caseId = (String) http.post().uri("/api/v1/staff/meetings/{id}/agenda", meetingId)
                .headers(TestAccounts::asCoordinator).bodyValue(Map.of("proposalId", proposal.get("id"))).exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("caseId");
        String otherMeeting = meeting("Overleg zonder de politie", HOUSING);
        // A mediation with named parties: on no agenda.
        Map<String, Object> mediation = referral("Dolf Merelhof", FakeTwilio.newPhone(), "Hazelaarstraat 2",
                "Hazelaarstraat", "Eva Merelhof", FakeTwilio.newPhone(), "Hazelaarstraat 4");

        // On the agenda: a summary of the problem, nobody's number, name or e-mail.
        String agenda = asPolice("/api/v1/staff/meetings/" + meetingId).expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(agenda).contains(caseId).contains("Hulststraat 33");
        for (int i = 0; i < 3; i++) {
            assertThat(agenda).doesNotContain(phones.get(i).substring(3)).doesNotContain(national(phones.get(i)))
                    .doesNotContain(names.get(i).split(" ")[0]);
        }
        assertThat(agenda).doesNotContain("Vinkenoog").doesNotContain("Wielewaal").doesNotContain("voorbeeld.nl");
        for (Created report : reports) {
            assertThat(agenda).doesNotContain(report.reference());
        }

        // Not on their agenda: another meeting, the mediation, any case or report directly.
        asPolice("/api/v1/staff/meetings/" + otherMeeting).expectStatus().isNotFound();
        assertThat(asPolice("/api/v1/staff/meetings").expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).contains(meetingId).doesNotContain(otherMeeting);
        for (String path : List.of("/api/v1/staff/cases/" + mediation.get("id"), "/api/v1/staff/cases/" + caseId,
                "/api/v1/staff/inbox/cases/" + mediation.get("id"), "/api/v1/staff/reports/" + reports.get(0).reference(),
                "/api/v1/staff/work-orders")) {
            asPolice(path).expectStatus().isForbidden();
        }
    }

    // --- helpers

    private Map<String, Object> volunteer(String name, String phone, String street, String username) {
        return http.post().uri("/api/v1/staff/volunteers").headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("name", name, "phone", phone, "street", street, "username", username, "maxOpenCases", 3))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    private Map<String, Object> referral(String nameA, String phoneA, String addressA, String street, String nameB,
            String phoneB, String addressB) {
        return http.post().uri("/api/v1/staff/cases/referrals").headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("referredBy", "HOUSING", "description", "Ruzie over een schutting tussen twee tuinen",
                        "partyA", Map.of("name", nameA, "phone", phoneA, "address", addressA, "street", street),
                        "partyB", Map.of("name", nameB, "phone", phoneB, "address", addressB, "street", street)))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    private String meeting(String title, String partner) {
        return (String) http.post().uri("/api/v1/staff/meetings").headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("heldOn", java.time.LocalDate.now().plusDays(7).toString(), "title", title,
                        "participants", List.of(partner)))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("id");
    }

    /** The audit entries about a case: actor, role, fields (comma-joined), purpose. */
    private List<Map<String, Object>> looks(String caseId) {
        return db.sql("select actor, role, array_to_string(fields, ',') as fields, purpose from audit_entry"
                + " where subject_type = 'case' and subject_id = :id order by id").bind("id", caseId)
                .map(r -> Map.<String, Object>of("actor", r.get("actor", String.class), "role", r.get("role", String.class),
                        "fields", r.get("fields", String.class), "purpose", r.get("purpose", String.class)))
                .all().collectList().block();
    }

    private String raw(String sql, UUID id) {
        return String.join("\n", db.sql(sql).bind("id", id).map(r -> r.get("j", String.class)).all().collectList()
                .block());
    }

    private WebTestClient.ResponseSpec asVolunteer(String path) {
        return http.get().uri(path).headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD)).exchange();
    }

    private WebTestClient.ResponseSpec asWop(String path) {
        return http.get().uri(path).headers(h -> h.setBasicAuth(WOP, PASSWORD)).exchange();
    }

    private WebTestClient.ResponseSpec asPolice(String path) {
        return http.get().uri(path).headers(h -> h.setBasicAuth(POLICE, PASSWORD)).exchange();
    }

    /** +31612345678 as people write it: 0612345678. */
    private static String national(String e164) {
        return "0" + e164.substring(3);
    }
}
