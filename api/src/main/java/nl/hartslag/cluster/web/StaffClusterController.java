package nl.hartslag.cluster.web;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
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
import nl.hartslag.cluster.ClusterService;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.ProblemException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Coordinators' view of clusters: live problems, their reports with why they were put together, split and merge. */
@RestController
@RequestMapping("/api/v1/staff/clusters")
class StaffClusterController {

    static final int REASON_MAX = 1000;

    /** Street and place are where the problem is; households can be reached or were met, anonymous reports apart. */
    record ClusterResponse(UUID id, String status, CategoryRef category, String street, String place, int reports,
            int households, int anonymousReports, Instant firstReportAt, Instant lastReportAt, UUID mergedInto) {
    }

    record MatchResponse(String decidedBy, Instant decidedAt, UUID decidedCluster, String decision, Double score,
            Double threshold, Double distanceMetres, Double textScore, List<String> matchedTerms, Long timeGapDays,
            Boolean sameKind, String placeBasis, String explanation, List<String> reasons) {
    }

    /** {@code problemPlace}: where this report's problem is, and what that was read from ({@code problemPlaceSource}). */
    record ReportResponse(String reference, Instant receivedAt, String channel, CategoryRef category,
            String description, MatchResponse match, String problemPlace, String problemPlaceSource) {
    }

    record CorrectionResponse(String kind, String reference, UUID fromCluster, UUID toCluster, String actor,
            String reason, Instant at) {
    }

    record ClusterDetailResponse(ClusterResponse cluster, List<ReportResponse> reports,
            List<CorrectionResponse> corrections) {
    }

    record SplitRequest(String reference, String reason) {
    }

    record SplitResponse(String reference, UUID fromCluster, UUID toCluster) {
    }

    record MergeRequest(String into, String reason) {
    }

    private final ClusterService clusters;
    private final CategoryCatalog categories;

    StaffClusterController(ClusterService clusters, CategoryCatalog categories) {
        this.clusters = clusters;
        this.categories = categories;
    }

    @Operation(summary = "Live clusters, most recently active first (coordinators)")
    @GetMapping
    Flux<ClusterResponse> live(@RequestParam(name = "limit", defaultValue = "100") int limit,
            ServerWebExchange exchange) {
        if (limit < 1 || limit > 500) {
            return Flux.error(new InvalidRequestException(Violation.of("limit", "validation.range", 1, 500)));
        }
        Locale locale = exchange.getLocaleContext().getLocale();
        return categories.all().flatMapMany(known -> clusters.live(limit).map(c -> response(c, known, locale)));
    }

    @Operation(summary = "A cluster with its reports and the match explanations (coordinators)")
    @GetMapping("/{id}")
    Mono<ClusterDetailResponse> one(@PathVariable String id, ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        return Mono.fromCallable(() -> clusterId(id))
                .flatMap(clusters::detail)
                .zipWith(categories.all())
                .map(loaded -> detail(loaded.getT1(), loaded.getT2(), locale));
    }

    @Operation(summary = "Move a report out of the cluster into a new one of its own; the engine never puts it back")
    @PostMapping("/{id}/split")
    Mono<SplitResponse> split(@PathVariable String id, @RequestBody SplitRequest request, Principal principal) {
        UUID cluster = clusterId(id);
        String reason = reason(request.reason());
        return clusters.split(cluster, request.reference(), reason, "staff:" + principal.getName())
                .map(s -> new SplitResponse(s.reference(), s.fromCluster(), s.toCluster()));
    }

    @Operation(summary = "Merge the cluster into another open cluster; it closes and points to the other")
    @PostMapping("/{id}/merge")
    Mono<ClusterResponse> merge(@PathVariable String id, @RequestBody MergeRequest request, Principal principal,
            ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        UUID cluster = clusterId(id);
        UUID into;
        try {
            into = UUID.fromString(String.valueOf(request.into()).strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(Violation.of("into", "validation.cluster.into"));
        }
        String reason = reason(request.reason());
        return clusters.merge(cluster, into, reason, "staff:" + principal.getName())
                .zipWith(categories.all())
                .map(loaded -> response(loaded.getT1(), loaded.getT2(), locale));
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
            throw new ProblemException(HttpStatus.NOT_FOUND, "cluster-not-found");
        }
    }

    private static ClusterResponse response(ClusterService.Summary c, Map<String, Category> known, Locale locale) {
        return new ClusterResponse(c.id(), c.status(), CategoryRef.of(c.categoryCode(), known, locale), c.street(),
                c.placeName(), c.reports(), c.households(), c.anonymousReports(), c.firstReportAt(), c.lastReportAt(),
                c.mergedInto());
    }

    private static ClusterDetailResponse detail(ClusterService.Detail d, Map<String, Category> known, Locale locale) {
        List<ReportResponse> reports = d.reports().stream()
                .map(m -> new ReportResponse(m.reference(), m.receivedAt(), m.channel(),
                        CategoryRef.of(m.categoryCode(), known, locale), m.description(), match(m.match()),
                        m.problemPlace(), m.problemPlaceSource()))
                .toList();
        List<CorrectionResponse> corrections = d.corrections().stream()
                .map(c -> new CorrectionResponse(c.kind(), c.reference(), c.fromCluster(), c.toCluster(), c.actor(),
                        c.reason(), c.at()))
                .toList();
        return new ClusterDetailResponse(response(d.cluster(), known, locale), reports, corrections);
    }

    private static MatchResponse match(ClusterService.Match m) {
        return m == null ? null
                : new MatchResponse(m.decidedBy(), m.decidedAt(), m.decidedCluster(), m.decision(), m.score(),
                        m.threshold(), m.distanceMetres(), m.textScore(), m.matchedTerms(), m.timeGapDays(),
                        m.sameKind(), m.placeBasis(), m.explanation(), m.reasons());
    }
}
