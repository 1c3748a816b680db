package nl.hartslag.db.embedded;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The service's embedded PostgreSQL, started as the service starts it: durable settings, passwords,
 * the application's own role; a data directory of the previous version upgraded in place; and the
 * first start after the JVM was killed with {@code kill -9}.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedPostgresRegistryTests {

    @Test
    void runsDurablyWithPasswordsAndAnApplicationRoleThatIsNoSuperuser() throws Exception {
        Path dataDir = newDataDir();
        Path pgDir = dataDir.resolve("postgres");
        EmbeddedPostgresRegistry.Lease lease = EmbeddedPostgresRegistry.acquire(pgDir);
        try {
            String opts = Files.readString(pgDir.resolve("postmaster.opts"));
            assertThat(opts).doesNotContain("\"-F\"").doesNotContain("synchronous_commit=off")
                    .contains("fsync=on").contains("synchronous_commit=on");
            try (Connection c = PostgresServer.connect(lease.port(), PostgresServer.APP_DATABASE, lease.application())) {
                assertThat(one(c, "show fsync")).isEqualTo("on");
                assertThat(one(c, "show synchronous_commit")).isEqualTo("on");
                assertThat(one(c, "show full_page_writes")).isEqualTo("on");
                assertThat(one(c, "select current_user")).isEqualTo("hartslag");
                assertThat(one(c, "select rolsuper::text from pg_roles where rolname = current_user")).isEqualTo("false");
                assertThat(one(c, "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"))
                        .isEqualTo("hartslag");
            }
            Path passwordFile = dataDir.resolve("db-password");
            assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(pgDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            // An operator with the file gets in as the superuser; nobody gets in without a password.
            String password = Files.readString(passwordFile).strip();
            try (Connection c = PostgresServer.connect(lease.port(), "postgres",
                    new PostgresServer.Credentials("postgres", password))) {
                assertThat(one(c, "select rolsuper::text from pg_roles where rolname = current_user")).isEqualTo("true");
            }
            assertThatThrownBy(() -> PostgresServer.connect(lease.port(), "postgres",
                    new PostgresServer.Credentials("postgres", "wrong"))).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            assertThat(Files.readString(pgDir.resolve("pg_hba.conf"))).isEqualTo(PostgresServer.PG_HBA);
        } finally {
            lease.release();
        }
        assertThat(pgDir.resolve("postmaster.pid")).as("stopped when the last lease is released").doesNotExist();
    }

    @Test
    void upgradesADataDirectoryOfThePreviousVersionInPlace(CapturedOutput output) throws Exception {
        Path dataDir = newDataDir();
        Path pgDir = dataDir.resolve("postgres");
        // What the previous version left: zonky's trust cluster, the tables in database postgres, owned by postgres.
        try (EmbeddedPostgres previous = EmbeddedPostgres.builder().setDataDirectory(pgDir)
                .setCleanDataDirectory(false).start();
                Connection c = previous.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("create table flyway_schema_history (installed_rank int primary key)");
            s.execute("create table report (id bigint generated always as identity primary key, what text)");
            s.execute("create function shout(t text) returns text language sql as 'select upper(t)'");
            s.execute("insert into report (what) values ('acknowledged before the upgrade')");
        }
        assertThat(Files.readString(pgDir.resolve("pg_hba.conf"))).contains("trust");

        EmbeddedPostgresRegistry.Lease lease = EmbeddedPostgresRegistry.acquire(pgDir);
        try (Connection c = PostgresServer.connect(lease.port(), PostgresServer.APP_DATABASE, lease.application());
                Statement s = c.createStatement()) {
            assertThat(one(c, "select what from report")).isEqualTo("acknowledged before the upgrade");
            // The application role owns what it must migrate: it can alter, insert (sequence) and replace.
            s.execute("alter table report add column extra text");
            s.execute("insert into report (what) values ('after')");
            s.execute("create or replace function shout(t text) returns text language sql as 'select upper(t) || ''!'''");
            assertThat(one(c, "select count(*)::text from report")).isEqualTo("2");
            assertThat(Files.readString(pgDir.resolve("pg_hba.conf"))).doesNotContain("trust");
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("db-password")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String password = Files.readString(dataDir.resolve("db-password")).strip();
            try (Connection admin = PostgresServer.connect(lease.port(), "postgres",
                    new PostgresServer.Credentials("postgres", password))) {
                assertThat(one(admin, "select count(*)::text from pg_tables where schemaname = 'public'"))
                        .as("no copy of the data left behind in database postgres").isEqualTo("0");
            }
        } finally {
            lease.release();
        }
        assertThat(output.getAll()).contains("now requires passwords (SCRAM)");

        // And the next start of the upgraded directory is an ordinary one.
        EmbeddedPostgresRegistry.Lease again = EmbeddedPostgresRegistry.acquire(pgDir);
        try (Connection c = PostgresServer.connect(again.port(), PostgresServer.APP_DATABASE, again.application())) {
            assertThat(one(c, "select count(*)::text from report")).isEqualTo("2");
        } finally {
            again.release();
        }
    }

    @Test
    void theFirstStartAfterTheJvmWasKilledSucceeds(CapturedOutput output) throws Exception {
        Path pgDir = newDataDir().resolve("postgres");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OrphanedPostgresChild.class.getName(), pgDir.toString()).redirectErrorStream(true).start();
        long orphan;
        try {
            awaitReady(child);
            orphan = PostgresServer.postmasterPid(pgDir.resolve("postmaster.pid")).orElseThrow();
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no context close
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("the postmaster outlived its JVM")
                .contains(true);

        EmbeddedPostgresRegistry.Lease lease = EmbeddedPostgresRegistry.acquire(pgDir);
        try (Connection c = PostgresServer.connect(lease.port(), PostgresServer.APP_DATABASE, lease.application())) {
            assertThat(one(c, "select what from acknowledged")).isEqualTo("before the crash");
        } finally {
            lease.release();
        }
        // pg_ctl returns when the postmaster has removed its pid file; the process itself (re-parented
        // to PID 1) is gone a moment later, once PID 1 has reaped it.
        await("the orphaned postmaster was stopped").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> !isRunning(orphan));
        assertThat(output.getAll()).containsOnlyOnce("Found PostgreSQL (pid " + orphan + ") still running on " + pgDir);
    }

    /** Alive and not a zombie waiting to be reaped. */
    private static boolean isRunning(long pid) throws Exception {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        String line;
        try {
            line = Files.readString(stat);
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        }
        char state = line.charAt(line.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }

    private static void awaitReady(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null && System.nanoTime() < deadline; line = out.readLine()) {
            seen.append(line).append('\n');
            if (line.equals("READY")) {
                // Keep draining so the child never blocks on a full pipe.
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new AssertionError("the child JVM did not start PostgreSQL:\n" + seen);
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            assertThat(r.next()).isTrue();
            return r.getString(1);
        }
    }

    private static Path newDataDir() throws Exception {
        Path parent = Files.createDirectories(Path.of("target", "embedded-pg-tests"));
        return Files.createTempDirectory(parent, "data-").toAbsolutePath();
    }

}
