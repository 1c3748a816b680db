package nl.hartslag.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TestAccounts;

/** Login, roles and CSRF for the staff API and pages, against the accounts in PostgreSQL. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffAccessIntegrationTests {

    private static final String VOLUNTEER = "vrijwilliger.test";
    private static final String VOLUNTEER_PASSWORD = "vrijwilliger-Pa55word";

    @Autowired
    WebTestClient http;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    DatabaseClient db;

    @BeforeAll
    void volunteerAccount() {
        accounts.create(VOLUNTEER, "Vera Vrijwilliger", VOLUNTEER_PASSWORD, EnumSet.of(Role.VOLUNTEER)).block();
    }

    @Test
    void theStaffApiNeedsLoginAndSaysSoAsAProblem() {
        http.get().uri("/api/v1/staff/reports").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Basic .*")
                .expectBody().jsonPath("$.title").isEqualTo("Inloggen nodig");
        http.get().uri("/api/v1/staff/me").headers(h -> h.setBasicAuth(VOLUNTEER, "wrong-password")).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void staffPagesRedirectToTheLoginPage() {
        http.get().uri("/staff/").exchange()
                .expectStatus().isFound()
                .expectHeader().location("/login");
    }

    @Test
    void aVolunteerMayNotSeeReportsOrAccounts() {
        http.get().uri("/api/v1/staff/me").headers(h -> h.setBasicAuth(VOLUNTEER, VOLUNTEER_PASSWORD)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.username").isEqualTo(VOLUNTEER).jsonPath("$.roles[0]").isEqualTo("VOLUNTEER");
        http.get().uri("/api/v1/staff/reports").headers(h -> h.setBasicAuth(VOLUNTEER, VOLUNTEER_PASSWORD))
                .header("Accept-Language", "en").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("No access");
        http.get().uri("/api/v1/staff/accounts").headers(h -> h.setBasicAuth(VOLUNTEER, VOLUNTEER_PASSWORD)).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void passwordsAreStoredAsModernHashes() {
        String hash = db.sql("select password_hash from staff_account where username = :u").bind("u", VOLUNTEER)
                .map(r -> r.get("password_hash", String.class)).one().block();
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(VOLUNTEER_PASSWORD);
    }

    @Test
    void aCoordinatorMovesAReportAndTheResidentSeesIt() {
        Created created = http.post().uri("/api/v1/reports")
                .bodyValue(Map.of("category", "other", "description", "Matras op de stoep",
                        "address", "Passartweg 30", "contact", Map.of("phone", "0612345678")))
                .exchange().expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();

        http.get().uri("/api/v1/staff/reports/{r}", created.reference()).headers(this::coordinator).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.contact.phone").isEqualTo("+31612345678")
                .jsonPath("$.houseNumber").isEqualTo("30");

        http.post().uri("/api/v1/staff/reports/{r}/status", created.reference()).headers(this::coordinator)
                .bodyValue(Map.of("status", "IN_PROGRESS", "publicNote", "De WOP haalt het morgen op."))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("IN_PROGRESS");

        http.get().uri("/api/v1/reports/{r}?token={t}", created.reference(), created.trackingToken()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("IN_PROGRESS")
                .jsonPath("$.history.length()").isEqualTo(2)
                .jsonPath("$.history[1].message").isEqualTo("Er wordt aan uw melding gewerkt. De WOP haalt het morgen op.")
                .jsonPath("$.history[1].actor").doesNotExist();

        http.post().uri("/api/v1/staff/reports/{r}/status", created.reference()).headers(this::coordinator)
                .bodyValue(Map.of("status", "CLOSED")).exchange().expectStatus().isOk();
        http.post().uri("/api/v1/staff/reports/{r}/status", created.reference()).headers(this::coordinator)
                .bodyValue(Map.of("status", "IN_PROGRESS")).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.detail").isEqualTo("Een melding met status CLOSED kan niet naar IN_PROGRESS.");
        http.post().uri("/api/v1/staff/reports/{r}/status", created.reference()).headers(this::coordinator)
                .bodyValue(Map.of("status", "DONE")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
    }

    @Test
    void theFormLoginSessionWorksForTheApiAndNeedsTheCsrfToken() {
        var loginPage = http.get().uri("/login").exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        assertThat(loginPage.getResponseBody()).contains("name=\"_csrf\"", "action=\"/login\"");
        ResponseCookie xsrfCookie = loginPage.getResponseCookies().getFirst("XSRF-TOKEN");
        assertThat(xsrfCookie).as("the login page hands out the CSRF token as a cookie").isNotNull();

        var withoutToken = new LinkedMultiValueMap<String, String>();
        withoutToken.add("username", TestAccounts.COORDINATOR);
        withoutToken.add("password", TestAccounts.PASSWORD);
        http.post().uri("/login").body(BodyInserters.fromFormData(withoutToken)).exchange()
                .expectStatus().isForbidden();
        var wrongPassword = new LinkedMultiValueMap<String, String>();
        wrongPassword.add("username", TestAccounts.COORDINATOR);
        wrongPassword.add("password", "not-the-password");
        wrongPassword.add("_csrf", xsrfCookie.getValue());
        http.post().uri("/login").cookie("XSRF-TOKEN", xsrfCookie.getValue())
                .body(BodyInserters.fromFormData(wrongPassword)).exchange()
                .expectStatus().isFound().expectHeader().location("/login?error");

        var form = new LinkedMultiValueMap<String, String>();
        form.add("username", TestAccounts.COORDINATOR);
        form.add("password", TestAccounts.PASSWORD);
        form.add("_csrf", xsrfCookie.getValue());
        var login = http.post().uri("/login").cookie("XSRF-TOKEN", xsrfCookie.getValue())
                .body(BodyInserters.fromFormData(form)).exchange()
                .expectStatus().isFound()
                // A coordinator's first screen is the problem desk (the others start at /staff/).
                .expectHeader().location("/staff/problems.html")
                .expectBody().returnResult();
        ResponseCookie session = login.getResponseCookies().getFirst("SESSION");
        assertThat(session).as("session cookie").isNotNull();

        http.get().uri("/api/v1/staff/me").cookie("SESSION", session.getValue()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.roles[0]").isEqualTo("COORDINATOR");
        http.get().uri("/staff/").cookie("SESSION", session.getValue()).exchange().expectStatus().isOk();

        Created created = http.post().uri("/api/v1/reports")
                .bodyValue(Map.of("category", "litter", "description", "Blikjes in de berm", "address", "Passartweg 2"))
                .exchange().expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();
        // Riding on the session cookie alone is what CSRF is about: refused without the token.
        http.post().uri("/api/v1/staff/reports/{r}/status", created.reference()).cookie("SESSION", session.getValue())
                .bodyValue(Map.of("status", "RESOLVED")).exchange()
                .expectStatus().isForbidden();
        http.post().uri("/api/v1/staff/reports/{r}/status", created.reference()).cookie("SESSION", session.getValue())
                .cookie("XSRF-TOKEN", xsrfCookie.getValue()).header("X-XSRF-TOKEN", xsrfCookie.getValue())
                .bodyValue(Map.of("status", "RESOLVED")).exchange()
                .expectStatus().isOk();
    }

    @Test
    void coordinatorsCreateStaffAccounts() {
        http.post().uri("/api/v1/staff/accounts").headers(this::coordinator)
                .bodyValue(Map.of("username", "wop.passart", "displayName", "WOP Passart", "password", "kort",
                        "roles", java.util.List.of("WOP")))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
        http.post().uri("/api/v1/staff/accounts").headers(this::coordinator)
                .bodyValue(Map.of("username", "wop.passart", "displayName", "WOP Passart",
                        "password", "lang-genoeg-wachtwoord", "roles", java.util.List.of("WOP")))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.roles[0]").isEqualTo("WOP").jsonPath("$.password").doesNotExist();
        http.get().uri("/api/v1/staff/me").headers(h -> h.setBasicAuth("wop.passart", "lang-genoeg-wachtwoord"))
                .exchange().expectStatus().isOk();
    }

    private void coordinator(HttpHeaders headers) {
        headers.setBasicAuth(TestAccounts.COORDINATOR, TestAccounts.PASSWORD);
    }
}
