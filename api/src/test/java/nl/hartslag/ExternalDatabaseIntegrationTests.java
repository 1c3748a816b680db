package nl.hartslag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * With spring.r2dbc.url set, the service uses that server, derives Flyway's URL from it and starts
 * no PostgreSQL of its own. The "external" server here is a separately started PostgreSQL with a
 * password-protected database, standing in for the municipality's.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExternalDatabaseIntegrationTests {

    @Test
    void anExternalServerIsUsedAndNothingIsStarted(@TempDir Path serverDir, @TempDir Path dataDir,
            CapturedOutput output) throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().setDataDirectory(serverDir).start()) {
            try (var connection = external.getPostgresDatabase().getConnection();
                    var statement = connection.createStatement()) {
                statement.execute("create role hartslag login password 'extern-Pa55'");
                statement.execute("create database hartslag owner hartslag");
            }
            String url = "r2dbc:postgresql://localhost:" + external.getPort() + "/hartslag";
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(Application.class).run(
                    "--hartslag.data-dir=" + dataDir, "--server.port=0", "--spring.r2dbc.url=" + url,
                    "--spring.r2dbc.username=hartslag", "--spring.r2dbc.password=extern-Pa55",
                    "--hartslag.bootstrap-admin.password=extern-coordinator-1")) {
                WebTestClient http = WebTestClient.bindToServer()
                        .baseUrl("http://localhost:" + app.getEnvironment().getProperty("local.server.port")).build();
                http.post().uri("/api/v1/reports")
                        .bodyValue(Map.of("category", "traffic", "description", "Auto's rijden veel te hard",
                                "address", "Passartweg 60"))
                        .exchange().expectStatus().isCreated();
                http.get().uri("/api/v1/staff/me").headers(h -> h.setBasicAuth("coordinator", "extern-coordinator-1"))
                        .exchange().expectStatus().isOk();
            }
            try (var connection = external.getDatabase("hartslag", "hartslag").getConnection();
                    var result = connection.createStatement().executeQuery("select count(*) from report")) {
                result.next();
                assertThat(result.getInt(1)).as("the report went to the external server").isEqualTo(1);
            }
        }
        assertThat(dataDir.resolve("postgres")).doesNotExist();
        assertThat(output.getAll())
                .contains("Database: external PostgreSQL at r2dbc:postgresql://localhost:")
                .doesNotContain("extern-Pa55");
    }
}
