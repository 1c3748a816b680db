package nl.hartslag.staff;

import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The login stages between "password right" and "logged in", as the only authority of the login:
 * it grants no role, so nothing but the next step is open to it (the web adapter's gate sends every
 * other request there). A code is needed when the account has TOTP on; enrolment when coordinators
 * must have it ({@link StaffSettings#requireTotpForCoordinators()}) and this one has not.
 */
public enum SecondFactor {
    CODE_NEEDED, ENROLMENT_NEEDED;

    public String authority() {
        return "LOGIN_" + name();
    }

    /** The stage a login is still in; null when it is complete (or not a staff login at all). */
    public static SecondFactor pending(Authentication authentication) {
        if (authentication == null) {
            return null;
        }
        Set<String> granted = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(java.util.stream.Collectors.toSet());
        for (SecondFactor stage : values()) {
            if (granted.contains(stage.authority())) {
                return stage;
            }
        }
        return null;
    }
}
