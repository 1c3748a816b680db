package nl.hartslag.staff;

import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.IntegrationTest;

/** Staff change their own password: the current one is required, and the old one stops working. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordChangeIntegrationTests {

    private static final String USER = "wop.wachtwoord";
    private static final String FIRST = "eerste-Wachtwoord-1";
    private static final String SECOND = "tweede-Wachtwoord-2";

    @Autowired
    WebTestClient http;

    @Autowired
    StaffAccounts accounts;

    @BeforeAll
    void account() {
        accounts.create(USER, "Wim van de WOP", FIRST, EnumSet.of(Role.WOP)).block();
    }

    @Test
    void aStaffMemberChangesTheirPasswordAndTheOldOneNoLongerWorks() {
        http.post().uri("/api/v1/staff/me/password").headers(h -> h.setBasicAuth(USER, FIRST))
                .bodyValue(Map.of("currentPassword", "niet-het-goede-wachtwoord", "newPassword", SECOND)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("currentPassword")
                .jsonPath("$.errors[0].message").isEqualTo("Uw huidige wachtwoord klopt niet.");

        http.post().uri("/api/v1/staff/me/password").headers(h -> h.setBasicAuth(USER, FIRST))
                .header("Accept-Language", "en")
                .bodyValue(Map.of("currentPassword", FIRST, "newPassword", "kort")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("newPassword")
                .jsonPath("$.errors[0].message").isEqualTo("A password has at least 12 characters.");

        http.post().uri("/api/v1/staff/me/password").headers(h -> h.setBasicAuth(USER, FIRST))
                .bodyValue(Map.of("currentPassword", FIRST, "newPassword", "x-" + USER + "-2026")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("newPassword");

        http.post().uri("/api/v1/staff/me/password").headers(h -> h.setBasicAuth(USER, FIRST))
                .bodyValue(Map.of("currentPassword", FIRST, "newPassword", SECOND)).exchange()
                .expectStatus().isNoContent();

        http.get().uri("/api/v1/staff/me").headers(h -> h.setBasicAuth(USER, FIRST)).exchange()
                .expectStatus().isUnauthorized();
        http.get().uri("/api/v1/staff/me").headers(h -> h.setBasicAuth(USER, SECOND)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.username").isEqualTo(USER);
    }

    @Test
    void changingAPasswordNeedsALogin() {
        // Without any credential the request is also without a CSRF token: refused before anything else.
        http.post().uri("/api/v1/staff/me/password")
                .bodyValue(Map.of("currentPassword", FIRST, "newPassword", SECOND)).exchange()
                .expectStatus().isForbidden();
        http.post().uri("/api/v1/staff/me/password").headers(h -> h.setBasicAuth(USER, "wrong-password-123"))
                .bodyValue(Map.of("currentPassword", FIRST, "newPassword", SECOND)).exchange()
                .expectStatus().isUnauthorized();
    }
}
