package nl.hartslag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.Reports.Created;

/**
 * The service as an operator runs it: started on a fresh data directory (no bootstrap password
 * configured), stopped, started again. Reports and accounts survive because PostgreSQL's files do.
 */
@ExtendWith(OutputCaptureExtension.class)
class RestartIntegrationTests {

    @Test
    void reportsAndTheFirstCoordinatorSurviveARestart(@TempDir Path dataDir, CapturedOutput output) {
        Created created;
        String password;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            WebTestClient http = client(first);
            created = http.post().uri("/api/v1/reports")
                    .bodyValue(Map.of("category", "public_lighting", "description", "Lantaarnpaal brandt niet",
                            "address", "Passartweg 40"))
                    .exchange().expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();
            Matcher printed = Pattern.compile("password: (\\S{20})").matcher(output.getAll());
            assertThat(printed.find()).as("a random first password is printed once").isTrue();
            password = printed.group(1);
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
        assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid"))).as("PostgreSQL stopped").isFalse();
        int printedBefore = count(output.getAll(), "First coordinator account created");

        try (ConfigurableApplicationContext second = start(dataDir)) {
            WebTestClient http = client(second);
            http.get().uri("/api/v1/reports/{r}?token={t}", created.reference(), created.trackingToken()).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.reference").isEqualTo(created.reference())
                    .jsonPath("$.category.code").isEqualTo("public_lighting");
            http.get().uri("/api/v1/staff/me").headers(h -> h.setBasicAuth("coordinator", password)).exchange()
                    .expectStatus().isOk();
        }
        assertThat(count(output.getAll(), "First coordinator account created")).isEqualTo(printedBefore);
        assertThat(output.getAll()).contains("Database: embedded PostgreSQL");
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(Application.class)
                .run("--hartslag.data-dir=" + dataDir, "--server.port=0");
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        String port = context.getEnvironment().getProperty("local.server.port");
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    private static int count(String haystack, String needle) {
        return haystack.split(Pattern.quote(needle), -1).length - 1;
    }
}
