package nl.hartslag.staff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * hartslag.staff.*: login rules for local accounts.
 *
 * @param requireTotpForCoordinators when true, a coordinator who has not switched on the second factor
 *            (TOTP) must do so right after logging in with their password, before anything else
 */
@ConfigurationProperties("hartslag.staff")
public record StaffSettings(@DefaultValue("false") boolean requireTotpForCoordinators) {
}
