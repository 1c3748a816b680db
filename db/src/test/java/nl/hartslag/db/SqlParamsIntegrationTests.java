package nl.hartslag.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Optional values bound through {@link SqlParams} against a real (embedded) PostgreSQL. */
class SqlParamsIntegrationTests {

    private static EmbeddedPostgres postgres;
    private static DatabaseClient client;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "sqlparams-pg-");
        postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
        client = DatabaseClient.create(new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host("localhost").port(postgres.getPort()).username("postgres").database("postgres").build()));
        client.sql("""
                create table sample (
                    id int primary key,
                    label text,
                    ref uuid,
                    day date,
                    score real)
                """).then().block();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void absentValuesAreStoredAsTypedNulls() {
        insert(1, null, null, null, null);

        assertThat(row(1)).containsEntry("label", null).containsEntry("ref", null).containsEntry("day", null)
                .containsEntry("score", null);
    }

    @Test
    void presentValuesAreStoredAsThemselves() {
        UUID ref = UUID.randomUUID();
        insert(2, "Kerkstraat", ref, LocalDate.of(2026, 12, 3), 0.75f);

        assertThat(row(2)).containsEntry("label", "Kerkstraat").containsEntry("ref", ref)
                .containsEntry("day", LocalDate.of(2026, 12, 3)).containsEntry("score", 0.75f);
    }

    @Test
    void anOptionalBindsItsValueOrANull() {
        client.sql("insert into sample (id, label) values (:id, :label)").bind("id", 3)
                .bind("label", SqlParams.nullable(Optional.of("present"), String.class)).then().block();
        client.sql("insert into sample (id, label) values (:id, :label)").bind("id", 4)
                .bind("label", SqlParams.nullable(Optional.empty(), String.class)).then().block();

        assertThat(row(3)).containsEntry("label", "present");
        assertThat(row(4)).containsEntry("label", null);
    }

    /** A null in a comparison needs its type too: "is null or" filters read the bound NULL as text. */
    @Test
    void aTypedNullCanBeTestedInTheQuery() {
        insert(5, "Dorpsstraat", null, null, null);

        Long all = client.sql("select count(*) from sample where id = 5 and (:label::text is null or label = :label)")
                .bind("label", SqlParams.nullable((String) null, String.class)).map(r -> r.get(0, Long.class)).one()
                .block();
        Long other = client.sql("select count(*) from sample where id = 5 and (:label::text is null or label = :label)")
                .bind("label", SqlParams.nullable("Molenweg", String.class)).map(r -> r.get(0, Long.class)).one()
                .block();

        assertThat(all).isEqualTo(1);
        assertThat(other).isZero();
    }

    private static void insert(int id, String label, UUID ref, LocalDate day, Float score) {
        client.sql("insert into sample (id, label, ref, day, score) values (:id, :label, :ref, :day, :score)")
                .bind("id", id)
                .bind("label", SqlParams.nullable(label, String.class))
                .bind("ref", SqlParams.nullable(ref, UUID.class))
                .bind("day", SqlParams.nullable(day, LocalDate.class))
                .bind("score", SqlParams.nullable(score, Float.class))
                .then().block();
    }

    private static Map<String, Object> row(int id) {
        return client.sql("select label, ref, day, score from sample where id = :id").bind("id", id).fetch().one()
                .block();
    }
}
