package nl.hartslag.cluster.web;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.category.Category;
import nl.hartslag.category.CategoryCatalog;
import nl.hartslag.cluster.ClusterChanges;
import nl.hartslag.cluster.ClusterDesk;
import nl.hartslag.neighbourhood.NeighbourhoodScope;
import nl.hartslag.cluster.ClusterService;
import nl.hartslag.domain.NotFound;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Paging;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Coordinators' problem desk: live problems paged with what case work made of them, a problem with
 * its reports and why they were put together, the corrections (split, move, merge, "not one
 * problem") and a live stream of changes.
 */
@RestController
@RequestMapping("/api/v1/staff/clusters")
class StaffClusterController {

    static final int REASON_MAX = 1000;
    static final int Q_MAX = 200;
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final List<String> SORTS = java.util.Arrays.stream(ClusterDesk.Sort.values())
            .map(ClusterDesk.Sort::param).toList();

    /** Where the problem is; lat/lon may be null for a problem nobody could place. */
    record PlaceResponse(String name, String street, String neighbourhood, Double lat, Double lon) {
    }

    /** The case the problem is with; {@code workOrderId} only for a work order (the case id). */
    record InstrumentResponse(String type, String label, UUID caseId, UUID workOrderId, Integer number, String state,
            String stateLabel) {
    }

    /** Households can be reached or were met; anonymous reports are counted apart. */
    record ClusterItem(UUID id, String status, String statusLabel, CategoryRef category, PlaceResponse place,
            int reports, int households, int anonymousReports, Instant firstReportAt, Instant lastReportAt,
            InstrumentResponse instrument, UUID mergedInto) {
    }

    record MatchResponse(String decidedBy, Instant decidedAt, UUID decidedCluster, String decision, Double score,
            Double threshold, Double distanceMetres, Double textScore, List<String> matchedTerms, Long timeGapDays,
            Boolean sameKind, String placeBasis, String explanation, List<String> reasons) {
    }

    /** {@code problemPlace}: where this report's problem is, and what that was read from ({@code problemPlaceSource}). */
    record ReportResponse(String reference, Instant receivedAt, String channel, String channelLabel,
            CategoryRef category, String description, MatchResponse match, String problemPlace,
            String problemPlaceSource, List<String> photos) {
    }

    record CorrectionResponse(String kind, String reference, UUID fromCluster, UUID toCluster, String actor,
            String reason, Instant at) {
    }

    record WeekResponse(String week, int reports) {
    }

    record ClusterDetailResponse(ClusterItem cluster, PlaceResponse place, InstrumentResponse instrument,
            List<WeekResponse> weeks, List<ReportResponse> reports, List<CorrectionResponse> corrections,
            List<UUID> apart) {
    }

    /** {@code into}: an open cluster to move the report into; without it the report becomes a problem of its own. */
    record SplitRequest(String reference, String reason, String into) {
    }

    record SplitResponse(String reference, UUID fromCluster, UUID toCluster) {
    }

    record MergeRequest(String into, String reason) {
    }

    record ApartRequest(String other, String reason) {
    }

    record ApartResponse(UUID cluster, UUID other, String actor, String reason, Instant at) {
    }

    /** One change of a cluster on the live stream; {@code other}: the cluster on the other side of a split, merge or apart. */
    record ChangeResponse(UUID clusterId, String change, int reports, int households, int anonymousReports,
            Instant lastReportAt, String status, UUID other) {
    }

    private final ClusterService clusters;
    private final ClusterDesk desk;
    private final ClusterChanges changes;
    private final CategoryCatalog categories;
    private final MessageSource messages;

    private final NeighbourhoodScope scope;

    StaffClusterController(ClusterService clusters, ClusterDesk desk, ClusterChanges changes,
            CategoryCatalog categories, MessageSource messages, NeighbourhoodScope scope) {
        this.scope = scope;
        this.clusters = clusters;
        this.desk = desk;
        this.changes = changes;
        this.categories = categories;
        this.messages = messages;
    }

    @Operation(summary = "Live problems, paged, with place, households, kind and instrument (coordinators)")
    @GetMapping
    Mono<Paging.Result<ClusterItem>> list(@RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "size", required = false) String size,
            @RequestParam(name = "sort", required = false) String sort,
            @RequestParam(name = "dir", required = false) String dir,
            @RequestParam(name = "q", required = false) String q,
            @RequestParam(name = "kind", required = false) String kind,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "instrument", required = false) String instrument,
            @RequestParam(name = "neighbourhood", required = false) String neighbourhood,
            java.security.Principal principal, ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        List<Violation> violations = new ArrayList<>();
        Paging paging = Paging.parse(page, size, sort, dir, SORTS, violations);
        String text = Paging.text("q", q, Q_MAX, "validation.desk.q", violations);
        String kindCode = blankToNull(kind);
        String statusValue = blankToNull(status);
        if (statusValue != null && !ClusterDesk.STATUSES.contains(statusValue)) {
            violations.add(Violation.of("status", "validation.desk.status", String.join(", ", ClusterDesk.STATUSES)));
        }
        String instrumentValue = blankToNull(instrument);
        if (instrumentValue != null && !ClusterDesk.INSTRUMENTS.contains(instrumentValue)) {
            violations.add(Violation.of("instrument", "validation.desk.instrument",
                    String.join(", ", ClusterDesk.INSTRUMENTS)));
        }
        String place = blankToNull(neighbourhood);
        return Mono.zip(categories.all(), desk.neighbourhoods()).flatMap(known -> {
            if (kindCode != null && !known.getT1().containsKey(kindCode)) {
                violations.add(Violation.of("kind", "validation.category.unknown", kindCode));
            }
            if (place != null && !known.getT2().contains(place)) {
                violations.add(Violation.of("neighbourhood", "validation.desk.neighbourhood"));
            }
            if (!violations.isEmpty()) {
                return Mono.error(new InvalidRequestException(violations));
            }
            ClusterDesk.Query query = new ClusterDesk.Query(paging.page(), paging.size(),
                    ClusterDesk.Sort.of(paging.sort()).orElseThrow(), paging.ascending(), text, kindCode, statusValue,
                    instrumentValue, place);
            // A coordinator scoped to some neighbourhoods sees their problems only (issue 16).
            return scope.of(principal.getName()).flatMap(mine -> desk.page(query, mine)).map(found -> new Paging.Result<>(
                    found.items().stream().map(i -> item(i, known.getT1(), locale)).toList(), paging.page(),
                    paging.size(), found.total()));
        });
    }

    @Operation(summary = "A problem: its place, instrument, reports per week, reports with photos and the match"
            + " explanations, corrections (coordinators)")
    @GetMapping("/{id}")
    Mono<ClusterDetailResponse> one(@PathVariable String id, ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        return Mono.fromCallable(() -> clusterId(id))
                .flatMap(desk::problem)
                .zipWith(categories.all())
                .map(loaded -> detail(loaded.getT1(), loaded.getT2(), locale));
    }

    @Operation(summary = "Live changes of problems (text/event-stream, event 'cluster'), with a comment every 15 s")
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<ChangeResponse>> stream() {
        Flux<ServerSentEvent<ChangeResponse>> events = changes.changes().map(c -> ServerSentEvent
                .builder(new ChangeResponse(c.clusterId(), c.change(), c.reports(), c.households(),
                        c.anonymousReports(), c.lastReportAt(), c.status(), c.other()))
                .event("cluster").id(Long.toString(c.id())).build());
        Flux<ServerSentEvent<ChangeResponse>> heartbeat = Flux.interval(HEARTBEAT)
                .map(i -> ServerSentEvent.<ChangeResponse>builder().comment("hb").build());
        // The first comment sends the headers at once (the page knows it is connected) and sets the reconnect delay.
        ServerSentEvent<ChangeResponse> hello = ServerSentEvent.<ChangeResponse>builder().comment("verbonden")
                .retry(Duration.ofSeconds(3)).build();
        // Merge subscribes in order: the changes first, so whatever is committed after the hello reaches this stream.
        return Flux.merge(events, Flux.just(hello), heartbeat).takeUntilOther(events.ignoreElements());
    }

    @Operation(summary = "Move a report out of the problem: into a new one of its own, or (into) another open one;"
            + " the engine never puts it back")
    @PostMapping("/{id}/split")
    Mono<SplitResponse> split(@PathVariable String id, @RequestBody SplitRequest request, Principal principal) {
        UUID cluster = clusterId(id);
        String reason = reason(request.reason());
        String actor = "staff:" + principal.getName();
        Mono<ClusterService.Split> done;
        if (request.into() == null || request.into().isBlank()) {
            done = clusters.split(cluster, request.reference(), reason, actor);
        } else {
            done = desk.move(cluster, request.reference(), uuid("into", request.into(), "validation.cluster.into"),
                    reason, actor);
        }
        return done.map(s -> new SplitResponse(s.reference(), s.fromCluster(), s.toCluster()));
    }

    @Operation(summary = "Merge the problem into another open one; it closes and points to the other."
            + " 409 for problems marked 'not one problem'")
    @PostMapping("/{id}/merge")
    Mono<ClusterItem> merge(@PathVariable String id, @RequestBody MergeRequest request, Principal principal,
            ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        UUID cluster = clusterId(id);
        UUID into = uuid("into", request.into(), "validation.cluster.into");
        String reason = reason(request.reason());
        return desk.merge(cluster, into, reason, "staff:" + principal.getName())
                .zipWith(categories.all())
                .map(loaded -> item(loaded.getT1(), loaded.getT2(), locale));
    }

    @Operation(summary = "Mark two problems as 'not one problem': they are never merged afterwards")
    @PostMapping("/{id}/apart")
    Mono<ApartResponse> apart(@PathVariable String id, @RequestBody ApartRequest request, Principal principal) {
        UUID cluster = clusterId(id);
        UUID other = uuid("other", request.other(), "validation.cluster.other");
        String reason = reason(request.reason());
        return desk.apart(cluster, other, reason, "staff:" + principal.getName())
                .map(a -> new ApartResponse(a.cluster(), a.other(), a.actor(), a.reason(), a.at()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static UUID uuid(String field, String value, String code) {
        try {
            return UUID.fromString(String.valueOf(value).strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(Violation.of(field, code));
        }
    }

    private static String reason(String reason) {
        String r = reason == null ? null : reason.strip();
        if (r == null || r.isEmpty() || r.length() > REASON_MAX) {
            throw new InvalidRequestException(Violation.of("reason", "validation.cluster.reason", REASON_MAX));
        }
        return r;
    }

    private static UUID clusterId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFound("cluster-not-found");
        }
    }

    private String label(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private ClusterItem item(ClusterDesk.Item c, Map<String, Category> known, Locale locale) {
        ClusterDesk.Place p = c.place();
        ClusterDesk.Instrument i = c.instrument();
        InstrumentResponse instrument = i == null ? null
                : new InstrumentResponse(i.type(), label("desk.instrument." + i.type(), locale), i.caseId(),
                        "WORK_ORDER".equals(i.type()) ? i.caseId() : null, i.number(), i.state(),
                        i.state() == null ? null : label("desk.case." + i.state(), locale));
        return new ClusterItem(c.id(), c.status(), label("desk.status." + c.status(), locale),
                CategoryRef.of(c.categoryCode(), known, locale),
                new PlaceResponse(p.name(), p.street(), p.neighbourhood(), p.lat(), p.lon()), c.reports(),
                c.households(), c.anonymousReports(), c.firstReportAt(), c.lastReportAt(), instrument, c.mergedInto());
    }

    private ClusterDetailResponse detail(ClusterDesk.Problem problem, Map<String, Category> known, Locale locale) {
        ClusterService.Detail d = problem.detail();
        List<ReportResponse> reports = d.reports().stream()
                .map(m -> new ReportResponse(m.reference(), m.receivedAt(), m.channel(),
                        m.channel() == null ? null : label("desk.channel." + m.channel(), locale),
                        CategoryRef.of(m.categoryCode(), known, locale), m.description(), match(m.match()),
                        m.problemPlace(), m.problemPlaceSource(),
                        problem.photos().getOrDefault(m.reference(), List.of())))
                .toList();
        List<CorrectionResponse> corrections = d.corrections().stream()
                .map(c -> new CorrectionResponse(c.kind(), c.reference(), c.fromCluster(), c.toCluster(), c.actor(),
                        c.reason(), c.at()))
                .toList();
        ClusterItem item = item(problem.item(), known, locale);
        return new ClusterDetailResponse(item, item.place(), item.instrument(),
                problem.weeks().stream().map(w -> new WeekResponse(w.week(), w.reports())).toList(), reports,
                corrections, problem.apart());
    }

    private static MatchResponse match(ClusterService.Match m) {
        return m == null ? null
                : new MatchResponse(m.decidedBy(), m.decidedAt(), m.decidedCluster(), m.decision(), m.score(),
                        m.threshold(), m.distanceMetres(), m.textScore(), m.matchedTerms(), m.timeGapDays(),
                        m.sameKind(), m.placeBasis(), m.explanation(), m.reasons());
    }
}
