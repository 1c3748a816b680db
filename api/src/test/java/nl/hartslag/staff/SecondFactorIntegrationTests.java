package nl.hartslag.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import nl.hartslag.support.IntegrationTest;

/**
 * The second factor (TOTP) over real HTTP: a coordinator switches it on, after which the password
 * alone opens nothing but the code page; the right code logs in, a wrong or reused one does not.
 */
@IntegrationTest
class SecondFactorIntegrationTests {

    private static final String PASSWORD = "tweede-Stap-Wachtwoord-7";
    /** SecondFactorController.MAX_WRONG_CODES (web adapter, package-private there). */
    private static final int WRONG_CODES_ALLOWED = 5;

    @Autowired
    WebTestClient http;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    DatabaseClient db;

    /** A form login's answer: where it sends the browser, with the session and CSRF cookies. */
    record Step(String location, String session, String xsrf) {
    }

    @Test
    void byDefaultTheLoginPageOffersNoMunicipalLogin() {
        http.get().uri("/login/options").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.oidc").doesNotExist();
        // Nothing of the OIDC flow answers either.
        http.get().uri("/oauth2/authorization/gemeente").exchange().expectStatus().isNotFound();
    }

    @Test
    void withTotpOnTheLoginNeedsTheCodeAndACodeWorksOnlyOnce() {
        String user = newCoordinator();
        byte[] key = enrol(user);

        // Password right: only the code page, nothing of the staff area, and no role.
        Step half = passwordLogin(user, PASSWORD);
        assertThat(half.location()).isEqualTo("/login-code.html");
        http.get().uri("/api/v1/staff/me").cookie("SESSION", half.session()).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://hartslag.nl/problems/second-factor")
                .jsonPath("$.title").isEqualTo("Code nodig");
        http.get().uri("/staff/problems.html").cookie("SESSION", half.session()).exchange()
                .expectStatus().isFound().expectHeader().location("/login-code.html");
        http.get().uri("/api/v1/staff/reports").cookie("SESSION", half.session()).exchange()
                .expectStatus().isUnauthorized();
        // HTTP Basic cannot carry the code: the password alone is not enough there either.
        http.get().uri("/api/v1/staff/me").headers(h -> h.setBasicAuth(user, PASSWORD)).exchange()
                .expectStatus().isUnauthorized();

        // A wrong code: back to the code page, still half-way.
        Step wrong = code(half, wrongCode(key));
        assertThat(wrong.location()).isEqualTo("/login-code.html?error");
        http.get().uri("/api/v1/staff/me").cookie("SESSION", half.session()).exchange()
                .expectStatus().isUnauthorized();

        // The right code: logged in with the account's roles, under a new session id.
        String code = Totp.code(key, Totp.step(Instant.now()) + 1, Totp.ALGORITHM, 6);
        Step done = code(half, code);
        assertThat(done.location()).isEqualTo("/staff/problems.html");
        assertThat(done.session()).isNotNull().isNotEqualTo(half.session());
        http.get().uri("/api/v1/staff/me").cookie("SESSION", done.session()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.username").isEqualTo(user).jsonPath("$.roles[0]").isEqualTo("COORDINATOR");

        // The same code again (another login, within its 30 seconds): refused.
        Step again = passwordLogin(user, PASSWORD);
        assertThat(code(again, code).location()).isEqualTo("/login-code.html?error");
        http.get().uri("/api/v1/staff/me").cookie("SESSION", again.session()).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void fiveWrongCodesEndTheHalfWayLogin() {
        String user = newCoordinator();
        byte[] key = enrol(user);
        Step half = passwordLogin(user, PASSWORD);
        for (int i = 1; i < WRONG_CODES_ALLOWED; i++) {
            assertThat(code(half, wrongCode(key)).location()).isEqualTo("/login-code.html?error");
        }
        assertThat(code(half, wrongCode(key)).location()).isEqualTo("/login?error");
        // Even the right code no longer helps: the password step has to be done again.
        String right = Totp.code(key, Totp.step(Instant.now()), Totp.ALGORITHM, 6);
        assertThat(code(half, right).location()).isEqualTo("/login");
    }

    @Test
    void enrolmentNeedsAValidCodeAndStoresTheSecretSealed() {
        String user = newCoordinator();
        Map<String, Object> enrolment = startEnrolment(user);
        String secret = (String) enrolment.get("secret");
        assertThat((String) enrolment.get("uri")).startsWith("otpauth://totp/Hartslag:" + user + "?secret=" + secret)
                .contains("issuer=Hartslag", "algorithm=SHA1", "digits=6", "period=30");

        http.post().uri("/api/v1/staff/me/totp/confirm").headers(h -> h.setBasicAuth(user, PASSWORD))
                .bodyValue(Map.of("code", wrongCode(Totp.fromBase32(secret)))).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("code");
        // Not confirmed: the password alone still logs in completely.
        assertThat(passwordLogin(user, PASSWORD).location()).isEqualTo("/staff/problems.html");

        String code = Totp.code(Totp.fromBase32(secret), Totp.step(Instant.now()), Totp.ALGORITHM, 6);
        http.post().uri("/api/v1/staff/me/totp/confirm").headers(h -> h.setBasicAuth(user, PASSWORD))
                .bodyValue(Map.of("code", code)).exchange()
                .expectStatus().isNoContent();
        String stored = db.sql("select totp_secret_sealed from staff_account where username = :u").bind("u", user)
                .map(row -> row.get("totp_secret_sealed", String.class)).one().block();
        assertThat(stored).isNotNull().doesNotContain(secret).matches("[^:]+:.+");
        assertThat(passwordLogin(user, PASSWORD).location()).isEqualTo("/login-code.html");
    }

    @Test
    void switchingOffNeedsACode() {
        String user = newCoordinator();
        byte[] key = enrol(user, -1);
        Step done = code(passwordLogin(user, PASSWORD), Totp.code(key, Totp.step(Instant.now()), Totp.ALGORITHM, 6));
        http.get().uri("/api/v1/staff/me/totp").cookie("SESSION", done.session()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.enabled").isEqualTo(true)
                .jsonPath("$.required").isEqualTo(false);
        http.post().uri("/api/v1/staff/me/totp/off").cookie("SESSION", done.session()).cookie("XSRF-TOKEN", done.xsrf())
                .header("X-XSRF-TOKEN", done.xsrf()).bodyValue(Map.of("code", wrongCode(key))).exchange()
                .expectStatus().isBadRequest();
        // The code after the one the login used.
        http.post().uri("/api/v1/staff/me/totp/off").cookie("SESSION", done.session()).cookie("XSRF-TOKEN", done.xsrf())
                .header("X-XSRF-TOKEN", done.xsrf())
                .bodyValue(Map.of("code", Totp.code(key, Totp.step(Instant.now()) + 1, Totp.ALGORITHM, 6)))
                .exchange().expectStatus().isNoContent();
        assertThat(passwordLogin(user, PASSWORD).location()).isEqualTo("/staff/problems.html");
    }

    @Test
    void aCoordinatorResetsAnotherAccountsSecondFactorAfterALostPhone() {
        String user = newCoordinator();
        byte[] key = enrol(user, -1);
        Step done = code(passwordLogin(user, PASSWORD), Totp.code(key, Totp.step(Instant.now()), Totp.ALGORITHM, 6));
        // Only coordinators, and not without CSRF from a page session (Basic here, as a script would).
        http.post().uri("/api/v1/staff/accounts/{u}/totp/reset", user).exchange().expectStatus().isForbidden();
        http.post().uri("/api/v1/staff/accounts/{u}/totp/reset", "niemand-" + UUID.randomUUID().toString().substring(0, 6))
                .headers(nl.hartslag.support.TestAccounts::asCoordinator).exchange().expectStatus().isNotFound();
        http.post().uri("/api/v1/staff/accounts/{u}/totp/reset", user)
                .headers(nl.hartslag.support.TestAccounts::asCoordinator).exchange().expectStatus().isNoContent();
        // The session opened with the factor ends; the password alone logs in again.
        http.get().uri("/api/v1/staff/me").cookie("SESSION", done.session()).exchange().expectStatus().isUnauthorized();
        assertThat(passwordLogin(user, PASSWORD).location()).isEqualTo("/staff/problems.html");
        assertThat(db.sql("select e.actor from staff_account_event e join staff_account a on a.id = e.account_id"
                + " where a.username = :u and e.kind = 'TOTP_DISABLED'").bind("u", user)
                .map(row -> row.get("actor", String.class)).all().collectList().block())
                .containsExactly("staff:" + nl.hartslag.support.TestAccounts.COORDINATOR);
    }

    // --- helpers

    private String newCoordinator() {
        String user = "totp-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(user, "Coördinator met code", PASSWORD, EnumSet.of(Role.COORDINATOR)).block();
        return user;
    }

    private Map<String, Object> startEnrolment(String user) {
        return http.post().uri("/api/v1/staff/me/totp").headers(h -> h.setBasicAuth(user, PASSWORD)).exchange()
                .expectStatus().isOk()
                .expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    /** Switches TOTP on (the current step's code is used for that) and returns the key. */
    private byte[] enrol(String user) {
        return enrol(user, 0);
    }

    /** Switches TOTP on with the code of the current step + {@code offset} (within the window). */
    private byte[] enrol(String user, int offset) {
        byte[] key = Totp.fromBase32((String) startEnrolment(user).get("secret"));
        http.post().uri("/api/v1/staff/me/totp/confirm").headers(h -> h.setBasicAuth(user, PASSWORD))
                .bodyValue(Map.of("code", Totp.code(key, Totp.step(Instant.now()) + offset, Totp.ALGORITHM, 6))).exchange()
                .expectStatus().isNoContent();
        return key;
    }

    /** Six digits that are none of the codes the window around now accepts. */
    private static String wrongCode(byte[] key) {
        long step = Totp.step(Instant.now());
        for (int candidate = 0;; candidate++) {
            String code = String.format("%06d", (candidate * 7919) % 1_000_000);
            boolean valid = false;
            for (long s = step - 2; s <= step + 2; s++) {
                valid |= Totp.code(key, s, Totp.ALGORITHM, 6).equals(code);
            }
            if (!valid) {
                return code;
            }
        }
    }

    private Step passwordLogin(String user, String password) {
        ResponseCookie xsrf = http.get().uri("/login").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseCookies().getFirst("XSRF-TOKEN");
        var form = new LinkedMultiValueMap<String, String>();
        form.add("username", user);
        form.add("password", password);
        form.add("_csrf", xsrf.getValue());
        var result = http.post().uri("/login").cookie("XSRF-TOKEN", xsrf.getValue())
                .body(BodyInserters.fromFormData(form)).exchange()
                .expectStatus().isFound().expectBody().returnResult();
        return new Step(result.getResponseHeaders().getLocation().toString(),
                result.getResponseCookies().getFirst("SESSION").getValue(), xsrf.getValue());
    }

    private Step code(Step half, String code) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("code", code);
        form.add("_csrf", half.xsrf());
        var result = http.post().uri("/login/code").cookie("SESSION", half.session()).cookie("XSRF-TOKEN", half.xsrf())
                .body(BodyInserters.fromFormData(form)).exchange()
                .expectStatus().isFound().expectBody().returnResult();
        ResponseCookie session = result.getResponseCookies().getFirst("SESSION");
        return new Step(result.getResponseHeaders().getLocation().toString(),
                session == null ? half.session() : session.getValue(), half.xsrf());
    }
}
