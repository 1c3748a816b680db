package nl.hartslag.staff;

import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.StaffLogin;

/**
 * Issue 10 item 16: the CSRF exemption for scripts holds only when HTTP Basic really authenticated
 * the request and no session cookie came with it; the staff pages' own calls never get a Basic
 * challenge (the browser would show its own login dialog).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsrfBasicIntegrationTests {

    private static final String USER = "wop.csrf";
    private static final String FIRST = "csrf-Eerste-zin-11";
    private static final String SECOND = "csrf-Tweede-zin-22";

    @Autowired
    WebTestClient http;

    @Autowired
    StaffAccounts accounts;

    @BeforeAll
    void account() {
        accounts.create(USER, "Wil Csrf", FIRST, EnumSet.of(Role.WOP)).block();
    }

    @Test
    void aBogusBasicHeaderNextToTheSessionDoesNotSkipTheCsrfCheck() {
        StaffLogin login = StaffLogin.as(http, USER, FIRST);
        // What a forged cross-site request would need: the session cookie rides along, a junk
        // Authorization header is added, and no CSRF token.
        http.post().uri("/api/v1/staff/me/password").cookie("SESSION", login.session())
                .header(HttpHeaders.AUTHORIZATION, "Basic !!!")
                .bodyValue(Map.of("currentPassword", FIRST, "newPassword", SECOND)).exchange()
                .expectStatus().isForbidden();
        // Valid Basic credentials next to a session cookie: the session may be what is ridden on.
        http.post().uri("/api/v1/staff/me/password").cookie("SESSION", login.session())
                .headers(h -> h.setBasicAuth(USER, FIRST))
                .bodyValue(Map.of("currentPassword", FIRST, "newPassword", SECOND)).exchange()
                .expectStatus().isForbidden();
        // Nothing changed.
        http.get().uri("/api/v1/staff/me").headers(h -> h.setBasicAuth(USER, FIRST)).exchange().expectStatus().isOk();
    }

    @Test
    void aBasicHeaderThatDoesNotAuthenticateIsNoExemption() {
        http.post().uri("/api/v1/staff/me/password").header(HttpHeaders.AUTHORIZATION, "Basic !!!")
                .bodyValue(Map.of("currentPassword", FIRST, "newPassword", SECOND)).exchange()
                .expectStatus().isForbidden();
        http.post().uri("/logout").header(HttpHeaders.AUTHORIZATION, "Basic !!!").exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void scriptsWithRealBasicCredentialsAndNoSessionNeedNoToken() {
        http.get().uri("/api/v1/staff/me").headers(h -> h.setBasicAuth(USER, FIRST)).exchange().expectStatus().isOk();
        http.post().uri("/api/v1/staff/me/password").headers(h -> h.setBasicAuth(USER, FIRST))
                .bodyValue(Map.of("currentPassword", FIRST, "newPassword", "csrf-Derde-zin-33")).exchange()
                .expectStatus().isNoContent();
        http.post().uri("/api/v1/staff/me/password").headers(h -> h.setBasicAuth(USER, "csrf-Derde-zin-33"))
                .bodyValue(Map.of("currentPassword", "csrf-Derde-zin-33", "newPassword", FIRST)).exchange()
                .expectStatus().isNoContent();
    }

    @Test
    void theStaffPagesCallsGetNoBasicChallenge() {
        // A script without credentials is told how to authenticate.
        http.get().uri("/api/v1/staff/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Basic .*");
        // A staff page whose session has ended (its cookie still comes along): 401 problem, no challenge.
        http.get().uri("/api/v1/staff/me").cookie("SESSION", "afgelopen-sessie").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE);
        http.get().uri("/api/v1/staff/me").header("X-Requested-With", "XMLHttpRequest").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE);
        http.get().uri("/api/v1/staff/me").header("X-Requested-With", "XMLHttpRequest")
                .headers(h -> h.setBasicAuth(USER, "fout-wachtwoord-1")).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE);
    }
}
