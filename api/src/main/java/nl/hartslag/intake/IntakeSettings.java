package nl.hartslag.intake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Limits and windows of the SMS and phone intake ({@code hartslag.intake.*}).
 *
 * @param perNumberPerHour new reports one phone number may make in an hour (a resident with a real
 *            problem sends one or two; more is a stuck phone or abuse)
 * @param globalPerHour new SMS and phone reports in an hour across all numbers: a flood must not
 *            bury the neighbourhood's real reports or run up the SMS bill
 * @param placeQuestionWindow how long after "Waar is het?" the next text completes the report
 * @param callWindow how long what a caller said is kept waiting for their confirmation
 */
@Validated
@ConfigurationProperties("hartslag.intake")
public record IntakeSettings(
        @DefaultValue("10") @Min(1) int perNumberPerHour,
        @DefaultValue("600") @Min(1) int globalPerHour,
        @DefaultValue("30m") @NotNull Duration placeQuestionWindow,
        @DefaultValue("1h") @NotNull Duration callWindow) {
}
