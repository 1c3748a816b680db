package nl.hartslag.report.web;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import nl.hartslag.category.Category;
import nl.hartslag.category.CategoryCatalog;
import nl.hartslag.domain.NotFound;
import nl.hartslag.photo.Photos;
import nl.hartslag.place.Gazetteer;
import nl.hartslag.place.PinNames;
import nl.hartslag.place.PlaceLabels;
import nl.hartslag.ratelimit.ContactLimit;
import nl.hartslag.report.Channel;
import nl.hartslag.report.PersonalData;
import nl.hartslag.report.Reference;
import nl.hartslag.report.ReportService;
import nl.hartslag.report.ReportStatus;
import nl.hartslag.report.ResidentView;
import nl.hartslag.report.StatusLinks;
import nl.hartslag.report.Submission;
import nl.hartslag.web.MultipartForm;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The residents' API: file a report, follow it with its reference and tracking token. */
@RestController
@RequestMapping("/api/v1/reports")
class ReportController {


    record CategoryRef(String code, String label) {
    }

    /**
     * The problem's place as a resident names it, never the pin or a house number: {@code label}
     * ("Bij Speeltuin Jasmijnhof, Jasmijnstraat", "In de buurt van Eikstraat") in the reader's
     * language; {@code name} the landmark (kind PLACE); {@code street}, as before issue 14, the named
     * place or else the street (so a page that shows only {@code street} names the playground too);
     * the fixed gazetteer point (3 decimals) of what is named.
     */
    record ApproximateLocation(Double lat, Double lon, String street, String name, String label,
            Gazetteer.Spot.Kind kind) {
    }

    /** Dates are days ({@code 2026-12-03}): no time of day leaves through a token link. */
    record HistoryLine(LocalDate at, ReportStatus status, String statusLabel, String message) {
    }

    record ResidentReportResponse(String reference, CategoryRef category, ReportStatus status, String statusLabel,
            String description, LocalDate receivedAt, ApproximateLocation location, List<HistoryLine> history) {
    }

    /** Dates shown to residents are days in the service area's own calendar. */
    private static final ZoneId LOCAL = ZoneId.of("Europe/Amsterdam");

    private final ReportService reports;
    private final ReportRequestValidator validator;
    private final CategoryCatalog categories;
    private final PinNames pins;
    private final MessageSource messages;
    private final StatusLinks links;
    private final ContactLimit contactLimit;
    private final Photos photos;
    private final JsonMapper json;

    ReportController(ReportService reports, ReportRequestValidator validator, CategoryCatalog categories,
            PinNames pins, MessageSource messages, StatusLinks links, ContactLimit contactLimit, Photos photos,
            JsonMapper json) {
        this.contactLimit = contactLimit;
        this.photos = photos;
        this.json = json;
        this.reports = reports;
        this.validator = validator;
        this.categories = categories;
        this.pins = pins;
        this.messages = messages;
        this.links = links;
    }

    // One operation in the API description for both forms of the POST (springdoc would merge them and
    // keep only one body): the JSON body, or multipart/form-data with the same JSON and photos.
    @Operation(summary = "File a report", description = "201 with the reference and tracking token; a retry with the"
            + " same Idempotency-Key returns the original report (200). As multipart/form-data: part `report` is the"
            + " JSON body, parts `photo` (0-3) are image files (JPEG, PNG or HEIC by content, at most 10 MB each),"
            + " stored without any metadata (EXIF, GPS, XMP), downscaled to 1600 px, shown to coordinators and the WOP"
            + " only. A refused photo is a 400 naming `photo` (too many, far too large) or `photo[i]` (0-based: not"
            + " JPEG/PNG/HEIC by its bytes, above 10 MB, unreadable); a retry must carry the same photos.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = CreateReportRequest.class)),
                    @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                            schema = @Schema(implementation = ReportWithPhotos.class)) }))
    @ApiResponse(responseCode = "201", description = "Stored durably (with its photos): the reference, the tracking"
            + " token and the status link", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = StatusLinks.Created.class)))
    @ApiResponse(responseCode = "200", description = "A retry with the same Idempotency-Key and body (and photos): the"
            + " report stored the first time", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = StatusLinks.Created.class)))
    // The answer's type is settled before anything is stored: a client that accepts no JSON gets a
    // 406 and no report, never a report stored behind an error it cannot read.
    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<StatusLinks.Created>> create(@RequestBody CreateReportRequest request,
            @Parameter(description = "Client-chosen key (8-200 characters) that makes retries safe")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        return submit(request, idempotencyKey, List.of());
    }

    /** The multipart form of {@link #create}: the same JSON as part {@code report}, and up to three photos. */
    @Schema(name = "ReportWithPhotos")
    record ReportWithPhotos(
            @Schema(description = "The report, exactly as the JSON body of the JSON POST",
                    requiredMode = Schema.RequiredMode.REQUIRED) CreateReportRequest report,
            @ArraySchema(schema = @Schema(type = "string", format = "binary"), maxItems = 3, arraySchema = @Schema(
                    description = "0-3 photos (JPEG, PNG or HEIC by content, at most 10 MB each)")) List<byte[]> photo) {
    }

    /** Documented with {@link #create}: one operation, two request bodies. */
    @Hidden
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<StatusLinks.Created>> createWithPhotos(ServerWebExchange exchange,
            @Parameter(description = "Client-chosen key (8-200 characters) that makes retries safe")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        long maxBytes = photos.settings().maxSize().toBytes();
        return MultipartForm.read(exchange, PHOTO, maxBytes)
                .flatMap(form -> form.json("report", CreateReportRequest.class, json)
                        .zipWith(form.files(PHOTO, maxBytes, photos.settings().maxPerReport())))
                .flatMap(read -> submit(read.getT1(), idempotencyKey, read.getT2()));
    }

    private static final String PHOTO = "photo";

    /**
     * The one pipeline of both forms: the key, every rule of the report, the contact limit, then
     * (only for a valid report) the photos, then the report and its photos in one transaction.
     */
    private Mono<ResponseEntity<StatusLinks.Created>> submit(CreateReportRequest request, String idempotencyKey,
            List<byte[]> files) {
        return Mono.fromCallable(() -> validator.idempotencyKey(idempotencyKey))
                .flatMap(key -> validator.validate(request, Channel.WEB)
                        .flatMap(report -> contactLimit.admit(report.contact().map(c -> c.phoneE164()),
                                report.contact().map(c -> c.email())).thenReturn(report))
                        .flatMap(report -> files.isEmpty() ? Mono.just(report)
                                : photos.processAll(files, PHOTO).map(report::withUploads))
                        .flatMap(report -> reports.submit(report, key,
                                ReportRequestValidator.fingerprint(request, files))))
                .map(this::created);
    }

    @Operation(summary = "A report as its reporter sees it", description = "404 for an unknown reference and for a"
            + " wrong or missing token alike. Never contains contact data or the exact address: the place is the"
            + " street or named place with its gazetteer point, dates are days (no time of day).")
    @GetMapping("/{reference}")
    Mono<ResidentReportResponse> find(@PathVariable String reference,
            @RequestParam(name = "token", required = false) String token, ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        return Mono.justOrEmpty(Reference.parse(reference))
                .flatMap(ref -> reports.findForResident(ref, token))
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(view -> Mono.zip(categories.all(), place(view, locale))
                        .map(loaded -> residentResponse(view, loaded.getT1().get(view.categoryCode()),
                                loaded.getT2(), locale)));
    }

    /** One piece of data: {@code field} for programs, {@code label} and the (masked) {@code value} for people. */
    record PersonalDataItem(String field, String label, String value) {
    }

    /**
     * What is held about the reporter ({@code held}, masked, never the full values) and what stays
     * with the report when that is erased ({@code stays}); {@code summary} says it in a sentence.
     */
    record PersonalDataResponse(String reference, boolean erased, String summary, List<PersonalDataItem> held,
            List<PersonalDataItem> stays) {
    }

    @Operation(summary = "What personal data is held about the reporter of a report", description = "With the"
            + " tracking token: name, phone number, e-mail address and home, each masked (+31 6 ** ** ** 78,"
            + " j***@example.nl) or absent, and what stays with the report after erasure (kind, text, place). 404"
            + " for an unknown reference and for a wrong or missing token alike.")
    @GetMapping("/{reference}/personal-data")
    Mono<PersonalDataResponse> personalData(@PathVariable String reference,
            @RequestParam(name = "token", required = false) String token, ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        return Mono.justOrEmpty(Reference.parse(reference))
                .flatMap(ref -> reports.personalData(ref, token))
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(data -> personalDataResponse(data, token, locale));
    }

    @Operation(summary = "Erase the reporter's contact data of a report (right to erasure)", description = "With the"
            + " tracking token: name, phone number, e-mail address and home are deleted at once; the report stays,"
            + " anonymous, its status page keeps working and its history says \"gegevens verwijderd (AVG)\". No"
            + " more messages about the report are sent. Idempotent: a second call answers 200 with nothing held."
            + " 409 while an open mediation holds the report (the coordinator handles it). 404 for an unknown"
            + " reference and for a wrong or missing token alike.")
    @DeleteMapping("/{reference}/personal-data")
    Mono<PersonalDataResponse> erasePersonalData(@PathVariable String reference,
            @RequestParam(name = "token", required = false) String token, ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        return Mono.justOrEmpty(Reference.parse(reference))
                .flatMap(ref -> reports.erasePersonalData(ref, token))
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(data -> personalDataResponse(data, token, locale));
    }

    private Mono<PersonalDataResponse> personalDataResponse(PersonalData data, String token, Locale locale) {
        return reports.findForResident(data.reference(), token)
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(view -> Mono.zip(categories.all(), place(view, locale))
                        .map(loaded -> {
                            List<PersonalDataItem> held = new java.util.ArrayList<>();
                            add(held, "name", data.name(), locale);
                            add(held, "phone", data.phone(), locale);
                            add(held, "email", data.email(), locale);
                            add(held, "home", data.home(), locale);
                            List<PersonalDataItem> stays = List.of(
                                    item("category", loaded.getT1().get(view.categoryCode()).label(locale), locale),
                                    item("description", view.description(), locale),
                                    item("place", loaded.getT2().label(), locale));
                            String summary = messages.getMessage(data.erased() ? "personal-data.summary.erased"
                                    : held.isEmpty() ? "personal-data.summary.none" : "personal-data.summary.held",
                                    null, locale);
                            return new PersonalDataResponse(data.reference().value(), data.erased(), summary,
                                    List.copyOf(held), stays);
                        }));
    }

    private void add(List<PersonalDataItem> items, String field, String value, Locale locale) {
        if (value != null) {
            items.add(item(field, value, locale));
        }
    }

    private PersonalDataItem item(String field, String value, Locale locale) {
        return new PersonalDataItem(field, messages.getMessage("personal-data." + field, null, field, locale), value);
    }

    private ResponseEntity<StatusLinks.Created> created(Submission s) {
        URI location = URI.create("/api/v1/reports/" + s.reference().value());
        return ResponseEntity.status(s.created() ? HttpStatus.CREATED : HttpStatus.OK).location(location)
                .body(links.created(s));
    }

    /**
     * Where the report is, as far as a token link may tell: the landmark it names, or the landmark at
     * its pin, else its street, with that place's one gazetteer point (issue 14: a pin at the
     * playground is "Bij Speeltuin Jasmijnhof", not the nearest street's name).
     */
    private Mono<ApproximateLocation> place(ResidentView view, Locale locale) {
        return pins.ofReport(view.street(), view.approximateLat(), view.approximateLon(), view.pointsAtTheProblem())
                .map(spot -> new ApproximateLocation(spot.lat(), spot.lon(),
                        spot.kind() == Gazetteer.Spot.Kind.PLACE ? spot.name() : spot.street(),
                        spot.kind() == Gazetteer.Spot.Kind.PLACE ? spot.name() : null,
                        PlaceLabels.label(messages, spot, locale), spot.kind()));
    }

    private static LocalDate day(Instant at) {
        return at == null ? null : at.atZone(LOCAL).toLocalDate();
    }

    private ResidentReportResponse residentResponse(ResidentView view, Category category, ApproximateLocation location,
            Locale locale) {
        List<HistoryLine> history = view.history().stream()
                .map(h -> new HistoryLine(day(h.at()), h.status(), label(h.status(), locale),
                        messages.getMessage(h.messageCode(), null, h.messageCode(), locale)
                                + (h.publicNote() == null ? "" : " " + h.publicNote())))
                .toList();
        return new ResidentReportResponse(view.reference().value(),
                new CategoryRef(category.code(), category.label(locale)), view.status(), label(view.status(), locale),
                view.description(), day(view.receivedAt()), location, history);
    }

    private String label(ReportStatus status, Locale locale) {
        return messages.getMessage(status.labelCode(), null, status.name(), locale);
    }
}
