package nl.hartslag.db.embedded;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.r2dbc.spi.ConnectionFactory;

/** Ties the embedded server's life to the application context. */
@AutoConfiguration
@ConditionalOnProperty(name = "hartslag.db.embedded.active", havingValue = "true")
public class EmbeddedPostgresAutoConfiguration {

    @Bean
    EmbeddedPostgresLifecycle embeddedPostgresLifecycle(Environment environment,
            ObjectProvider<ConnectionFactory> connections) {
        String id = environment.getRequiredProperty(DatabaseEnvironmentPostProcessor.EMBEDDED_LEASE_PROPERTY);
        EmbeddedPostgresRegistry.Lease lease = EmbeddedPostgresRegistry.lease(id);
        if (lease == null) {
            throw new IllegalStateException("The embedded PostgreSQL of this context was already released");
        }
        return new EmbeddedPostgresLifecycle(lease, connections);
    }
}
