package nl.hartslag.staff;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Makes sure somebody can log in. With {@code hartslag.bootstrap-admin.password} set, that
 * coordinator account exists with that password. Without it, on the embedded database's first
 * start, a coordinator is created with a random password printed once in the log: never a fixed
 * default password. Against an external database without the property nothing is invented.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private final StaffAccounts accounts;
    private final BootstrapAdminSettings settings;
    private final PasswordPolicy policy;
    private final boolean embeddedDatabase;

    BootstrapAdmin(StaffAccounts accounts, BootstrapAdminSettings settings, PasswordPolicy policy,
            Environment environment) {
        this.accounts = accounts;
        this.settings = settings;
        this.policy = policy;
        this.embeddedDatabase = environment.getProperty("hartslag.db.embedded.active", Boolean.class, false);
    }

    @Override
    public void run(ApplicationArguments args) {
        // Start-up, not a request: waiting here (bounded) keeps the order "accounts exist, then ready".
        ensureCoordinator().block(Duration.ofSeconds(60));
    }

    Mono<Void> ensureCoordinator() {
        String password = settings.password();
        if (password != null && !password.isEmpty()) {
            // The same rules as any other password set: a weak bootstrap password stops the start
            // with the reason, rather than leaving a coordinator account that is easy to guess.
            policy.check(password).ifPresent(rule -> {
                throw new IllegalStateException("hartslag.bootstrap-admin.password (HARTSLAG_BOOTSTRAP_ADMIN_PASSWORD)"
                        + " is refused: " + switch (rule) {
                            case "validation.password" -> "it needs " + PasswordPolicy.MIN_LENGTH + " to "
                                    + PasswordPolicy.MAX_LENGTH + " characters";
                            case "validation.password.blank" -> "it is only whitespace";
                            default -> "it is a common password (or one dressed up with digits and symbols)";
                        });
            });
            return accounts.ensurePassword(settings.username(), password, "bootstrap-admin")
                    .hasElement()
                    .filter(exists -> !exists)
                    .flatMap(missing -> accounts.create(settings.username(), "Coordinator", password,
                            EnumSet.of(Role.COORDINATOR)))
                    .doOnNext(a -> log.info("Created coordinator account '{}' from hartslag.bootstrap-admin", a.username()))
                    .then();
        }
        return accounts.countWithRole(Role.COORDINATOR).flatMap(count -> {
            if (count > 0) {
                return Mono.empty();
            }
            if (!embeddedDatabase) {
                log.warn("No coordinator account exists. Set HARTSLAG_BOOTSTRAP_ADMIN_PASSWORD (and optionally"
                        + " HARTSLAG_BOOTSTRAP_ADMIN_USERNAME) once to create one.");
                return Mono.empty();
            }
            String generated = randomPassword();
            return accounts.create(settings.username(), "Coordinator", generated, EnumSet.of(Role.COORDINATOR))
                    .doOnNext(a -> log.warn("""

                            ================================================================
                             First coordinator account created (shown only this once):
                               username: {}
                               password: {}
                             Log in at /staff/ and keep this password somewhere safe.
                            ================================================================""",
                            a.username(), generated))
                    .then();
        });
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
