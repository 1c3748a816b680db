package nl.hartslag.staff;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A staff member as Spring Security holds them, with the account's session generation at login:
 * a session whose generation is older than the account's (password changed, account disabled)
 * is ended on its next request ({@link StaffSessions}).
 */
public final class StaffUser extends User {

    private final int sessionGeneration;

    StaffUser(String username, String password, boolean enabled, Collection<? extends GrantedAuthority> authorities,
            int sessionGeneration) {
        super(username, password, enabled, true, true, true, authorities);
        this.sessionGeneration = sessionGeneration;
    }

    public int sessionGeneration() {
        return sessionGeneration;
    }

    /** The same user without the password hash, for the session (the hash never needs to live there). */
    StaffUser withGeneration(int generation) {
        return new StaffUser(getUsername(), "", isEnabled(), getAuthorities(), generation);
    }
}
