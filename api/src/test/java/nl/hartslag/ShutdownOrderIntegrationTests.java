package nl.hartslag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;

import nl.hartslag.support.TestAccounts;

/**
 * Shutdown order: the application stops first (the web server finishes its requests, the
 * dispatchers store their results), PostgreSQL last. Clients firing reports while the service
 * stops see answers or a refused connection, never a 5xx.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownOrderIntegrationTests {

    /** Stops right after the web server (Boot's WebServerStartStopLifecycle is DEFAULT_PHASE - 2048). */
    static final class AfterWebServer implements SmartLifecycle {
        final Environment environment;
        final List<String> seen = new CopyOnWriteArrayList<>();
        volatile boolean running;

        AfterWebServer(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
            int port = Integer.parseInt(environment.getRequiredProperty("local.server.port"));
            try (Socket s = new Socket("localhost", port)) {
                seen.add("web server still accepting");
            } catch (ConnectException e) {
                seen.add("web server stopped");
            } catch (IOException e) {
                seen.add("web server: " + e);
            }
            try (var c = DriverManager.getConnection(environment.getRequiredProperty("spring.flyway.url"),
                    environment.getRequiredProperty("spring.flyway.user"),
                    environment.getRequiredProperty("spring.flyway.password"));
                    var r = c.createStatement().executeQuery("select count(*) from report")) {
                r.next();
                seen.add("database up");
            } catch (SQLException e) {
                seen.add("database down: " + e.getMessage());
            }
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return SmartLifecycle.DEFAULT_PHASE - 2049;
        }
    }

    @Test
    void theApplicationStopsBeforeItsDatabaseAndNoRequestGetsA5xx(@TempDir Path dataDir, CapturedOutput output)
            throws Exception {
        AfterWebServer[] probe = new AfterWebServer[1];
        ConfigurableApplicationContext app = new SpringApplicationBuilder(Application.class)
                .initializers(context -> {
                    probe[0] = new AfterWebServer(context.getEnvironment());
                    context.getBeanFactory().registerSingleton("afterWebServer", probe[0]);
                })
                .run("--hartslag.data-dir=" + dataDir, "--server.port=0", "--hartslag.rate-limit.enabled=false",
                        "--hartslag.bootstrap-admin.username=" + TestAccounts.COORDINATOR,
                        "--hartslag.bootstrap-admin.password=" + TestAccounts.PASSWORD);
        Environment env = app.getEnvironment();
        String base = "http://localhost:" + env.getProperty("local.server.port");
        String jdbcUrl = env.getRequiredProperty("spring.flyway.url");
        String user = env.getRequiredProperty("spring.flyway.user");
        String password = env.getRequiredProperty("spring.flyway.password");

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            int client = i;
            clients.submit(() -> {
                int n = 0;
                while (!done.get()) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/reports"))
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString("""
                                    {"category":"public_lighting","description":"Lantaarnpaal %d-%d brandt niet",
                                     "address":"Passartweg %d"}""".formatted(client, n, 1 + (n++ % 60))))
                            .build();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    } catch (IOException e) {
                        refused.incrementAndGet(); // the server no longer takes connections: fine
                        sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        // Under way first, then stop the service while they keep coming.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (statuses.getOrDefault(201, new AtomicInteger()).get() < 20 && System.nanoTime() < deadline) {
            sleep(20);
        }
        int logBeforeClose = output.getAll().length();
        app.close();
        done.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(statuses.getOrDefault(201, new AtomicInteger()).get()).as("reports stored").isGreaterThan(0);
        assertThat(statuses.keySet()).as("statuses seen: %s", statuses).allMatch(s -> s < 500);
        assertThat(probe[0].seen).as("right after the web server stopped")
                .containsExactly("web server stopped", "database up");
        String shutdownLog = output.getAll().substring(logBeforeClose);
        // Nothing meets a database that is already gone (the failures of the earlier order).
        assertThat(shutdownLog).as("nothing fails for want of the database while stopping")
                .doesNotContain("terminating connection due to administrator command")
                .doesNotContain("PoolShutdownException").doesNotContain("Connection refused")
                .doesNotContain("Broken pipe").doesNotContain("failed; it is routed at the next start");
        assertThat(shutdownLog.indexOf("Graceful shutdown complete")).isNotNegative()
                .isLessThan(shutdownLog.indexOf("Stopped PostgreSQL"));
        assertThat(dataDir.resolve("postgres/postmaster.pid")).as("PostgreSQL stopped with the application")
                .doesNotExist();
        assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl, user, password).close())
                .isInstanceOf(SQLException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
