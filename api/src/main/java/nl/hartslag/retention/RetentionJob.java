package nl.hartslag.retention;

import java.time.Clock;
import java.time.Duration;

import org.springframework.stereotype.Component;

import nl.hartslag.Periodic;
import reactor.core.publisher.Mono;

/**
 * Runs {@link Retention} every {@code hartslag.retention.every} (a day by default). Safe with several
 * instances and after an interruption: each rule selects only what is still due and changes a row at most
 * once; the audit purge is serialised in the database.
 */
@Component
class RetentionJob extends Periodic {

    private static final Duration FIRST = Duration.ofMinutes(5);

    private final Retention retention;
    private final boolean enabled;
    private final Clock clock = Clock.systemUTC();

    RetentionJob(Retention retention, RetentionSettings settings) {
        // First a few minutes after start (a service restarted daily would otherwise never get to it).
        super(FIRST.compareTo(settings.every()) < 0 ? FIRST : settings.every(), settings.every(), "Retention");
        this.retention = retention;
        this.enabled = settings.enabled();
    }

    @Override
    protected Mono<?> once() {
        return retention.run(clock.instant());
    }

    @Override
    public void start() {
        if (enabled) {
            super.start();
        }
    }

    @Override
    public boolean isRunning() {
        return enabled ? super.isRunning() : false;
    }
}
