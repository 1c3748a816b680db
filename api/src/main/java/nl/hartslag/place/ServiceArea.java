package nl.hartslag.place;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/** The rectangle we serve (hartslag.service-area.*); reports from outside it are refused. */
@Validated
@ConfigurationProperties("hartslag.service-area")
public record ServiceArea(
        @DecimalMin("-90") @DecimalMax("90") double minLat,
        @DecimalMin("-90") @DecimalMax("90") double maxLat,
        @DecimalMin("-180") @DecimalMax("180") double minLon,
        @DecimalMin("-180") @DecimalMax("180") double maxLon) {

    public ServiceArea {
        if (minLat >= maxLat || minLon >= maxLon) {
            throw new IllegalArgumentException("hartslag.service-area: min must be below max");
        }
    }

    public boolean contains(double lat, double lon) {
        return lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon;
    }
}
