package nl.hartslag.db.crypto;

import java.nio.file.Path;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;

/** The personal-data keys and the seal/open/lookup service every feature that stores personal data uses. */
@AutoConfiguration
@EnableConfigurationProperties(CryptoProperties.class)
public class CryptoAutoConfiguration {

    @Bean
    Keysets personalDataKeysets(CryptoProperties properties, Environment environment) {
        Path dataDir = Path.of(environment.getProperty("hartslag.data-dir", "./data"));
        return Keysets.load(properties, dataDir.resolve("keys").toAbsolutePath().normalize());
    }

    @Bean
    PersonalData personalData(Keysets keysets) {
        return new PersonalData(keysets);
    }

    @Bean
    KeyRotation keyRotation(Keysets keysets, PersonalData personalData, ObjectProvider<DatabaseClient> database,
            ObjectProvider<SealedColumn> columns) {
        return new KeyRotation(keysets, personalData, database.getIfAvailable(), columns.orderedStream().toList());
    }
}
