package nl.hartslag.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.TestAccounts;

/**
 * Issue 10 item 17: an agreed action belongs to one meeting and one agency. Only a partner account
 * of that agency taking part in that meeting (or the coordinator) marks it done; a partner of
 * another agency in the same meeting, or of the same agency in another meeting about the case, is
 * refused. An action cannot be due before the meeting that agreed it, and is only added for a case
 * on that meeting's agenda (issue 13); it is marked done once (ActionStatus OPEN → DONE), and a
 * partner's agenda says which actions they may close.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgreedActionIntegrationTests {

    private static final String POLICE = "wijkagent.actie";
    private static final String HOUSING = "corporatie.actie";
    private static final String OTHER_POLICE = "wijkagent.ander.overleg";
    private static final String PASSWORD = "partner-Actie-zin-2026";

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
        // A partner account from before accounts had an agency (the coordinator sets it, below).
        accounts.create(OTHER_POLICE, "Wijkagent elders", PASSWORD, EnumSet.of(Role.PARTNER)).block();
    }

    @Test
    void onlyTheActionsOwnAgencyInItsOwnMeetingClosesIt() {
        LocalDate heldOn = LocalDate.now().plusDays(7);
        UUID caseId = escalationCase();
        String meeting = meeting(heldOn, List.of(POLICE, HOUSING), caseId);
        String otherMeeting = meeting(heldOn.plusDays(28), List.of(OTHER_POLICE), caseId);

        // A new partner account names its agency.
        http.post().uri("/api/v1/staff/accounts").headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("username", "partner.zonder", "displayName", "Zonder organisatie",
                        "password", PASSWORD, "roles", List.of("PARTNER")))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("agency");
        // The account from before accounts had an agency: the coordinator sets it.
        http.put().uri("/api/v1/staff/accounts/{u}/agency", OTHER_POLICE).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("agency", "BRANDWEER")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("agency");
        http.put().uri("/api/v1/staff/accounts/{u}/agency", OTHER_POLICE).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("agency", "POLICE")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.agency").isEqualTo("POLICE");

        http.post().uri("/api/v1/staff/meetings/{id}/actions", meeting).headers(TestAccounts::asCoordinator)
                .bodyValue(action(caseId, "POLICE", heldOn.minusDays(1))).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("dueOn")
                .jsonPath("$.errors.length()").isEqualTo(1);
        String policeAction = created(meeting, action(caseId, "POLICE", heldOn));
        String housingAction = created(meeting, action(caseId, "HOUSING", heldOn.plusDays(14)));

        // A case that is not on this meeting's agenda gets no action in it.
        String emptyMeeting = meeting(heldOn, List.of(POLICE), null);
        http.post().uri("/api/v1/staff/meetings/{id}/actions", emptyMeeting).headers(TestAccounts::asCoordinator)
                .bodyValue(action(caseId, "POLICE", heldOn)).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://hartslag.nl/problems/case-not-on-agenda");

        // Each partner's agenda marks only their own agency's actions as closable.
        http.get().uri("/api/v1/staff/meetings/{id}", meeting).headers(h -> h.setBasicAuth(HOUSING, PASSWORD))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].actions[?(@.id == '" + policeAction + "')].mayClose").isEqualTo(false)
                .jsonPath("$.items[0].actions[?(@.id == '" + housingAction + "')].mayClose").isEqualTo(true)
                .jsonPath("$.items[0].actions[?(@.id == '" + policeAction + "')].status").isEqualTo("OPEN");
        http.get().uri("/api/v1/staff/meetings/{id}", meeting).headers(h -> h.setBasicAuth(POLICE, PASSWORD))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].actions[?(@.id == '" + policeAction + "')].mayClose").isEqualTo(true)
                .jsonPath("$.items[0].actions[?(@.id == '" + housingAction + "')].mayClose").isEqualTo(false);

        // The housing corporation takes part in the meeting but the action is the police's.
        http.post().uri("/api/v1/staff/actions/{id}/done", policeAction).headers(h -> h.setBasicAuth(HOUSING, PASSWORD))
                .bodyValue(Map.of("note", "Niet van ons")).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://hartslag.nl/problems/not-your-action");
        // A police account from another meeting about the same case did not agree to it there.
        http.post().uri("/api/v1/staff/actions/{id}/done", policeAction)
                .headers(h -> h.setBasicAuth(OTHER_POLICE, PASSWORD))
                .bodyValue(Map.of("note", "Ander overleg")).exchange()
                .expectStatus().isForbidden();
        assertThat(doneAt(policeAction)).as("refused attempts changed nothing").isEmpty();

        http.post().uri("/api/v1/staff/actions/{id}/done", policeAction).headers(h -> h.setBasicAuth(POLICE, PASSWORD))
                .bodyValue(Map.of("note", "Drie avonden extra gelopen")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.doneAt").exists()
                .jsonPath("$.status").isEqualTo("DONE").jsonPath("$.mayClose").isEqualTo(false);
        // Done once: a second "klaar" does not overwrite the first note.
        http.post().uri("/api/v1/staff/actions/{id}/done", policeAction).headers(h -> h.setBasicAuth(POLICE, PASSWORD))
                .bodyValue(Map.of("note", "Nog een keer")).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://hartslag.nl/problems/action-done");
        assertThat(db.sql("select done_note from agreed_action where id = :id").bind("id", UUID.fromString(policeAction))
                .map(row -> row.get("done_note", String.class)).one().block()).isEqualTo("Drie avonden extra gelopen");
        http.post().uri("/api/v1/staff/actions/{id}/done", housingAction).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("note", "Gemeld in het overleg")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.doneAt").exists();
        assertThat(otherMeeting).isNotEqualTo(meeting);
    }

    /** One report about a problem, proposed and put on the agenda, gives an escalation case. */
    private UUID escalationCase() {
        UUID cluster = new Reports(http, db).clusterOf(Reports.file(http, "drugs",
                "Gedeal bij de portiek van de Mijnstraat 12", "Mijnstraat 12").reference());
        UUID proposal = UUID.randomUUID();
        db.sql("insert into escalation_proposal (id, cluster_id, rule, reason) values (:id, :c, 'REPEATED_REPORTS',"
                + " 'test') on conflict (cluster_id) do nothing").bind("id", proposal).bind("c", cluster).then().block();
        UUID proposalId = db.sql("select id from escalation_proposal where cluster_id = :c").bind("c", cluster)
                .map(row -> row.get("id", UUID.class)).one().block();
        String meeting = meeting(LocalDate.now().plusDays(1), List.of(), null);
        String caseId = (String) http.post().uri("/api/v1/staff/meetings/{id}/agenda", meeting)
                .headers(TestAccounts::asCoordinator).bodyValue(Map.of("proposalId", proposalId)).exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("caseId");
        return UUID.fromString(caseId);
    }

    private String meeting(LocalDate heldOn, List<String> participants, UUID caseId) {
        String id = (String) http.post().uri("/api/v1/staff/meetings").headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("heldOn", heldOn.toString(), "title", "Overleg " + heldOn, "participants",
                        participants))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("id");
        if (caseId != null) {
            // The same case on this meeting's agenda too (an escalation case can come back).
            UUID proposal = db.sql("select id from escalation_proposal where case_id = :c").bind("c", caseId)
                    .map(row -> row.get("id", UUID.class)).one().block();
            http.post().uri("/api/v1/staff/meetings/{id}/agenda", id).headers(TestAccounts::asCoordinator)
                    .bodyValue(Map.of("proposalId", proposal)).exchange().expectStatus().isOk();
        }
        return id;
    }

    private static Map<String, Object> action(UUID caseId, String partner, LocalDate dueOn) {
        return Map.of("caseId", caseId, "partner", partner, "description", "Actie van " + partner, "owner",
                "Contactpersoon " + partner, "dueOn", dueOn.toString());
    }

    private String created(String meeting, Map<String, Object> action) {
        return (String) http.post().uri("/api/v1/staff/meetings/{id}/actions", meeting)
                .headers(TestAccounts::asCoordinator).bodyValue(action).exchange()
                .expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("id");
    }

    private Optional<Object> doneAt(String action) {
        return db.sql("select done_at from agreed_action where id = :id").bind("id", UUID.fromString(action))
                .map(row -> Optional.ofNullable((Object) row.get("done_at"))).one().block();
    }
}
