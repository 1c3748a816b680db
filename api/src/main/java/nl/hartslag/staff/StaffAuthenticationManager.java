package nl.hartslag.staff;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
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

    private final StaffSettings settings;

    StaffAuthenticationManager(StaffAccounts accounts, PasswordEncoder encoder) {
        this(accounts, encoder, new StaffSettings(false));
    }

    StaffAuthenticationManager(StaffAccounts accounts, PasswordEncoder encoder, StaffSettings settings) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.settings = settings;
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
                    return user.withGeneration(user.sessionGeneration());
                })
                .flatMap(principal -> accounts.totpEnabled(principal.getUsername())
                        .map(totp -> login(principal, totp)));
    }

    /**
     * A right password logs in completely, or only into the next stage of the login: the code when
     * the account has TOTP on, enrolment when coordinators must have it. Such a stage carries no role;
     * the roles come once the stage is done ({@link StaffSessions#complete}). HTTP Basic cannot carry
     * a code, so for these accounts it ends at the stage (the gate answers 401).
     */
    private Authentication login(StaffUser principal, boolean totp) {
        boolean coordinator = principal.getAuthorities().stream()
                .anyMatch(a -> Role.COORDINATOR.authority().equals(a.getAuthority()));
        SecondFactor stage = totp ? SecondFactor.CODE_NEEDED
                : settings.requireTotpForCoordinators() && coordinator ? SecondFactor.ENROLMENT_NEEDED : null;
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, stage == null
                ? principal.getAuthorities() : List.of(new SimpleGrantedAuthority(stage.authority())));
    }
}
