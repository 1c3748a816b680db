package nl.hartslag.staff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import nl.hartslag.support.TestAccounts;

/**
 * The municipal login (OpenID Connect) walked through over real HTTP against a stub identity
 * provider (WireMock: discovery, JWKS, the authorization endpoint sending the browser back, the
 * token endpoint with an ID token signed by an RSA key made here). Its own application context (OIDC
 * configured, coordinators required to use TOTP), so it runs in a JVM of its own (failsafe execution
 * {@code oidc-context} in api/pom.xml).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hartslag.bootstrap-admin.username=" + TestAccounts.COORDINATOR,
        "hartslag.bootstrap-admin.password=" + TestAccounts.PASSWORD,
        "hartslag.oidc.client-id=" + OidcLoginIntegrationTests.CLIENT_ID,
        "hartslag.oidc.client-secret=" + OidcLoginIntegrationTests.CLIENT_SECRET,
        "hartslag.oidc.role-claim=groups",
        "hartslag.oidc.roles.COORDINATOR=hartslag-coordinatoren",
        "hartslag.oidc.roles.WOP=hartslag-wop,woonomgeving",
        "hartslag.staff.require-totp-for-coordinators=true",
        "hartslag.rate-limit.login.per-client.limit=1000000",
        "hartslag.rate-limit.login.per-username.limit=1000000" })
class OidcLoginIntegrationTests {

    static final String CLIENT_ID = "hartslag-test";
    static final String CLIENT_SECRET = "stub-provider-secret";

    private static final WireMockServer IDP = new WireMockServer(wireMockConfig().dynamicPort());
    private static final RSAKey KEY;

    static {
        IDP.start();
        try {
            KEY = new RSAKeyGenerator(2048).keyID("stub-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry properties) {
        properties.add("hartslag.oidc.issuer-uri", OidcLoginIntegrationTests::issuer);
    }

    @AfterAll
    static void stopProvider() {
        IDP.stop();
    }

    static String issuer() {
        return IDP.baseUrl() + "/realms/gemeente";
    }

    @LocalServerPort
    int port;

    @Autowired
    nl.hartslag.db.crypto.PersonalData personalData;

    @Autowired
    DatabaseClient db;

    @Autowired
    StaffAccounts accounts;

    WebTestClient http;

    @BeforeEach
    void stubProvider() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        IDP.stubFor(get(urlPathEqualTo("/realms/gemeente/.well-known/openid-configuration")).willReturn(okJson("""
                {"issuer": "%1$s", "authorization_endpoint": "%1$s/auth", "token_endpoint": "%1$s/token",
                 "jwks_uri": "%1$s/certs", "response_types_supported": ["code"], "subject_types_supported": ["public"],
                 "id_token_signing_alg_values_supported": ["RS256"], "scopes_supported": ["openid", "profile"],
                 "token_endpoint_auth_methods_supported": ["client_secret_basic"]}
                """.formatted(issuer()))));
        IDP.stubFor(get(urlPathEqualTo("/realms/gemeente/certs"))
                .willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
    }

    /** Where one login through the provider ends: the redirect after the callback and its session. */
    record Landing(String location, String session) {
    }

    @Test
    void theLoginPageOffersTheMunicipalLogin() {
        http.get().uri("/login/options").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.oidc").isEqualTo("/oauth2/authorization/gemeente");
    }

    @Test
    void aCoordinatorByClaimLogsInWithTheRolesOfTheClaimAndGetsALinkedAccount() {
        String sub = UUID.randomUUID().toString();
        String username = "j.jansen-" + sub.substring(0, 6);
        Landing landing = login(sub, username, List.of("medewerkers", "hartslag-coordinatoren"));
        assertThat(landing.location()).isEqualTo("/staff/problems.html");
        http.get().uri("/api/v1/staff/me").cookie("SESSION", landing.session()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.username").isEqualTo(username).jsonPath("$.roles").isEqualTo(List.of("COORDINATOR"));
        // A coordinator's page works (the provider decides about second factors, not our TOTP rule).
        http.get().uri("/api/v1/staff/reports").cookie("SESSION", landing.session()).exchange()
                .expectStatus().isOk();
        assertThat(db.sql("select a.oidc_subject, a.display_name_sealed, e.kind from staff_account a"
                + " join staff_account_event e on e.account_id = a.id where a.username = :u")
                .bind("u", username).fetch().all().collectList().block())
                .singleElement().satisfies(row -> {
                    assertThat(row).containsEntry("oidc_subject", issuer() + " " + sub)
                            .containsEntry("kind", "OIDC_CREATED");
                    // A person's name: sealed at rest (V31), opened for the staff pages.
                    assertThat(personalData.open((String) row.get("display_name_sealed"))).isEqualTo("Jan Jansen");
                });

        // The next login takes the roles the claim gives then: they follow the provider.
        Landing later = login(sub, username, List.of("woonomgeving"));
        assertThat(later.location()).isEqualTo("/staff/");
        http.get().uri("/api/v1/staff/me").cookie("SESSION", later.session()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.roles").isEqualTo(List.of("WOP"));
        http.get().uri("/api/v1/staff/reports").cookie("SESSION", later.session()).exchange()
                .expectStatus().isForbidden();
        assertThat(accounts.account(username).block().roles()).containsExactly(Role.WOP);

        // Disabled in Hartslag: the provider's login no longer gets in, and the open session ends.
        accounts.setEnabled(username, false, "staff:" + TestAccounts.COORDINATOR).block();
        http.get().uri("/api/v1/staff/me").cookie("SESSION", later.session()).exchange()
                .expectStatus().isUnauthorized();
        assertThat(login(sub, username, List.of("hartslag-coordinatoren")).location())
                .isEqualTo("/login?error=oidc-disabled");
    }

    @Test
    void withoutARoleInTheClaimTheLoginIsRefusedWithTheReason() {
        String sub = UUID.randomUUID().toString();
        String username = "zonder-rol-" + sub.substring(0, 6);
        Landing landing = login(sub, username, List.of("medewerkers", "hartslag-coordinatoren-oud"));
        assertThat(landing.location()).isEqualTo("/login?error=oidc-no-role");
        http.get().uri("/api/v1/staff/me").cookie("SESSION", landing.session()).exchange()
                .expectStatus().isUnauthorized();
        assertThat(accounts.account(username).blockOptional()).isEmpty();
    }

    @Test
    void aProviderUserCannotTakeOverALocalAccountOfTheSameName() {
        Landing landing = login(UUID.randomUUID().toString(), TestAccounts.COORDINATOR,
                List.of("hartslag-coordinatoren"));
        assertThat(landing.location()).isEqualTo("/login?error=oidc-username-taken");
        assertThat(db.sql("select oidc_subject from staff_account where username = :u")
                .bind("u", TestAccounts.COORDINATOR).fetch().one().block()).containsEntry("oidc_subject", null);
    }

    /** hartslag.staff.require-totp-for-coordinators: a coordinator without TOTP enrols before anything else. */
    @Test
    void aCoordinatorWithoutTotpMustEnrolRightAfterThePassword() {
        String user = "verplicht-" + UUID.randomUUID().toString().substring(0, 6);
        String password = "verplichte-Code-Wachtwoord-3";
        accounts.create(user, "Coördinator zonder code", password, EnumSet.of(Role.COORDINATOR)).block();
        ResponseCookie xsrf = http.get().uri("/login").exchange().expectBody().returnResult()
                .getResponseCookies().getFirst("XSRF-TOKEN");
        var form = new LinkedMultiValueMap<String, String>();
        form.add("username", user);
        form.add("password", password);
        form.add("_csrf", xsrf.getValue());
        var result = http.post().uri("/login").cookie("XSRF-TOKEN", xsrf.getValue())
                .body(BodyInserters.fromFormData(form)).exchange().expectStatus().isFound()
                .expectHeader().location("/staff/totp.html").expectBody().returnResult();
        String session = result.getResponseCookies().getFirst("SESSION").getValue();

        http.get().uri("/api/v1/staff/reports").cookie("SESSION", session).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://hartslag.nl/problems/second-factor-enrolment");
        http.get().uri("/staff/problems.html").cookie("SESSION", session).exchange()
                .expectStatus().isFound().expectHeader().location("/staff/totp.html");
        http.get().uri("/staff/totp.html").cookie("SESSION", session).exchange().expectStatus().isOk();
        http.get().uri("/api/v1/staff/me/totp").cookie("SESSION", session).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.enabled").isEqualTo(false)
                .jsonPath("$.required").isEqualTo(true);

        Map<String, Object> enrolment = http.post().uri("/api/v1/staff/me/totp").cookie("SESSION", session)
                .cookie("XSRF-TOKEN", xsrf.getValue()).header("X-XSRF-TOKEN", xsrf.getValue()).exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        byte[] key = Totp.fromBase32((String) enrolment.get("secret"));
        var confirmed = http.post().uri("/api/v1/staff/me/totp/confirm").cookie("SESSION", session)
                .cookie("XSRF-TOKEN", xsrf.getValue()).header("X-XSRF-TOKEN", xsrf.getValue())
                .bodyValue(Map.of("code", Totp.code(key, Totp.step(Instant.now()), Totp.ALGORITHM, 6))).exchange()
                .expectStatus().isNoContent().expectBody().returnResult();
        String full = confirmed.getResponseCookies().getFirst("SESSION").getValue();
        http.get().uri("/api/v1/staff/reports").cookie("SESSION", full).exchange().expectStatus().isOk();
        // Required: it cannot be switched off again.
        http.post().uri("/api/v1/staff/me/totp/off").cookie("SESSION", full).cookie("XSRF-TOKEN", xsrf.getValue())
                .header("X-XSRF-TOKEN", xsrf.getValue())
                .bodyValue(Map.of("code", Totp.code(key, Totp.step(Instant.now()) + 1, Totp.ALGORITHM, 6))).exchange()
                .expectStatus().isEqualTo(409);
    }

    // --- the authorization code flow, as a browser walks it

    private Landing login(String sub, String username, List<String> groups) {
        // 1. Hartslag sends the browser to the provider, remembering the request in the session.
        var start = http.get().uri("/oauth2/authorization/gemeente").exchange().expectStatus().isFound()
                .expectBody().returnResult();
        URI authorize = start.getResponseHeaders().getLocation();
        String session = start.getResponseCookies().getFirst("SESSION").getValue();
        var query = UriComponentsBuilder.fromUri(authorize).build().getQueryParams().toSingleValueMap();
        assertThat(authorize.toString()).startsWith(issuer() + "/auth?");
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", CLIENT_ID);
        assertThat(decode(query.get("scope"))).contains("openid");
        String nonce = decode(query.get("nonce"));

        // 2. The provider logs the person in and sends the browser back with a code.
        String code = "code-" + UUID.randomUUID();
        IDP.stubFor(get(urlPathEqualTo("/realms/gemeente/auth")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "{{request.query.redirect_uri}}?code=" + code + "&state={{request.query.state}}")
                .withTransformers("response-template")));
        IDP.stubFor(post(urlPathEqualTo("/realms/gemeente/token"))
                .withBasicAuth(CLIENT_ID, CLIENT_SECRET)
                .withRequestBody(containing("code=" + code))
                .willReturn(okJson("""
                        {"access_token": "at-%s", "token_type": "Bearer", "expires_in": 300, "scope": "openid profile",
                         "id_token": "%s"}
                        """.formatted(UUID.randomUUID(), idToken(sub, username, groups, nonce)))));
        URI callback = http.get().uri(authorize).exchange().expectStatus().isFound().expectBody().returnResult()
                .getResponseHeaders().getLocation();
        assertThat(callback.toString()).startsWith("http://localhost:" + port + "/login/oauth2/code/gemeente?code=");

        // 3. Back at Hartslag: the code is exchanged for tokens (server to provider), the ID token checked.
        var back = http.get().uri(callback).cookie("SESSION", session).exchange().expectStatus().isFound()
                .expectBody().returnResult();
        ResponseCookie renewed = back.getResponseCookies().getFirst("SESSION");
        return new Landing(back.getResponseHeaders().getLocation().toString(),
                renewed == null ? session : renewed.getValue());
    }

    private static String decode(String value) {
        return value == null ? null : UriUtils.decode(value, StandardCharsets.UTF_8);
    }

    private static String idToken(String sub, String username, List<String> groups, String nonce) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer()).subject(sub).audience(CLIENT_ID)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", nonce).claim("preferred_username", username).claim("name", "Jan Jansen")
                .claim("groups", groups).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
