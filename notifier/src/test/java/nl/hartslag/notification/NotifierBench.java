package nl.hartslag.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import com.github.tomakehurst.wiremock.WireMockServer;

import reactor.core.publisher.Flux;

/**
 * Notifier throughput: one instance (real embedded PostgreSQL, the real dispatcher and Twilio SDK)
 * against WireMock answering at once, in the same JVM on the same cores. Fills the outbox first,
 * then starts the dispatcher and measures until every text is SENT. Prints the figures; asserts
 * nothing. Run (see README):
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl notifier exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=nl.hartslag.notification.NotifierBench -Dexec.args="--messages 20000"
 * </pre>
 */
public final class NotifierBench {

    private static Audience audience = Audience.RESIDENT;

    private NotifierBench() {
    }

    public static void main(String[] args) throws Exception {
        int messages = intArg(args, "--messages", 20_000);
        int concurrency = intArg(args, "--concurrency", 16);
        int batch = intArg(args, "--batch-size", 50);
        // RESIDENT texts are counted against the daily cap per number (one upsert each); TEAM texts are not.
        audience = Audience.valueOf(stringArg(args, "--audience", "RESIDENT"));

        WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(64)
                .disableRequestJournal());
        twilio.start();
        twilio.stubFor(post(urlEqualTo(FakeTwilio.MESSAGES)).willReturn(FakeTwilio.accepted()));
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "bench-");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(NotifierTestApplication.class)
                .web(WebApplicationType.NONE)
                .run("--hartslag.data-dir=" + dataDir.toAbsolutePath(),
                        "--hartslag.twilio.account-sid=" + FakeTwilio.ACCOUNT_SID,
                        "--hartslag.twilio.auth-token=" + FakeTwilio.AUTH_TOKEN,
                        "--hartslag.twilio.phone-number=" + FakeTwilio.SENDER,
                        "--hartslag.twilio.api-base-url=" + twilio.baseUrl(),
                        "--hartslag.notifier.dispatch=false",
                        "--hartslag.notifier.concurrency=" + concurrency,
                        "--hartslag.notifier.batch-size=" + batch,
                        "--hartslag.notifier.quiet-hours.enabled=false",
                        "--logging.level.root=WARN",
                        "--spring.r2dbc.pool.max-size=" + intArg(args, "--pool", 10),
                        "--spring.main.banner-mode=off");
        try {
            Outbox outbox = context.getBean(Outbox.class);
            DatabaseClient db = context.getBean(DatabaseClient.class);
            warmUp(context, outbox, db, 500);

            long enqueueStart = System.nanoTime();
            Flux.range(0, messages)
                    .flatMap(i -> outbox.enqueue(notification(i)), 8)
                    .blockLast();
            double enqueueSeconds = (System.nanoTime() - enqueueStart) / 1e9;

            Dispatcher dispatcher = context.getBean(Dispatcher.class);
            long start = System.nanoTime();
            dispatcher.start();
            List<double[]> samples = new ArrayList<>(); // {seconds, sent}
            long sent = 0;
            while (sent < messages + 500) {
                Thread.sleep(250);
                sent = count(db, "SENT");
                samples.add(new double[] { (System.nanoTime() - start) / 1e9, sent - 500 });
                if (System.getenv("BENCH_TRACE") != null) {
                    System.out.printf("t=%.2f sent=%d pending=%d sending=%d%n", (System.nanoTime() - start) / 1e9,
                            sent - 500, count(db, "PENDING"), count(db, "SENDING"));
                }
                if ((System.nanoTime() - start) > Duration.ofMinutes(10).toNanos()) {
                    throw new IllegalStateException("not done within 10 minutes: " + sent);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            dispatcher.stop();

            double steady = steadyRate(samples, messages);
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
            Map<String, Object> latency = db.sql("select percentile_cont(0.5) within group (order by ms) as p50,"
                    + " percentile_cont(0.99) within group (order by ms) as p99 from (select extract(epoch from"
                    + " finished_at - started_at) * 1000 as ms from notification_attempt where outcome = 'ACCEPTED') a")
                    .fetch().one().block();

            System.out.printf("Notifier benchmark: %,d texts (%s), one instance, concurrency %d, batch %d, %d cores%n",
                    messages, audience, concurrency, batch, rt.availableProcessors());
            System.out.printf("  outbox writes:        %,.0f notifications/s (8 concurrent writers)%n",
                    messages / enqueueSeconds);
            System.out.printf("  delivered (overall):  %,.0f SMS/s (%,d in %.1f s, from start to last SENT)%n",
                    messages / seconds, messages, seconds);
            System.out.printf("  delivered (steady):   %,.0f SMS/s (between 10%% and 90%% of the backlog)%n", steady);
            System.out.printf("  attempt time p50/p99: %.1f / %.1f ms (from its batch being claimed to Twilio's answer stored)%n",
                    ((Number) latency.get("p50")).doubleValue(), ((Number) latency.get("p99")).doubleValue());
            System.out.printf("  heap after GC:        %d MB%n", heapMb);
            long attempts = db.sql("select count(*) as n from notification_attempt").map((r, m) -> r.get("n", Long.class))
                    .one().block();
            System.out.printf("  attempts per text:    %.3f (1.000: every text sent once, none retried)%n",
                    attempts / (double) (messages + 500));
            db.sql("select outcome, coalesce(http_status::text, '-') as http, left(coalesce(detail, ''), 90) as detail,"
                    + " count(*) as n from notification_attempt where outcome <> 'ACCEPTED' group by 1, 2, 3"
                    + " order by n desc limit 5").fetch().all()
                    .doOnNext(r -> System.out.printf("  not accepted:         %s x%s (http %s) %s%n", r.get("outcome"),
                            r.get("n"), r.get("http"), r.get("detail")))
                    .blockLast();
        } finally {
            context.close();
            twilio.stop();
        }
    }

    private static void warmUp(ConfigurableApplicationContext context, Outbox outbox, DatabaseClient db, int n)
            throws InterruptedException {
        Flux.range(0, n).flatMap(i -> outbox.enqueue(notification(-1 - i)), 8).blockLast();
        Dispatcher dispatcher = context.getBean(Dispatcher.class);
        dispatcher.start();
        while (count(db, "SENT") < n) {
            Thread.sleep(100);
        }
        dispatcher.stop();
    }

    private static OutgoingNotification notification(int i) {
        return new OutgoingNotification("bench:" + UUID.randomUUID(), Channel.SMS,
                "+3161" + String.format("%07d", Math.abs(i) % 10_000_000), audience,
                Template.STATUS_RESOLVED, Map.of("reference", "HS-7KQ2-M9", "note", "De lamp is vervangen."), "nl",
                Urgency.NORMAL, "HS-7KQ2-M9");
    }

    private static long count(DatabaseClient db, String status) {
        return db.sql("select count(*) as n from notification where status = :s").bind("s", status)
                .map((r, m) -> r.get("n", Long.class)).one().block();
    }

    /** Texts per second between the samples where 10% and 90% of the backlog had gone out. */
    private static double steadyRate(List<double[]> samples, int total) {
        double[] from = null;
        double[] to = null;
        for (double[] s : samples) {
            if (from == null && s[1] >= total * 0.1) {
                from = s;
            }
            if (to == null && s[1] >= total * 0.9) {
                to = s;
            }
        }
        if (from == null || to == null || to[0] <= from[0]) {
            return Double.NaN;
        }
        return (to[1] - from[1]) / (to[0] - from[0]);
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
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
