package nl.hartslag.place.web;

import java.security.Principal;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.place.Landmark;
import nl.hartslag.place.Landmarks;
import nl.hartslag.place.NewLandmark;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Landmarks for coordinators: the list, and adding one with the other names residents use for it. */
@RestController
@RequestMapping("/api/v1/staff/places")
class LandmarkController {

    /** What a coordinator sends: name and point; aliases, street ("Palmstraat 2") and neighbourhood optional. */
    record LandmarkRequest(String name, Double lat, Double lon, String neighbourhood, List<String> aliases,
            String street) {
    }

    private final Landmarks landmarks;

    LandmarkController(Landmarks landmarks) {
        this.landmarks = landmarks;
    }

    @Operation(summary = "All landmarks (named places) with their aliases and streets (coordinators)")
    @GetMapping
    Flux<Landmark> all() {
        return landmarks.all();
    }

    @Operation(summary = "Add a landmark with aliases (coordinators); the matching engine knows it at once, no restart")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Landmark> add(@RequestBody LandmarkRequest request, Principal principal) {
        return landmarks.add(new NewLandmark(request.name(), request.lat(), request.lon(), request.neighbourhood(),
                request.aliases(), request.street()), principal.getName());
    }
}
