package nl.hartslag.db.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded servers of this JVM, one per data directory. Several application contexts in one
 * JVM (tests) share a server through reference counting; the last one to close stops it, so a
 * restart on the same directory really restarts PostgreSQL from its files.
 */
final class EmbeddedPostgresRegistry {

    private record Running(EmbeddedPostgres server, int users) {
    }

    private static final Map<Path, Running> RUNNING = new HashMap<>();

    private EmbeddedPostgresRegistry() {
    }

    static synchronized int acquire(Path directory) {
        Running running = RUNNING.get(directory);
        if (running == null) {
            running = new Running(start(directory), 0);
        }
        RUNNING.put(directory, new Running(running.server(), running.users() + 1));
        return running.server().getPort();
    }

    static synchronized void release(Path directory) {
        Running running = RUNNING.get(directory);
        if (running == null) {
            return;
        }
        if (running.users() > 1) {
            RUNNING.put(directory, new Running(running.server(), running.users() - 1));
            return;
        }
        RUNNING.remove(directory);
        try {
            running.server().close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop embedded PostgreSQL in " + directory, e);
        }
    }

    private static EmbeddedPostgres start(Path directory) {
        try {
            Files.createDirectories(directory);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    // Keep the files: they are the service's data, not a scratch database.
                    .setCleanDataDirectory(false)
                    .setServerConfig("timezone", "UTC")
                    .setLocaleConfig("encoding", "UTF8")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + directory, e);
        }
    }
}
