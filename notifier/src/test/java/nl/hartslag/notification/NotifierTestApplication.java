package nl.hartslag.notification;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The notifier on its own for tests: the real auto-configuration (embedded PostgreSQL with the real
 * migrations from {@code db}, R2DBC, mail, the outbox and its dispatcher) without the web API.
 */
@SpringBootApplication
public class NotifierTestApplication {
}
