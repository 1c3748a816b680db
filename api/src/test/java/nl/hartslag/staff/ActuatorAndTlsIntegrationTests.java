package nl.hartslag.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import nl.hartslag.Application;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.TestAccounts;

/**
 * Issue 10 item 18: the health endpoint tells anonymous callers only UP/DOWN (details for a
 * coordinator), there is no public /actuator index, the session cookie is SameSite=Lax (and Secure
 * over TLS), and HSTS is sent only for requests that came over TLS: forwarded headers are trusted
 * only when an operator switches them on.
 */
@IntegrationTest
class ActuatorAndTlsIntegrationTests {

    private static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";

    @Autowired
    WebTestClient http;

    @Autowired
    Environment environment;

    @Test
    void healthDetailsOnlyForACoordinator() {
        http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components").doesNotExist()
                .jsonPath("$.details").doesNotExist();
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            http.get().uri(probe).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP")
                    .jsonPath("$.components").doesNotExist()
                    .jsonPath("$.details").doesNotExist();
        }
        http.get().uri("/actuator/health").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.components").exists();
        http.get().uri("/actuator/health").headers(h -> h.setBasicAuth("niemand", "niets-geen-123")).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void noPublicActuatorIndexThatEchoesTheHost() {
        http.get().uri("/actuator").header(HttpHeaders.HOST, "evil.example").exchange()
                .expectStatus().isUnauthorized()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("evil.example"));
        http.get().uri("/actuator").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void overPlainHttpTheSessionCookieIsLaxAndNotSecureAndThereIsNoHsts() {
        String setCookie = login(http);
        assertThat(setCookie).contains("SameSite=Lax").containsIgnoringCase("HttpOnly").doesNotContain("Secure");
        // Forwarded headers are not trusted unless switched on: a client cannot claim https.
        http.get().uri("/login").header("X-Forwarded-Proto", "https").exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist(STRICT_TRANSPORT_SECURITY);
    }

    @Test
    void behindATlsProxyWithForwardedHeadersOnTheCookieIsSecureAndHstsIsSent(@TempDir Path dataDir) {
        // A second instance on the same database, as an operator behind a TLS proxy would run it.
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--hartslag.data-dir=" + dataDir,
                "--server.forward-headers-strategy=native",
                "--hartslag.bootstrap-admin.username=" + TestAccounts.COORDINATOR,
                "--hartslag.bootstrap-admin.password=" + TestAccounts.PASSWORD));
        for (String key : List.of("spring.r2dbc.url", "spring.r2dbc.username", "spring.r2dbc.password",
                "spring.flyway.url", "spring.flyway.user", "spring.flyway.password")) {
            String value = environment.getProperty(key);
            if (value != null) {
                args.add("--" + key + "=" + value);
            }
        }
        try (ConfigurableApplicationContext proxied = new SpringApplicationBuilder(Application.class)
                .run(args.toArray(String[]::new))) {
            WebTestClient behindProxy = WebTestClient.bindToServer()
                    .baseUrl("http://localhost:" + proxied.getEnvironment().getProperty("local.server.port"))
                    .defaultHeader("X-Forwarded-Proto", "https").build();
            behindProxy.get().uri("/login").exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueMatches(STRICT_TRANSPORT_SECURITY, "max-age=\\d+.*");
            assertThat(login(behindProxy)).contains("Secure").contains("SameSite=Lax");

            WebTestClient plain = WebTestClient.bindToServer()
                    .baseUrl("http://localhost:" + proxied.getEnvironment().getProperty("local.server.port")).build();
            plain.get().uri("/login").exchange()
                    .expectStatus().isOk()
                    .expectHeader().doesNotExist(STRICT_TRANSPORT_SECURITY);
        }
    }

    /** Logs the coordinator in through the form; returns the session's Set-Cookie header. */
    private static String login(WebTestClient client) {
        var loginPage = client.get().uri("/login").exchange().expectStatus().isOk().expectBody().returnResult();
        String xsrf = loginPage.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
        var form = new LinkedMultiValueMap<String, String>();
        form.add("username", TestAccounts.COORDINATOR);
        form.add("password", TestAccounts.PASSWORD);
        form.add("_csrf", xsrf);
        List<String> cookies = client.post().uri("/login").cookie("XSRF-TOKEN", xsrf)
                .body(BodyInserters.fromFormData(form)).exchange()
                .expectStatus().isFound()
                .expectBody().returnResult().getResponseHeaders().get(HttpHeaders.SET_COOKIE);
        assertThat(cookies).isNotNull();
        return cookies.stream().filter(c -> c.startsWith("SESSION=")).findFirst().orElseThrow();
    }
}
