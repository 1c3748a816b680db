package nl.hartslag.escalation;

import static nl.hartslag.support.TwilioWebhooks.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
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

import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TestAccounts;

/**
 * A problem that keeps coming back (five reports from three households about one address) is
 * proposed for the Casuistiekoverleg with a summary that names no reporter, put on a meeting's
 * agenda, and followed up by a partner who sees only the meetings they take part in.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EscalationIntegrationTests {

    private static final String PASSWORD = "overleg-Pa55word!";
    private static final String POLICE = "wijkagent.overleg";
    private static final String HOUSING = "woningcorporatie.overleg";

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    StaffAccounts accounts;

    @BeforeAll
    void partners() {
        accounts.create(POLICE, "Wijkagent", PASSWORD, EnumSet.of(Role.PARTNER), "POLICE").block();
        accounts.create(HOUSING, "Woningcorporatie", PASSWORD, EnumSet.of(Role.PARTNER), "HOUSING").block();
    }

    /**
     * The report that tips a problem over the rule proposes it at once (the escalation feature acts
     * on ReportClustered), without anyone asking for a check and without waiting for the minute sweep.
     */
    @Test
    void theReportThatTipsAProblemProposesItWithoutWaitingForTheSweep() {
        List<String> households = List.of(FakeTwilio.newPhone(), FakeTwilio.newPhone(), FakeTwilio.newPhone());
        String place = "Esdoornstraat 30";
        List<Created> reports = List.of(
                Reports.file(http, "youth_nuisance", "Jongeren hangen elke avond rond bij het bankje van Esdoornstraat 30"
                        + " en schelden voorbijgangers uit", place, Map.of("phone", households.get(0))),
                Reports.file(http, "youth_nuisance", "Weer een groep jongeren bij het bankje Esdoornstraat 30, ze"
                        + " schelden iedereen uit", place, Map.of("phone", households.get(1))),
                Reports.file(http, "youth_nuisance", "Hangjongeren bij het bankje voor Esdoornstraat 30, uitschelden"
                        + " en intimideren", place, Map.of("phone", households.get(2))),
                Reports.file(http, "youth_nuisance", "De jongeren bij het bankje van Esdoornstraat 30 schelden weer"
                        + " voorbijgangers uit", place, Map.of("phone", households.get(0))),
                Reports.file(http, "youth_nuisance", "Jongeren op het bankje Esdoornstraat 30, elke avond schelden en"
                        + " intimideren", place, Map.of("phone", households.get(1))));
        Set<UUID> clusters = await(() -> clusters(reports), c -> c.size() == 1 && !c.contains(null),
                Duration.ofSeconds(15));
        UUID cluster = clusters.iterator().next();

        // No POST /escalations/check here; the sweep runs once a minute, the event within seconds.
        assertThat(await(() -> count("select count(*) as n from escalation_proposal where cluster_id = :v"
                + " and rule = 'REPEATED_REPORTS' and status = 'PROPOSED'", cluster), n -> n == 1,
                Duration.ofSeconds(10))).isOne();
    }

    @Test
    void aRecurringAddressIsProposedPutOnTheAgendaAndFollowedUpByTheRightPartnerOnly() {
        List<String> households = List.of(FakeTwilio.newPhone(), FakeTwilio.newPhone(), FakeTwilio.newPhone());
        List<Created> reports = List.of(
                report("Er wordt gedeald voor de deur van Passartweg 40, scooters af en aan", households.get(0)),
                report("Weer drugshandel voor de deur Passartweg 40, steeds scooters af en aan", households.get(1)),
                report("Drugs dealen voor de deur van Passartweg 40, de hele avond scooters", households.get(2)),
                report("Dealers voor de deur van Passartweg 40, scooters rijden af en aan", households.get(0)),
                report("Drugshandel Passartweg 40 voor de deur, scooters af en aan tot laat", households.get(1)));
        Set<UUID> clusters = await(() -> clusters(reports), c -> c.size() == 1 && !c.contains(null),
                Duration.ofSeconds(15));
        assertThat(clusters).as("the five reports are one problem").hasSize(1);

        http.post().uri("/api/v1/staff/escalations/check").headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk();
        List<Map<String, Object>> proposals = http.get().uri("/api/v1/staff/escalations").headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk().expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();
        Map<String, Object> proposal = proposals.stream()
                .filter(p -> "Passartweg 40".equals(summary(p).get("address"))).findFirst().orElseThrow();
        assertThat(proposal).containsEntry("rule", "REPEATED_REPORTS").containsEntry("status", "PROPOSED");
        // Only a proposal: no case, nothing on an agenda, nobody texted until a coordinator puts it there.
        UUID cluster = clusters.iterator().next();
        assertThat(count("select count(*) as n from case_file where type = 'ESCALATION' and cluster_id = :v", cluster))
                .isZero();
        assertThat(count("select count(*) as n from meeting_case mc join case_file c on c.id = mc.case_id"
                + " where c.cluster_id = :v", cluster)).isZero();
        // (The proposal comes as the fifth report joins the problem, so that report's own receipt and
        // routing texts may still follow it; nothing else may.)
        assertThat(count("select count(*) as n from notification n join report r on r.reference = n.reference"
                + " where r.cluster_id = :v and n.created_at > (select proposed_at from escalation_proposal"
                + " where cluster_id = :v) and n.template not in ('REPORT_RECEIVED', 'STATUS_IN_PROGRESS',"
                + " 'WORK_ORDER')", cluster)).isZero();
        assertThat(summary(proposal)).containsEntry("reports", 5).containsEntry("households", 3)
                .containsEntry("categoryCode", "drugs");
        assertThat((List<?>) summary(proposal).get("whatWasDone")).isNotEmpty();
        // No reporter's number anywhere in what the meeting gets.
        String everything = proposals.toString();
        households.forEach(phone -> assertThat(everything).doesNotContain(phone.substring(3)));
        // Checking again proposes nothing twice.
        http.post().uri("/api/v1/staff/escalations/check").headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk();
        assertThat(http.get().uri("/api/v1/staff/escalations").headers(TestAccounts::asCoordinator).exchange()
                .expectBody(String.class).returnResult().getResponseBody().split("\"Passartweg 40\"", -1))
                .hasSize(2);

        Map<String, Object> meeting = http.post().uri("/api/v1/staff/meetings").headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("heldOn", LocalDate.now().plusDays(7).toString(), "title",
                        "Casuistiekoverleg Passart", "participants", List.of(POLICE)))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        String meetingId = (String) meeting.get("id");
        Map<String, Object> item = http.post().uri("/api/v1/staff/meetings/{id}/agenda", meetingId)
                .headers(TestAccounts::asCoordinator).bodyValue(Map.of("proposalId", proposal.get("id"))).exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        String caseId = (String) item.get("caseId");
        assertThat(http.get().uri("/api/v1/staff/cases?reference={r}", reports.get(0).reference())
                .headers(TestAccounts::asCoordinator).exchange().expectBody(String.class).returnResult().getResponseBody())
                .contains("ESCALATION");

        http.post().uri("/api/v1/staff/meetings/{id}/actions", meetingId).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("caseId", caseId, "partner", "TEAM")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[?(@.field == 'partner')]").exists()
                .jsonPath("$.errors[?(@.field == 'owner')]").exists()
                .jsonPath("$.errors[?(@.field == 'dueOn')]").exists();
        Map<String, Object> action = http.post().uri("/api/v1/staff/meetings/{id}/actions", meetingId)
                .headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("caseId", caseId, "partner", "POLICE", "description",
                        "Extra surveillance rond de portiek", "owner", "Wijkagent Passart", "dueOn",
                        LocalDate.now().plusDays(14).toString()))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        assertThat(action).containsEntry("overdue", false);

        // The police liaison takes part: sees the meeting, its agenda, and marks the action done.
        http.get().uri("/api/v1/staff/meetings").headers(h -> h.setBasicAuth(POLICE, PASSWORD)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[?(@.id == '" + meetingId + "')]").exists();
        http.get().uri("/api/v1/staff/meetings/{id}", meetingId).headers(h -> h.setBasicAuth(POLICE, PASSWORD))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].summary.address").isEqualTo("Passartweg 40")
                .jsonPath("$.items[0].actions[0].description").isEqualTo("Extra surveillance rond de portiek");
        http.post().uri("/api/v1/staff/actions/{id}/done", action.get("id")).headers(h -> h.setBasicAuth(POLICE, PASSWORD))
                .bodyValue(Map.of("note", "Drie avonden extra gelopen")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.doneAt").exists();

        // The housing corporation does not take part in this meeting: it sees nothing of it.
        http.get().uri("/api/v1/staff/meetings").headers(h -> h.setBasicAuth(HOUSING, PASSWORD)).exchange()
                .expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).doesNotContain(meetingId));
        http.get().uri("/api/v1/staff/meetings/{id}", meetingId).headers(h -> h.setBasicAuth(HOUSING, PASSWORD))
                .exchange().expectStatus().isNotFound();
        http.post().uri("/api/v1/staff/actions/{id}/done", action.get("id")).headers(h -> h.setBasicAuth(HOUSING, PASSWORD))
                .bodyValue(Map.of("note", "x")).exchange().expectStatus().isNotFound();
        // Partners never plan meetings, nor see proposals, cases or reports.
        http.post().uri("/api/v1/staff/meetings").headers(h -> h.setBasicAuth(POLICE, PASSWORD))
                .bodyValue(Map.of("heldOn", LocalDate.now().toString(), "title", "x")).exchange()
                .expectStatus().isForbidden();
        for (String path : List.of("/api/v1/staff/escalations", "/api/v1/staff/cases/" + caseId,
                "/api/v1/staff/reports/" + reports.get(0).reference())) {
            http.get().uri(path).headers(h -> h.setBasicAuth(POLICE, PASSWORD)).exchange().expectStatus().isForbidden();
        }
    }

    @Test
    void emptyMeTooCallsNeverMakeACaseMeeting() {
        // One resident who can be reached, then five anonymous "me too"s without a word: "6 households" before.
        Created reported = Reports.file(http, "dumping",
                "Steeds weer snoeiafval en takken naast de ondergrondse container op de hoek", "Palmstraat 44",
                Map.of("phone", FakeTwilio.newPhone()));
        UUID cluster = await(() -> clusters(List.of(reported)), c -> !c.contains(null), Duration.ofSeconds(15))
                .iterator().next();
        for (int i = 0; i < 5; i++) {
            http.post().uri("/api/v1/clusters/{id}/support", cluster)
                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isCreated();
        }
        assertThat(count("select household_count as n from cluster where id = :v", cluster)).isOne();

        http.post().uri("/api/v1/staff/escalations/check").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk();
        assertThat(count("select count(*) as n from escalation_proposal where cluster_id = :v", cluster)).isZero();
    }

    private long count(String sql, Object value) {
        return db.sql(sql).bind("v", value).map(row -> ((Number) row.get("n")).longValue()).one().block();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(Map<String, Object> proposal) {
        return (Map<String, Object>) proposal.get("summary");
    }

    private Created report(String description, String phone) {
        return Reports.file(http, "drugs", description, "Passartweg 40", Map.of("phone", phone));
    }

    private Set<UUID> clusters(List<Created> reports) {
        return reports.stream().map(r -> db.sql("select cluster_id from report where reference = :r")
                .bind("r", r.reference()).map(row -> java.util.Optional.ofNullable(row.get("cluster_id", UUID.class)))
                .one().block().orElse(null)).collect(Collectors.toCollection(java.util.HashSet::new));
    }
}
