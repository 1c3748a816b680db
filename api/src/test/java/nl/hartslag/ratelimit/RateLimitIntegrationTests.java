package nl.hartslag.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.TestAccounts;
import reactor.netty.http.client.HttpClient;

/**
 * The rate limits over real HTTP, in their own application context with low limits (the shared
 * test context raises them out of the suite's way). Each test speaks from its own loopback address
 * (127.0.0.x: Linux routes the whole 127/8 block), so each is a different client to the server,
 * which is also how these tests show that one client's limit leaves the others alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hartslag.bootstrap-admin.username=" + TestAccounts.COORDINATOR,
        "hartslag.bootstrap-admin.password=" + TestAccounts.PASSWORD,
        // Reports: the configured 30 a minute per client (the acceptance check).
        "hartslag.rate-limit.paths.similar.limit=5",
        "hartslag.rate-limit.paths.support.limit=3",
        "hartslag.rate-limit.paths.status.limit=5",
        "hartslag.rate-limit.report-contact.limit=3",
        // Logins: five failures per client and thirty per name, both getting one back every 5 s
        // (as in production, one client cannot empty a name's bucket: its own refills no faster).
        "hartslag.rate-limit.login.per-client.limit=5",
        "hartslag.rate-limit.login.per-client.period=25s",
        "hartslag.rate-limit.login.per-username.limit=30",
        "hartslag.rate-limit.login.per-username.period=150s" })
class RateLimitIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @Autowired
    StaffAccounts accounts;

    // --- public endpoints, per client address

    @Test
    void the31stReportFromOneClientWithinAMinuteGets429WithRetryAfterAndNothingIsStored() {
        WebTestClient client = from("127.0.0.11");
        String marker = "rate-" + UUID.randomUUID();
        for (int i = 1; i <= 30; i++) {
            client.post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(report(marker, i, null)).exchange().expectStatus().isCreated();
        }
        EntityExchangeResult<Map<String, Object>> refused = client.post().uri("/api/v1/reports")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(report(marker, 31, null))
                .exchange().expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult();
        long retryAfter = retryAfter(refused);
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(refused.getResponseBody())
                .containsEntry("type", "https://hartslag.nl/problems/rate-limited")
                .containsEntry("status", 429)
                .containsEntry("title", "Te veel verzoeken")
                .containsEntry("instance", "/api/v1/reports");
        assertThat((String) refused.getResponseBody().get("detail")).contains(retryAfter + " seconden");
        // The same answer in English when asked for.
        client.post().uri("/api/v1/reports").header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(report(marker, 32, null))
                .exchange().expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectBody().jsonPath("$.title").isEqualTo("Too many requests")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("seconds"));
        assertThat(storedWith(marker)).isEqualTo(30);

        // Another client is not affected.
        from("127.0.0.12").post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(report(marker, 33, null)).exchange().expectStatus().isCreated();
        assertThat(storedWith(marker)).isEqualTo(31);
    }

    @Test
    void similarProblemsSupportAndTheStatusApiAndPageAreLimitedPerClientEachOnItsOwn() {
        WebTestClient client = from("127.0.0.13");
        for (int i = 0; i < 5; i++) {
            client.get().uri("/api/v1/reports/similar?lat=50.9069&lon=5.9636&text=herrie+in+de+straat&category=noise")
                    .exchange().expectStatus().value(status -> assertThat(status).isNotEqualTo(429));
        }
        client.get().uri("/api/v1/reports/similar?lat=50.9069&lon=5.9636&text=herrie+in+de+straat&category=noise")
                .exchange().expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER);

        // The status API and page share one allowance, apart from "similar" (a more specific rule).
        for (int i = 0; i < 3; i++) {
            client.get().uri("/api/v1/reports/HS-2222-22?token=guess" + i).exchange()
                    .expectStatus().isNotFound();
        }
        client.get().uri("/m/HS-2222-22?t=guess").exchange().expectStatus().isOk();
        client.post().uri("/api/v1/reports/HS-2222-22/not-solved").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", "guess")).exchange()
                .expectStatus().value(status -> assertThat(status).isNotEqualTo(429));
        client.get().uri("/api/v1/reports/HS-2222-22?token=guess").exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS).expectHeader().exists(HttpHeaders.RETRY_AFTER);
        client.get().uri("/m/HS-2222-22?t=guess").exchange().expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        // "Me too": three, then 429 (an unknown cluster costs the same as a known one).
        for (int i = 0; i < 3; i++) {
            client.post().uri("/api/v1/clusters/{id}/support", UUID.randomUUID())
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange()
                    .expectStatus().value(status -> assertThat(status).isNotEqualTo(429));
        }
        client.post().uri("/api/v1/clusters/{id}/support", UUID.randomUUID())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        // Filing a report is its own rule.
        client.post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(report("rate-" + UUID.randomUUID(), 1, null)).exchange().expectStatus().isCreated();
    }

    @Test
    void reportsNamingOneContactAreLimitedWhateverTheClientAndHoweverTheNumberIsWritten() {
        String marker = "contact-" + UUID.randomUUID();
        String mobile = "061" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String e164 = "+316" + mobile.substring(2);
        from("127.0.0.14").post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(report(marker, 1, Map.of("phone", mobile))).exchange().expectStatus().isCreated();
        from("127.0.0.15").post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(report(marker, 2, Map.of("phone", e164))).exchange().expectStatus().isCreated();
        from("127.0.0.16").post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(report(marker, 3, Map.of("phone", "+31 6 " + mobile.substring(2))))
                .exchange().expectStatus().isCreated();

        from("127.0.0.17").post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(report(marker, 4, Map.of("phone", mobile, "email", "someone@example.nl"))).exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, v -> assertThat(Long.parseLong(v)).isBetween(1L, 3600L))
                .expectBody().jsonPath("$.type").isEqualTo("https://hartslag.nl/problems/rate-limited");
        assertThat(storedWith(marker)).isEqualTo(3);

        // The refused report took nothing from the e-mail address it also named; other contacts go on.
        for (int i = 0; i < 3; i++) {
            from("127.0.0.17").post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(report(marker, 5 + i, Map.of("email", "Someone@Example.nl"))).exchange()
                    .expectStatus().isCreated();
        }
        from("127.0.0.17").post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(report(marker, 8, Map.of("email", "someone@example.nl"))).exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        from("127.0.0.17").post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(report(marker, 9, null)).exchange().expectStatus().isCreated();
        assertThat(storedWith(marker)).isEqualTo(7);
    }

    // --- logins

    @Test
    void thirtyWrongPasswordsByFormLoginGet429BeforeTheThirtiethAndTheRightOneWorksAfterRetryAfter()
            throws InterruptedException {
        WebTestClient client = from("127.0.0.21");
        String user = newAccount();
        String xsrf = csrfToken(client);
        int firstRefused = 0;
        for (int attempt = 1; attempt <= 30 && firstRefused == 0; attempt++) {
            var result = formLogin(client, xsrf, user, "wrong-" + attempt).exchange().returnResult(Void.class);
            if (result.getStatus().value() == 429) {
                firstRefused = attempt;
            } else {
                assertThat(result.getStatus().value()).isEqualTo(302);
                assertThat(result.getResponseHeaders().getLocation()).hasToString("/login?error");
            }
        }
        assertThat(firstRefused).as("the attempt that got the first 429").isBetween(6, 29);

        // Refused without looking at the password: the right one gets a 429 too, now. A browser gets a page.
        var refused = formLogin(client, xsrf, user, TestAccounts.PASSWORD).header(HttpHeaders.ACCEPT,
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult();
        assertThat(refused.getResponseBody()).contains("Te veel verzoeken", "href=\"/login\"");
        long retryAfter = retryAfter(refused);
        assertThat(retryAfter).isBetween(1L, 5L);

        Thread.sleep(Duration.ofSeconds(retryAfter).toMillis());
        formLogin(client, xsrf, user, TestAccounts.PASSWORD).exchange()
                .expectStatus().isFound().expectHeader().location("/staff/problems.html");
    }

    @Test
    void thirtyWrongPasswordsByHttpBasicGet429BeforeTheThirtiethAndTheRightOneWorksAfterRetryAfter()
            throws InterruptedException {
        WebTestClient client = from("127.0.0.22");
        String user = newAccount();
        int firstRefused = 0;
        long retryAfter = 0;
        for (int attempt = 1; attempt <= 30 && firstRefused == 0; attempt++) {
            var result = basic(client, user, "wrong-" + attempt).expectBody().returnResult();
            if (result.getStatus().value() == 429) {
                firstRefused = attempt;
                retryAfter = retryAfter(result);
                assertThat(result.getResponseHeaders().getContentType()).isNotNull()
                        .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            } else {
                assertThat(result.getStatus().value()).isEqualTo(401);
            }
        }
        assertThat(firstRefused).as("the attempt that got the first 429").isBetween(6, 29);
        assertThat(retryAfter).isBetween(1L, 5L);
        basic(client, user, TestAccounts.PASSWORD).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        Thread.sleep(Duration.ofSeconds(retryAfter).toMillis());
        basic(client, user, TestAccounts.PASSWORD).expectStatus().isOk();
    }

    @Test
    void oneGuessingClientDoesNotLockAStaffMemberOutAndScriptsWithTheRightPasswordAreNeverThrottled() {
        String user = newAccount();
        WebTestClient attacker = from("127.0.0.23");
        int refused = 0;
        for (int attempt = 1; attempt <= 30 && refused < 5; attempt++) {
            int status = basic(attacker, user, "wrong-" + attempt).expectBody().returnResult().getStatus().value();
            assertThat(status).isIn(401, 429);
            refused += status == 429 ? 1 : 0;
        }
        assertThat(refused).as("the guessing client is throttled").isEqualTo(5);
        // The staff member, from their own computer, gets in at once.
        WebTestClient staff = from("127.0.0.24");
        basic(staff, user, TestAccounts.PASSWORD).expectStatus().isOk();
        // A script sending Basic with every call: successes cost nothing.
        for (int i = 0; i < 20; i++) {
            basic(staff, user, TestAccounts.PASSWORD).expectStatus().isOk();
        }
    }

    @Test
    void guessesAtOneNameFromManyClientsAreLimitedPerNameAndOneClientGuessingManyNamesPerClient() {
        String user = newAccount();
        // Rounds of eight clients guessing at once, five guesses each, until a client that has not
        // guessed before is refused at its first guess: that refusal can only be the name's.
        int freshClientRefusedInRound = 0;
        for (int round = 0; round < 10 && freshClientRefusedInRound == 0; round++) {
            int base = 100 + round * 10;
            java.util.stream.IntStream.range(0, 8).parallel().forEach(c -> {
                WebTestClient guesser = from("127.0.1." + (base + c));
                for (int attempt = 0; attempt < 5; attempt++) {
                    basic(guesser, user, "wrong-" + attempt).expectStatus().value(s -> assertThat(s).isIn(401, 429));
                }
            });
            var fresh = basic(from("127.0.1." + (base + 9)), user, "wrong").expectBody().returnResult();
            if (fresh.getStatus().value() == 429) {
                freshClientRefusedInRound = round + 1;
                assertThat(retryAfter(fresh)).isBetween(1L, 5L);
            }
        }
        assertThat(freshClientRefusedInRound).as("a new client refused by the name's limit").isPositive();

        // One client guessing at many names: its own limit.
        WebTestClient sprayer = from("127.0.0.36");
        int unauthorized = 0;
        int status = 401;
        while (status == 401 && unauthorized < 30) {
            status = basic(sprayer, "nobody-" + UUID.randomUUID(), "wrong").expectBody().returnResult().getStatus()
                    .value();
            unauthorized += status == 401 ? 1 : 0;
        }
        assertThat(status).isEqualTo(429);
        assertThat(unauthorized).isBetween(5, 29);
    }

    // --- helpers

    /** A client speaking from {@code address} (a loopback address of its own). */
    private WebTestClient from(String address) {
        HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(http)).baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    private static Map<String, Object> report(String marker, int n, Map<String, String> contact) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("category", "noise",
                "description", "Harde muziek tot laat, " + marker + " nummer " + n,
                "location", Map.of("lat", 50.9069, "lon", 5.9636),
                "occurredAt", OffsetDateTime.now(ZoneOffset.ofHours(1)).minusHours(1).toString()));
        if (contact != null) {
            body.put("contact", contact);
        }
        return body;
    }

    private long storedWith(String marker) {
        return db.sql("select count(*) as n from report where description like :m").bind("m", "%" + marker + " %")
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private String newAccount() {
        String user = "throttle-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(user, "Throttle test", TestAccounts.PASSWORD, Set.of(Role.COORDINATOR)).block();
        return user;
    }

    private static String csrfToken(WebTestClient client) {
        ResponseCookie cookie = client.get().uri("/login").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseCookies().getFirst("XSRF-TOKEN");
        assertThat(cookie).isNotNull();
        return cookie.getValue();
    }

    private static WebTestClient.RequestHeadersSpec<?> formLogin(WebTestClient client, String xsrf, String user,
            String password) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", password);
        form.add("_csrf", xsrf);
        return client.post().uri("/login").cookie("XSRF-TOKEN", xsrf).body(BodyInserters.fromFormData(form));
    }

    private static WebTestClient.ResponseSpec basic(WebTestClient client, String user, String password) {
        return client.get().uri("/api/v1/staff/me").headers(h -> h.setBasicAuth(user, password)).exchange();
    }

    private static long retryAfter(EntityExchangeResult<?> result) {
        String value = result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        assertThat(value).as("Retry-After").isNotNull().matches("\\d+");
        return Long.parseLong(value);
    }
}
