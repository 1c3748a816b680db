package nl.hartslag.place;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How a point on the map is named ({@code hartslag.places.*}): a dropped pin, a report's problem
 * place on the status page.
 *
 * @param landmarkMetres a pin this close to a landmark is "bij" that landmark
 * @param streetMetres otherwise a pin this close to a street is near that street; further away only
 *            the neighbourhood is named
 */
@Validated
@ConfigurationProperties("hartslag.places")
public record PlaceSettings(
        @DefaultValue("75") @Min(5) @Max(1000) int landmarkMetres,
        @DefaultValue("250") @Min(20) @Max(5000) int streetMetres) {
}
