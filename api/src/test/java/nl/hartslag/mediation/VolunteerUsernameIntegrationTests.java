package nl.hartslag.mediation;


import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.TestAccounts;

/**
 * A volunteer's username is their staff login, and logins ignore case: two volunteers whose
 * usernames differ only in case are one login, so the second is refused (409) and the one login,
 * typed in any case, finds its volunteer's inbox.
 */
@IntegrationTest
class VolunteerUsernameIntegrationTests {

    @Autowired
    WebTestClient http;

    @Test
    void usernamesThatDifferOnlyInCaseAreOneLogin() {
        String username = "vrijwilliger." + ThreadLocalRandom.current().nextInt(1_000_000);
        String password = "lang-genoeg-Wachtwoord-7";
        http.post().uri("/api/v1/staff/accounts").headers(TestAccounts::asCoordinator)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "displayName", "Anna", "password", password,
                        "roles", List.of("VOLUNTEER")))
                .exchange().expectStatus().isCreated();

        register("Vrijwilliger" + username.substring("vrijwilliger".length()))
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.username").isEqualTo(username);
        register(username.toUpperCase(java.util.Locale.ROOT))
                .expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("Deze gebruikersnaam is al in gebruik");

        for (String login : List.of(username, username.toUpperCase(java.util.Locale.ROOT))) {
            http.get().uri("/api/v1/staff/inbox/offers").headers(h -> h.setBasicAuth(login, password))
                    .exchange().expectStatus().isOk();
        }
    }

    @Test
    void aVolunteerUsernameFollowsTheRuleOfStaffUsernames() {
        register("Anna Jansen").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("username");
    }

    private WebTestClient.ResponseSpec register(String username) {
        return http.post().uri("/api/v1/staff/volunteers").headers(TestAccounts::asCoordinator)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Anna", "phone", FakeTwilio.newPhone(), "username", username))
                .exchange();
    }
}
