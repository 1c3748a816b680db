package nl.hartslag.db.embedded;

import java.nio.file.Path;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Ties the embedded server's life to the application context. */
@AutoConfiguration
@ConditionalOnProperty(name = "hartslag.db.embedded.active", havingValue = "true")
public class EmbeddedPostgresAutoConfiguration {

    @Bean
    EmbeddedPostgresLifecycle embeddedPostgresLifecycle(Environment environment) {
        return new EmbeddedPostgresLifecycle(
                Path.of(environment.getRequiredProperty(DatabaseEnvironmentPostProcessor.EMBEDDED_DIR_PROPERTY)));
    }
}
