package nl.hartslag.notification;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code hartslag.notifier.*}. The default back-off (80 s, times 3, at most 12 h) spreads 8
 * attempts over about 24 hours; jitter keeps instances from retrying in lock-step.
 *
 * @param dispatch       false: this instance only writes the outbox and leaves delivery to others
 * @param requireRealSms true: refuse to start without Twilio credentials instead of logging texts
 * @param retention      how long the address of a notification that ended is kept
 * @param instance       this instance's name in the attempt records; default {@code pid@host}
 * @param lease          how long a claimed notification belongs to the instance sending it; must be
 *                       well above {@code sendTimeout}: after it, another instance may send again
 * @param maxTextsPerNumberPerDay texts to one resident's number per local day (quiet-hours zone); more
 *                       are not sent (SUPPRESSED, error code DAILY_CAP). Volunteers' and teams' numbers,
 *                       and the domestic-help text, are not capped
 */
@Validated
@ConfigurationProperties("hartslag.notifier")
public record NotifierSettings(
        @DefaultValue("true") boolean dispatch,
        @DefaultValue("false") boolean requireRealSms,
        @DefaultValue("8") @Min(1) @Max(50) int maxAttempts,
        @DefaultValue("80s") @NotNull Duration initialBackoff,
        @DefaultValue("3") @DecimalMin("1.0") double backoffMultiplier,
        @DefaultValue("12h") @NotNull Duration maxBackoff,
        @DefaultValue("10s") @NotNull Duration sendTimeout,
        @DefaultValue("2m") @NotNull Duration lease,
        @DefaultValue("50") @Min(1) @Max(1000) int batchSize,
        @DefaultValue("16") @Min(1) @Max(200) int concurrency,
        @DefaultValue("30s") @NotNull Duration pollInterval,
        @DefaultValue("Hartslag Passart <noreply@hartslag.local>") String mailFrom,
        @DefaultValue("90d") @NotNull Duration retention,
        String instance,
        @DefaultValue @Valid @NotNull QuietHours quietHours,
        @DefaultValue("10") @Min(1) @Max(1000) int maxTextsPerNumberPerDay) {

    /** Texts that can wait are held from {@code start} until {@code end}, local time in {@code zone}. */
    public record QuietHours(@DefaultValue("true") boolean enabled, @DefaultValue("21:00") @NotNull LocalTime start,
            @DefaultValue("08:00") @NotNull LocalTime end, @DefaultValue("Europe/Amsterdam") @NotNull ZoneId zone) {
    }
}
