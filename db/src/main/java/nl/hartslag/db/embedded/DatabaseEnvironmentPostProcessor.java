package nl.hartslag.db.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides where the database is before any bean exists. With {@code spring.r2dbc.url} set, the
 * service uses that server and derives Flyway's JDBC URL from it when none is given; without it,
 * a real PostgreSQL is started from {@code <hartslag.data-dir>/postgres} so that a fresh machine
 * needs nothing installed and data survives a restart.
 *
 * <p>This runs as an environment post-processor (not a bean) because R2DBC and Flyway read their
 * URLs while the context is being built; a bean would be too late.
 */
public class DatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE = "hartslagDatabase";
    /** Set when this process started the server, so the lifecycle bean knows what to release. */
    static final String EMBEDDED_DIR_PROPERTY = "hartslag.db.embedded.directory";
    static final String EMBEDDED_LEASE_PROPERTY = "hartslag.db.embedded.lease";

    private final Log log;
    private final Log serverLog;

    public DatabaseEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(DatabaseEnvironmentPostProcessor.class);
        this.serverLog = logFactory.getLog(PostgresServer.class);
    }

    @Override
    public int getOrder() {
        // After application.properties and the environment have been read.
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(PROPERTY_SOURCE)) {
            return;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        String r2dbcUrl = environment.getProperty("spring.r2dbc.url");
        if (StringUtils.hasText(r2dbcUrl)) {
            if (!StringUtils.hasText(environment.getProperty("spring.flyway.url"))) {
                properties.put("spring.flyway.url", JdbcUrls.fromR2dbc(r2dbcUrl));
                // Credentials come from spring.r2dbc.username/password, or from the URL itself.
                var inUrl = JdbcUrls.credentials(r2dbcUrl);
                properties.put("spring.flyway.user", environment.getProperty("spring.r2dbc.username",
                        inUrl.map(JdbcUrls.Credentials::user).orElse("")));
                properties.put("spring.flyway.password", environment.getProperty("spring.r2dbc.password",
                        inUrl.map(JdbcUrls.Credentials::password).orElse("")));
            }
            log.info("Database: external PostgreSQL at " + JdbcUrls.withoutCredentials(r2dbcUrl)
                    + " (no embedded server started)");
        } else {
            Path dataDir = Path.of(environment.getProperty("hartslag.data-dir", "./data"));
            Path pgDir = dataDir.resolve("postgres").toAbsolutePath().normalize();
            EmbeddedPostgresRegistry.Lease lease = EmbeddedPostgresRegistry.acquire(pgDir, serverLog);
            // If this start fails before its context can stop the server, the listener does.
            if (application != null) {
                application.addListeners(new EmbeddedPostgresFailureListener(lease));
            }
            int port = lease.port();
            // The application's own role (not the superuser), with a password made at this start.
            String host = "localhost:" + port + "/" + PostgresServer.APP_DATABASE;
            String user = lease.application().user();
            String password = lease.application().password();
            properties.put("spring.r2dbc.url", "r2dbc:postgresql://" + host);
            properties.put("spring.r2dbc.username", user);
            properties.put("spring.r2dbc.password", password);
            properties.put("spring.flyway.url", "jdbc:postgresql://" + host);
            properties.put("spring.flyway.user", user);
            properties.put("spring.flyway.password", password);
            properties.put(EMBEDDED_DIR_PROPERTY, pgDir.toString());
            properties.put(EMBEDDED_LEASE_PROPERTY, lease.id());
            properties.put("hartslag.db.embedded.active", "true");
            log.info("Database: embedded PostgreSQL on port " + port + " with data in " + pgDir
                    + " (fsync and synchronous commit on; the application connects as role '" + user
                    + "'; the superuser's password is in " + pgDir.resolveSibling(PostgresServer.PASSWORD_FILE) + ")");
        }
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
    }
}
