package nl.hartslag.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import nl.hartslag.cli.CommandLine.UsageException;
import nl.hartslag.matching.Assignment;
import nl.hartslag.matching.IncomingReport;
import nl.hartslag.matching.MatchingEngine;

/**
 * {@code bench}: the matching engine at scale, on synthetic reports spread over two years in the
 * service area. Measures (a) the bulk indexing rate through {@code matchAndAssign} into an
 * on-disk index, (b) the latency of {@code match} for fresh reports against the full index,
 * (c) the heap used after GC at full size, and (d) the rate of a rebuild that replays the found
 * clusters through {@code assign}, as a rebuild from PostgreSQL does. Prints a table (markdown)
 * to stdout; progress goes to stderr.
 */
final class BenchCommand {

    static final String USAGE = """
            usage: java [-Xmx512m] -jar hartslag-api.jar bench [options]
              --reports N          synthetic reports to index (default 1,000,000), spread over 2 years
              --live-reports M     of those, how many go through live matching (matchAndAssign) first
                                   (default 20,000); all N are then indexed by the rebuild path
              --seed S             seed of the synthetic reports (default 42); the same seed gives the same reports
              --latency-samples N  fresh reports whose match latency is measured (default 10,000)
              --warmup N           fresh reports matched before measuring (default 2,000)
              --index-dir DIR      where the on-disk indexes go (must be empty or absent; kept);
                                   default a temporary directory, deleted at the end
              --time-limit S       stop each indexing phase after S seconds and measure at the size reached (default: none)
              --gazetteer FILE     street segments (default: the seed gazetteer)
              --places FILE        named places (default: the seed places)""";

    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    static final Duration SPAN = Duration.ofDays(730);
    private static final Duration FRESH_WINDOW = Duration.ofDays(7);
    private static final Set<String> OPTIONS = Set.of("reports", "seed", "latency-samples", "warmup", "index-dir",
            "time-limit", "gazetteer", "places", "live-reports");

    int run(String[] args, PrintStream out, PrintStream err) {
        Settings settings;
        try {
            CommandLine options = CommandLine.parse(args, OPTIONS);
            if (options.help()) {
                out.println(USAGE);
                return Cli.OK;
            }
            settings = new Settings((int) Math.min(Integer.MAX_VALUE - 8, options.number("reports", 1_000_000, 1)),
                    options.number("seed", 42, Long.MIN_VALUE),
                    (int) Math.min(10_000_000, options.number("latency-samples", 10_000, 1)),
                    (int) Math.min(10_000_000, options.number("warmup", 2_000, 0)),
                    options.get("index-dir").map(Path::of).orElse(null),
                    options.number("time-limit", 0, 0),
                    GazetteerFiles.load(options.get("gazetteer"), options.get("places")),
                    (int) Math.min(Integer.MAX_VALUE - 8, options.number("live-reports", 20_000, 1)));
            if (settings.indexDir() != null && Files.exists(settings.indexDir())) {
                try (Stream<Path> entries = Files.list(settings.indexDir())) {
                    if (entries.findAny().isPresent()) {
                        throw new UsageException("--index-dir " + settings.indexDir() + " is not empty");
                    }
                }
            }
        } catch (UsageException | InvalidPathException e) {
            err.println("hartslag bench: " + e.getMessage());
            err.println(USAGE);
            return Cli.USAGE;
        } catch (InputException e) {
            err.println("hartslag bench: " + e.getMessage());
            return Cli.BAD_INPUT;
        } catch (IOException e) {
            err.println("hartslag bench: " + GazetteerFiles.describe(e));
            return Cli.BAD_INPUT;
        }
        Path root = null;
        boolean temporary = settings.indexDir() == null;
        try {
            root = temporary ? Files.createTempDirectory("hartslag-bench") : Files.createDirectories(settings.indexDir());
            Results results = new Run(settings, root, err).call();
            print(settings, results, out);
            return Cli.OK;
        } catch (IOException | UncheckedIOException e) {
            err.println("hartslag bench: I/O failed: " + e);
            return Cli.FAILED;
        } catch (RuntimeException e) {
            err.println("hartslag bench: failed: " + e);
            e.printStackTrace(err);
            return Cli.FAILED;
        } finally {
            if (temporary && root != null) {
                deleteRecursively(root, err);
            }
        }
    }

    record Settings(int reports, long seed, int latencySamples, int warmup, Path indexDir, long timeLimitSeconds,
            GazetteerFiles area, int bulkReports) {

        Settings(int reports, long seed, int latencySamples, int warmup, Path indexDir, long timeLimitSeconds,
                GazetteerFiles area) {
            this(reports, seed, latencySamples, warmup, indexDir, timeLimitSeconds, area, 20_000);
        }
    }

    /** A phase that feeds reports to an engine: how many, in how long, and whether the time limit stopped it. */
    record Phase(int reports, long engineNanos, long wallNanos, long commitNanos, boolean stopped, long gcCount,
            long gcMillis, double[] ratePerTenth) {
        double perSecond() {
            return reports / ((engineNanos + commitNanos) / 1e9);
        }
    }

    record Results(Phase bulk, Phase replay, int clusters, int singletonClusters, int largestCluster, int problems,
            Instant firstReport, Instant lastIndexed, long[] latencyNanos, long baselineHeap, long heapAfterGc,
            long indexBytes) {
    }

    /** One benchmark run: phases in order, each engine closed before the next opens. */
    private static final class Run {
        private final Settings settings;
        private final Path root;
        private final PrintStream progress;

        Run(Settings settings, Path root, PrintStream progress) {
            this.settings = settings;
            this.root = root;
            this.progress = progress;
        }

        Results call() throws IOException {
            int n = settings.reports();
            // Live matching is measured on the first reports; the rebuild and the latency at full size.
            int bulkTarget = Math.min(n, settings.bulkReports());
            GazetteerFiles area = settings.area();
            int[] clusterOf = new int[bulkTarget];
            int[] clusterSize = new int[bulkTarget + 1];
            long baselineHeap = heapAfterGc();

            Path bulkDir = Files.createDirectories(root.resolve("bulk"));
            Phase bulk;
            Instant first = null;
            Instant last = null;
            int[] nextCluster = { 0 };
            SyntheticReports stream = reports();
            try (MatchingEngine engine = MatchingEngine.onDisk(bulkDir, area.streets(), area.places())) {
                progress.printf(Locale.ROOT, "bench: live matching of %,d synthetic reports (matchAndAssign) into %s%n",
                        bulkTarget, bulkDir);
                Feeder feeder = new Feeder("bulk", bulkTarget);
                while (feeder.more()) {
                    IncomingReport report = stream.next().report();
                    long t0 = System.nanoTime();
                    Assignment assignment = engine.matchAndAssign(report, () -> "c" + ++nextCluster[0]);
                    feeder.took(System.nanoTime() - t0);
                    int cluster = Integer.parseInt(assignment.clusterId().substring(1));
                    clusterOf[feeder.done() - 1] = cluster;
                    clusterSize[cluster]++;
                }
                long c0 = System.nanoTime();
                engine.commit();
                bulk = feeder.finish(System.nanoTime() - c0);
            }
            int clusters = nextCluster[0];
            int singletons = 0;
            int largest = 0;
            for (int c = 1; c <= clusters; c++) {
                singletons += clusterSize[c] == 1 ? 1 : 0;
                largest = Math.max(largest, clusterSize[c]);
            }

            Path replayDir = Files.createDirectories(root.resolve("replay"));
            Phase replay;
            long[] latencies;
            long heapAfterGc;
            long indexBytes;
            SyntheticReports again = reports();
            try (MatchingEngine engine = MatchingEngine.onDisk(replayDir, area.streets(), area.places())) {
                progress.printf(Locale.ROOT, "bench: rebuild, replaying %,d reports with their clusters (assign) into %s%n",
                        n, replayDir);
                Feeder feeder = new Feeder("replay", n);
                while (feeder.more()) {
                    SyntheticReports.Synthetic next = again.next();
                    IncomingReport report = next.report();
                    if (first == null) {
                        first = report.receivedAt();
                    }
                    last = report.receivedAt();
                    int i = feeder.done();
                    // As a rebuild from PostgreSQL: the clusters decided live, then (beyond the live
                    // phase) the problem each synthetic report is really about.
                    String cluster = i < bulkTarget ? "c" + clusterOf[i] : "p" + next.problem();
                    long t0 = System.nanoTime();
                    engine.assign(report, cluster);
                    feeder.took(System.nanoTime() - t0);
                }
                long c0 = System.nanoTime();
                engine.commit();
                replay = feeder.finish(System.nanoTime() - c0);

                List<IncomingReport> fresh = fresh(again, last, settings.warmup() + settings.latencySamples());
                progress.printf(Locale.ROOT, "bench: %,d warm-up and %,d measured matches against %,d reports%n",
                        settings.warmup(), settings.latencySamples(), replay.reports());
                for (int i = 0; i < settings.warmup(); i++) {
                    engine.match(fresh.get(i));
                }
                latencies = new long[settings.latencySamples()];
                for (int i = 0; i < latencies.length; i++) {
                    IncomingReport report = fresh.get(settings.warmup() + i);
                    long t0 = System.nanoTime();
                    engine.match(report);
                    latencies[i] = System.nanoTime() - t0;
                }
                fresh = null;
                heapAfterGc = heapAfterGc();
                indexBytes = size(replayDir);
            }
            return new Results(bulk, replay, clusters, singletons, largest, again.problems(), first, last, latencies,
                    baselineHeap, heapAfterGc, indexBytes);
        }

        private SyntheticReports reports() {
            GazetteerFiles area = settings.area();
            return new SyntheticReports(area.streets(), area.places(), settings.seed(), settings.reports(), START, SPAN);
        }

        /**
         * The stream's next reports: follow-ups of live problems and new ones. Their times are
         * squeezed into the week after the last indexed report when they would run on longer
         * (small benchmarks), so they meet a live index.
         */
        private static List<IncomingReport> fresh(SyntheticReports stream, Instant after, int count) {
            List<IncomingReport> reports = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                reports.add(stream.next().report());
            }
            if (after == null || reports.isEmpty()) {
                return reports;
            }
            long span = Duration.between(after, reports.get(count - 1).receivedAt()).toSeconds();
            double squeeze = span > FRESH_WINDOW.toSeconds() ? (double) FRESH_WINDOW.toSeconds() / span : 1;
            List<IncomingReport> squeezed = new ArrayList<>(count);
            for (IncomingReport r : reports) {
                long offset = (long) (Duration.between(after, r.receivedAt()).toSeconds() * squeeze);
                squeezed.add(new IncomingReport(r.id(), after.plusSeconds(offset), r.channel(), r.text(), r.lat(),
                        r.lon(), r.address(), r.category()));
            }
            return squeezed;
        }

        /** Counts a phase's reports and time, reports progress, and watches the time limit. */
        private final class Feeder {
            private final String name;
            private final int target;
            private final long started = System.nanoTime();
            private final long deadline;
            /** Cumulative engine time after every {@code step} reports, to tell the rate at each index size. */
            private final int step;
            private final long[] checkpoints;
            private final long gcCount0 = gcCount();
            private final long gcMillis0 = gcMillis();
            private int done;
            private long engineNanos;
            private long lastProgress = started;
            private boolean stopped;

            Feeder(String name, int target) {
                this.name = name;
                this.target = target;
                this.step = Math.max(1, target / 100_000);
                this.checkpoints = new long[target / step + 1];
                this.deadline = settings.timeLimitSeconds() > 0 ? started + settings.timeLimitSeconds() * 1_000_000_000L
                        : Long.MAX_VALUE;
            }

            boolean more() {
                if (done >= target) {
                    return false;
                }
                if (System.nanoTime() > deadline) {
                    stopped = true;
                    progress.printf(Locale.ROOT, "bench: %s stopped by the time limit at %,d of %,d reports%n", name,
                            done, target);
                    return false;
                }
                return true;
            }

            int done() {
                return done;
            }

            void took(long nanos) {
                done++;
                engineNanos += nanos;
                if (done % step == 0) {
                    checkpoints[done / step] = engineNanos;
                }
                boolean endOfTenth = (long) done * 10 / target > (long) (done - 1) * 10 / target;
                long now = System.nanoTime();
                if (endOfTenth || now - lastProgress > 30_000_000_000L) {
                    lastProgress = now;
                    progress.printf(Locale.ROOT, "bench: %s %,d/%,d reports, %.1f s, %,.0f reports/s so far%n", name, done,
                            target, (now - started) / 1e9, done / (engineNanos / 1e9));
                }
            }

            Phase finish(long commitNanos) {
                // the rate in each tenth of what was indexed (all of it, unless the time limit stopped the phase)
                double[] ratePerTenth = new double[10];
                for (int t = 0; t < 10; t++) {
                    int from = (int) ((long) t * done / 10) / step;
                    int to = (int) ((long) (t + 1) * done / 10) / step;
                    if (to > from && checkpoints[to] > checkpoints[from]) {
                        ratePerTenth[t] = (double) (to - from) * step / ((checkpoints[to] - checkpoints[from]) / 1e9);
                    }
                }
                return new Phase(done, engineNanos, System.nanoTime() - started, commitNanos, stopped,
                        gcCount() - gcCount0, gcMillis() - gcMillis0, ratePerTenth);
            }
        }
    }

    private static void print(Settings settings, Results r, PrintStream out) {
        Map<String, String> rows = new LinkedHashMap<>();
        String indexed = r.replay().stopped()
                ? String.format(Locale.ROOT, "%,d planned over 2 years, %,d indexed", settings.reports(), r.replay().reports())
                : String.format(Locale.ROOT, "%,d over 2 years", settings.reports());
        rows.put("synthetic reports", String.format(Locale.ROOT, "%s (%s .. %s), seed %d; %,d problems", indexed,
                day(r.firstReport()), day(r.lastIndexed()), settings.seed(), r.problems()));
        rows.put("service area", String.format(Locale.ROOT, "%d street segments, %d named places (%s)",
                settings.area().streets().size(), settings.area().places().size(), settings.area().source()));
        rows.put("JVM", String.format(Locale.ROOT, "Java %s, %d cores, %s (max heap %,d MB)", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), xmx(), Runtime.getRuntime().maxMemory() >> 20));
        rows.put("live matching: matchAndAssign + commit", phase(r.bulk(), Math.min(settings.reports(), settings.bulkReports())));
        rows.put("live rate by index size (10% steps)", tenths(r.bulk()) + (r.bulk().stopped() ? " (of what was indexed)" : ""));
        rows.put("clusters formed live", String.format(Locale.ROOT, "%,d (%,d with one report, largest %,d reports)",
                r.clusters(), r.singletonClusters(), r.largestCluster()));
        rows.put("rebuild: assign + commit (all reports)", phase(r.replay(), settings.reports()));
        rows.put("rebuild rate by index size (10% steps)", tenths(r.replay()));
        long[] sorted = r.latencyNanos().clone();
        Arrays.sort(sorted);
        String against = String.format(Locale.ROOT, " (%,d fresh reports after %,d warm-up, index %,d reports)",
                sorted.length, settings.warmup(), r.replay().reports());
        rows.put("match latency p50", millis(percentile(sorted, 50)) + against);
        rows.put("match latency p90", millis(percentile(sorted, 90)));
        rows.put("match latency p99", millis(percentile(sorted, 99)));
        rows.put("match latency max", millis(sorted[sorted.length - 1]));
        rows.put("match latency mean", millis((long) Arrays.stream(sorted).average().orElse(0)));
        rows.put("heap used after GC", String.format(Locale.ROOT,
                "%,d MB at full size (%,d MB before the engine opened; %s)", r.heapAfterGc() >> 20,
                r.baselineHeap() >> 20, xmx()));
        rows.put("index on disk", String.format(Locale.ROOT, "%,.1f MB", r.indexBytes() / 1048576.0));

        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(10);
        int valueWidth = rows.values().stream().mapToInt(String::length).max().orElse(10);
        out.println();
        out.printf(Locale.ROOT, "| %-" + width + "s | %-" + valueWidth + "s |%n", "figure", "value");
        out.println("|" + "-".repeat(width + 2) + "|" + "-".repeat(valueWidth + 2) + "|");
        rows.forEach((k, v) -> out.printf(Locale.ROOT, "| %-" + width + "s | %-" + valueWidth + "s |%n", k, v));
    }

    private static String phase(Phase p, int target) {
        String stopped = p.stopped() ? String.format(Locale.ROOT, "STOPPED by the time limit at %,d of %,d; ", p.reports(), target)
                : "";
        return String.format(Locale.ROOT, "%s%,.0f reports/s (%,d reports: engine %.1f s + commit %.1f s; wall %.1f s; GC %,d× %.1f s)",
                stopped, p.perSecond(), p.reports(), p.engineNanos() / 1e9, p.commitNanos() / 1e9, p.wallNanos() / 1e9,
                p.gcCount(), p.gcMillis() / 1e3);
    }

    private static String tenths(Phase p) {
        List<String> rates = new ArrayList<>();
        for (double rate : p.ratePerTenth()) {
            if (rate > 0) {
                rates.add(String.format(Locale.ROOT, "%,.0f", rate));
            }
        }
        return String.join(" / ", rates) + " reports/s";
    }

    static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }

    private static String day(Instant instant) {
        return instant == null ? "-" : instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static String xmx() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxRAMPercentage"))
                .reduce((a, b) -> b).orElse("no -Xmx");
    }

    static long heapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .filter(c -> c > 0).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .filter(c -> c > 0).sum();
    }

    private static long size(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // a file merged away while walking
                }
            }).sum();
        }
    }

    private static void deleteRecursively(Path root, PrintStream err) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            err.println("hartslag bench: could not delete " + root + ": " + e);
        }
    }
}
