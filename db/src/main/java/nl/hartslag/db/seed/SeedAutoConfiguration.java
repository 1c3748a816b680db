package nl.hartslag.db.seed;

import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Hands the Java seed migrations to Boot's Flyway, which runs them between the SQL migrations. */
@AutoConfiguration
public class SeedAutoConfiguration {

    @Bean
    JavaMigration gazetteerSeedMigration() {
        return new GazetteerSeedMigration();
    }

    @Bean
    JavaMigration landmarkSeedMigration() {
        return new LandmarkSeedMigration();
    }
}
