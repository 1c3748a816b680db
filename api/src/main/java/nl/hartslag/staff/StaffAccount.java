package nl.hartslag.staff;

import java.util.Set;
import java.util.UUID;

/** A staff member's account as others may see it (never the password hash). */
public record StaffAccount(UUID id, String username, String displayName, Set<Role> roles, boolean enabled) {
}
