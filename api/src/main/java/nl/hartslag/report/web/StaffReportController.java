package nl.hartslag.report.web;

import java.security.Principal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import nl.hartslag.audit.AuditTrail;
import nl.hartslag.category.Category;
import nl.hartslag.category.CategoryCatalog;
import nl.hartslag.domain.NotFound;
import nl.hartslag.norms.Deadline;
import nl.hartslag.norms.Deadlines;
import nl.hartslag.report.Channel;
import nl.hartslag.report.CoordinatorNotes;
import nl.hartslag.report.NewReport;
import nl.hartslag.report.Reference;
import nl.hartslag.neighbourhood.NeighbourhoodScope;
import nl.hartslag.report.ReportQueue;
import nl.hartslag.report.ReportService;
import nl.hartslag.report.ReportStatus;
import nl.hartslag.report.Feedback;
import nl.hartslag.report.StaffView;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Paging;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Coordinators' view of reports and the status changes residents hear about. */
@RestController
@RequestMapping("/api/v1/staff/reports")
class StaffReportController {

    record StaffReportResponse(String reference, String category, ReportStatus status, String description,
            Channel channel, double lat, double lon, String street, String houseNumber, Instant occurredAt,
            Instant receivedAt, String language, ContactResponse contact, boolean placeKnown,
            Float speechConfidence, List<PhotoResponse> photos, FeedbackResponse feedback, Deadline deadline,
            List<NoteResponse> coordinatorNotes) {

        StaffReportResponse(String reference, String category, ReportStatus status, String description,
                Channel channel, double lat, double lon, String street, String houseNumber, Instant occurredAt,
                Instant receivedAt, String language, ContactResponse contact, boolean placeKnown,
                Float speechConfidence, List<PhotoResponse> photos, FeedbackResponse feedback, Deadline deadline) {
            this(reference, category, status, description, channel, lat, lon, street, houseNumber, occurredAt,
                    receivedAt, language, contact, placeKnown, speechConfidence, photos, feedback, deadline, List.of());
        }

        StaffReportResponse withNotes(List<NoteResponse> notes) {
            return new StaffReportResponse(reference, category, status, description, channel, lat, lon, street,
                    houseNumber, occurredAt, receivedAt, language, contact, placeKnown, speechConfidence, photos,
                    feedback, deadline, List.copyOf(notes));
        }
    }

    /**
     * A note kept for coordinators only (issue 16: {@code outreach-note}, the outreach worker's own note on a
     * report filed on a resident's behalf); never on any resident-, WOP- or partner-facing answer.
     */
    record NoteResponse(String kind, String author, String text) {
    }

    /** The reporter's answer to "Bent u tevreden?" (issue 14), if they gave one. */
    record FeedbackResponse(boolean satisfied, String reason, String channel, Instant answeredAt) {
    }

    /** {@code thumbnailUrl}: a small JPEG of a photo we keep (null for MMS photos and HEIC). */
    record PhotoResponse(String url, String contentType, String thumbnailUrl) {
    }

    /** {@code reason}: why; required for a report that was ever 'domestic' (staff-only, never shown to the resident). */
    record CategoryChangeRequest(String category, String reason) {
    }

    record SafeguardResponse(String reference, boolean safeguarded, String changedBy, String agreedBy,
            Instant agreedAt) {
    }

    private static final int REASON_MAX = 500;

    /** {@code home}: where the reporter lives ("Eikstraat 12"), if they said; coordinators only. */
    record ContactResponse(String name, String phone, String email, String home) {
    }

    record PhoneCorrectionRequest(String phone) {

        @Override
        public String toString() {
            return "PhoneCorrectionRequest[redacted]";
        }
    }

    record PhoneCorrectionResponse(String reference, long resent) {
    }

    record StatusChangeRequest(String status, String publicNote) {
    }

    /**
     * A report in the queue, with labels instead of codes: {@code cluster} is its problem (for the
     * badge, null while it waits for matching), {@code routing} where it was last routed,
     * {@code deadline} its response and resolution deadlines and what is late (docs/norms.md).
     */
    record QueueItemResponse(String reference, String category, String categoryLabel, ReportStatus status,
            String statusLabel, String description, Channel channel, String channelLabel, double lat, double lon,
            String street, String houseNumber, Instant occurredAt, Instant receivedAt, String language,
            boolean placeKnown, Float speechConfidence, List<PhotoResponse> photos, ClusterBadge cluster,
            String routing, String routingLabel, Deadline deadline) {
    }

    record ClusterBadge(UUID id, int reports) {
    }

    private static final int Q_MAX = 200;
    private static final List<String> SORTS = Arrays.stream(ReportQueue.Sort.values()).map(ReportQueue.Sort::param)
            .toList();

    private final ReportService reports;
    private final ReportQueue queue;
    private final CategoryCatalog categories;
    private final MessageSource messages;
    private final AuditTrail audit;
    private final List<CoordinatorNotes> notes;
    private final NeighbourhoodScope scope;
    private final Deadlines deadlines;

    StaffReportController(ReportService reports, ReportQueue queue, CategoryCatalog categories,
            MessageSource messages, AuditTrail audit, List<CoordinatorNotes> notes, NeighbourhoodScope scope,
            Deadlines deadlines) {
        this.audit = audit;
        this.notes = List.copyOf(notes);
        this.scope = scope;
        this.deadlines = deadlines;
        this.reports = reports;
        this.queue = queue;
        this.categories = categories;
        this.messages = messages;
    }

    @Operation(summary = "The report queue, paged: search, filters, sort, each report's problem and routing (coordinators)")
    @GetMapping
    Mono<Paging.Result<QueueItemResponse>> queue(@RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "size", required = false) String size,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "sort", required = false) String sort,
            @RequestParam(name = "dir", required = false) String dir,
            @RequestParam(name = "q", required = false) String q,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "category", required = false) String category,
            java.security.Principal principal, ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        List<Violation> violations = new ArrayList<>();
        // "limit" is the queue's older name for the page size.
        Paging paging = Paging.parse(page, size != null ? size : limit, sort, dir, SORTS, violations);
        String text = Paging.text("q", q, Q_MAX, "validation.desk.q", violations);
        ReportStatus statusFilter = null;
        if (status != null && !status.isBlank()) {
            try {
                statusFilter = parseStatus(status);
            } catch (InvalidRequestException e) {
                violations.addAll(e.violations());
            }
        }
        String categoryCode = category == null || category.isBlank() ? null : category.strip();
        ReportStatus filter = statusFilter;
        return categories.all().flatMap(known -> {
            if (categoryCode != null && !known.containsKey(categoryCode)) {
                violations.add(Violation.of("category", "validation.category.unknown", categoryCode));
            }
            if (!violations.isEmpty()) {
                return Mono.error(new InvalidRequestException(violations));
            }
            ReportQueue.Query query = new ReportQueue.Query(paging.page(), paging.size(),
                    ReportQueue.Sort.of(paging.sort()).orElseThrow(), paging.ascending(), text, filter, categoryCode);
            // A coordinator scoped to some neighbourhoods sees their reports only (issue 16).
            return scope.of(principal.getName()).flatMap(mine -> queue.page(query, mine))
                    .flatMap(found -> deadlines.ofReports(found.items().stream()
                    .map(i -> i.report().reference().value()).toList(), Instant.now())
                    .map(due -> new Paging.Result<>(found.items().stream()
                            .map(i -> queueItem(i, known, locale, due.get(i.report().reference().value()))).toList(),
                            paging.page(), paging.size(), found.total())));
        });
    }

    @Operation(summary = "One report with the reporter's contact details and the notes kept for coordinators"
            + " only, such as an outreach worker's note (coordinators; the look at the contact details and notes is"
            + " recorded in the audit trail)")
    @GetMapping("/{reference}")
    Mono<StaffReportResponse> one(@PathVariable String reference, Principal principal) {
        return Mono.justOrEmpty(Reference.parse(reference))
                .flatMap(ref -> Mono.zip(reports.findForStaff(ref, true),
                        reports.feedback(ref).map(Optional::of).defaultIfEmpty(Optional.empty()),
                        deadlines.ofReport(ref.value(), Instant.now()))
                        .map(t -> response(t.getT1(), t.getT2().orElse(null), t.getT3()))
                        .zipWith(Flux.fromIterable(notes).concatMap(n -> n.about(ref))
                                .map(n -> new NoteResponse(n.field(), n.author(), n.text())).collectList(),
                                StaffReportResponse::withNotes))
                .switchIfEmpty(Mono.error(NotFound::new))
                // Fail closed: the contact details and notes are shown only once the look is recorded.
                .flatMap(response -> viewedFields(response).isEmpty() ? Mono.just(response)
                        : audit.record(principal, "report", response.reference(), viewedFields(response), "view")
                                .thenReturn(response));
    }

    /** The personal data a report response shows, by field name: its contact fields and its notes. */
    private static List<String> viewedFields(StaffReportResponse response) {
        List<String> fields = contactFields(response.contact());
        response.coordinatorNotes().stream().map(NoteResponse::kind).distinct().forEach(fields::add);
        return fields;
    }

    /** The names of the contact fields a response shows (for the audit trail), none without contact. */
    private static List<String> contactFields(ContactResponse contact) {
        List<String> fields = new ArrayList<>();
        if (contact != null) {
            if (contact.name() != null) {
                fields.add("name");
            }
            if (contact.phone() != null) {
                fields.add("phone");
            }
            if (contact.email() != null) {
                fields.add("email");
            }
            if (contact.home() != null) {
                fields.add("home");
            }
        }
        return fields;
    }

    @Operation(summary = "A photo uploaded with a report, without any metadata; n counts from 1, size=thumb gives a"
            + " 320 px JPEG (coordinators and the WOP; never public)")
    @ApiResponse(responseCode = "200", description = "The photo (image/jpeg, or image/heic as sent without its"
            + " metadata)", content = {@Content(mediaType = MediaType.IMAGE_JPEG_VALUE),
                    @Content(mediaType = "image/heic")})
    @GetMapping(value = "/{reference}/photos/{n}", produces = {MediaType.IMAGE_JPEG_VALUE, "image/heic",
            MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    Mono<ResponseEntity<byte[]>> photo(@PathVariable String reference, @PathVariable String n,
            @RequestParam(name = "size", required = false) String size, Principal principal) {
        boolean thumbnail = "thumb".equals(size);
        if (size != null && !thumbnail && !"full".equals(size)) {
            return Mono.error(new InvalidRequestException(Violation.of("size", "validation.photo.size-param")));
        }
        int number = n.matches("[1-9][0-9]?") ? Integer.parseInt(n) : 0;
        return Mono.justOrEmpty(Reference.parse(reference))
                .filter(ref -> number > 0)
                .flatMap(ref -> reports.photo(ref, number, thumbnail)
                        // A photo may show people, number plates, a front door: personal data, each look recorded.
                        .flatMap(photo -> audit.record(principal, "report", ref.value(),
                                List.of((thumbnail ? "photo-thumbnail." : "photo.") + number), "view")
                                .thenReturn(photo)))
                .switchIfEmpty(Mono.error(NotFound::new))
                .map(photo -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(photo.contentType()))
                        // Personal data: not kept by browsers or proxies, never sniffed into something else.
                        .cacheControl(CacheControl.noStore().cachePrivate())
                        .header("X-Content-Type-Options", "nosniff")
                        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + reference + "-" + number
                                + (photo.contentType().equals("image/heic") ? ".heic" : ".jpg") + "\"")
                        .body(photo.data()));
    }

    @Operation(summary = "Move a report to another status; the resident sees it with the public note")
    @PostMapping("/{reference}/status")
    Mono<StaffReportResponse> changeStatus(@PathVariable String reference, @RequestBody StatusChangeRequest request,
            Principal principal) {
        ReportStatus next = parseStatus(request.status());
        String note = request.publicNote() == null || request.publicNote().isBlank() ? null : request.publicNote().strip();
        if (note != null && note.length() > 1000) {
            return Mono.error(new InvalidRequestException(Violation.of("publicNote", "validation.size.max", 1000)));
        }
        return Mono.justOrEmpty(Reference.parse(reference))
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(ref -> reports.changeStatus(ref, next, note, "staff:" + principal.getName()))
                .flatMap(this::withDeadline);
    }

    @Operation(summary = "Correct the reporter's phone number after a text failed as an invalid number (Twilio 21211,"
            + " 21614); the failed texts go out again to the new number (coordinators)")
    @PutMapping("/{reference}/contact")
    Mono<PhoneCorrectionResponse> correctPhone(@PathVariable String reference,
            @RequestBody PhoneCorrectionRequest request, Principal principal) {
        // The same rules as intake (libphonenumber, allowed countries, textable kinds), reported as "phone".
        List<Violation> found = new ArrayList<>();
        java.util.Optional<NewReport.Contact> contact = nl.hartslag.report.ContactDetails.check(null,
                request == null ? null : request.phone(), null, found);
        List<Violation> violations = new ArrayList<>(found.stream()
                .map(v -> new Violation(v.field().equals("contact.phone") ? "phone" : v.field(), v.code(), v.args()))
                .toList());
        if (violations.isEmpty() && contact.map(NewReport.Contact::phoneE164).isEmpty()) {
            violations.add(Violation.of("phone", "validation.contact.phone-required"));
        }
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        }
        String e164 = contact.get().phoneE164();
        return Mono.justOrEmpty(Reference.parse(reference))
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(ref -> reports.correctPhone(ref, e164, "staff:" + principal.getName())
                        .map(resent -> new PhoneCorrectionResponse(ref.value(), resent)));
    }

    @Operation(summary = "Correct a report's category (texts and calls get a guessed one); recorded with who did it")
    @PostMapping("/{reference}/category")
    Mono<StaffReportResponse> changeCategory(@PathVariable String reference,
            @RequestBody CategoryChangeRequest request, Principal principal) {
        String code = request.category() == null ? null : request.category().strip();
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        if (reason != null && reason.length() > REASON_MAX) {
            return Mono.error(new InvalidRequestException(Violation.of("reason", "validation.size.max", REASON_MAX)));
        }
        return categories.all()
                .flatMap(known -> code == null || !known.containsKey(code)
                        ? Mono.error(new InvalidRequestException(Violation.of("category", "validation.category.unknown", String.valueOf(code))))
                        : Mono.justOrEmpty(Reference.parse(reference)))
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(ref -> reports.changeCategory(ref, code, reason, "staff:" + principal.getName()))
                .flatMap(this::withDeadline);
    }

    @Operation(summary = "A second coordinator agrees with the category change of a report that was ever 'domestic',"
            + " so it may be routed like its new category; the coordinator who changed it cannot agree (409)")
    @PostMapping("/{reference}/category/agreement")
    Mono<SafeguardResponse> agreeToCategoryChange(@PathVariable String reference, Principal principal) {
        return Mono.justOrEmpty(Reference.parse(reference))
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(ref -> reports.agreeToCategoryChange(ref, "staff:" + principal.getName())
                        .map(s -> new SafeguardResponse(ref.value(), s.safeguarded(), s.changedBy(), s.agreedBy(),
                                s.agreedAt())));
    }

    private QueueItemResponse queueItem(ReportQueue.Item item, Map<String, Category> known, Locale locale,
            Deadline deadline) {
        StaffView v = item.report();
        Category category = known.get(v.categoryCode());
        return new QueueItemResponse(v.reference().value(), v.categoryCode(),
                category == null ? v.categoryCode() : category.label(locale), v.status(),
                label(v.status().labelCode(), locale), v.description(), v.channel(),
                label("desk.channel." + v.channel().code(), locale), v.lat(), v.lon(), v.street(), v.houseNumber(),
                v.occurredAt(), v.receivedAt(), v.language(), v.placeKnown(), v.speechConfidence(), List.of(),
                item.clusterId() == null ? null
                        : new ClusterBadge(item.clusterId(), item.clusterReports() == null ? 0 : item.clusterReports()),
                item.routing(), item.routing() == null ? null : label("desk.instrument." + item.routing(), locale),
                deadline);
    }

    private String label(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private static ReportStatus parseStatus(String status) {
        return Arrays.stream(ReportStatus.values()).filter(s -> s.name().equalsIgnoreCase(String.valueOf(status)))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException(Violation.of("status", "validation.status.required")));
    }

    /** The answer to a change: the report as it is now, with its deadlines after the change. */
    private Mono<StaffReportResponse> withDeadline(StaffView v) {
        return deadlines.ofReport(v.reference().value(), Instant.now()).map(d -> response(v, null, d));
    }

    private static StaffReportResponse response(StaffView v, Feedback feedback, Deadline deadline) {
        ContactResponse contact = v.contact().map(StaffReportController::contact).orElse(null);
        return new StaffReportResponse(v.reference().value(), v.categoryCode(), v.status(), v.description(),
                v.channel(), v.lat(), v.lon(), v.street(), v.houseNumber(), v.occurredAt(), v.receivedAt(),
                v.language(), contact, v.placeKnown(), v.speechConfidence(),
                v.photos().stream().map(p -> new PhotoResponse(p.url(), p.contentType(), p.thumbnailUrl())).toList(),
                feedback == null ? null : new FeedbackResponse(feedback.satisfied(), feedback.reason(),
                        feedback.via().code(), feedback.answeredAt()),
                deadline);
    }

    private static ContactResponse contact(NewReport.Contact c) {
        return new ContactResponse(c.name(), c.phoneE164(), c.email(), c.home() == null ? null : c.home().label());
    }
}
