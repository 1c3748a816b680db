package nl.hartslag.mediation;

import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.hartslag.db.crypto.PersonalData;
import nl.hartslag.db.crypto.SealedColumn;

/**
 * The sealed columns of volunteers, parties and contact notes (issue 15): the migration that seals
 * the rows written before, and one {@link SealedColumn} per column so key rotation re-seals them.
 */
@Configuration(proxyBeanMethods = false)
class MediationPrivacyConfiguration {

    /** Boot hands every JavaMigration bean to Flyway; this one needs the keys, so it is a bean. */
    @Bean
    JavaMigration sealCaseParties(PersonalData personalData) {
        return new V28__seal_case_parties(personalData);
    }

    @Bean
    SealedColumn volunteerNameSealed() {
        return new SealedColumn("volunteer", "id", "name_sealed");
    }

    @Bean
    SealedColumn volunteerPhoneSealed() {
        return new SealedColumn("volunteer", "id", "phone_sealed");
    }

    @Bean
    SealedColumn volunteerStreetSealed() {
        return new SealedColumn("volunteer", "id", "street_sealed");
    }

    @Bean
    SealedColumn casePartyNameSealed() {
        return new SealedColumn("case_party", "id", "name_sealed");
    }

    @Bean
    SealedColumn casePartyPhoneSealed() {
        return new SealedColumn("case_party", "id", "phone_sealed");
    }

    @Bean
    SealedColumn casePartyAddressSealed() {
        return new SealedColumn("case_party", "id", "address_sealed");
    }

    @Bean
    SealedColumn casePartyStreetSealed() {
        return new SealedColumn("case_party", "id", "street_sealed");
    }

    /** What the police or the housing corporation told the coordinator about the parties of a referral. */
    @Bean
    SealedColumn caseFileDescriptionSealed() {
        return new SealedColumn("case_file", "id", "description_sealed");
    }

    @Bean
    SealedColumn contactMomentNoteSealed() {
        return new SealedColumn("contact_moment", "id", "note_sealed");
    }
}
