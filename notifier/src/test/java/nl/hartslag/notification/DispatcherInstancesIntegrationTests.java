package nl.hartslag.notification;

import static org.awaitility.Awaitility.await;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import reactor.core.publisher.Flux;

/**
 * Several application instances on one database, and an instance stopped in the middle of a
 * batch: every notification is sent exactly once. Each test has its own data directory, so its
 * own PostgreSQL, which outlives one instance and is reused by the next.
 */
class DispatcherInstancesIntegrationTests {

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()
            .containerThreads(40)).build();

    /** A send that times out on a busy machine is looked up first: Twilio lists nothing unless a test says so. */
    @org.junit.jupiter.api.BeforeEach
    void twilioListsNothingByDefault() {
        twilio.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(FakeTwilio.MESSAGES))
                .atPriority(10).willReturn(FakeTwilio.listed()));
    }

    @Test
    void twoInstancesOnOneDatabaseSendEachNotificationOnce() {
        twilio.stubFor(post(urlEqualTo(FakeTwilio.MESSAGES)).willReturn(FakeTwilio.accepted().withFixedDelay(10)));
        Path dataDir = newDataDir();
        try (ConfigurableApplicationContext first = start(dataDir, "instance-a");
                ConfigurableApplicationContext second = start(dataDir, "instance-b")) {
            List<String> phones = enqueue(first, 300);

            awaitAllSent(first, phones, Duration.ofSeconds(60));

            assertSentOnceEach(phones);
            List<String> instances = first.getBean(DatabaseClient.class)
                    .sql("select distinct instance from notification_attempt where outcome = 'ACCEPTED'")
                    .map((r, m) -> r.get("instance", String.class)).all().collectList().block();
            assertThat(instances).as("both instances did part of the work").contains("instance-a", "instance-b");
        }
    }

    @Test
    void anInstanceStoppedInTheMiddleOfABatchLosesNothingAndTheNextSendsNothingTwice() {
        twilio.stubFor(post(urlEqualTo(FakeTwilio.MESSAGES)).willReturn(FakeTwilio.accepted().withFixedDelay(150)));
        Path dataDir = newDataDir();
        List<String> phones;
        try (ConfigurableApplicationContext before = start(dataDir, "before-restart")) {
            phones = enqueue(before, 60);
            DatabaseClient db = before.getBean(DatabaseClient.class);
            await("8 texts sent").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> count(db, "SENT") >= 8);
            assertThat(count(db, "SENT")).isGreaterThanOrEqualTo(8).isLessThan(60);
        } // closing waits for sends in flight and gives back what was claimed but not begun

        try (ConfigurableApplicationContext after = start(dataDir, "after-restart")) {
            DatabaseClient db = after.getBean(DatabaseClient.class);
            awaitAllSent(after, phones, Duration.ofSeconds(60));
            assertSentOnceEach(phones);
            assertThat(db.sql("select count(*) as n from notification_attempt where outcome = 'INTERRUPTED'")
                    .map((r, m) -> r.get("n", Long.class)).one().block())
                    .as("a graceful stop leaves no attempt unfinished").isZero();
            assertThat(db.sql("select count(distinct instance) as n from notification_attempt where outcome = 'ACCEPTED'")
                    .map((r, m) -> r.get("n", Long.class)).one().block()).isEqualTo(2L);
        }
    }

    /**
     * Issue 10 item 4: thirty texts to one resident's number, delivered by two instances at once,
     * reach Twilio at most the daily cap of times: the count is one row both update atomically.
     */
    @Test
    void twoInstancesShareOneDailyCapPerNumber() {
        String phone = DispatcherIntegrationTests.newPhone();
        twilio.stubFor(FakeTwilio.messageTo(phone).willReturn(FakeTwilio.accepted().withFixedDelay(10)));
        Path dataDir = newDataDir();
        try (ConfigurableApplicationContext first = start(dataDir, "instance-a");
                ConfigurableApplicationContext second = start(dataDir, "instance-b")) {
            Outbox outbox = first.getBean(Outbox.class);
            Flux.range(0, 30).concatMap(i -> outbox.enqueue(new OutgoingNotification("test:" + UUID.randomUUID(),
                    Channel.SMS, phone, Audience.RESIDENT, Template.REPORT_RECEIVED, Map.of("reference", "HS-7KQ2-M9"),
                    "nl", Urgency.IMMEDIATE, null))).blockLast();
            DatabaseClient db = first.getBean(DatabaseClient.class);
            await("30 texts sent or suppressed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> count(db, "SENT") + count(db, "SUPPRESSED") >= 30);

            int cap = first.getBean(NotifierSettings.class).maxTextsPerNumberPerDay();
            assertThat(count(db, "SENT")).isEqualTo(cap);
            assertThat(count(db, "SUPPRESSED")).isEqualTo(30 - cap);
            assertThat(FakeTwilio.sentTo(twilio, phone)).hasSize(cap);
            assertThat(db.sql("select distinct instance from notification_attempt")
                    .map((r, m) -> r.get("instance", String.class)).all().collectList().block())
                    .as("both instances took part").contains("instance-a", "instance-b");
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir, String instance) {
        // Command-line arguments: they outrank the test JVM's own hartslag.data-dir system property.
        return new SpringApplicationBuilder(NotifierTestApplication.class)
                .web(WebApplicationType.NONE)
                .run("--hartslag.data-dir=" + dataDir,
                        "--hartslag.twilio.account-sid=" + FakeTwilio.ACCOUNT_SID,
                        "--hartslag.twilio.auth-token=" + FakeTwilio.AUTH_TOKEN,
                        "--hartslag.twilio.phone-number=" + FakeTwilio.SENDER,
                        "--hartslag.twilio.api-base-url=" + twilio.baseUrl(),
                        "--hartslag.notifier.instance=" + instance,
                        "--hartslag.notifier.batch-size=10",
                        "--hartslag.notifier.concurrency=4",
                        "--hartslag.notifier.send-timeout=5s",
                        "--hartslag.notifier.quiet-hours.enabled=false");
    }

    /** Texts to as many new numbers, in one transaction per ten (as report changes would write them). */
    private static List<String> enqueue(ConfigurableApplicationContext context, int count) {
        Outbox outbox = context.getBean(Outbox.class);
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            phones.add(DispatcherIntegrationTests.newPhone());
        }
        Flux.fromIterable(phones)
                .concatMap(phone -> outbox.enqueue(new OutgoingNotification("test:" + UUID.randomUUID(), Channel.SMS,
                        phone, Audience.RESIDENT, Template.REPORT_RECEIVED, Map.of("reference", "HS-7KQ2-M9"), "nl",
                        Urgency.IMMEDIATE, null)))
                .blockLast();
        return phones;
    }

    private static void awaitAllSent(ConfigurableApplicationContext context, List<String> phones, Duration timeout) {
        DatabaseClient db = context.getBean(DatabaseClient.class);
        await(phones.size() + " texts sent").atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> count(db, "SENT"), sent -> sent == phones.size());
    }

    private static long count(DatabaseClient db, String status) {
        return db.sql("select count(*) as n from notification where status = :status").bind("status", status)
                .map((r, m) -> r.get("n", Long.class)).one().block();
    }

    private static void assertSentOnceEach(List<String> phones) {
        Map<String, Long> perNumber = twilio.findAll(postRequestedFor(urlEqualTo(FakeTwilio.MESSAGES))).stream()
                .map(r -> DispatcherIntegrationTests.form(r).get("To"))
                .filter(phones::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perNumber).hasSize(phones.size());
        assertThat(perNumber.values()).allMatch(n -> n == 1L);
    }

    private static Path newDataDir() {
        return Path.of("target", "test-data", "instances-" + UUID.randomUUID()).toAbsolutePath();
    }
}
