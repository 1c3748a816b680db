package nl.hartslag.place;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import nl.hartslag.db.seed.GazetteerCsv.StreetSegment;

/**
 * The rectangle we serve (hartslag.service-area.*); reports from outside it are refused. A
 * neighbourhood loaded later with streets outside it widens it ({@link #including}):
 * {@code marginMetres} around those streets count as served too.
 */
@Validated
@ConfigurationProperties("hartslag.service-area")
public record ServiceArea(
        @DecimalMin("-90") @DecimalMax("90") double minLat,
        @DecimalMin("-90") @DecimalMax("90") double maxLat,
        @DecimalMin("-180") @DecimalMax("180") double minLon,
        @DecimalMin("-180") @DecimalMax("180") double maxLon,
        @DefaultValue("300") @Min(0) @Max(5000) int marginMetres) {

    public ServiceArea {
        if (minLat >= maxLat || minLon >= maxLon) {
            throw new IllegalArgumentException("hartslag.service-area: min must be below max");
        }
    }

    public boolean contains(double lat, double lon) {
        return lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon;
    }

    /**
     * This rectangle widened to cover every neighbourhood with a street outside it: that
     * neighbourhood's bounding box plus {@code marginMetres}. A neighbourhood wholly inside changes
     * nothing, so the configured area stays exactly as configured until one outside is loaded.
     */
    public ServiceArea including(List<StreetSegment> streets) {
        Map<String, List<StreetSegment>> byNeighbourhood = streets.stream()
                .collect(Collectors.groupingBy(s -> s.neighbourhood() == null ? "" : s.neighbourhood()));
        double south = minLat;
        double north = maxLat;
        double west = minLon;
        double east = maxLon;
        for (List<StreetSegment> own : byNeighbourhood.values()) {
            if (own.stream().allMatch(s -> contains(s.lat(), s.lon()))) {
                continue;
            }
            double s0 = own.stream().mapToDouble(StreetSegment::lat).min().orElseThrow();
            double n0 = own.stream().mapToDouble(StreetSegment::lat).max().orElseThrow();
            double w0 = own.stream().mapToDouble(StreetSegment::lon).min().orElseThrow();
            double e0 = own.stream().mapToDouble(StreetSegment::lon).max().orElseThrow();
            double dLat = marginMetres / 111_320.0;
            double dLon = marginMetres / (111_320.0 * Math.max(0.01, Math.cos(Math.toRadians((s0 + n0) / 2))));
            south = Math.min(south, Math.max(-90, s0 - dLat));
            north = Math.max(north, Math.min(90, n0 + dLat));
            west = Math.min(west, Math.max(-180, w0 - dLon));
            east = Math.max(east, Math.min(180, e0 + dLon));
        }
        return south == minLat && north == maxLat && west == minLon && east == maxLon ? this
                : new ServiceArea(south, north, west, east, marginMetres);
    }
}
