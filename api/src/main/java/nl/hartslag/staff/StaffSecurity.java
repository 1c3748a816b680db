package nl.hartslag.staff;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import nl.hartslag.db.crypto.SealedColumn;

/**
 * How staff passwords are checked and stored. The filter chain that decides who may call what (and
 * answers 401/403) is HTTP and lives in {@code staff.web.SecurityConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class StaffSecurity {

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt today, with the algorithm id stored in each hash so a stronger one can take over.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    StaffAuthenticationManager staffAuthenticationManager(StaffAccounts accounts, PasswordEncoder encoder,
            StaffSettings settings) {
        return new StaffAuthenticationManager(accounts, encoder, settings);
    }

    /** The second factor's secret (and the one pending during enrolment), re-sealed by key rotation. */
    /** Seals the display names that were plain before issue 15 (Flyway runs it as version 31). */
    @Bean
    org.flywaydb.core.api.migration.JavaMigration sealStaffNamesMigration(nl.hartslag.db.crypto.PersonalData data) {
        return new V31__seal_staff_names(data);
    }

    @Bean
    SealedColumn staffDisplayName() {
        return new SealedColumn("staff_account", "id", "display_name_sealed");
    }

    @Bean
    SealedColumn staffTotpSecret() {
        return new SealedColumn("staff_account", "id", "totp_secret_sealed");
    }

    @Bean
    SealedColumn staffTotpPendingSecret() {
        return new SealedColumn("staff_account", "id", "totp_pending_sealed");
    }
}
