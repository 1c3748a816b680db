package nl.hartslag.db.listen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

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

    private static void sql(String sql) {
        Mono.usingWhen(connections.create(), c -> c.createStatement(sql).execute()
                .flatMap(r -> r.map((row, meta) -> 1)).then(), c -> c.close()).block(Duration.ofSeconds(10));
    }

    private static long count(String sql) {
        return Mono.usingWhen(connections.create(), c -> Flux.from(c.createStatement(sql).execute())
                .flatMap(r -> r.map((row, meta) -> row.get(0, Long.class))).next(), c -> c.close())
                .block(Duration.ofSeconds(10));
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition within 15 s").isTrue();
    }
}
