package nl.hartslag.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How long each kind of data is kept ({@code hartslag.retention.*}), after Signalen's practice. The
 * retention job and the privacy statement ({@code GET /api/v1/privacy}) both read these, so the statement
 * cannot promise what the job does not do.
 *
 * @param reporterContact a reporter's name, phone number, e-mail address and home, counted from when the
 *        report (or the case holding it) was closed
 * @param mediationParties the parties' data of a mediation and the volunteers' contact notes, counted from
 *        when the mediation closed
 * @param reportTexts until a closed report's text is pseudonymised (names and numbers removed)
 * @param auditEntries how long the audit trail keeps an entry; at least five years (the database refuses
 *        to remove younger entries, V29)
 * @param enabled whether the daily job runs (the coordinator's "run now" works either way)
 * @param every how often the job runs
 * @param batch rows per transaction
 */
@Validated
@ConfigurationProperties("hartslag.retention")
public record RetentionSettings(
        @DefaultValue("P12M") @NotNull Period reporterContact,
        @DefaultValue("P12M") @NotNull Period mediationParties,
        @DefaultValue("P24M") @NotNull Period reportTexts,
        @DefaultValue("P5Y") @NotNull Period auditEntries,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("24h") @NotNull Duration every,
        @DefaultValue("200") @Min(1) @Max(5000) int batch) {

    /** The shortest audit retention the database allows (V29's purge_audit_entries). */
    public static final Period AUDIT_MINIMUM = Period.ofYears(5);

    public RetentionSettings {
        for (Period period : new Period[] {reporterContact, mediationParties, reportTexts, auditEntries}) {
            if (period != null && (period.isNegative() || period.isZero())) {
                throw new IllegalArgumentException("hartslag.retention.*: a retention period must be positive, not "
                        + period);
            }
        }
        if (auditEntries != null && auditEntries.toTotalMonths() * 31 + auditEntries.getDays() < AUDIT_MINIMUM
                .toTotalMonths() * 31) {
            throw new IllegalArgumentException("hartslag.retention.audit-entries must be at least " + AUDIT_MINIMUM
                    + " (the database keeps audit entries that long whatever the setting)");
        }
        if (every != null && (every.isNegative() || every.isZero())) {
            throw new IllegalArgumentException("hartslag.retention.every must be positive");
        }
    }

    /** The moment {@code period} before {@code now} (in UTC: a month is a calendar month). */
    static Instant before(Instant now, Period period) {
        return now.atZone(ZoneOffset.UTC).minus(period).toInstant();
    }
}
