package nl.hartslag.figures;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

/**
 * hartslag.figures.*: small-cell suppression and the longest period one request may ask for.
 *
 * @param sensitiveCategories category codes whose small counts are never shown (at least domestic and drugs)
 * @param threshold counts of a sensitive category below this (and above 0) are shown as {@code <threshold}
 * @param maxDays the longest period (from..to, in days) one request may cover
 */
@Validated
@ConfigurationProperties("hartslag.figures")
public record FiguresSettings(
        @DefaultValue({ "domestic", "drugs" }) @NotEmpty Set<@Pattern(regexp = "^[a-z_]{2,40}$") String> sensitiveCategories,
        @DefaultValue("5") @Min(2) @Max(100) int threshold,
        @DefaultValue("1096") @Min(7) @Max(3660) int maxDays) {

    public FiguresSettings {
        sensitiveCategories = Set.copyOf(sensitiveCategories);
    }
}
