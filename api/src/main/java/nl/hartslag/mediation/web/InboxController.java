package nl.hartslag.mediation.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.domain.NotPermitted;
import nl.hartslag.audit.AuditTrail;
import nl.hartslag.mediation.Cases;
import nl.hartslag.mediation.Mediations;
import nl.hartslag.mediation.Volunteers;
import reactor.core.publisher.Mono;

/** A volunteer's own inbox: open offers (kind of conflict and street only), their cases, one case in full. */
@RestController
@RequestMapping("/api/v1/staff/inbox")
class InboxController {

    private final Volunteers volunteers;
    private final Cases cases;
    private final Mediations mediations;
    private final AuditTrail audit;

    InboxController(Volunteers volunteers, Cases cases, Mediations mediations, AuditTrail audit) {
        this.audit = audit;
        this.volunteers = volunteers;
        this.cases = cases;
        this.mediations = mediations;
    }

    @Operation(summary = "My open offers (volunteers)")
    @GetMapping("/offers")
    Mono<List<Cases.Offer>> offers(Principal principal) {
        return me(principal).flatMap(v -> cases.offersFor(v.id()));
    }

    @Operation(summary = "Accept an offer, like answering JA <number> by text (volunteers)")
    @PostMapping("/offers/{number}/accept")
    Mono<Map<String, String>> accept(@PathVariable int number, Principal principal) {
        return me(principal).flatMap(v -> mediations.answer(v.id(), number, true)).map(a -> Map.of("answer", a.name()));
    }

    @Operation(summary = "Decline an offer, like answering NEE <number> by text (volunteers)")
    @PostMapping("/offers/{number}/decline")
    Mono<Map<String, String>> decline(@PathVariable int number, Principal principal) {
        return me(principal).flatMap(v -> mediations.answer(v.id(), number, false)).map(a -> Map.of("answer", a.name()));
    }

    @Operation(summary = "My cases (volunteers)")
    @GetMapping("/cases")
    Mono<List<Cases.Summary>> mine(Principal principal) {
        return me(principal).flatMap(v -> cases.assignedTo(v.id()));
    }

    @Operation(summary = "One of my cases, with the parties' contact details and the conversations (volunteers)")
    @GetMapping("/cases/{id}")
    Mono<Cases.Mediation> one(@PathVariable UUID id, Principal principal) {
        // Fail closed: the parties are shown only once the look is recorded in the audit trail.
        return me(principal).flatMap(v -> cases.mediationFor(id, v.id()))
                .flatMap(mediation -> audit.record(principal, "case", id.toString(), partyFields(mediation), "view")
                        .thenReturn(mediation));
    }

    /** "A.name", "B.phone" … for the parties' details the view shows, and "contacts" for the contact notes. */
    private static List<String> partyFields(Cases.Mediation mediation) {
        List<String> fields = new ArrayList<>();
        for (Cases.Party party : mediation.parties()) {
            if (party.name() != null) {
                fields.add(party.role() + ".name");
            }
            if (party.phone() != null) {
                fields.add(party.role() + ".phone");
            }
            if (party.email() != null) {
                fields.add(party.role() + ".email");
            }
            if (party.address() != null) {
                fields.add(party.role() + ".address");
            }
        }
        if (!mediation.contacts().isEmpty()) {
            fields.add("contacts");
        }
        return fields;
    }

    private Mono<Volunteers.Volunteer> me(Principal principal) {
        return volunteers.byUsername(principal.getName())
                .switchIfEmpty(Mono.error(new NotPermitted("not-a-volunteer")));
    }
}
