package nl.hartslag.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.TestAccounts;

/**
 * Meeting participants are enabled partner accounts: a participant sees the meeting's cases, so
 * a mistyped name, a non-partner or a disabled account is refused with a 400 naming the field.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeetingParticipantsIntegrationTests {

    private static final String PASSWORD = "deelnemer-Pa55word!";
    private static final String PARTNER = "handhaving.deelnemer";
    private static final String GONE = "oud.deelnemer";
    private static final String HELPER = "vrijwilliger.deelnemer";

    @Autowired
    WebTestClient http;

    @Autowired
    StaffAccounts accounts;

    @BeforeAll
    void accounts() {
        accounts.create(PARTNER, "Handhaving Noord", PASSWORD, EnumSet.of(Role.PARTNER), "ENFORCEMENT").block();
        accounts.create(GONE, "Oud-partner", PASSWORD, EnumSet.of(Role.PARTNER), "HOUSING").block();
        accounts.setEnabled(GONE, false, "test").block();
        accounts.create(HELPER, "Vrijwilliger", PASSWORD, EnumSet.of(Role.VOLUNTEER)).block();
    }

    @Test
    void anEnabledPartnerAccountTakesPart() {
        http.post().uri("/api/v1/staff/meetings").headers(TestAccounts::asCoordinator)
                .bodyValue(meeting(List.of(PARTNER.toUpperCase()))).exchange()
                .expectStatus().isCreated().expectBody().jsonPath("$.participants[0]").isEqualTo(PARTNER);
    }

    @Test
    void unknownDisabledOrNonPartnerNamesAreRefusedAndNothingIsPlanned() {
        for (String wrong : List.of("wijkagent.typo", GONE, HELPER, TestAccounts.COORDINATOR)) {
            http.post().uri("/api/v1/staff/meetings").headers(TestAccounts::asCoordinator)
                    .bodyValue(meeting(List.of(PARTNER, wrong))).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("participants")
                    .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains(wrong)
                            .doesNotContain(PARTNER));
        }
        String all = http.get().uri("/api/v1/staff/meetings").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(all).doesNotContain("Overleg deelnemers geweigerd");
    }

    @Test
    void onlyCoordinatorsPlanMeetingsAndListPartnerAccounts() {
        http.post().uri("/api/v1/staff/meetings").headers(h -> h.setBasicAuth(PARTNER, PASSWORD))
                .bodyValue(meeting(List.of(PARTNER))).exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/staff/accounts").headers(h -> h.setBasicAuth(HELPER, PASSWORD)).exchange()
                .expectStatus().isForbidden();
    }

    private static Map<String, Object> meeting(List<String> participants) {
        return Map.of("heldOn", LocalDate.now().plusDays(7).toString(), "title",
                participants.size() > 1 ? "Overleg deelnemers geweigerd" : "Overleg deelnemers", "participants",
                participants);
    }
}
