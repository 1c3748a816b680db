package nl.hartslag.db.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link EmbeddedPostgresRegistryTests}: starts the service's embedded
 * PostgreSQL on a data directory, stores a row, says so, and waits to be killed with {@code kill -9}.
 */
public final class OrphanedPostgresChild {

    private OrphanedPostgresChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresRegistry.Lease lease = EmbeddedPostgresRegistry.acquire(Path.of(args[0]));
        try (Connection c = PostgresServer.connect(lease.port(), PostgresServer.APP_DATABASE, lease.application());
                Statement s = c.createStatement()) {
            s.execute("create table acknowledged (what text)");
            s.execute("insert into acknowledged values ('before the crash')");
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
