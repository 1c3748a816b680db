package nl.hartslag.staff;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Checks a username and password (form login and HTTP Basic) against the staff accounts.
 * <p>
 * Spring Security's reactive {@code UserDetailsRepositoryReactiveAuthenticationManager} answers an
 * unknown username at once and a known one only after the (deliberately slow) hash comparison:
 * 3.5 ms against 57 ms told an attacker which usernames exist. Here an unknown username is
 * compared against a dummy hash made with the same encoder at start-up, so both cost one hash
 * comparison. A disabled account is reported as disabled only after a correct password, so its
 * status is not given away either.
 */
final class StaffAuthenticationManager implements ReactiveAuthenticationManager {

    private final StaffAccounts accounts;
    private final PasswordEncoder encoder;
    private final String dummyHash;

    StaffAuthenticationManager(StaffAccounts accounts, PasswordEncoder encoder) {
        this.accounts = accounts;
        this.encoder = encoder;
        // A hash of a random secret nobody knows: it never matches, but costs what a real one costs.
        this.dummyHash = encoder.encode(UUID.randomUUID().toString());
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        String username = authentication.getName();
        String presented = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        return accounts.staffUser(username).map(Optional::of).defaultIfEmpty(Optional.empty())
                .publishOn(Schedulers.boundedElastic())
                .map(found -> {
                    boolean matches = encoder.matches(presented, found.map(StaffUser::getPassword).orElse(dummyHash));
                    if (found.isEmpty() || !matches) {
                        throw new BadCredentialsException("Invalid credentials");
                    }
                    StaffUser user = found.get();
                    if (!user.isEnabled()) {
                        throw new DisabledException("Account disabled");
                    }
                    StaffUser principal = user.withGeneration(user.sessionGeneration());
                    return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
                });
    }
}
