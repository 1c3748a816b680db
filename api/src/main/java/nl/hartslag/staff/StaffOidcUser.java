package nl.hartslag.staff;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A staff member logged in through the municipality's identity provider: the provider's claims,
 * the roles its role claim granted, and the linked Hartslag account's username (what every feature
 * and the audit trail see as the name) and session generation ({@link StaffSessions}).
 */
public final class StaffOidcUser extends DefaultOidcUser {

    private static final long serialVersionUID = 1L;

    private final String username;
    private final int sessionGeneration;

    StaffOidcUser(OidcUser user, Collection<? extends GrantedAuthority> roles, String username, int sessionGeneration) {
        super(roles, user.getIdToken(), user.getUserInfo());
        this.username = username;
        this.sessionGeneration = sessionGeneration;
    }

    @Override
    public String getName() {
        return username;
    }

    public int sessionGeneration() {
        return sessionGeneration;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StaffOidcUser other && super.equals(o) && username.equals(other.username)
                && sessionGeneration == other.sessionGeneration;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + username.hashCode();
    }
}
