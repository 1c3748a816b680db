package nl.hartslag.cluster.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import nl.hartslag.category.CategoryCatalog;
import nl.hartslag.cluster.ClusterService;
import nl.hartslag.place.Gazetteer;
import nl.hartslag.place.Place;
import nl.hartslag.place.Places;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/**
 * "Is this already known?": before reporting, a resident sees the live problems near the place
 * they mean, so they can add their voice instead. Public; never personal data, report texts or
 * house numbers.
 */
@RestController
@RequestMapping("/api/v1/reports/similar")
class SimilarClustersController {

    static final int TEXT_MAX = 4000;

    /** The street or named place, and its fixed gazetteer point (3 decimals) for a map; never a pin. */
    record ApproximateLocation(String street, Double lat, Double lon) {
    }

    /** {@code lastReportedAt} is a day (2026-12-03), never a time of day. */
    record SimilarClusterResponse(UUID clusterId, CategoryRef category, ApproximateLocation approximateLocation,
            int reports, int households, LocalDate lastReportedAt, String status) {
    }

    private final ClusterService clusters;
    private final CategoryCatalog categories;
    private final Places places;

    SimilarClustersController(ClusterService clusters, CategoryCatalog categories, Places places) {
        this.clusters = clusters;
        this.categories = categories;
        this.places = places;
    }

    @Operation(summary = "Known problems like the one about to be reported", description = "Up to 5 live"
            + " public-space problems (hartslag.public.categories; never worries about a household or neighbour"
            + " disputes) near the place (lat+lon, or address), best first: category, street or named place with"
            + " its gazetteer point (3 decimals), number of reports and of households that can be reached, the day"
            + " of the last report. Add your voice with POST /api/v1/clusters/{id}/support.")
    @GetMapping
    Mono<List<SimilarClusterResponse>> similar(
            @Parameter(description = "Latitude (with lon), inside the service area") @RequestParam(name = "lat", required = false) String lat,
            @Parameter(description = "Longitude (with lat)") @RequestParam(name = "lon", required = false) String lon,
            @Parameter(description = "Street and house number or a named place, instead of lat/lon") @RequestParam(name = "address", required = false) String address,
            @Parameter(description = "What is going on, in the resident's words") @RequestParam(name = "text", required = false) String text,
            @Parameter(description = "Category code, optional") @RequestParam(name = "category", required = false) String category,
            ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        return Mono.zip(categories.all(), places.gazetteer())
                .map(loaded -> probe(lat, lon, address, text, category, loaded.getT1().keySet(), loaded.getT2()))
                .flatMap(clusters::similar)
                .zipWith(categories.all())
                .map(found -> found.getT1().stream()
                        .map(c -> new SimilarClusterResponse(c.id(), CategoryRef.of(c.categoryCode(), found.getT2(), locale),
                                new ApproximateLocation(c.street(), c.lat(), c.lon()),
                                c.reports(), c.households(), c.lastReportedOn(), c.status()))
                        .toList());
    }

    private ClusterService.Probe probe(String lat, String lon, String address, String text, String category,
            java.util.Set<String> knownCategories, Gazetteer gazetteer) {
        List<Violation> violations = new ArrayList<>();
        Double latitude = null;
        Double longitude = null;
        if (blank(lat) != null || blank(lon) != null) {
            latitude = number(lat);
            longitude = number(lon);
            if (latitude == null || Math.abs(latitude) > 90) {
                violations.add(Violation.of("lat", "validation.location.lat"));
            }
            if (longitude == null || Math.abs(longitude) > 180) {
                violations.add(Violation.of("lon", "validation.location.lon"));
            }
            if (violations.isEmpty() && !places.area().contains(latitude, longitude)) {
                violations.add(Violation.of("location", "validation.location.outside-area"));
            }
        }
        String typed = blank(address);
        Place place = null;
        if (typed != null) {
            place = gazetteer.resolve(typed, "address", violations).orElse(null);
        }
        if (blank(lat) == null && blank(lon) == null && typed == null) {
            violations.add(Violation.of("location", "validation.place.required"));
        }
        String words = blank(text);
        if (words != null && words.length() > TEXT_MAX) {
            violations.add(Violation.of("text", "validation.size.max", TEXT_MAX));
        }
        String code = blank(category);
        if (code != null && !knownCategories.contains(code)) {
            violations.add(Violation.of("category", "validation.category.unknown", code));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        // As on intake: a pin is where the resident stands; a typed address is the place named.
        double probeLat = latitude != null ? latitude : place.lat();
        double probeLon = longitude != null ? longitude : place.lon();
        return new ClusterService.Probe(probeLat, probeLon, words, code, typed);
    }

    private static Double number(String s) {
        String t = blank(s);
        if (t == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(t);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blank(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
