package nl.hartslag.routing.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.category.CategoryCatalog;
import nl.hartslag.domain.NotFound;
import nl.hartslag.report.Reference;
import nl.hartslag.routing.Instrument;
import nl.hartslag.routing.Routing;
import nl.hartslag.web.Input;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/** Coordinators edit the routing rules and route a report by hand, always with who (and why). */
@RestController
@RequestMapping("/api/v1/staff/routing")
class RoutingController {

    record RuleRequest(String instrument, Boolean informPolice) {
    }

    record RouteRequest(String instrument, Boolean informPolice, String reason) {
    }

    private final Routing routing;
    private final CategoryCatalog categories;

    RoutingController(Routing routing, CategoryCatalog categories) {
        this.routing = routing;
        this.categories = categories;
    }

    @Operation(summary = "The routing rules: category → instrument (coordinators)")
    @GetMapping("/rules")
    Mono<List<RuleView>> rules() {
        return routing.rules().map(rules -> rules.stream().map(RuleView::of).toList());
    }

    record RuleView(String category, Instrument instrument, boolean informPolice, String updatedBy,
            java.time.Instant updatedAt) {

        static RuleView of(Routing.RuleSnapshot r) {
            return new RuleView(r.categoryCode(), r.instrument(), r.informPolice(), r.updatedBy(), r.updatedAt());
        }
    }

    @Operation(summary = "Change the rule of one category (coordinators); worries about a household always stay with the coordinator")
    @PutMapping("/rules/{category}")
    Mono<RuleView> rule(@PathVariable String category, @RequestBody RuleRequest request, Principal principal) {
        Instrument instrument = instrument(request.instrument());
        return categories.all()
                .flatMap(known -> known.containsKey(category) ? Mono.just(category)
                        : Mono.error(NotFound::new))
                .flatMap(c -> routing.saveRule(c, instrument, Boolean.TRUE.equals(request.informPolice()),
                        "staff:" + principal.getName()))
                .map(RuleView::of);
    }

    @Operation(summary = "Route a report by hand, with a reason (coordinators)")
    @PostMapping("/reports/{reference}")
    Mono<Routing.Routed> route(@PathVariable String reference, @RequestBody RouteRequest request, Principal principal) {
        List<Violation> violations = new ArrayList<>();
        Optional<Instrument> instrument = Arrays.stream(Instrument.values())
                .filter(i -> i.name().equalsIgnoreCase(String.valueOf(request.instrument()))).findFirst();
        if (instrument.isEmpty()) {
            violations.add(Violation.of("instrument", "validation.routing.instrument"));
        }
        String reason = Input.trimmed(request.reason());
        if (reason == null) {
            violations.add(Violation.of("reason", "validation.routing.reason"));
        } else if (reason.length() > 500) {
            violations.add(Violation.of("reason", "validation.size.max", 500));
        }
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        }
        return Mono.justOrEmpty(Reference.parse(reference))
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(ref -> routing.reroute(ref, instrument.get(), Boolean.TRUE.equals(request.informPolice()),
                        reason, "staff:" + principal.getName()));
    }

    @Operation(summary = "Every routing decision of a report, oldest first (coordinators)")
    @GetMapping("/reports/{reference}")
    Mono<List<Routing.Routed>> decisions(@PathVariable String reference) {
        return Mono.justOrEmpty(Reference.parse(reference))
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(routing::decisions);
    }

    private static Instrument instrument(String value) {
        return Arrays.stream(Instrument.values()).filter(i -> i.name().equalsIgnoreCase(String.valueOf(value)))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException(Violation.of("instrument", "validation.routing.instrument")));
    }
}
