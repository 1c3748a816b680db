package nl.hartslag.place.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import nl.hartslag.place.Gazetteer;
import nl.hartslag.place.PinNames;
import nl.hartslag.place.PlaceLabels;
import nl.hartslag.place.Places;
import nl.hartslag.place.Suggestion;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/** Suggestions while a resident types a street or a named place, and what a dropped pin is called. */
@RestController
@RequestMapping("/api/v1/places")
class PlaceController {

    /**
     * A point as a resident names it. {@code kind}: PLACE (a landmark: {@code name}, and the street it
     * is on), STREET ({@code name} = {@code street}), AREA (no street near: only the neighbourhood).
     * {@code lat}/{@code lon}: the public point of what is named, not the pin; never a house number.
     */
    record PlaceAt(String label, String name, String street, String neighbourhood, Gazetteer.Spot.Kind kind,
            double lat, double lon) {
    }

    private final Places places;
    private final PinNames pins;
    private final MessageSource messages;

    PlaceController(Places places, PinNames pins, MessageSource messages) {
        this.places = places;
        this.pins = pins;
        this.messages = messages;
    }

    @Operation(summary = "Streets and landmarks of the service area matching what was typed",
            description = "Matches the start of a name first, then anywhere in it or in a landmark's other names,"
                    + " then with typos (one from 5 letters, two from 9). A house number is ignored.")
    @GetMapping
    Mono<List<Suggestion>> suggest(@RequestParam(name = "q", defaultValue = "") String q,
            @RequestParam(name = "limit", defaultValue = "8") int limit) {
        if (q.length() > 100) {
            return Mono.error(new InvalidRequestException(Violation.of("q", "validation.size.max", 100)));
        }
        if (limit < 1 || limit > 50) {
            return Mono.error(new InvalidRequestException(Violation.of("limit", "validation.range", 1, 50)));
        }
        return places.gazetteer().map(g -> g.suggest(q, limit));
    }

    @Operation(summary = "What a dropped pin is, as a resident names it",
            description = "The nearest landmark within hartslag.places.landmark-metres (\"Bij Speeltuin Jasmijnhof,"
                    + " Jasmijnstraat\"), else the nearest street, else the neighbourhood. The label follows"
                    + " Accept-Language or lang (nl, en). Never a house number. 400 on lat outside the service area.")
    @GetMapping("/at")
    Mono<PlaceAt> at(@RequestParam(name = "lat", required = false) String lat,
            @RequestParam(name = "lon", required = false) String lon,
            @Parameter(description = "nl or en; overrides Accept-Language")
            @RequestParam(name = "lang", required = false) String lang, ServerWebExchange exchange) {
        List<Violation> violations = new ArrayList<>();
        Double latitude = coordinate(lat, 90, "lat", "validation.location.lat", violations);
        Double longitude = coordinate(lon, 180, "lon", "validation.location.lon", violations);
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        }
        Locale locale = lang != null && lang.strip().equalsIgnoreCase("en") ? Locale.ENGLISH
                : lang != null && lang.strip().equalsIgnoreCase("nl") ? Locale.forLanguageTag("nl")
                : exchange.getLocaleContext().getLocale();
        return pins.at(latitude, longitude).map(spot -> new PlaceAt(PlaceLabels.label(messages, spot, locale),
                spot.name(), spot.street(), spot.neighbourhood(), spot.kind(), spot.lat(), spot.lon()));
    }

    private static Double coordinate(String value, double bound, String field, String code, List<Violation> out) {
        try {
            double parsed = Double.parseDouble(value == null ? "" : value.strip());
            if (Double.isFinite(parsed) && Math.abs(parsed) <= bound) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below with the other fields.
        }
        out.add(Violation.of(field, code));
        return null;
    }
}
