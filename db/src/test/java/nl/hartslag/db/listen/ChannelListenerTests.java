package nl.hartslag.db.listen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** LISTEN against a real (embedded) PostgreSQL: payloads arrive, and a lost connection comes back. */
class ChannelListenerTests {

    private static EmbeddedPostgres postgres;
    private static PostgresqlConnectionFactory connections;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "listen-pg-");
        postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
        connections = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder().host("localhost")
                .port(postgres.getPort()).username("postgres").database("postgres").build());
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void announcesTheConnectionThenDeliversPayloadsAndComesBackAfterTheConnectionIsKilled() throws Exception {
        List<Optional<String>> heard = new CopyOnWriteArrayList<>();
        Disposable listening = ChannelListener.listen(connections, "test_channel").subscribe(heard::add);
        try {
            await(() -> heard.size() == 1);
            assertThat(heard).containsExactly(Optional.empty());

            sql("select pg_notify('test_channel', 'first')");
            await(() -> heard.size() == 2);
            assertThat(heard.get(1)).contains("first");

            // The listening backend dies (a database restart, a network cut): it listens again.
            sql("select pg_terminate_backend(pid) from pg_stat_activity where query like 'LISTEN%'");
            await(() -> heard.size() == 3);
            assertThat(heard.get(2)).isEmpty();
            sql("select pg_notify('test_channel', 'second')");
            await(() -> heard.size() == 4);
            assertThat(heard.get(3)).contains("second");
        } finally {
            listening.dispose();
        }
        await(() -> count("select count(*) from pg_stat_activity where query like 'LISTEN%'") == 0);
    }

    @Test
    void aBurstOfNotificationsIsCoalescedForABusySubscriberWhichIsStillWokenWithTheLatest() throws Exception {
        List<Optional<String>> heard = new CopyOnWriteArrayList<>();
        List<Duration> reconnects = new CopyOnWriteArrayList<>();
        // A subscriber that is busy for a while with every wake-up, as a drain or a catch-up is.
        Disposable listening = ChannelListener.listen(connections, "burst_channel", Duration.ofMillis(50),
                        reconnects::add)
                .concatMap(payload -> Mono.delay(Duration.ofMillis(2)).thenReturn(payload))
                .subscribe(heard::add);
        try {
            await(() -> heard.size() == 1);
            sql("select pg_notify('burst_channel', n::text) from generate_series(1, 50000) n");
            await(() -> heard.get(heard.size() - 1).equals(Optional.of("50000")));
            assertThat(reconnects).as("the burst did not break the connection (no Backpressure overflow)").isEmpty();
            assertThat(heard.stream().filter(Optional::isEmpty).count()).as("connected once").isEqualTo(1);
            assertThat(heard.size()).as("coalesced").isLessThan(50001);
        } finally {
            listening.dispose();
        }
    }

    @Test
    void theReconnectBackoffStartsAgainAfterEverySuccessfulReconnection() throws Exception {
        List<Optional<String>> heard = new CopyOnWriteArrayList<>();
        List<Duration> reconnects = new CopyOnWriteArrayList<>();
        Disposable listening = ChannelListener.listen(connections, "backoff_channel", Duration.ofMillis(100),
                reconnects::add).subscribe(heard::add);
        try {
            await(() -> heard.size() == 1);
            for (int cycle = 1; cycle <= 6; cycle++) {
                sql("select pg_terminate_backend(pid) from pg_stat_activity where query = 'LISTEN backoff_channel'");
                int connections = cycle + 1;
                await(() -> heard.stream().filter(Optional::isEmpty).count() == connections);
            }
            // Each loss is the first in a row: the first step (100 ms plus at most 20 % jitter), never doubled.
            assertThat(reconnects).hasSize(6).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(100),
                    Duration.ofMillis(120)));
        } finally {
            listening.dispose();
        }
    }

    @Test
    void backoffDoublesWhileReconnectingFailsUpToItsCap() {
        Duration initial = Duration.ofMillis(500);
        assertThat(ChannelListener.backoff(initial, 0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(600));
        assertThat(ChannelListener.backoff(initial, 3)).isBetween(Duration.ofMillis(4000), Duration.ofMillis(4800));
        assertThat(ChannelListener.backoff(initial, 40)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(36));
    }

    private static void sql(String sql) {
        Mono.usingWhen(connections.create(), c -> c.createStatement(sql).execute()
                .flatMap(r -> r.map((row, meta) -> 1)).then(), c -> c.close()).block(Duration.ofSeconds(10));
    }

    private static long count(String sql) {
        return Mono.usingWhen(connections.create(), c -> Flux.from(c.createStatement(sql).execute())
                .flatMap(r -> r.map((row, meta) -> row.get(0, Long.class))).next(), c -> c.close())
                .block(Duration.ofSeconds(10));
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }
}
