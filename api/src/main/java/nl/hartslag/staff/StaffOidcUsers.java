package nl.hartslag.staff;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import nl.hartslag.domain.Refused;
import reactor.core.publisher.Mono;

/**
 * Turns a login at the municipality's identity provider into a Hartslag staff member: the roles
 * from the configured claim (none of them: refused), and a staff account linked to the provider's
 * subject, made on the first login, so that everything that looks staff up by username (volunteer
 * inbox, a partner's agency, the audit trail's actor) works as for local accounts. Refusals are
 * {@link OAuth2AuthenticationException}s with one of the {@code hartslag_*} codes below, which the
 * login's failure handler turns into a message on the login page.
 */
public final class StaffOidcUsers implements ReactiveOAuth2UserService<OidcUserRequest, OidcUser> {

    public static final String NO_ROLE = "hartslag_no_role";
    public static final String DISABLED = "hartslag_disabled";
    public static final String BAD_USERNAME = "hartslag_username";
    public static final String USERNAME_TAKEN = "hartslag_username_taken";

    private static final Logger log = LoggerFactory.getLogger(StaffOidcUsers.class);
    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9._@-]{3,100}$");

    private final ReactiveOAuth2UserService<OidcUserRequest, OidcUser> provider = new OidcReactiveOAuth2UserService();
    private final StaffAccounts accounts;
    private final OidcSettings settings;

    public StaffOidcUsers(StaffAccounts accounts, OidcSettings settings) {
        this.accounts = accounts;
        this.settings = settings;
    }

    @Override
    public Mono<OidcUser> loadUser(OidcUserRequest request) {
        return provider.loadUser(request).flatMap(user -> {
            Set<Role> roles = settings.rolesFrom(user.getClaims().get(settings.roleClaim()));
            if (roles.isEmpty()) {
                log.info("Refused an OIDC login: no Hartslag role in claim '{}'", settings.roleClaim());
                return Mono.error(refusal(NO_ROLE, "No Hartslag role in claim " + settings.roleClaim()));
            }
            String claimed = user.getClaimAsString(settings.usernameClaim());
            String username = claimed == null ? "" : claimed.strip().toLowerCase(Locale.ROOT);
            if (!USERNAME.matcher(username).matches()) {
                return Mono.error(refusal(BAD_USERNAME, "Claim " + settings.usernameClaim() + " is no valid username"));
            }
            String displayName = user.getFullName() != null && !user.getFullName().isBlank() ? user.getFullName()
                    : username;
            String subject = request.getClientRegistration().getProviderDetails().getIssuerUri() + " "
                    + user.getSubject();
            List<SimpleGrantedAuthority> authorities = roles.stream()
                    .map(r -> new SimpleGrantedAuthority(r.authority())).toList();
            return accounts.oidcLogin(subject, username, displayName, roles, settings.linkExistingAccounts())
                    .switchIfEmpty(Mono.error(() -> refusal(DISABLED, "The linked staff account is disabled")))
                    .onErrorMap(Refused.class, e -> refusal(USERNAME_TAKEN, "A local account is named " + username))
                    .<OidcUser>map(account -> new StaffOidcUser(user, authorities, account.username(),
                            account.sessionGeneration()));
        });
    }

    private static OAuth2AuthenticationException refusal(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
    }
}
