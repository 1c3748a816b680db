package nl.hartslag.db.embedded;

import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationListener;

/**
 * A start that fails (a port in use, a bad setting) after the server was started for it must not
 * leave PostgreSQL running: there may be no context, or no started lifecycle bean, to stop it.
 */
final class EmbeddedPostgresFailureListener implements ApplicationListener<ApplicationFailedEvent> {

    private final EmbeddedPostgresRegistry.Lease lease;

    EmbeddedPostgresFailureListener(EmbeddedPostgresRegistry.Lease lease) {
        this.lease = lease;
    }

    @Override
    public void onApplicationEvent(ApplicationFailedEvent event) {
        lease.release();
    }
}
