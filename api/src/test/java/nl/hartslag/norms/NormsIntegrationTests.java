package nl.hartslag.norms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.TestAccounts;

/**
 * Coordinators read every category's norm with labels and change one; a wrong change is a 400
 * problem+json naming the fields in the request's language. The category changed here ('animal') is
 * put back after each test: the database is shared with every other integration test.
 */
@IntegrationTest
class NormsIntegrationTests {

    @Autowired
    WebTestClient http;

    @Autowired
    HandlingNorms norms;

    @Autowired
    StaffAccounts accounts;

    @AfterEach
    void putBack() {
        norms.save(new HandlingNorm("animal", 5, 20, DayKind.WORKING)).block();
    }

    @Test
    void everyCategoryHasItsNormWithLabels() {
        List<Map<String, Object>> all = list("nl");
        assertThat(all).extracting(n -> n.get("category")).contains("noise", "domestic", "neighbour_dispute", "other");
        assertThat(all).filteredOn(n -> "domestic".equals(n.get("category"))).singleElement().satisfies(n -> assertThat(n)
                .containsEntry("responseDays", 1).containsEntry("resolutionDays", 10)
                .containsEntry("dayKind", "CALENDAR").containsEntry("dayKindLabel", "kalenderdagen")
                .containsKey("categoryLabel"));
        assertThat(list("en")).filteredOn(n -> "noise".equals(n.get("category"))).singleElement()
                .satisfies(n -> assertThat(n).containsEntry("dayKindLabel", "working days"));
    }

    @Test
    void aCoordinatorChangesANormAndDeadlinesFollowIt() {
        http.put().uri("/api/v1/staff/norms/animal").headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("responseDays", 2, "resolutionDays", 7, "dayKind", "CALENDAR")).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.category").isEqualTo("animal")
                .jsonPath("$.responseDays").isEqualTo(2)
                .jsonPath("$.resolutionDays").isEqualTo(7)
                .jsonPath("$.dayKind").isEqualTo("CALENDAR");
        assertThat(norms.of("animal").block()).isEqualTo(new HandlingNorm("animal", 2, 7, DayKind.CALENDAR));
        assertThat(list("nl")).filteredOn(n -> "animal".equals(n.get("category"))).singleElement()
                .satisfies(n -> assertThat(n).containsEntry("responseDays", 2).containsEntry("dayKind", "CALENDAR"));
    }

    @Test
    void aWrongNormIsRefusedFieldByFieldInTheRequestsLanguage() {
        http.put().uri("/api/v1/staff/norms/animal").headers(TestAccounts::asCoordinator)
                .header("Accept-Language", "nl")
                .bodyValue(Map.of("responseDays", -1, "resolutionDays", 0, "dayKind", "WEEKDAYS")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'responseDays')].message")
                .isEqualTo("Vul een aantal dagen in van 0 tot en met 365.")
                .jsonPath("$.errors[?(@.field == 'resolutionDays')].message")
                .isEqualTo("Vul een aantal dagen in van 1 tot en met 730.")
                .jsonPath("$.errors[?(@.field == 'dayKind')]").exists();
        http.put().uri("/api/v1/staff/norms/animal").headers(TestAccounts::asCoordinator)
                .header("Accept-Language", "en")
                .bodyValue(Map.of("responseDays", 10, "resolutionDays", 5, "dayKind", "WORKING")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("resolutionDays")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).startsWith("Resolving cannot"));
        http.put().uri("/api/v1/staff/norms/animal").headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of()).exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors.length()").isEqualTo(3);
        // Nothing was stored by the refused changes.
        assertThat(norms.of("animal").block()).isEqualTo(new HandlingNorm("animal", 5, 20, DayKind.WORKING));
    }

    @Test
    void anUnknownCategoryIsNotFoundAndOnlyCoordinatorsMayChange() {
        http.put().uri("/api/v1/staff/norms/no_such_kind").headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("responseDays", 1, "resolutionDays", 2, "dayKind", "WORKING")).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        accounts.create("wop.normen", "Wim Normen", TestAccounts.PASSWORD, EnumSet.of(Role.WOP)).block();
        http.put().uri("/api/v1/staff/norms/animal").headers(h -> h.setBasicAuth("wop.normen", TestAccounts.PASSWORD))
                .bodyValue(Map.of("responseDays", 1, "resolutionDays", 2, "dayKind", "WORKING")).exchange()
                .expectStatus().isForbidden();
        http.get().uri("/api/v1/staff/norms").headers(h -> h.setBasicAuth("wop.normen", TestAccounts.PASSWORD))
                .exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/staff/norms").exchange().expectStatus().isUnauthorized();
        assertThat(norms.of("animal").block()).isEqualTo(new HandlingNorm("animal", 5, 20, DayKind.WORKING));
    }

    private List<Map<String, Object>> list(String language) {
        return http.get().uri("/api/v1/staff/norms").headers(TestAccounts::asCoordinator)
                .header("Accept-Language", language).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();
    }
}
