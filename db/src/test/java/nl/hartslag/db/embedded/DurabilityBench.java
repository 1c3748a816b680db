package nl.hartslag.db.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * What durability costs (a benchmark, not a test): small transactions shaped like a report
 * intake (one row of ~400 bytes plus a history row, committed) from several writers at once, on
 * the service's embedded PostgreSQL (fsync and synchronous commit on) and on the earlier setting
 * (zonky's defaults: {@code -F}, {@code synchronous_commit=off}). Prints commits/s and latency.
 *
 * <pre>
 * mvn -B -q -pl db test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp db/target/test-classes:db/target/classes:$(cat db/target/cp.txt) \
 *     nl.hartslag.db.embedded.DurabilityBench --writers 8 --seconds 15
 * </pre>
 */
public final class DurabilityBench {

    private DurabilityBench() {
    }

    public static void main(String[] args) throws Exception {
        int writers = intArg(args, "--writers", 8);
        int seconds = intArg(args, "--seconds", 15);
        Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "durability-bench-");

        List<String> rows = new ArrayList<>();
        try (EmbeddedPostgres fast = EmbeddedPostgres.builder().setDataDirectory(root.resolve("before/postgres"))
                .setCleanDataDirectory(true).start()) {
            rows.add(run("before: fsync off, synchronous_commit off", writers, seconds,
                    () -> connect(() -> fast.getPostgresDatabase().getConnection())));
        }
        EmbeddedPostgresRegistry.Lease lease = EmbeddedPostgresRegistry.acquire(root.resolve("now/postgres"));
        try {
            rows.add(run("now: fsync on, synchronous_commit on", writers, seconds, () -> connect(
                    () -> PostgresServer.connect(lease.port(), PostgresServer.APP_DATABASE, lease.application()))));
        } finally {
            lease.release();
        }
        System.out.printf("%n%d writers, %d s each, one transaction = report row + history row%n", writers, seconds);
        System.out.println("| Setting | Commits/s | Latency p50 / p99 |");
        System.out.println("|---|---|---|");
        rows.forEach(System.out::println);
    }

    private interface Opener {
        Connection open() throws Exception;
    }

    private static Connection connect(Opener opener) {
        try {
            return opener.open();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(String label, int writers, int seconds, Supplier<Connection> connections)
            throws Exception {
        try (Connection c = connections.get(); Statement s = c.createStatement()) {
            s.execute("create table bench_report (id bigint generated always as identity primary key,"
                    + " description text not null, street text, received_at timestamptz not null default now())");
            s.execute("create table bench_event (id bigint generated always as identity primary key,"
                    + " report_id bigint not null references bench_report, kind text not null,"
                    + " at timestamptz not null default now())");
        }
        measure(writers, 2, connections); // warm-up
        long[][] latencies = measure(writers, seconds, connections);
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        double perSecond = all.length / (double) seconds;
        String row = String.format(Locale.ROOT, "| %s | **%,.0f** | %.1f / %.1f ms |", label, perSecond,
                all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
        System.out.println(row);
        return row;
    }

    private static long[][] measure(int writers, int seconds, Supplier<Connection> connections) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<long[]>> results = new ArrayList<>();
        String description = "Lantaarnpaal brandt al een week niet, het is erg donker op de stoep ".repeat(5);
        for (int w = 0; w < writers; w++) {
            results.add(pool.submit(() -> {
                long[] samples = new long[1 << 16];
                int n = 0;
                try (Connection c = connections.get();
                        PreparedStatement report = c.prepareStatement(
                                "insert into bench_report (description, street) values (?, ?) returning id");
                        PreparedStatement event = c.prepareStatement(
                                "insert into bench_event (report_id, kind) values (?, 'RECEIVED')")) {
                    c.setAutoCommit(false);
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        report.setString(1, description);
                        report.setString(2, "Passartweg");
                        try (var r = report.executeQuery()) {
                            r.next();
                            event.setLong(1, r.getLong(1));
                        }
                        event.executeUpdate();
                        c.commit();
                        if (n == samples.length) {
                            samples = Arrays.copyOf(samples, n * 2);
                        }
                        samples[n++] = System.nanoTime() - t0;
                    }
                }
                return Arrays.copyOf(samples, n);
            }));
        }
        long[][] out = new long[writers][];
        for (int w = 0; w < writers; w++) {
            out[w] = results.get(w).get();
        }
        pool.shutdown();
        return out;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
