package nl.hartslag.staff.web;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.web.server.WebFilter;

import nl.hartslag.staff.OidcSettings;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.staff.StaffOidcUsers;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Logging in with the municipality's account (OpenID Connect, authorization code flow), only when
 * {@code hartslag.oidc.issuer-uri} is set: without it none of these beans exist, and
 * {@link SecurityConfiguration} configures form login and HTTP Basic only, as before.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "hartslag.oidc", name = "issuer-uri")
class OidcLoginConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OidcLoginConfiguration.class);

    /** The one registration; the login link is {@code /oauth2/authorization/gemeente}. */
    static final String REGISTRATION = "gemeente";
    static final String LOGIN_LINK = "/oauth2/authorization/" + REGISTRATION;

    @Bean
    ReactiveClientRegistrationRepository oidcClientRegistrations(OidcSettings settings) {
        return new DiscoveredRegistration(settings);
    }

    @Bean
    ReactiveOAuth2UserService<OidcUserRequest, OidcUser> oidcStaffUsers(StaffAccounts accounts, OidcSettings settings) {
        return new StaffOidcUsers(accounts, settings);
    }

    /**
     * The registration, from the provider's discovery document, read on first use (off the event
     * loop, with a timeout) and kept once read: a provider that is down at start-up does not stop
     * the service, and local logins never wait for it.
     */
    static final class DiscoveredRegistration implements ReactiveClientRegistrationRepository {

        private final OidcSettings settings;
        private volatile ClientRegistration registration;

        DiscoveredRegistration(OidcSettings settings) {
            this.settings = settings;
        }

        @Override
        public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
            if (!REGISTRATION.equals(registrationId)) {
                return Mono.empty();
            }
            ClientRegistration known = registration;
            if (known != null) {
                return Mono.just(known);
            }
            return Mono.fromCallable(() -> ClientRegistrations.fromIssuerLocation(settings.issuerUri().toString())
                            .registrationId(REGISTRATION)
                            .clientId(settings.clientId())
                            .clientSecret(settings.clientSecret())
                            .scope(settings.scopes())
                            .redirectUri(settings.redirectUri())
                            .userNameAttributeName(IdTokenClaimNames.SUB)
                            .build())
                    .subscribeOn(Schedulers.boundedElastic())
                    .timeout(Duration.ofSeconds(15))
                    .doOnNext(found -> registration = found)
                    .onErrorMap(e -> {
                        log.warn("The identity provider {} cannot be read: {}", settings.issuerUri(), summary(e));
                        return new ProviderUnavailable();
                    });
        }

        private static String summary(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName() + ": " + root.getMessage();
        }
    }

    /**
     * The provider's discovery document could not be read (down, unreachable, not an OIDC issuer).
     * Deliberately without the cause: a refused connection in the cause chain would read as a database
     * outage to the 503 handling (nl.hartslag.web.DatabaseUnavailable), which it is not.
     */
    static final class ProviderUnavailable extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ProviderUnavailable() {
            super("The OIDC identity provider cannot be read", null, false, false);
        }
    }

    /** Around the OIDC filters: a provider that cannot be read sends the browser back to the login page. */
    static WebFilter providerUnavailableToLoginPage() {
        var redirect = new DefaultServerRedirectStrategy();
        return (exchange, chain) -> chain.filter(exchange).onErrorResume(ProviderUnavailable.class,
                e -> redirect.sendRedirect(exchange, URI.create("/login?error=oidc-unavailable")));
    }

    /** The login page with the reason an OIDC login was refused (no role, disabled, …). */
    static ServerAuthenticationFailureHandler failureHandler() {
        Map<String, String> reasons = Map.of(StaffOidcUsers.NO_ROLE, "oidc-no-role", StaffOidcUsers.DISABLED,
                "oidc-disabled", StaffOidcUsers.BAD_USERNAME, "oidc-username", StaffOidcUsers.USERNAME_TAKEN,
                "oidc-username-taken");
        var redirect = new DefaultServerRedirectStrategy();
        return (exchange, exception) -> {
            String reason = exception instanceof OAuth2AuthenticationException e
                    ? reasons.getOrDefault(e.getError().getErrorCode(), "oidc") : "oidc";
            return redirect.sendRedirect(exchange.getExchange(), URI.create("/login?error=" + reason));
        };
    }
}
