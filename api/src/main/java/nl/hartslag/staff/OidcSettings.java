package nl.hartslag.staff;

import java.net.URI;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * hartslag.oidc.*: logging in with the municipality's account (OpenID Connect). Off unless
 * {@code issuer-uri} is set; local accounts keep working either way.
 *
 * @param issuerUri the identity provider's issuer; its {@code /.well-known/openid-configuration} is read
 *            on the first login through it (not at start-up, so an unreachable provider never stops the service)
 * @param clientId the client id registered at the provider for Hartslag
 * @param clientSecret its secret (from the environment: HARTSLAG_OIDC_CLIENT_SECRET)
 * @param scopes the scopes asked for
 * @param roleClaim the claim (ID token or user info) holding the staff member's groups or roles
 * @param usernameClaim the claim that becomes the Hartslag username (the audit trail's actor)
 * @param roles per role, the claim values that grant it: {@code hartslag.oidc.roles.COORDINATOR=hartslag-coordinatoren}
 * @param redirectUri where the provider sends the browser back; register exactly this at the provider
 * @param linkExistingAccounts whether a first OIDC login may take over a local account with the same
 *            username (off: that login is refused, so nobody at the provider can claim a local account)
 */
@ConfigurationProperties("hartslag.oidc")
public record OidcSettings(URI issuerUri, String clientId, String clientSecret,
        @DefaultValue({ "openid", "profile" }) List<String> scopes,
        @DefaultValue("groups") String roleClaim,
        @DefaultValue("preferred_username") String usernameClaim,
        Map<Role, List<String>> roles,
        @DefaultValue("{baseUrl}/login/oauth2/code/{registrationId}") String redirectUri,
        @DefaultValue("false") boolean linkExistingAccounts) {

    public OidcSettings {
        roles = roles == null ? Map.of() : Map.copyOf(roles);
        if (issuerUri != null) {
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException("hartslag.oidc.client-id (HARTSLAG_OIDC_CLIENT_ID) is needed"
                        + " with hartslag.oidc.issuer-uri");
            }
            if (roles.values().stream().allMatch(List::isEmpty)) {
                throw new IllegalArgumentException("hartslag.oidc.roles.<ROLE>=<claim values> is needed with"
                        + " hartslag.oidc.issuer-uri: without it nobody could log in through the provider");
            }
        }
    }

    public boolean enabled() {
        return issuerUri != null;
    }

    /**
     * The roles a claim's value grants: a list of strings (groups), or one string of values separated
     * by commas or spaces. Values are compared exactly; nothing matching = no role.
     */
    public Set<Role> rolesFrom(Object claim) {
        List<String> values = claim instanceof Collection<?> c ? c.stream().map(String::valueOf).toList()
                : claim instanceof String s ? List.of(s.split("[,\\s]+")) : List.of();
        Set<Role> granted = EnumSet.noneOf(Role.class);
        roles.forEach((role, accepted) -> {
            if (accepted.stream().anyMatch(values::contains)) {
                granted.add(role);
            }
        });
        return granted;
    }

    @Override
    public String toString() {
        return "OidcSettings[issuerUri=" + issuerUri + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null ? "unset" : "set") + ", roleClaim=" + roleClaim + ", roles=" + roles + "]";
    }
}
