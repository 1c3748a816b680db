package nl.hartslag.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.springframework.r2dbc.core.DatabaseClient;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import nl.hartslag.cli.CommandLine.UsageException;
import nl.hartslag.db.seed.GazetteerCsv.StreetSegment;
import nl.hartslag.matching.IncomingReport;
import reactor.netty.DisposableServer;

/**
 * {@code bench-intake}: the web intake of the built jar under load, next to a bare reference in the
 * same run. Starts the service as a child process ({@code java -jar} this jar, embedded PostgreSQL
 * with fsync and synchronous commit on, rate limits off) and, in this process, a bare WebFlux +
 * R2DBC endpoint that does one INSERT per request into a database of its own on the same
 * PostgreSQL server. Phases alternate (bare, spread, bare, burst, ...) so that the noise of a
 * shared machine falls on both alike. During and after each intake phase the matching backlog
 * (reports without a cluster) is sampled, and the time it takes to drain after the phase.
 */
final class IntakeBenchCommand {

    static final String USAGE = """
            usage: java -jar hartslag-api.jar bench-intake [options]
              --clients N        concurrent clients, each one request at a time (default 16)
              --seconds S        length of each measured phase (default 15)
              --warmup S         unmeasured warm-up of the service and of the bare endpoint first (default 10)
              --rounds R         rounds of (bare, spread, bare, burst) (default 2)
              --burst-streets K  the burst scenario's streets (default 3)
              --seed S           seed of the synthetic reports (default 7)
              --data-dir DIR     the service's data directory (default: a new temporary one, deleted at the end)
              --port P           the service's port (default: a free one)
              --jar FILE         the service's jar (default: the jar this command runs from)
              --jvm-options "…"  options for the service's JVM (e.g. "-XX:StartFlightRecording=filename=x.jfr")
              --service-log FILE where the service's output goes (default <data-dir>/bench-service.log)""";

    private static final Set<String> OPTIONS = Set.of("clients", "seconds", "warmup", "rounds", "burst-streets", "seed",
            "data-dir", "port", "jar", "jvm-options", "service-log");
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(200);

    int run(String[] args, PrintStream out, PrintStream err) {
        Settings settings;
        try {
            settings = Settings.parse(CommandLine.parse(args, OPTIONS));
        } catch (UsageException e) {
            err.println("hartslag bench-intake: " + e.getMessage());
            err.println(USAGE);
            return Cli.USAGE;
        } catch (InputException e) {
            err.println("hartslag bench-intake: " + e.getMessage());
            return Cli.BAD_INPUT;
        }
        try {
            new Run(settings, out, err).go();
            return Cli.OK;
        } catch (Exception e) {
            err.println("hartslag bench-intake: failed: " + e);
            e.printStackTrace(err);
            return Cli.FAILED;
        }
    }

    record Settings(int clients, int seconds, int warmup, int rounds, int burstStreets, long seed,
            Optional<Path> dataDir, int port, Path jar, List<String> jvmOptions, Optional<Path> serviceLog,
            GazetteerFiles area) {

        static Settings parse(CommandLine line) throws UsageException, InputException {
            Optional<Path> jar = line.get("jar").map(Path::of).or(IntakeBenchCommand::ownJar);
            if (jar.isEmpty()) {
                throw new UsageException("--jar is needed when not run with java -jar");
            }
            List<String> jvm = line.get("jvm-options").map(o -> Arrays.stream(o.trim().split("\\s+"))
                    .filter(s -> !s.isEmpty()).toList()).orElse(List.of());
            return new Settings((int) line.number("clients", 16, 1), (int) line.number("seconds", 15, 1),
                    (int) line.number("warmup", 10, 0), (int) line.number("rounds", 2, 1),
                    (int) line.number("burst-streets", 3, 1), line.number("seed", 7, 0),
                    line.get("data-dir").map(Path::of), (int) line.number("port", 0, 0), jar.get(), jvm,
                    line.get("service-log").map(Path::of), GazetteerFiles.load(Optional.empty(), Optional.empty()));
        }
    }

    /** The jar of {@code java -jar x.jar bench-intake ...}. */
    private static Optional<Path> ownJar() {
        String command = System.getProperty("sun.java.command", "");
        String first = command.split(" ", 2)[0];
        return first.endsWith(".jar") ? Optional.of(Path.of(first)) : Optional.empty();
    }

    /** Where a scenario's reports come from. */
    record Scenario(SyntheticReports reports, List<StreetSegment> streets, java.util.Random random) {
    }

    /** One measured phase. */
    record Phase(String scenario, int requests, int errors, double seconds, long[] latencyNanos, int backlogMax,
            int backlogAtEnd, Double drainSeconds) {

        double rate() {
            return requests / seconds;
        }
    }

    private static final class Run {
        private final Settings settings;
        private final PrintStream out;
        private final PrintStream err;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        Run(Settings settings, PrintStream out, PrintStream err) {
            this.settings = settings;
            this.out = out;
            this.err = err;
        }

        void go() throws Exception {
            boolean temporary = settings.dataDir().isEmpty();
            Path dataDir = settings.dataDir().isPresent() ? Files.createDirectories(settings.dataDir().get())
                    : Files.createTempDirectory("hartslag-bench-intake-");
            int port = settings.port() > 0 ? settings.port() : freePort();
            Path log = settings.serviceLog().orElse(dataDir.resolve("bench-service.log"));
            Process service = startService(dataDir, port, log);
            ConnectionPool pool = null;
            ConnectionPool barePool = null;
            DisposableServer bare = null;
            try {
                String base = "http://127.0.0.1:" + port;
                awaitReady(service, base, log);
                int pgPort = postgresPort(dataDir);
                String password = Files.readString(dataDir.resolve("db-password"), StandardCharsets.UTF_8).strip();
                pool = pool(pgPort, password, "hartslag", 2);
                DatabaseClient db = DatabaseClient.create(pool);
                // The reference gets its own database on the same server (same fsync, same disk), so the
                // service's schema stays as Flyway made it.
                // Like the service's pool (Spring Boot's default: 10 connections).
                barePool = pool(pgPort, password, "hartslag_bench", 10);
                DatabaseClient bareDb = DatabaseClient.create(barePool);
                // Set-up on the command's own main thread, before any server runs: waiting here holds up
                // no event loop, and nothing can be measured before the reference table exists.
                db.sql("select 1 from pg_database where datname = 'hartslag_bench'").map(r -> 1).first()
                        .switchIfEmpty(db.sql("create database hartslag_bench").then().thenReturn(1))
                        .then(bareDb.sql("create table if not exists bare_report (id uuid primary key,"
                                + " category text not null, description text not null, address text,"
                                + " lat double precision, lon double precision,"
                                + " received_at timestamptz not null default now())").then())
                        .block();
                bare = BareIntakeServer.start(bareDb);
                String bareUrl = "http://127.0.0.1:" + bare.port() + "/bare/reports";
                String intakeUrl = base + "/api/v1/reports";

                List<StreetSegment> all = settings.area().streets();
                List<StreetSegment> burstStreets = burstStreets(all, settings.burstStreets());
                Scenario spread = new Scenario(new SyntheticReports(all, settings.area().places(), settings.seed(),
                        500_000, BenchCommand.START, BenchCommand.SPAN), all, new java.util.Random(settings.seed()));
                Scenario burst = new Scenario(new SyntheticReports(burstStreets, List.of(), settings.seed() + 1, 500_000,
                        BenchCommand.START, BenchCommand.SPAN), burstStreets, new java.util.Random(settings.seed() + 1));
                out.printf(Locale.ROOT, "# bench-intake: %d clients, %d s phases, %d rounds; service on :%d (log %s),"
                        + " bare endpoint on :%d; PostgreSQL on :%d (fsync and synchronous commit on)%n",
                        settings.clients(), settings.seconds(), settings.rounds(), port, log, bare.port(), pgPort);
                out.printf(Locale.ROOT, "# burst streets: %s%n",
                        burstStreets.stream().map(StreetSegment::street).distinct().collect(Collectors.joining(", ")));
                out.printf(Locale.ROOT, "# Java %s, %d cores; service JVM options: %s%n", Runtime.version(),
                        Runtime.getRuntime().availableProcessors(), settings.jvmOptions());

                if (settings.warmup() > 0) {
                    err.printf(Locale.ROOT, "bench-intake: warm-up %d s (bare, then intake)%n", settings.warmup());
                    phase("warm-up bare", bareUrl, spread, Math.max(1, settings.warmup() / 2), null);
                    phase("warm-up intake", intakeUrl, spread, Math.max(1, settings.warmup() / 2), db);
                    drain(db);
                }
                List<Phase> phases = new ArrayList<>();
                for (int round = 1; round <= settings.rounds(); round++) {
                    phases.add(phase("bare", bareUrl, spread, settings.seconds(), null));
                    phases.add(phase("intake spread", intakeUrl, spread, settings.seconds(), db));
                    phases.add(phase("bare", bareUrl, spread, settings.seconds(), null));
                    phases.add(phase("intake burst", intakeUrl, burst, settings.seconds(), db));
                }
                print(phases);
            } finally {
                if (bare != null) {
                    bare.disposeNow();
                }
                if (barePool != null) {
                    barePool.dispose();
                }
                if (pool != null) {
                    pool.dispose();
                }
                stopService(service);
                if (temporary) {
                    deleteRecursively(dataDir);
                }
            }
        }

        private Process startService(Path dataDir, int port, Path log) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(settings.jvmOptions());
            command.add("-jar");
            command.add(settings.jar().toAbsolutePath().toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("HARTSLAG_DATA_DIR", dataDir.toAbsolutePath().toString());
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            builder.environment().put("HARTSLAG_RATE_LIMIT_ENABLED", "false");
            err.printf(Locale.ROOT, "bench-intake: starting %s%n", String.join(" ", command));
            return builder.start();
        }

        private void awaitReady(Process service, String base, Path log) throws Exception {
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build();
            while (System.nanoTime() < deadline) {
                if (!service.isAlive()) {
                    throw new IllegalStateException("the service stopped with status " + service.exitValue()
                            + "; see " + log);
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException("the service was not ready within " + READY_TIMEOUT + "; see " + log);
        }

        private void stopService(Process service) throws InterruptedException {
            service.destroy(); // SIGTERM: a graceful shutdown, PostgreSQL stopped last
            if (!service.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                err.println("bench-intake: the service did not stop within 60 s; killing it");
                service.destroyForcibly().waitFor();
            }
        }

        /** {@code clients} closed-loop clients for {@code seconds}; with {@code db}, the matching backlog too. */
        private Phase phase(String scenario, String url, Scenario source, int seconds, DatabaseClient db)
                throws Exception {
            int clients = settings.clients();
            List<String> bodies = new ArrayList<>();
            synchronized (source) {
                // Enough distinct bodies for the phase at a generous rate; reused round-robin beyond that.
                for (int i = 0; i < 20_000; i++) {
                    bodies.add(body(source.reports().next().report(),
                            source.streets().get(source.random().nextInt(source.streets().size()))));
                }
            }
            AtomicInteger next = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
            ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
            AtomicInteger backlogMax = new AtomicInteger();
            long started = System.nanoTime();
            long end = started + Duration.ofSeconds(seconds).toNanos();
            CountDownLatch done = new CountDownLatch(clients);
            for (int c = 0; c < clients; c++) {
                Thread client = new Thread(() -> {
                    long[] mine = new long[1 << 16];
                    int n = 0;
                    try {
                        while (System.nanoTime() < end) {
                            String body = bodies.get(Math.floorMod(next.getAndIncrement(), bodies.size()));
                            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(30))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                            long t0 = System.nanoTime();
                            try {
                                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                                if (response.statusCode() != 201) {
                                    if (errors.getAndIncrement() == 0) {
                                        err.printf(Locale.ROOT, "bench-intake: first refusal in %s: %d %s for %s%n",
                                                scenario, response.statusCode(), response.body(), body);
                                    }
                                    statuses.merge(response.statusCode(), 1, Integer::sum);
                                    continue;
                                }
                            } catch (IOException e) {
                                errors.incrementAndGet();
                                statuses.merge(-1, 1, Integer::sum);
                                continue;
                            }
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = System.nanoTime() - t0;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        latencies.add(Arrays.copyOf(mine, n));
                        done.countDown();
                    }
                }, "bench-client-" + c);
                client.setDaemon(true);
                client.start();
            }
            while (!done.await(SAMPLE_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (db != null) {
                    backlogMax.accumulateAndGet(backlog(db), Math::max);
                }
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            int backlogAtEnd = 0;
            Double drain = null;
            if (db != null) {
                backlogAtEnd = backlog(db);
                backlogMax.accumulateAndGet(backlogAtEnd, Math::max);
                drain = drain(db);
            }
            Phase phase = new Phase(scenario, all.length, errors.get(), elapsed, all, backlogMax.get(), backlogAtEnd,
                    drain);
            err.printf(Locale.ROOT, "bench-intake: %-14s %,8.0f/s  p50 %6.1f ms  p99 %6.1f ms  errors %d %s%s%n", scenario,
                    phase.rate(), pct(all, 50) / 1e6, pct(all, 99) / 1e6, errors.get(), statuses.isEmpty() ? ""
                            : statuses.toString().replace("-1=", "io="),
                    db == null ? "" : String.format(Locale.ROOT, "  backlog max %d, at end %d, drained in %s",
                            backlogMax.get(), backlogAtEnd, drain == null ? "-" : String.format(Locale.ROOT, "%.1f s", drain)));
            return phase;
        }

        /** Seconds until no report is without a cluster; null if it did not drain within the timeout. */
        private Double drain(DatabaseClient db) throws InterruptedException {
            long t0 = System.nanoTime();
            long deadline = t0 + DRAIN_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (backlog(db) == 0) {
                    return (System.nanoTime() - t0) / 1e9;
                }
                Thread.sleep(50);
            }
            return null;
        }

        private static int backlog(DatabaseClient db) {
            Long n = db.sql("select count(*) as n from report where cluster_id is null")
                    .map(r -> r.get("n", Long.class)).one().block(Duration.ofSeconds(10));
            return n == null ? 0 : n.intValue();
        }

        private void print(List<Phase> phases) {
            double bare = phases.stream().filter(p -> p.scenario().equals("bare")).mapToDouble(Phase::rate).average()
                    .orElse(Double.NaN);
            out.println();
            out.println("| phase | requests | rate/s | × bare | p50 ms | p99 ms | max ms | errors | backlog max | backlog at end | drained in |");
            out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            double previousBare = Double.NaN;
            for (Phase p : phases) {
                boolean isBare = p.scenario().equals("bare");
                if (isBare) {
                    previousBare = p.rate();
                }
                out.printf(Locale.ROOT, "| %s | %,d | %,.0f | %s | %.1f | %.1f | %.1f | %d | %s | %s | %s |%n", p.scenario(),
                        p.requests(), p.rate(), isBare ? "" : String.format(Locale.ROOT, "%.2f", p.rate() / previousBare),
                        pct(p.latencyNanos(), 50) / 1e6, pct(p.latencyNanos(), 99) / 1e6,
                        pct(p.latencyNanos(), 100) / 1e6, p.errors(), isBare ? "" : Integer.toString(p.backlogMax()),
                        isBare ? "" : Integer.toString(p.backlogAtEnd()),
                        isBare ? "" : p.drainSeconds() == null ? "not within " + DRAIN_TIMEOUT.toSeconds() + " s"
                                : String.format(Locale.ROOT, "%.1f s", p.drainSeconds()));
            }
            out.println();
            for (String scenario : List.of("intake spread", "intake burst")) {
                List<Phase> of = phases.stream().filter(p -> p.scenario().equals(scenario)).toList();
                double rate = of.stream().mapToDouble(Phase::rate).average().orElse(Double.NaN);
                long[] all = of.stream().flatMapToLong(p -> Arrays.stream(p.latencyNanos())).sorted().toArray();
                out.printf(Locale.ROOT, "%s: intake %,.0f/s, bare %,.0f/s, ratio %.2f; p50 %.1f ms, p99 %.1f ms;"
                        + " backlog max %d, at end %d, drained in %s%n", scenario, rate, bare, rate / bare,
                        pct(all, 50) / 1e6, pct(all, 99) / 1e6,
                        of.stream().mapToInt(Phase::backlogMax).max().orElse(0),
                        of.stream().mapToInt(Phase::backlogAtEnd).max().orElse(0),
                        of.stream().anyMatch(p -> p.drainSeconds() == null) ? "not within the timeout"
                                : String.format(Locale.ROOT, "≤ %.1f s",
                                        of.stream().mapToDouble(Phase::drainSeconds).max().orElse(0)));
            }
        }
    }

    /** A resident's web report as the form sends it: category, words, address or pin; no contact details. */
    static String body(IncomingReport report, StreetSegment fallback) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("category", report.category() == null ? "other" : report.category());
        body.put("description", report.text());
        if (report.address() != null) {
            body.put("address", report.address());
        }
        if (report.lat() != null && report.lon() != null) {
            body.put("location", Map.of("lat", report.lat(), "lon", report.lon()));
        }
        if (report.address() == null && report.lat() == null) {
            // A text read out on the phone names no address field: on the web form the resident types one.
            body.put("address", fallback.street() + " " + Math.max(1, fallback.houseFrom()));
        }
        return json(body);
    }

    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> json(e.getKey()) + ":" + json(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        String s = String.valueOf(value);
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The streets with the most segments (long, busy streets): where a burst of reports about one event lands. */
    static List<StreetSegment> burstStreets(List<StreetSegment> all, int count) {
        Map<String, Long> segments = all.stream().collect(Collectors.groupingBy(StreetSegment::street,
                Collectors.counting()));
        Set<String> chosen = segments.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(count).map(Map.Entry::getKey).collect(Collectors.toSet());
        return all.stream().filter(s -> chosen.contains(s.street())).toList();
    }

    private static ConnectionPool pool(int port, String password, String database, int size) {
        PostgresqlConnectionFactory factory = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host("127.0.0.1").port(port).username("postgres").password(password).database(database).build());
        return new ConnectionPool(ConnectionPoolConfiguration.builder(factory).initialSize(Math.min(size, 2))
                .maxSize(size).maxAcquireTime(Duration.ofSeconds(5)).build());
    }

    /** The port PostgreSQL listens on, from {@code postmaster.pid} (its fourth line). */
    private static int postgresPort(Path dataDir) throws IOException {
        List<String> lines = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        return Integer.parseInt(lines.get(3).strip());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static long pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : BenchCommand.percentile(sorted, p);
    }

    private static void deleteRecursively(Path root) {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
