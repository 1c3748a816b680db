package nl.hartslag.mediation;

import static nl.hartslag.support.TwilioWebhooks.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
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
import nl.hartslag.support.TwilioWebhooks;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The three instruments end to end, over HTTP on embedded PostgreSQL with WireMock as Twilio:
 * a neighbour dispute routed to mediation, offered to volunteers by text, taken by the first two
 * "JA" through the signed SMS webhook and closed with an outcome the resident is texted; a dumping
 * report becoming a work order the WOP marks done; and a worry about a household that never
 * reaches volunteers or the WOP.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseWorkIntegrationTests {

    private static final String PASSWORD = "casework-Pa55word!";
    private static final String WOP = "wop.casework";
    private static final String VOLUNTEER = "vrijwilliger.casework";
    private static final Pattern REFERENCE = Pattern.compile("HS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}");

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    Mediations mediations;

    @Autowired
    nl.hartslag.db.crypto.PersonalData personalData;

    @BeforeAll
    void accounts() {
        accounts.create(WOP, "Willem WOP", PASSWORD, EnumSet.of(Role.WOP)).block();
        accounts.create(VOLUNTEER, "Vera Vrijwilliger", PASSWORD, EnumSet.of(Role.VOLUNTEER)).block();
    }

    /** Each test decides who is available: volunteers registered by earlier tests step back. */
    @BeforeEach
    void noOtherVolunteers() {
        db.sql("update volunteer set active = false, username = null").then().block();
    }

    @Test
    void aNeighbourDisputeIsOfferedToVolunteersTakenByTheFirstTwoAndClosedWithAnOutcomeTheResidentHears() {
        String resident = FakeTwilio.newPhone();
        Map<String, Object> first = volunteer("Anna Bemiddelaar", "Beukstraat", VOLUNTEER);
        Map<String, Object> second = volunteer("Bert Bemiddelaar", "Eikstraat", null);
        Map<String, Object> third = volunteer("Carla Bemiddelaar", "Lindestraat", null);
        Map<String, Object> neighbour = volunteer("Dirk Buurman", "Passartweg", null);

        Created report = report("neighbour_dispute", "De buren hebben een schutting op onze grond gezet",
                "Passartweg 14", resident, "Ria Melder");
        Map<String, Object> mediation = await(() -> cases(report.reference()), c -> !c.isEmpty(),
                Duration.ofSeconds(10)).get(0);
        assertThat(mediation).containsEntry("type", "MEDIATION").containsEntry("status", "OPEN")
                .containsEntry("step", "INTAKE").containsEntry("street", "Passartweg");
        String caseId = (String) mediation.get("id");
        int number = (Integer) mediation.get("number");
        // Routed: the resident hears "in behandeling" after the confirmation.
        assertThat(await(() -> FakeTwilio.textsTo(resident), t -> t.size() == 2, Duration.ofSeconds(10)))
                .extracting(t -> t.get("Body")).anySatisfy(body -> assertThat(body).contains("in behandeling")
                        .contains("Buurtbemiddeling"));

        http.post().uri("/api/v1/staff/cases/{id}/offer", caseId).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.offered").isEqualTo(3);

        for (Map<String, Object> v : List.of(first, second, third)) {
            List<Map<String, String>> texts = await(() -> FakeTwilio.textsTo(phone(v)), t -> !t.isEmpty(),
                    Duration.ofSeconds(10));
            assertThat(texts).hasSize(1);
            String offer = texts.get(0).get("Body");
            assertThat(offer).contains("JA " + number).contains("NEE " + number).contains("Passartweg")
                    .doesNotContain("Ria");
            // No house number: looked for apart from the case number, which may well be 14 or 114.
            assertThat(offer.replace(" " + number, " ")).doesNotContain("14");
        }
        // Lives on the party's street: never offered.
        assertThat(FakeTwilio.textsTo(phone(neighbour))).isEmpty();

        assertThat(sms(phone(first), "JA " + number)).startsWith("Dank u. U bemiddelt in zaak " + number
                + ". We zoeken nog een tweede bemiddelaar");
        assertThat(sms(phone(second), "ja " + number)).isEqualTo("Dank u. U bemiddelt in zaak " + number
                + ", samen met een tweede bemiddelaar. De gegevens staan in Hartslag.");
        assertThat(sms(phone(third), "JA " + number))
                .isEqualTo("Dank u wel. Zaak " + number + " is al vergeven aan twee andere bemiddelaars.");

        Map<String, Object> assigned = cases(report.reference()).get(0);
        assertThat(assigned).containsEntry("step", "ASSIGNED");
        assertThat(assigned.get("volunteers")).isEqualTo(List.of("Anna Bemiddelaar", "Bert Bemiddelaar"));
        // Both mediators are told by text; the details stay in Hartslag.
        assertThat(await(() -> FakeTwilio.textsTo(phone(second)), t -> t.size() == 2, Duration.ofSeconds(10))
                .get(1).get("Body")).contains("Zaak " + number).contains("toegewezen").doesNotContain("Ria");

        // After acceptance the mediator sees the parties' contact details (before it: street only).
        http.get().uri("/api/v1/staff/inbox/cases/{id}", caseId).headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.parties[0].name").isEqualTo("Ria Melder")
                .jsonPath("$.parties[0].phone").isEqualTo(resident)
                .jsonPath("$.parties[0].address").isEqualTo("Passartweg 14");
        // ... and that look is in the audit trail (issue 15), found per case and per person.
        List<String> seen = db.sql("select array_to_string(fields, ',') as f from audit_entry where actor = :actor"
                + " and role = 'VOLUNTEER' and subject_type = 'case' and subject_id = :id and purpose = 'view'")
                .bind("actor", VOLUNTEER).bind("id", caseId).map(r -> r.get("f", String.class)).all().collectList()
                .block();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).split(",")).contains("A.name", "A.phone", "A.address");
        for (String query : List.of("case=" + caseId, "person=" + resident)) {
            http.get().uri("/api/v1/staff/audit?" + query).headers(TestAccounts::asCoordinator).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$[?(@.actor == '" + VOLUNTEER + "')].subjectId")
                    .isEqualTo(List.of(caseId));
        }
        // Conversations move the case along the method.
        for (String kind : List.of("PARTY_A", "PARTY_B", "JOINT")) {
            http.post().uri("/api/v1/staff/cases/{id}/contacts", caseId).headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD))
                    .bodyValue(Map.of("kind", kind, "note", "Gesprek gevoerd")).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.step").isEqualTo(kind.equals("PARTY_A") ? "TALK_A"
                            : kind.equals("PARTY_B") ? "TALK_B" : "JOINT");
        }

        http.post().uri("/api/v1/staff/cases/{id}/outcome", caseId).headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD))
                .bodyValue(Map.of("outcome", "AGREEMENT", "note", "U hebt samen afspraken gemaakt over de schutting.",
                        "confirmed", true))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("CLOSED").jsonPath("$.outcome").isEqualTo("AGREEMENT");

        // "Afgesloten" (with how to object) and, once, "Bent u tevreden?" (issue 14); in either order.
        List<Map<String, String>> residentTexts = await(() -> FakeTwilio.textsTo(resident), t -> t.size() == 4,
                Duration.ofSeconds(10));
        assertThat(residentTexts).extracting(t -> t.get("Body")).contains("Uw melding " + report.reference()
                + " is afgesloten. U hebt samen afspraken gemaakt over de schutting. Niet opgelost? Stuur NIET OPGELOST "
                + report.reference());
        assertThat(residentTexts).extracting(t -> t.get("Body")).anyMatch(b -> b.startsWith("Bent u tevreden"));
        // The third volunteer and the neighbour never got more than the offer.
        assertThat(FakeTwilio.textsTo(phone(third))).hasSize(1);
    }

    @Test
    void twoVolunteersAcceptingAtTheSameMomentAmongFourNeverMakeATrio() {
        List<Map<String, Object>> four = new ArrayList<>();
        for (String street : List.of("Beukstraat", "Eikstraat", "Lindestraat", "Iepenstraat")) {
            four.add(volunteer("Vrijwilliger " + street, street, null));
        }
        Map<String, Object> mediation = offeredMediation("Ruzie over de heg met de overburen", "Passartweg 28", 4);
        int number = (Integer) mediation.get("number");

        List<String> replies = Flux.fromIterable(four)
                .parallel(4).runOn(Schedulers.boundedElastic())
                .map(v -> sms(phone(v), "JA " + number))
                .sequential().collectList().block();

        assertThat(replies).filteredOn(r -> r.contains("al vergeven")).hasSize(2);
        assertThat(db.sql("select count(*) as n from case_assignment where case_id = :c")
                .bind("c", UUID.fromString((String) mediation.get("id"))).map(r -> r.get("n", Long.class)).one()
                .block()).isEqualTo(2);
    }

    @Test
    void aNoPassesTheOfferOnAndAVolunteerWhoIsAwayIsNotAsked() {
        Map<String, Object> away = volunteer("Afwezig", "Beukstraat", null);
        http.put().uri("/api/v1/staff/volunteers/{id}/availability", away.get("id")).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("active", true, "awayUntil", java.time.LocalDate.now().plusDays(10).toString(),
                        "maxOpenCases", 2))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.awayUntil").exists();
        List<Map<String, Object>> available = new ArrayList<>();
        for (String street : List.of("Eikstraat", "Lindestraat", "Iepenstraat", "Olmstraat", "Palmstraat")) {
            available.add(volunteer("Beschikbaar " + street, street, null));
        }
        // Four at a time (hartslag.casework.offer-batch).
        Map<String, Object> mediation = offeredMediation("Hond van de buren blaft de hele dag", "Passartweg 30", 4);
        int number = (Integer) mediation.get("number");
        assertThat(FakeTwilio.textsTo(phone(away))).isEmpty();
        List<String> offeredTo = db.sql("select v.phone_hash from case_offer o join volunteer v on v.id = o.volunteer_id"
                + " where o.case_id = :c").bind("c", UUID.fromString((String) mediation.get("id")))
                .map(r -> r.get("phone_hash", String.class)).all().collectList().block();
        List<Map<String, Object>> asked = available.stream()
                .filter(v -> offeredTo.contains(personalData.phoneLookup(phone(v)))).toList();
        assertThat(asked).hasSize(4);
        asked.forEach(v -> assertThat(await(() -> FakeTwilio.textsTo(phone(v)), t -> !t.isEmpty(),
                Duration.ofSeconds(10))).hasSize(1));
        Map<String, Object> fifth = available.stream().filter(v -> !asked.contains(v)).findFirst().orElseThrow();

        assertThat(sms(phone(asked.get(0)), "NEE " + number)).isEqualTo("Dank u. We vragen iemand anders voor zaak "
                + number + ".");
        assertThat(await(() -> FakeTwilio.textsTo(phone(fifth)), t -> !t.isEmpty(), Duration.ofSeconds(10)))
                .hasSize(1);
        // Nobody left to ask: the coordinator hears so.
        http.post().uri("/api/v1/staff/cases/{id}/offer", mediation.get("id")).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isEqualTo(409).expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aReferralByTheHousingCorporationStartsAMediationWhoseMediatorsLiveOnNeitherPartysStreet() {
        Map<String, Object> onStreetA = volunteer("Woont bij A", "Lindestraat", null);
        Map<String, Object> onStreetB = volunteer("Woont bij B", "Eikstraat", null);
        Map<String, Object> elsewhere = volunteer("Woont elders", "Beukstraat", VOLUNTEER);

        http.post().uri("/api/v1/staff/cases/referrals").headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("referredBy", "WONINGBOUW", "partyA", Map.of("phone", "12"))).exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[?(@.field == 'referredBy')]").exists()
                .jsonPath("$.errors[?(@.field == 'description')]").exists()
                .jsonPath("$.errors[?(@.field == 'partyA.phone')]").exists();
        String partyAPhone = FakeTwilio.newPhone();
        Map<String, Object> referral = http.post().uri("/api/v1/staff/cases/referrals").headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("referredBy", "HOUSING", "description", "Al maanden ruzie over geluid door de muur",
                        "partyA", Map.of("name", "Henk A", "phone", partyAPhone, "address", "Lindestraat 3",
                                "street", "Lindestraat"),
                        "partyB", Map.of("name", "Bea B", "address", "Eikstraat 5", "street", "Eikstraat")))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        assertThat(referral).containsEntry("type", "MEDIATION").containsEntry("step", "INTAKE");
        int number = (Integer) referral.get("number");

        http.post().uri("/api/v1/staff/cases/{id}/offer", referral.get("id")).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.offered").isEqualTo(1);
        assertThat(await(() -> FakeTwilio.textsTo(phone(elsewhere)), t -> !t.isEmpty(), Duration.ofSeconds(10)))
                .hasSize(1);
        assertThat(FakeTwilio.textsTo(phone(onStreetA))).isEmpty();
        assertThat(FakeTwilio.textsTo(phone(onStreetB))).isEmpty();

        assertThat(sms(phone(elsewhere), "JA " + number)).contains("We zoeken nog een tweede bemiddelaar");
        http.get().uri("/api/v1/staff/inbox/cases/{id}", referral.get("id"))
                .headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.whatWasSaid[0]").isEqualTo("Al maanden ruzie over geluid door de muur")
                .jsonPath("$.parties[?(@.role == 'A')].phone").isEqualTo(List.of(partyAPhone))
                .jsonPath("$.parties[?(@.role == 'B')].address").isEqualTo(List.of("Eikstraat 5"));
    }

    @Test
    void aDumpingReportBecomesAWorkOrderTheWopMarksDoneAndTheResidentSeesItResolved() {
        String resident = FakeTwilio.newPhone();
        // The house number the WOP needs comes from the words; a typed address alone is street level (issue 11).
        Created report = report("dumping", "Matras, kasten en vuilniszakken naast de container bij Passartweg 40",
                "Passartweg 40", resident, "Piet Melder");
        Map<String, Object> order = await(() -> cases(report.reference()), c -> !c.isEmpty(),
                Duration.ofSeconds(10)).get(0);
        assertThat(order).containsEntry("type", "WORK_ORDER").containsEntry("status", "OPEN");
        String caseId = (String) order.get("id");
        // The WOP hears of it by text: number, category and place, not who reported.
        assertThat(await(() -> FakeTwilio.textsTo(FakeTwilio.WOP_PHONE), t -> t.stream()
                .anyMatch(m -> m.get("Body").contains("werkbon " + order.get("number") + ":")), Duration.ofSeconds(10)))
                .extracting(t -> t.get("Body"))
                .contains("Nieuwe werkbon " + order.get("number") + ": Dumpen van afval, Passartweg 40. Zie de lijst in Hartslag.");

        List<Map<String, Object>> list = http.get().uri("/api/v1/staff/work-orders")
                .headers(h -> h.setBasicAuth(WOP, PASSWORD)).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();
        Map<String, Object> mine = list.stream().filter(w -> caseId.equals(w.get("id"))).findFirst().orElseThrow();
        assertThat(mine).containsEntry("categoryCode", "dumping").containsEntry("street", "Passartweg")
                .containsEntry("ageHours", 0).containsEntry("urgency", 1).containsEntry("status", "OPEN");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> said = (List<Map<String, Object>>) mine.get("reports");
        assertThat(said).singleElement().satisfies(s -> assertThat(s)
                .containsEntry("description", "Matras, kasten en vuilniszakken naast de container bij Passartweg 40")
                .containsEntry("houseNumber", "40"));
        // Nothing in the team's list says who reported.
        assertThat(list.toString()).doesNotContain("Piet").doesNotContain(resident.substring(3));

        http.post().uri("/api/v1/staff/cases/{id}/done", caseId).headers(h -> h.setBasicAuth(WOP, PASSWORD))
                .bodyValue(Map.of("note", "Het grofvuil is opgehaald.", "photoUrl", "https://foto.example.nl/1.jpg"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("DONE");

        http.get().uri("/api/v1/reports/{r}?token={t}", report.reference(), report.trackingToken()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("RESOLVED")
                .jsonPath("$.history[-1].message").isEqualTo("Uw melding is opgelost. Het grofvuil is opgehaald.");
        List<Map<String, String>> texts = await(() -> FakeTwilio.textsTo(resident),
                t -> t.stream().anyMatch(m -> m.get("Body").contains("opgelost")), Duration.ofSeconds(10));
        assertThat(texts).extracting(t -> t.get("Body"))
                .contains("Uw melding " + report.reference() + " is opgelost. Het grofvuil is opgehaald. Niet opgelost?"
                        + " Stuur NIET OPGELOST " + report.reference());
        assertThat(http.get().uri("/api/v1/staff/work-orders").headers(h -> h.setBasicAuth(WOP, PASSWORD)).exchange()
                .expectBody(String.class).returnResult().getResponseBody()).doesNotContain(caseId);

        // "Niet opgelost" from the reporter's phone within 14 days reopens it.
        assertThat(sms(resident, "NIET OPGELOST " + report.reference()))
                .isEqualTo("Dank u. Melding " + report.reference() + " is weer in behandeling. U hoort van ons.");
        http.get().uri("/api/v1/reports/{r}?token={t}", report.reference(), report.trackingToken()).exchange()
                .expectBody().jsonPath("$.status").isEqualTo("IN_PROGRESS");
        assertThat(http.get().uri("/api/v1/staff/work-orders").headers(h -> h.setBasicAuth(WOP, PASSWORD)).exchange()
                .expectBody(String.class).returnResult().getResponseBody()).contains(caseId);
        // From another number it is not the resident's to reopen.
        assertThat(sms(FakeTwilio.newPhone(), "niet opgelost " + report.reference())).startsWith("We vinden geen melding");
        // The status page's button: the token proves it is the resident; a report in progress has nothing to reopen.
        http.post().uri("/api/v1/reports/{r}/not-solved", report.reference()).bodyValue(Map.of("token", "wrong"))
                .exchange().expectStatus().isNotFound();
        http.post().uri("/api/v1/reports/{r}/not-solved", report.reference())
                .bodyValue(Map.of("token", report.trackingToken())).exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("Deze melding staat niet op opgelost");
    }

    @Test
    void aWorryAboutAHouseholdNeverReachesVolunteersOrTheWopAndTheResidentHearsWhereToGetHelp() {
        String resident = FakeTwilio.newPhone();
        volunteer("Vera Vrijwilliger", "Beukstraat", VOLUNTEER);
        Created report = report("domestic", "Ik hoor elke nacht geschreeuw en slaan bij de buren", "Passartweg 14",
                resident, null);

        assertThat(await(() -> decisions(report.reference()), d -> !d.isEmpty(), Duration.ofSeconds(10)))
                .singleElement().satisfies(d -> assertThat(d).containsEntry("instrument", "COORDINATOR")
                        .containsEntry("decidedBy", "rule"));
        assertThat(cases(report.reference())).isEmpty();
        // The coordinators are alerted at once: the reference and the street, nothing more.
        assertThat(await(() -> FakeTwilio.textsTo(FakeTwilio.COORDINATOR_PHONE), t -> t.stream()
                .anyMatch(m -> m.get("Body").contains(report.reference())), Duration.ofSeconds(10)))
                .extracting(t -> t.get("Body"))
                .contains("Zorgmelding " + report.reference() + " (Passartweg). Bekijk hem in Hartslag.");
        // A number typed into the web form may be read by the one the reporter worries about: no Veilig
        // Thuis text to it (issue 10 item 4; whoever texts or calls gets the advice, see below).
        assertThat(FakeTwilio.textsTo(resident)).extracting(t -> t.get("Body"))
                .noneSatisfy(body -> assertThat(body).contains("Veilig Thuis"));

        // Not in the WOP's list, not in any volunteer's inbox.
        assertThat(http.get().uri("/api/v1/staff/work-orders").headers(h -> h.setBasicAuth(WOP, PASSWORD)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .doesNotContain(report.reference()).doesNotContain("geschreeuw en slaan");
        for (String inbox : List.of("/api/v1/staff/inbox/offers", "/api/v1/staff/inbox/cases")) {
            assertThat(http.get().uri(inbox).headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD)).exchange()
                    .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                    .doesNotContain(report.reference()).doesNotContain("geschreeuw en slaan");
        }
        // Nobody can send it there by hand either, nor change the rule.
        http.post().uri("/api/v1/staff/routing/reports/{r}", report.reference()).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("instrument", "WORK_ORDER", "reason", "probeer")).exchange()
                .expectStatus().isEqualTo(409);
        http.put().uri("/api/v1/staff/routing/rules/domestic").headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("instrument", "MEDIATION")).exchange().expectStatus().isEqualTo(409);
        // The WOP and volunteers cannot reach the report itself.
        http.get().uri("/api/v1/staff/reports/{r}", report.reference()).headers(h -> h.setBasicAuth(WOP, PASSWORD))
                .exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/staff/cases?reference={r}", report.reference())
                .headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD)).exchange().expectStatus().isForbidden();

        // By text too: the reply itself says where to get help.
        String reply = TwilioWebhooks.text(http, FakeTwilio.newPhone(),
                "Ik hoor geweld en kinderen huilen bij Passartweg 28");
        assertThat(reply).contains("Veilig Thuis: 0800-2000").contains("112");
    }

    @Test
    void coordinatorsEditTheRulesAndRouteByHandAndEveryDecisionSaysWhoAndWhy() {
        http.get().uri("/api/v1/staff/routing/rules").headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.category == 'noise')].instrument").isEqualTo(List.of("TRIAGE"))
                .jsonPath("$[?(@.category == 'drugs')].informPolice").isEqualTo(List.of(true));
        http.put().uri("/api/v1/staff/routing/rules/noise").headers(h -> h.setBasicAuth(WOP, PASSWORD))
                .bodyValue(Map.of("instrument", "MEDIATION")).exchange().expectStatus().isForbidden();

        Created noise = report("noise", "Harde muziek door de muur, elke avond", "Passartweg 14", null, null);
        Map<String, Object> triage = await(() -> decisions(noise.reference()), d -> !d.isEmpty(),
                Duration.ofSeconds(10)).get(0);
        assertThat(triage).containsEntry("instrument", "TRIAGE").containsEntry("decidedBy", "rule");

        http.post().uri("/api/v1/staff/routing/reports/{r}", noise.reference()).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("instrument", "MEDIATION")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        http.post().uri("/api/v1/staff/routing/reports/{r}", noise.reference()).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("instrument", "MEDIATION", "reason", "Geluid door de muur: een burenkwestie"))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.instrument").isEqualTo("MEDIATION").jsonPath("$.caseNumber").isNumber();
        assertThat(decisions(noise.reference())).hasSize(2).last().satisfies(d -> assertThat(d)
                .containsEntry("decidedBy", "staff:" + TestAccounts.COORDINATOR)
                .containsEntry("reason", "Geluid door de muur: een burenkwestie"));
        assertThat(cases(noise.reference())).singleElement().satisfies(c -> assertThat(c)
                .containsEntry("type", "MEDIATION"));

        // A rule change applies to the next report.
        try {
            http.put().uri("/api/v1/staff/routing/rules/noise").headers(TestAccounts::asCoordinator)
                    .bodyValue(Map.of("instrument", "WORK_ORDER", "informPolice", true)).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.updatedBy")
                    .isEqualTo("staff:" + TestAccounts.COORDINATOR);
            Created party = report("noise", "Feest met harde muziek op het plein", "Passartweg 30", null, null);
            Map<String, Object> order = await(() -> cases(party.reference()), c -> !c.isEmpty(),
                    Duration.ofSeconds(10)).get(0);
            assertThat(order).containsEntry("type", "WORK_ORDER").containsEntry("informPolice", true);
            // The police liaison (wijkagent) is informed as well as the WOP.
            assertThat(await(() -> FakeTwilio.textsTo(FakeTwilio.POLICE_PHONE), t -> t.stream()
                    .anyMatch(m -> m.get("Body").contains("werkbon " + order.get("number") + ":")),
                    Duration.ofSeconds(10))).isNotEmpty();
        } finally {
            http.put().uri("/api/v1/staff/routing/rules/noise").headers(TestAccounts::asCoordinator)
                    .bodyValue(Map.of("instrument", "TRIAGE")).exchange().expectStatus().isOk();
        }
    }

    @Test
    void anOfferNobodyAnswersInTimeExpiresAndGoesToTheNextVolunteer() {
        Map<String, Object> silent = volunteer("Zwijgzaam", "Beukstraat", null);
        Map<String, Object> first = volunteer("Eerste", "Eikstraat", null);
        Map<String, Object> second = volunteer("Tweede", "Lindestraat", null);
        Map<String, Object> mediation = offeredMediation("Ruzie over een boom over de schutting", "Passartweg 14", 3);
        int number = (Integer) mediation.get("number");
        UUID caseId = UUID.fromString((String) mediation.get("id"));
        assertThat(sms(phone(first), "JA " + number)).contains("We zoeken nog een tweede");
        assertThat(sms(phone(second), "NEE " + number)).contains("We vragen iemand anders");
        // A volunteer who joins now is next in line once the silent one's time is up (48 h, here set in the past).
        Map<String, Object> next = volunteer("Volgende", "Iepenstraat", null);
        assertThat(FakeTwilio.textsTo(phone(next))).isEmpty();
        db.sql("update case_offer set expires_at = now() - interval '2 hours' where case_id = :c and answer is null")
                .bind("c", caseId).then().block();

        assertThat(mediations.expireOffers().block()).isGreaterThanOrEqualTo(1L);

        assertThat(db.sql("select answer from case_offer o join volunteer v on v.id = o.volunteer_id"
                + " where o.case_id = :c and v.phone_hash = :p").bind("c", caseId)
                .bind("p", personalData.phoneLookup(phone(silent)))
                .map(r -> r.get("answer", String.class)).one().block()).isEqualTo("EXPIRED");
        assertThat(sms(phone(silent), "JA " + number)).isEqualTo("Het aanbod voor zaak " + number
                + " is verlopen. We hebben iemand anders gevraagd.");
        assertThat(await(() -> FakeTwilio.textsTo(phone(next)), t -> !t.isEmpty(), Duration.ofSeconds(10))).hasSize(1);
        assertThat(sms(phone(next), "JA " + number)).startsWith("Dank u. U bemiddelt in zaak " + number + ", samen met");
    }

    @Test
    void theCoordinatorsMediationCardShowsWhoWasAskedWhoDeclinedAndWhenOffersExpire() {
        volunteer("Stil Gebleven", "Beukstraat", null);
        volunteer("Ja Zegger", "Eikstraat", null);
        volunteer("Nee Zegger", "Lindestraat", null);
        Map<String, Object> mediation = offeredMediation("Ruzie over de schutting en de klimop", "Passartweg 16", 3);
        int number = (Integer) mediation.get("number");
        UUID caseId = UUID.fromString((String) mediation.get("id"));
        List<Map<String, Object>> volunteers = http.get().uri("/api/v1/staff/volunteers")
                .headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();
        String yes = volunteers.stream().filter(v -> "Ja Zegger".equals(v.get("name"))).map(v -> (String) v.get("phone"))
                .findFirst().orElseThrow();
        String no = volunteers.stream().filter(v -> "Nee Zegger".equals(v.get("name"))).map(v -> (String) v.get("phone"))
                .findFirst().orElseThrow();
        assertThat(offers(caseId)).extracting(o -> o.get("answer")).containsOnly("OPEN");
        assertThat(offers(caseId)).allSatisfy(o -> assertThat(o).containsKeys("askedAt", "expiresAt"));
        sms(yes, "JA " + number);
        sms(no, "NEE " + number);
        // The silent one's time is up, even before the expiry job has run.
        db.sql("update case_offer set expires_at = now() - interval '1 hour' where case_id = :c and answer is null")
                .bind("c", caseId).then().block();

        Map<String, String> answers = new HashMap<>();
        offers(caseId).forEach(o -> answers.put((String) o.get("volunteer"), (String) o.get("answer")));
        assertThat(answers).containsEntry("Ja Zegger", "ACCEPTED").containsEntry("Nee Zegger", "DECLINED")
                .containsEntry("Stil Gebleven", "EXPIRED").hasSize(3);
        assertThat(offers(caseId)).filteredOn(o -> "Nee Zegger".equals(o.get("volunteer")))
                .allSatisfy(o -> assertThat(o.get("answeredAt")).isNotNull());
        // The expiry job agrees (and, with nobody left to ask, leaves the case waiting for the coordinator).
        mediations.expireOffers().block();
        assertThat(offers(caseId)).filteredOn(o -> "Stil Gebleven".equals(o.get("volunteer")))
                .allSatisfy(o -> assertThat(o).containsEntry("answer", "EXPIRED"));
        // Only for the coordinator: a volunteer neither lists cases nor sees who else was asked.
        http.get().uri("/api/v1/staff/cases?type=MEDIATION").headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD))
                .exchange().expectStatus().isForbidden();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> offers(UUID caseId) {
        return http.get().uri("/api/v1/staff/cases?type=MEDIATION").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody().stream().filter(c -> caseId.toString().equals(c.get("id")))
                .findFirst().map(c -> (List<Map<String, Object>>) c.get("offers")).orElseThrow();
    }

    /**
     * The guardrails of closing (issue 13): an outcome about the talks with no recorded conversation
     * is refused (409) naming the missing step, in Dutch and English; closing is never one tap (400
     * without "confirmed"); the inbox shows the real step once a conversation is recorded; an outcome
     * that ends a mediation before any talk (a party declined) closes from ASSIGNED.
     */
    @Test
    void aMediationClosesOnlyAfterARecordedConversationAndAConfirmationAndTheInboxShowsTheRealStep() {
        Map<String, Object> first = volunteer("Els Eerste", "Kastanjelaan", VOLUNTEER);
        Map<String, Object> second = volunteer("Frits Tweede", "Wilgenlaan", null);
        Created report = report("neighbour_dispute", "De hond van de overburen blaft de hele nacht",
                "Passartweg 40", FakeTwilio.newPhone(), "Gijs Melder");
        Map<String, Object> mediation = await(() -> cases(report.reference()), c -> !c.isEmpty(),
                Duration.ofSeconds(10)).get(0);
        String caseId = (String) mediation.get("id");
        int number = (Integer) mediation.get("number");
        http.post().uri("/api/v1/staff/cases/{id}/offer", caseId).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk();
        sms(phone(first), "JA " + number);
        sms(phone(second), "JA " + number);
        assertThat(cases(report.reference()).get(0)).containsEntry("step", "ASSIGNED");

        // No conversation yet: an agreement cannot have been reached. 409, naming the missing step.
        http.post().uri("/api/v1/staff/cases/{id}/outcome", caseId).headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD))
                .bodyValue(Map.of("outcome", "AGREEMENT", "note", "Afspraken gemaakt.", "confirmed", true))
                .exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").value(type -> assertThat((String) type)
                        .endsWith("mediation-needs-conversation"))
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("gesprek met partij A"));
        http.post().uri("/api/v1/staff/cases/{id}/outcome", caseId).headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD))
                .header("Accept-Language", "en")
                .bodyValue(Map.of("outcome", "NO_AGREEMENT", "note", "No agreement.", "confirmed", true))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("conversation with party A"));
        assertThat(cases(report.reference()).get(0)).containsEntry("status", "OPEN").containsEntry("step", "ASSIGNED");

        // A conversation with party A: the volunteer's inbox shows it, not the offer.
        http.post().uri("/api/v1/staff/cases/{id}/contacts", caseId).headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD))
                .bodyValue(Map.of("kind", "PARTY_A", "note", "Gebeld")).exchange().expectStatus().isOk();
        http.get().uri("/api/v1/staff/inbox/cases").headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.number == " + number + ")].step").isEqualTo(List.of("TALK_A"));

        // Not confirmed: nothing happens, and the answer names the field.
        http.post().uri("/api/v1/staff/cases/{id}/outcome", caseId).headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD))
                .bodyValue(Map.of("outcome", "AGREEMENT", "note", "Afspraken gemaakt."))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("confirmed");
        assertThat(cases(report.reference()).get(0)).containsEntry("status", "OPEN").containsEntry("step", "TALK_A");

        http.post().uri("/api/v1/staff/cases/{id}/outcome", caseId).headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD))
                .bodyValue(Map.of("outcome", "AGREEMENT", "note", "Afspraken gemaakt.", "confirmed", true))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("CLOSED").jsonPath("$.step").isEqualTo("CLOSED");

        // A party that will not take part ends a mediation before any talk: allowed from ASSIGNED.
        Map<String, Object> other = offeredMediation("De buren zetten hun vuilnis bij onze deur", "Passartweg 42", 2);
        String otherId = (String) other.get("id");
        int otherNumber = (Integer) other.get("number");
        sms(phone(first), "JA " + otherNumber);
        sms(phone(second), "JA " + otherNumber);
        http.post().uri("/api/v1/staff/cases/{id}/outcome", otherId).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("outcome", "PARTY_DECLINED", "note", "De buren willen niet meedoen.",
                        "confirmed", true))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("PARTY_DECLINED");
    }

    // --- helpers

    /** A neighbour dispute reported at {@code address}, routed to mediation and offered to {@code offered} volunteers. */
    private Map<String, Object> offeredMediation(String description, String address, int offered) {
        Created report = report("neighbour_dispute", description, address, FakeTwilio.newPhone(), null);
        Map<String, Object> mediation = await(() -> cases(report.reference()), c -> !c.isEmpty(),
                Duration.ofSeconds(10)).get(0);
        http.post().uri("/api/v1/staff/cases/{id}/offer", mediation.get("id")).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.offered").isEqualTo(offered);
        return mediation;
    }

    private Map<String, Object> volunteer(String name, String street, String username) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "phone", FakeTwilio.newPhone(), "street", street,
                "maxOpenCases", 3));
        if (username != null) {
            body.put("username", username);
        }
        return http.post().uri("/api/v1/staff/volunteers").headers(TestAccounts::asCoordinator).bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    private static String phone(Map<String, Object> volunteer) {
        return (String) volunteer.get("phone");
    }

    /** A web report with the resident's phone and name, either left out when null. */
    private Created report(String category, String description, String address, String phone, String name) {
        return Reports.file(http, category, description, address, Reports.contact(phone, name));
    }

    private List<Map<String, Object>> cases(String reference) {
        return http.get().uri("/api/v1/staff/cases?reference={r}", reference).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();
    }

    private List<Map<String, Object>> decisions(String reference) {
        return http.get().uri("/api/v1/staff/routing/reports/{r}", reference).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();
    }

    /** A signed text from {@code from}; the reply's text. */
    private String sms(String from, String body) {
        String xml = TwilioWebhooks.text(http, from, body);
        Matcher m = Pattern.compile("<Body>(.*)</Body>", Pattern.DOTALL).matcher(xml);
        assertThat(m.find()).as(xml).isTrue();
        return m.group(1).replace("&apos;", "'").replace("&amp;", "&");
    }
}
