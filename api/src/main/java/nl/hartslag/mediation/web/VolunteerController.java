package nl.hartslag.mediation.web;

import java.security.Principal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.audit.AuditTrail;
import nl.hartslag.mediation.Volunteers;
import nl.hartslag.report.ContactDetails;
import nl.hartslag.web.Input;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Coordinators manage the Buurtbemiddeling volunteers and their availability. */
@RestController
@RequestMapping("/api/v1/staff/volunteers")
class VolunteerController {

    record VolunteerRequest(String name, String phone, String street, String username, Boolean active,
            LocalDate awayUntil, Integer maxOpenCases) {
    }

    record AvailabilityRequest(Boolean active, LocalDate awayUntil, Integer maxOpenCases) {
    }

    /** The rule of staff usernames (staff_account's check), since this one is a staff login too. */
    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9._@-]{3,100}$");

    private final Volunteers volunteers;
    private final AuditTrail audit;

    VolunteerController(Volunteers volunteers, AuditTrail audit) {
        this.volunteers = volunteers;
        this.audit = audit;
    }

    @Operation(summary = "Register a volunteer: name, phone (for offers by text), street (conflicts of interest),"
            + " optional staff username (their inbox), availability (coordinators)")
    @PostMapping
    Mono<ResponseEntity<Volunteers.Volunteer>> register(@RequestBody VolunteerRequest request) {
        List<Violation> violations = new ArrayList<>();
        String name = Input.trimmed(request.name());
        if (name == null) {
            violations.add(Violation.of("name", "validation.volunteer.name"));
        } else if (name.length() > 200) {
            violations.add(Violation.of("name", "validation.size.max", 200));
        }
        String phone = ContactDetails.e164(request.phone()).orElse(null);
        if (phone == null) {
            violations.add(Violation.of("phone", "validation.contact.phone"));
        }
        String street = Input.trimmed(request.street());
        if (street != null && street.length() > 200) {
            violations.add(Violation.of("street", "validation.size.max", 200));
        }
        // A volunteer's username is their staff login, and logins are case-insensitive: stored lower case.
        String username = Input.trimmed(request.username());
        if (username != null) {
            username = username.toLowerCase(Locale.ROOT);
            if (!USERNAME.matcher(username).matches()) {
                violations.add(Violation.of("username", "validation.username"));
            }
        }
        int max = checkMax(request.maxOpenCases(), violations);
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        }
        Mono<Volunteers.Volunteer> registered = volunteers.register(name, phone, street, username,
                request.awayUntil(), max);
        if (Boolean.FALSE.equals(request.active())) {
            registered = registered.flatMap(v -> volunteers.availability(v.id(), false, v.awayUntil(), max));
        }
        return registered.map(v -> ResponseEntity.status(HttpStatus.CREATED).body(v));
    }

    @Operation(summary = "All volunteers with their availability and open cases (coordinators; each volunteer's"
            + " name, phone and street shown is recorded in the audit trail)")
    @GetMapping
    Mono<List<Volunteers.Volunteer>> all(Principal principal) {
        // Fail closed: the list is shown only once every look is recorded.
        return volunteers.all().flatMap(all -> Flux.fromIterable(all)
                .concatMap(v -> audit.record(principal, "volunteer", v.id().toString(),
                        List.of("name", "phone", "street"), "view"))
                .then(Mono.just(all)));
    }

    @Operation(summary = "Set a volunteer's availability: active, away until (a date), maximum open cases (coordinators)")
    @PutMapping("/{id}/availability")
    Mono<Volunteers.Volunteer> availability(@PathVariable UUID id, @RequestBody AvailabilityRequest request) {
        List<Violation> violations = new ArrayList<>();
        int max = checkMax(request.maxOpenCases(), violations);
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        }
        return volunteers.availability(id, !Boolean.FALSE.equals(request.active()), request.awayUntil(), max);
    }

    private static int checkMax(Integer value, List<Violation> violations) {
        int max = value == null ? 2 : value;
        if (max < 1 || max > 10) {
            violations.add(Violation.of("maxOpenCases", "validation.range", 1, 10));
        }
        return max;
    }
}
