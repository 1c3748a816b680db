package nl.hartslag.report;

import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.hartslag.db.crypto.PersonalData;
import nl.hartslag.db.crypto.SealedColumn;

/**
 * The reporter's personal data at rest (issue 15): the migration that sealed the plain columns, and
 * the sealed columns of {@code reporter_contact} that key rotation re-seals.
 */
@Configuration(proxyBeanMethods = false)
class ReporterDataAtRest {

    /** Boot hands every JavaMigration bean to Flyway, which runs it in order with the SQL migrations. */
    @Bean
    JavaMigration sealReporterContactsMigration(PersonalData personalData) {
        return new V26__seal_reporter_contacts(personalData);
    }

    @Bean
    SealedColumn reporterContactName() {
        return new SealedColumn("reporter_contact", "id", "name_sealed");
    }

    @Bean
    SealedColumn reporterContactPhone() {
        return new SealedColumn("reporter_contact", "id", "phone_sealed");
    }

    @Bean
    SealedColumn reporterContactEmail() {
        return new SealedColumn("reporter_contact", "id", "email_sealed");
    }

    @Bean
    SealedColumn reporterContactHomeStreet() {
        return new SealedColumn("reporter_contact", "id", "home_street_sealed");
    }

    @Bean
    SealedColumn reporterContactHomeHouseNumber() {
        return new SealedColumn("reporter_contact", "id", "home_house_number_sealed");
    }

    @Bean
    SealedColumn reportOriginalDescription() {
        return new SealedColumn("report", "id", "description_original_sealed");
    }
}
