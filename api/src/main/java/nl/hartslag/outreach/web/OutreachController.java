package nl.hartslag.outreach.web;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import nl.hartslag.category.Category;
import nl.hartslag.category.CategoryCatalog;
import nl.hartslag.outreach.NewVisit;
import nl.hartslag.outreach.OutreachReports;
import nl.hartslag.outreach.Visit;
import nl.hartslag.outreach.Visits;
import nl.hartslag.place.Gazetteer;
import nl.hartslag.place.Place;
import nl.hartslag.place.Places;
import nl.hartslag.report.Channel;
import nl.hartslag.report.ContactDetails;
import nl.hartslag.report.ContactNeeded;
import nl.hartslag.report.NewReport;
import nl.hartslag.report.Reference;
import nl.hartslag.report.ReportStatus;
import nl.hartslag.report.StatusLinks;
import nl.hartslag.report.Submission;
import nl.hartslag.staff.Role;
import nl.hartslag.web.Idempotency;
import nl.hartslag.web.Input;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/**
 * The outreach worker's API (role OUTREACH; coordinators may too): a report filed on a resident's
 * behalf at their door, and the visit itself, with or without a report. Every rule is checked at once,
 * so the worker sees all problems together (problem+json, field details in the request's language).
 */
@RestController
@RequestMapping("/api/v1/staff/outreach")
class OutreachController {

    static final int DESCRIPTION_MIN = 3;
    static final int DESCRIPTION_MAX = 4000;
    static final int NOTE_MAX = 2000;
    static final int TOPICS_MAX = 20;
    /** A visit is recorded the same day or soon after; a year back is the longest a list or a late entry goes. */
    static final int DAYS_BACK_MAX = 366;
    private static final ZoneId LOCAL = ZoneId.of("Europe/Amsterdam");

    /** How the resident wants to hear back: not at all, by text, by e-mail, or called by phone. */
    enum Via {
        NONE, SMS, EMAIL, PHONE
    }

    @Schema(name = "OutreachContact", description = "Whether and how the resident wants to hear back. Stored sealed as"
            + " the report's reporter contact, exactly as the web form's; only what the chosen way needs is kept.")
    record ContactRequest(
            @Schema(description = "NONE (default), SMS, EMAIL or PHONE", example = "SMS") String via,
            @Schema(description = "The resident's name, if they want to give it") String name,
            @Schema(description = "For SMS and PHONE", example = "06 12345678") String phone,
            @Schema(description = "For EMAIL") String email) {

        @Override
        public String toString() {
            return "ContactRequest[" + via + ", redacted]";
        }
    }

    @Schema(name = "OutreachReportRequest")
    record ReportRequest(
            @Schema(description = "The visited address: street and house number in the service area",
                    example = "Eikstraat 12", requiredMode = Schema.RequiredMode.REQUIRED) String address,
            @Schema(description = "Category code from GET /api/v1/categories", example = "noise",
                    requiredMode = Schema.RequiredMode.REQUIRED) String category,
            @Schema(description = "What the resident said, in the worker's words (3-4000 characters); the report's"
                    + " text, as residents, the WOP and matching see it", requiredMode = Schema.RequiredMode.REQUIRED)
            String description,
            ContactRequest contact,
            @Schema(description = "The worker's own note (at most 2000 characters): for coordinators only, never for"
                    + " the resident, the WOP or partners; stored sealed") String note,
            @Schema(description = "The resident's language for messages: nl (default) or en") String language,
            @Schema(description = "true: answer with the resident's status link and token, for the worker to hand"
                    + " over") Boolean statusLink) {

        @Override
        public String toString() {
            return "OutreachReportRequest[category=" + category + ", redacted]";
        }
    }

    @Schema(name = "OutreachReportCreated", description = "The reference; with statusLink the tracking token and status"
            + " link for the resident (null otherwise)")
    record ReportCreated(String reference, ReportStatus status, String trackingToken, String statusUrl) {
    }

    @Schema(name = "OutreachVisitRequest")
    record VisitRequest(
            @Schema(description = "The visited address: street and house number", example = "Eikstraat 12",
                    requiredMode = Schema.RequiredMode.REQUIRED) String address,
            @Schema(description = "The day of the visit (not in the future, at most a year back); default today",
                    example = "2026-12-03") String visitedOn,
            @Schema(description = "Topics talked about: category codes, general, contact (GET"
                    + " /api/v1/staff/outreach/topics)") List<String> topics,
            @Schema(description = "Whether somebody must follow this visit up", requiredMode = Schema.RequiredMode.REQUIRED)
            Boolean followUp,
            @Schema(description = "The reference of the report filed during the visit: an outreach report of the same"
                    + " address", example = "HS-7KQ2-M9") String report) {

        @Override
        public String toString() {
            return "OutreachVisitRequest[" + visitedOn + ", redacted]";
        }
    }

    @Schema(name = "OutreachVisit", description = "houseNumber: for the worker who made the visit; for a coordinator only"
            + " with houseNumbers=true (recorded in the audit trail)")
    record VisitResponse(String id, LocalDate visitedOn, String street, String houseNumber, String neighbourhood,
            List<String> topics, boolean followUp, String report, String worker, java.time.Instant recordedAt) {

        static VisitResponse of(Visit v) {
            return new VisitResponse(v.id().toString(), v.visitedOn(), v.street(), v.houseNumber(), v.neighbourhood(),
                    v.topics(), v.followUp(), v.report() == null ? null : v.report().value(), v.worker(),
                    v.recordedAt());
        }
    }

    private final OutreachReports outreach;
    private final Visits visits;
    private final CategoryCatalog categories;
    private final Places places;
    private final ContactNeeded contactNeeded;
    private final StatusLinks links;
    private final Clock clock;

    OutreachController(OutreachReports outreach, Visits visits, CategoryCatalog categories, Places places,
            ContactNeeded contactNeeded, StatusLinks links, Optional<Clock> clock) {
        this.outreach = outreach;
        this.visits = visits;
        this.categories = categories;
        this.places = places;
        this.contactNeeded = contactNeeded;
        this.links = links;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Operation(summary = "File a report on a resident's behalf (outreach workers, coordinators)", description = "The"
            + " visited address is resolved through the gazetteer like the web form's; the report has channel"
            + " outreach and goes through matching and routing like any other. The resident's contact (if they want to"
            + " hear back) is stored sealed as the reporter's; the worker's note sealed, for coordinators only. 201"
            + " with the reference; a retry with the same Idempotency-Key returns the first report (200).")
    @PostMapping(value = "/reports", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ReportCreated>> fileReport(@RequestBody ReportRequest request,
            @Parameter(description = "Client-chosen key (8-200 characters) that makes retries safe")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            Principal principal) {
        return Mono.fromCallable(() -> key(idempotencyKey))
                .flatMap(key -> Mono.zip(categories.all(), places.gazetteer(), contactNeeded.categories())
                        .map(loaded -> check(request, loaded.getT1(), loaded.getT2(), loaded.getT3()))
                        .flatMap(checked -> outreach.file(checked.report(), checked.note(), principal.getName(), key,
                                fingerprint(request))))
                .map(s -> created(s, Boolean.TRUE.equals(request.statusLink())));
    }

    @Operation(summary = "Record a door-to-door visit, with or without a report (outreach workers, coordinators)",
            description = "The house number is stored sealed; the visit counts as a verified household (by a keyed"
                    + " hash of the address). A report named must be an outreach report of the same address.")
    @PostMapping(value = "/visits", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<VisitResponse>> recordVisit(@RequestBody VisitRequest request, Principal principal) {
        return Mono.zip(visits.topics(), places.gazetteer())
                .map(loaded -> check(request, loaded.getT1(), loaded.getT2()))
                .flatMap(visit -> visits.record(visit, principal.getName()))
                .map(v -> ResponseEntity.created(URI.create("/api/v1/staff/outreach/visits?from=" + v.visitedOn()
                        + "&to=" + v.visitedOn())).cacheControl(CacheControl.noStore()).body(VisitResponse.of(v)));
    }

    @Operation(summary = "Visits from one day to another (default today): an outreach worker's own, with house numbers;"
            + " a coordinator's all, without house numbers unless houseNumbers=true (each look recorded in the audit"
            + " trail)")
    @GetMapping(value = "/visits", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<List<VisitResponse>>> visits(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "houseNumbers", required = false) Boolean houseNumbers, Principal principal) {
        List<Violation> violations = new ArrayList<>();
        LocalDate today = LocalDate.now(clock.withZone(LOCAL));
        LocalDate first = day(from, "from", today, violations);
        LocalDate last = day(to, "to", today, violations);
        if (first != null && last != null && (last.isBefore(first) || first.plusDays(DAYS_BACK_MAX).isBefore(last))) {
            violations.add(Violation.of("to", "validation.outreach.range", DAYS_BACK_MAX));
        }
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        }
        Visits.Scope scope = !coordinator(principal) ? Visits.Scope.OWN
                : Boolean.TRUE.equals(houseNumbers) ? Visits.Scope.ALL_AUDITED : Visits.Scope.ALL;
        return visits.list(first, last, scope, principal).map(VisitResponse::of).collectList()
                .map(list -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(list));
    }

    @Operation(summary = "The topic codes a visit may name: the category codes, then general and contact")
    @GetMapping(value = "/topics", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<String>> topics() {
        return visits.topics();
    }

    private ResponseEntity<ReportCreated> created(Submission s, boolean statusLink) {
        ReportCreated body = statusLink
                ? new ReportCreated(s.reference().value(), s.status(), s.trackingToken(),
                        links.of(s.reference(), s.trackingToken()))
                : new ReportCreated(s.reference().value(), s.status(), null, null);
        return ResponseEntity.status(s.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/staff/reports/" + s.reference().value()))
                .cacheControl(CacheControl.noStore()).body(body);
    }

    private static Optional<String> key(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        if (!Idempotency.isValidKey(header.trim())) {
            throw new InvalidRequestException(Violation.of("Idempotency-Key", "validation.idempotency-key"));
        }
        return Optional.of(header.trim());
    }

    /** Same request, same fingerprint: what makes a retry a retry. */
    private static byte[] fingerprint(ReportRequest r) {
        ContactRequest c = r.contact();
        return Idempotency.fingerprint("outreach", Objects.toString(r.address()), Objects.toString(r.category()),
                Objects.toString(r.description()),
                c == null ? "" : c.via() + "|" + c.name() + "|" + c.phone() + "|" + c.email(),
                Objects.toString(r.note()), Objects.toString(r.language()), Objects.toString(r.statusLink()));
    }

    /** A report that passed every rule, and the worker's note if any. */
    private record Checked(NewReport report, Optional<String> note) {
    }

    private Checked check(ReportRequest r, Map<String, Category> known, Gazetteer gazetteer, Set<String> needContact) {
        List<Violation> violations = new ArrayList<>();
        Optional<Place> place = home(r.address(), gazetteer, violations);

        String category = Input.trimmed(r.category());
        if (category == null) {
            violations.add(Violation.of("category", "validation.category.required"));
        } else if (!known.containsKey(category)) {
            violations.add(Violation.of("category", "validation.category.unknown", category));
        }
        String description = Input.trimmed(r.description());
        if (description == null) {
            violations.add(Violation.of("description", "validation.description.required", DESCRIPTION_MIN));
        } else if (description.length() < DESCRIPTION_MIN || description.length() > DESCRIPTION_MAX
                || !Input.storable(description)) {
            violations.add(Violation.of("description", "validation.description.size", DESCRIPTION_MIN,
                    DESCRIPTION_MAX));
        }
        String note = Input.trimmed(r.note());
        if (note != null && (note.length() > NOTE_MAX || !Input.storable(note))) {
            violations.add(Violation.of("note", "validation.size.max", NOTE_MAX));
        }
        String language = Input.language(r.language(), "language", violations);

        Via via = via(r.contact(), violations);
        ContactRequest c = r.contact();
        Optional<NewReport.Contact> contact = Optional.empty();
        if (via == Via.SMS || via == Via.PHONE) {
            if (Input.trimmed(c.phone()) == null) {
                violations.add(Violation.of("contact.phone", "validation.outreach.contact.phone-needed"));
            } else {
                contact = ContactDetails.check(c.name(), c.phone(), null, violations);
            }
        } else if (via == Via.EMAIL) {
            if (Input.trimmed(c.email()) == null) {
                violations.add(Violation.of("contact.email", "validation.outreach.contact.email-needed"));
            } else {
                contact = ContactDetails.check(c.name(), null, c.email(), violations);
            }
        }
        if (via == Via.NONE && category != null && known.containsKey(category)
                && (known.get(category).kind() == Category.Kind.MEDIATION || needContact.contains(category))) {
            // Buurtbemiddeling works by talking to people: the mediators must be able to reach the resident.
            violations.add(Violation.of("contact.via", "validation.outreach.contact.mediation"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        Place home = place.orElseThrow();
        // The visited address is where the resident lives: with a contact it is also their home (sealed,
        // coordinators only), as "Waar woont u?" on the web form.
        contact = contact.map(k -> k.withHome(new NewReport.Home(home.street(), home.houseNumber())));
        NewReport report = new NewReport(category, description, home.lat(), home.lon(), Input.trimmed(r.address()),
                home.street(), home.houseNumber(), null, contact, language, Channel.OUTREACH);
        return new Checked(report, Optional.ofNullable(note));
    }

    private NewVisit check(VisitRequest r, List<String> topicCodes, Gazetteer gazetteer) {
        List<Violation> violations = new ArrayList<>();
        Optional<Place> place = home(r.address(), gazetteer, violations);
        LocalDate today = LocalDate.now(clock.withZone(LOCAL));
        LocalDate visitedOn = day(r.visitedOn(), "visitedOn", today, violations);
        if (visitedOn != null && visitedOn.isAfter(today)) {
            violations.add(Violation.of("visitedOn", "validation.outreach.visited-on.future"));
        } else if (visitedOn != null && visitedOn.isBefore(today.minusDays(DAYS_BACK_MAX))) {
            violations.add(Violation.of("visitedOn", "validation.outreach.visited-on.too-old", DAYS_BACK_MAX));
        }
        Set<String> topics = new LinkedHashSet<>();
        List<String> given = r.topics() == null ? List.of() : r.topics();
        if (given.size() > TOPICS_MAX) {
            violations.add(Violation.of("topics", "validation.outreach.topics.too-many", TOPICS_MAX));
        } else {
            for (int i = 0; i < given.size(); i++) {
                String code = Input.trimmed(given.get(i));
                if (code == null || !topicCodes.contains(code)) {
                    violations.add(Violation.of("topics[" + i + "]", "validation.outreach.topics.unknown",
                            code == null ? "" : code));
                } else {
                    topics.add(code);
                }
            }
        }
        if (r.followUp() == null) {
            violations.add(Violation.of("followUp", "validation.outreach.follow-up.required"));
        }
        Optional<Reference> report = Optional.empty();
        String typedReport = Input.trimmed(r.report());
        if (typedReport != null) {
            report = Reference.parse(typedReport);
            if (report.isEmpty()) {
                violations.add(Violation.of("report", "validation.outreach.report.unknown", typedReport));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        Place home = place.orElseThrow();
        return new NewVisit(visitedOn, home.street(), home.houseNumber(), home.neighbourhood(), List.copyOf(topics),
                r.followUp(), report);
    }

    /** The visited home: a street and house number of the gazetteer (a named place is no home). */
    private static Optional<Place> home(String typed, Gazetteer gazetteer, List<Violation> violations) {
        String address = Input.trimmed(typed);
        if (address == null) {
            violations.add(Violation.of("address", "validation.outreach.address.required"));
            return Optional.empty();
        }
        Optional<Place> place = gazetteer.resolve(address, "address", violations);
        if (place.isPresent() && place.get().houseNumber() == null) {
            violations.add(Violation.of("address", "validation.outreach.address.not-a-home"));
            return Optional.empty();
        }
        return place;
    }

    private static Via via(ContactRequest c, List<Violation> violations) {
        String typed = c == null ? null : Input.trimmed(c.via());
        if (typed == null) {
            return Via.NONE;
        }
        try {
            return Via.valueOf(typed.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(Violation.of("contact.via", "validation.outreach.contact.via"));
            return Via.NONE;
        }
    }

    /** A day as {@code 2026-12-03}, {@code fallback} when absent; a violation on {@code field} when unreadable. */
    private static LocalDate day(String typed, String field, LocalDate fallback, List<Violation> violations) {
        String text = Input.trimmed(typed);
        if (text == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            violations.add(Violation.of(field, "validation.outreach.date"));
            return null;
        }
    }

    private static boolean coordinator(Principal principal) {
        return principal instanceof Authentication a && a.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).anyMatch(Role.COORDINATOR.authority()::equals);
    }
}
