package nl.hartslag.staff.web;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import nl.hartslag.staff.OidcSettings;
import nl.hartslag.staff.Role;
import nl.hartslag.web.DatabaseUnavailable;
import reactor.test.StepVerifier;

/**
 * The provider's registration read from its discovery document on first use and kept; a provider
 * that cannot be reached is a {@code ProviderUnavailable} (the login page says so), never something
 * the 503 handling could take for a database outage.
 */
class OidcDiscoveryTests {

    @Test
    void theRegistrationComesFromDiscoveryOnceAndIsKept() {
        WireMockServer idp = new WireMockServer(wireMockConfig().dynamicPort());
        idp.start();
        try {
            String issuer = idp.baseUrl() + "/realms/gemeente";
            idp.stubFor(get(urlPathEqualTo("/realms/gemeente/.well-known/openid-configuration")).willReturn(okJson("""
                    {"issuer": "%1$s", "authorization_endpoint": "%1$s/auth", "token_endpoint": "%1$s/token",
                     "jwks_uri": "%1$s/certs", "response_types_supported": ["code"], "subject_types_supported": ["public"],
                     "id_token_signing_alg_values_supported": ["RS256"]}
                    """.formatted(issuer))));
            var registrations = new OidcLoginConfiguration.DiscoveredRegistration(settings(URI.create(issuer)));
            for (int i = 0; i < 3; i++) {
                StepVerifier.create(registrations.findByRegistrationId("gemeente")).assertNext(r -> {
                    assertThat(r.getProviderDetails().getTokenUri()).isEqualTo(issuer + "/token");
                    assertThat(r.getProviderDetails().getJwkSetUri()).isEqualTo(issuer + "/certs");
                    assertThat(r.getClientId()).isEqualTo("hartslag");
                    assertThat(r.getScopes()).contains("openid");
                }).verifyComplete();
            }
            idp.verify(1, getRequestedFor(urlPathEqualTo("/realms/gemeente/.well-known/openid-configuration")));
            StepVerifier.create(registrations.findByRegistrationId("other")).verifyComplete();
        } finally {
            idp.stop();
        }
    }

    @Test
    void anUnreachableProviderIsNoDatabaseOutage() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        var registrations = new OidcLoginConfiguration.DiscoveredRegistration(
                settings(URI.create("http://127.0.0.1:" + closed + "/realms/gemeente")));
        StepVerifier.create(registrations.findByRegistrationId("gemeente"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(OidcLoginConfiguration.ProviderUnavailable.class);
                    assertThat(DatabaseUnavailable.isCause(e)).isFalse();
                })
                .verify();
    }

    private static OidcSettings settings(URI issuer) {
        return new OidcSettings(issuer, "hartslag", "geheim", List.of("openid", "profile"), "groups",
                "preferred_username", Map.of(Role.COORDINATOR, List.of("hartslag-coordinatoren")),
                "{baseUrl}/login/oauth2/code/{registrationId}", false);
    }
}
