package nl.hartslag.staff;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A staff member's account as others may see it (never the password hash). {@code agency} is the
 * partner organisation of a PARTNER account (POLICE, HOUSING, WELFARE, ENFORCEMENT), else null.
 */
public record StaffAccount(UUID id, String username, String displayName, Set<Role> roles, boolean enabled,
        String agency, Instant disabledAt) {
}
