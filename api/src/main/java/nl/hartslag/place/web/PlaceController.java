package nl.hartslag.place.web;

import java.util.List;

import nl.hartslag.place.Places;
import nl.hartslag.place.Suggestion;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import reactor.core.publisher.Mono;

/** Suggestions while a resident types a street or a named place. */
@RestController
@RequestMapping("/api/v1/places")
class PlaceController {

    private final Places places;

    PlaceController(Places places) {
        this.places = places;
    }

    @Operation(summary = "Streets and named places of the service area matching what was typed")
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
}
