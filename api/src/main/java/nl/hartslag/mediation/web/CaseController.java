package nl.hartslag.mediation.web;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.casework.CaseType;
import nl.hartslag.casework.Outcome;
import nl.hartslag.domain.NotPermitted;
import nl.hartslag.mediation.Cases;
import nl.hartslag.mediation.Conversation;
import nl.hartslag.mediation.Mediations;
import nl.hartslag.mediation.Volunteers;
import nl.hartslag.report.ContactDetails;
import nl.hartslag.report.Reference;
import nl.hartslag.web.Input;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/**
 * Cases for staff: coordinators find the cases of a report, offer mediations and record the other
 * party; the case's volunteers record conversations and the outcome; work orders move in
 * {@code nl.hartslag.workorder.web}.
 */
@RestController
@RequestMapping("/api/v1/staff/cases")
class CaseController {

    /**
     * Closing is final (the resident is texted at once), so the request says it was confirmed: the
     * inbox asks "Weet u het zeker?" first. Without {@code confirmed: true} nothing happens.
     */
    record OutcomeRequest(String outcome, String note, Boolean confirmed) {
    }

    record PartyRequest(String name, String phone, String address, String street) {
    }

    record ContactRequest(String kind, Instant occurredAt, String note) {
    }

    record ReferralRequest(String referredBy, String description, PartyRequest partyA, PartyRequest partyB) {
    }

    private static final int NOTE_MAX = 1000;

    private final Cases cases;
    private final Mediations mediations;
    private final Volunteers volunteers;

    CaseController(Cases cases, Mediations mediations, Volunteers volunteers) {
        this.cases = cases;
        this.mediations = mediations;
        this.volunteers = volunteers;
    }

    @Operation(summary = "Cases holding a report (?reference=HS-…), or the open cases of a type (?type=MEDIATION) (coordinators)")
    @GetMapping
    Mono<List<Cases.Summary>> find(@RequestParam(required = false) String reference,
            @RequestParam(required = false) String type) {
        if (reference != null) {
            return Mono.justOrEmpty(Reference.parse(reference))
                    .switchIfEmpty(Mono.error(new InvalidRequestException(
                            Violation.of("reference", "validation.case.reference"))))
                    .flatMap(cases::ofReport);
        }
        CaseType caseType = Arrays.stream(CaseType.values()).filter(t -> t.name().equalsIgnoreCase(type)).findFirst()
                .orElseThrow(() -> new InvalidRequestException(Violation.of("type", "validation.case.type")));
        return cases.open(caseType);
    }

    @Operation(summary = "A mediation referred by the police or the housing corporation: both parties as the referrer"
            + " gave them (coordinators)")
    @PostMapping("/referrals")
    Mono<org.springframework.http.ResponseEntity<Cases.Summary>> referral(@RequestBody ReferralRequest request,
            Principal principal) {
        List<Violation> violations = new ArrayList<>();
        String by = Input.trimmed(request.referredBy());
        if (by == null || !List.of("POLICE", "HOUSING", "OTHER").contains(by)) {
            violations.add(Violation.of("referredBy", "validation.case.referred-by"));
        }
        String description = Input.trimmed(request.description());
        if (description == null || description.length() > 2000) {
            violations.add(Violation.of("description", "validation.case.referral-description"));
        }
        Cases.PartyDetails a = request.partyA() == null ? null : party("partyA.", request.partyA(), violations);
        if (request.partyA() == null) {
            violations.add(Violation.of("partyA", "validation.case.party-a"));
        }
        Cases.PartyDetails b = request.partyB() == null ? null : party("partyB.", request.partyB(), violations);
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        }
        return cases.refer(by, description, a, b, "staff:" + principal.getName())
                .map(c -> org.springframework.http.ResponseEntity.status(org.springframework.http.HttpStatus.CREATED)
                        .body(c));
    }

    /** A party's contact details as typed, checked; violations are named {@code prefix + field}. */
    private static Cases.PartyDetails party(String prefix, PartyRequest request, List<Violation> violations) {
        String phone = Input.trimmed(request.phone());
        String e164 = phone == null ? null : ContactDetails.e164(phone).orElse(null);
        if (phone != null && e164 == null) {
            violations.add(Violation.of(prefix + "phone", "validation.contact.phone"));
        }
        String name = Input.trimmed(request.name());
        String address = Input.trimmed(request.address());
        String street = Input.trimmed(request.street());
        for (Map.Entry<String, String> f : Map.of("name", String.valueOf(name), "address", String.valueOf(address),
                "street", String.valueOf(street)).entrySet()) {
            if (f.getValue().length() > 200) {
                violations.add(Violation.of(prefix + f.getKey(), "validation.size.max", 200));
            }
        }
        return new Cases.PartyDetails(name, e164, address, street);
    }

    @Operation(summary = "One case (coordinators)")
    @GetMapping("/{id}")
    Mono<Cases.Summary> one(@PathVariable UUID id) {
        return cases.one(id);
    }

    @Operation(summary = "Offer a mediation case now to available volunteers, by text and in their inbox (coordinators)")
    @PostMapping("/{id}/offer")
    Mono<Map<String, Integer>> offer(@PathVariable UUID id, Principal principal) {
        return mediations.offer(id, "staff:" + principal.getName()).map(n -> Map.of("offered", n));
    }

    @Operation(summary = "Release a mediation held for a coordinator (violence or threats in the report's words) so it may"
            + " be offered to volunteers; recorded with who (coordinators). To send the report elsewhere, route it instead.")
    @PostMapping("/{id}/release")
    Mono<Cases.Summary> release(@PathVariable UUID id, Principal principal) {
        return mediations.releaseHold(id, "staff:" + principal.getName()).then(cases.one(id));
    }

    @Operation(summary = "Record the other party of a mediation (party B): how the mediators can reach them (coordinators)")
    @PostMapping("/{id}/party")
    Mono<Cases.Summary> party(@PathVariable UUID id, @RequestBody PartyRequest request) {
        List<Violation> violations = new ArrayList<>();
        Cases.PartyDetails b = party("", request, violations);
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        }
        return cases.otherParty(id, b.name(), b.phone(), b.address(), b.street()).then(cases.one(id));
    }

    @Operation(summary = "A conversation recorded by one of the case's mediators: PARTY_A, PARTY_B, JOINT or OTHER (volunteers)")
    @PostMapping("/{id}/contacts")
    Mono<Cases.Summary> contact(@PathVariable UUID id, @RequestBody ContactRequest request, Authentication user) {
        List<Violation> violations = new ArrayList<>();
        Optional<Conversation> kind = Arrays.stream(Conversation.values())
                .filter(k -> k.name().equals(Input.trimmed(request.kind()))).findFirst();
        if (kind.isEmpty()) {
            violations.add(Violation.of("kind", "validation.case.contact-kind"));
        }
        String note = Input.trimmed(request.note());
        if (note != null && note.length() > 2000) {
            violations.add(Violation.of("note", "validation.size.max", 2000));
        }
        Instant at = request.occurredAt() == null ? Instant.now() : request.occurredAt();
        if (at.isAfter(Instant.now().plusSeconds(300))) {
            violations.add(Violation.of("occurredAt", "validation.occurred-at.future"));
        }
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        }
        return volunteer(user)
                .switchIfEmpty(Mono.error(new NotPermitted("not-your-case")))
                .flatMap(v -> mediations.recordContact(id, v, kind.get(), at, note))
                .then(cases.one(id));
    }

    @Operation(summary = "Close a mediation with its outcome, confirmed (\"confirmed\": true); the note is public: the resident"
            + " gets it in the closing text. An outcome about the talks needs a recorded conversation (409"
            + " mediation-needs-conversation) (the case's volunteers or coordinators)")
    @PostMapping("/{id}/outcome")
    Mono<Cases.Summary> outcome(@PathVariable UUID id, @RequestBody OutcomeRequest request, Authentication user) {
        List<Violation> violations = new ArrayList<>();
        Optional<Outcome> outcome = Arrays.stream(Outcome.values())
                .filter(o -> o.name().equalsIgnoreCase(String.valueOf(request.outcome()))).findFirst();
        if (outcome.isEmpty()) {
            violations.add(Violation.of("outcome", "validation.case.outcome"));
        }
        String note = Input.trimmed(request.note());
        if (note == null) {
            violations.add(Violation.of("note", "validation.case.note"));
        } else if (note.length() > NOTE_MAX) {
            violations.add(Violation.of("note", "validation.size.max", NOTE_MAX));
        }
        if (!Boolean.TRUE.equals(request.confirmed())) {
            violations.add(Violation.of("confirmed", "validation.case.confirmed"));
        }
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        }
        Mono<Optional<UUID>> asVolunteer = isCoordinator(user) ? Mono.just(Optional.empty())
                : volunteer(user).map(Optional::of).switchIfEmpty(Mono.error(new NotPermitted("not-your-case")));
        return asVolunteer.flatMap(v -> mediations.close(id, outcome.get(), note, v, "staff:" + user.getName()))
                .then(cases.one(id));
    }

    private static boolean isCoordinator(Authentication user) {
        return user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_COORDINATOR"));
    }

    private Mono<UUID> volunteer(Authentication user) {
        return volunteers.byUsername(user.getName()).map(Volunteers.Volunteer::id);
    }
}
