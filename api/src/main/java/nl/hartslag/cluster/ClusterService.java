package nl.hartslag.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import nl.hartslag.category.PublicSettings;
import nl.hartslag.cluster.ClusterRepository.ClusterRow;
import nl.hartslag.cluster.ClusterRepository.ReportRow;
import nl.hartslag.domain.NotFound;
import nl.hartslag.domain.Refused;
import nl.hartslag.matching.IncomingReport;
import nl.hartslag.notification.Template;
import nl.hartslag.place.Gazetteer;
import nl.hartslag.place.Places;
import nl.hartslag.report.Channel;
import nl.hartslag.report.NewReport;
import nl.hartslag.report.Reference;
import nl.hartslag.report.ReportReceived;
import nl.hartslag.report.ReportService;
import nl.hartslag.report.Submission;
import nl.hartslag.web.DatabaseAvailability;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Clusters of reports about the same problem: what residents may see of them (never personal
 * data, report texts or house numbers), a resident's "me too", and coordinators' review, split and
 * merge. Every new report is matched right after it is committed.
 */
@Service
public class ClusterService {

    private static final Logger log = LoggerFactory.getLogger(ClusterService.class);

    /** A cluster is live while its last report is at most this old (as in the engine). */
    static final int LIVE_DAYS = 30;
    static final int SIMILAR_LIMIT = 5;
    /** Candidates asked of the engine: some are not shown (not public, closed), five should remain. */
    static final int SIMILAR_CANDIDATES = 25;
    /** Public dates are days in the service area's own calendar. */
    static final ZoneId LOCAL = ZoneId.of("Europe/Amsterdam");
    private static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * A cluster as coordinators list it. Street and named place are where the problem is (from its
     * reports' problem places); households are reporters who can be reached or were met, anonymous
     * reports are counted apart.
     */
    public record Summary(UUID id, String status, String categoryCode, String street, String placeName, int reports,
            int households, int anonymousReports, Instant firstReportAt, Instant lastReportAt, UUID mergedInto) {
    }

    /**
     * What anyone may see of a public-space problem: the street or named place and its fixed
     * gazetteer point (never a position derived from a reporter's pin), counts, the day of the last
     * report. No personal data, no texts, no time of day.
     */
    public record Similar(UUID id, String status, String categoryCode, String street, Double lat, Double lon,
            int reports, int households, LocalDate lastReportedOn) {
    }

    /** How a report got into the cluster: the engine's explanation, a resident's "me too" or a coordinator. */
    public record Match(String decidedBy, Instant decidedAt, UUID decidedCluster, String decision, Double score,
            Double threshold, Double distanceMetres, Double textScore, List<String> matchedTerms, Long timeGapDays,
            Boolean sameKind, String placeBasis, String explanation, List<String> reasons) {
    }

    /** A report of the cluster; {@code problemPlace} is where its problem is (never the reporter's typed number). */
    public record Member(String reference, Instant receivedAt, String channel, String categoryCode,
            String description, Match match, String problemPlace, String problemPlaceSource) {
    }

    public record Correction(String kind, String reference, UUID fromCluster, UUID toCluster, String actor,
            String reason, Instant at) {
    }

    public record Detail(Summary cluster, List<Member> reports, List<Correction> corrections) {
    }

    public record Split(String reference, UUID fromCluster, UUID toCluster) {
    }

    /** Where and what a resident is about to report; lat/lon come together (from the pin or the gazetteer). */
    public record Probe(double lat, double lon, String text, String categoryCode, String address) {
    }

    private final ClusterRepository repository;
    private final ClusterIndex index;
    private final ClusterDecisions decisions;
    private final ExplanationJson explanations;
    private final ReportService reports;
    private final Places places;
    private final MessageSource messages;
    private final TransactionalOperator tx;
    private final PublicSettings publicSettings;
    private final DatabaseAvailability availability;
    private final ProblemPlaces problemPlaces;
    private final List<SplitFollower> splitFollowers;
    private final ClusterSettings settings;

    ClusterService(ClusterRepository repository, ClusterIndex index, ClusterDecisions decisions,
            ExplanationJson explanations, ReportService reports, Places places, MessageSource messages,
            TransactionalOperator tx, PublicSettings publicSettings, DatabaseAvailability availability,
            ProblemPlaces problemPlaces, List<SplitFollower> splitFollowers, ClusterSettings settings) {
        this.problemPlaces = problemPlaces;
        this.splitFollowers = List.copyOf(splitFollowers);
        this.settings = settings;
        this.publicSettings = publicSettings;
        this.repository = repository;
        this.index = index;
        this.decisions = decisions;
        this.explanations = explanations;
        this.reports = reports;
        this.places = places;
        this.messages = messages;
        this.tx = tx;
        this.availability = availability;
    }

    /**
     * Matching on intake: right after the report is committed. A failure (a transient database
     * error, an engine exception) is retried with back-off; what is still unmatched after that is
     * taken by the sweep ({@link ClusterLifecycle}), by the catch-up when the database is back, or
     * at the next start. Success publishes {@link ReportClustered}.
     */
    @EventListener
    void onReportReceived(ReportReceived received) {
        decisions.decide(received.reportId())
                .retryWhen(Retry.backoff(settings.retryAttempts(), settings.retryFirstBackoff())
                        .maxBackoff(settings.retryMaxBackoff())
                        .filter(e -> !(e instanceof ClusterDecisions.LaneClosed))
                        .doBeforeRetry(retry -> log.warn("Matching report {} failed (attempt {}); retrying: {}",
                                received.reference(), retry.totalRetries() + 1, availability.failed(retry.failure())
                                        ? "database unavailable" : retry.failure().toString()))
                        .onRetryExhaustedThrow((spec, retry) -> retry.failure()))
                .subscribe(null, e -> {
                    if (e instanceof ClusterDecisions.LaneClosed) {
                        log.debug("Matching report {} waits for the next start", received.reference());
                    } else if (availability.failed(e)) {
                        log.debug("Matching report {} waits until the database is back", received.reference());
                    } else {
                        log.error("Matching report {} failed after retries; the sweep tries again",
                                received.reference(), e);
                    }
                });
    }

    /**
     * Live public-space problems a resident may mean, best first, at most five. Problems of other
     * categories (worries about a household, neighbour disputes…) are never listed, whatever is asked.
     */
    public Mono<List<Similar>> similar(Probe probe) {
        IncomingReport incoming = new IncomingReport("probe-" + UUID.randomUUID(), Instant.now(), Channel.WEB.code(),
                probe.text(), probe.lat(), probe.lon(), probe.address(), probe.categoryCode());
        return blocking(() -> index.similar(incoming, SIMILAR_CANDIDATES)).timeout(ENGINE_TIMEOUT)
                .flatMap(scored -> {
                    List<UUID> ids = scored.stream().map(s -> UUID.fromString(s.cluster().clusterId())).distinct()
                            .toList();
                    return Mono.zip(repository.clusters(ids).collectMap(ClusterRow::id), places.gazetteer())
                            .map(loaded -> ids.stream()
                                    .map(loaded.getT1()::get)
                                    .filter(c -> c != null && c.open() && c.lat() != null && c.lon() != null)
                                    .filter(c -> publicSettings.isPublic(c.categoryCode()))
                                    .limit(SIMILAR_LIMIT)
                                    .map(c -> similar(c, loaded.getT2()))
                                    .toList());
                });
    }

    /**
     * A resident's "me too": a real report in the cluster's category at its representative place,
     * placed in the cluster in the report's own transaction. 404 when the cluster is unknown, closed
     * or not a public-space problem (those are never shown, so nobody can know them to support).
     */
    public Mono<Submission> support(UUID clusterId, Optional<String> description, Optional<NewReport.Contact> contact,
            String language, Optional<String> idempotencyKey, byte[] fingerprint) {
        return openCluster(clusterId).flatMap(cluster -> {
            String text = description.orElseGet(() -> messages.getMessage("cluster.support.description", null,
                    "Ik heb hier ook last van.", Locale.forLanguageTag(language)));
            NewReport report = new NewReport(cluster.categoryCode(), text, cluster.lat(), cluster.lon(), null,
                    cluster.street(), null, null, contact, language, Channel.WEB);
            return reports.submit(report, idempotencyKey, fingerprint, Template.SUPPORT_ACKNOWLEDGED,
                    reportId -> join(reportId, clusterId));
        });
    }

    public Flux<Summary> live(int limit) {
        return places.gazetteer().flatMapMany(gazetteer -> repository.liveClusters(LIVE_DAYS, limit)
                .map(c -> summary(c, gazetteer)));
    }

    public Mono<Detail> detail(UUID clusterId) {
        return repository.cluster(clusterId)
                .switchIfEmpty(Mono.error(ClusterService::clusterNotFound))
                .zipWith(places.gazetteer())
                .flatMap(loaded -> Mono.zip(repository.members(clusterId).map(this::member).collectList(),
                        repository.corrections(clusterId).map(c -> new Correction(c.kind(), c.reference(),
                                c.fromCluster(), c.toCluster(), c.actor(), c.reason(), c.createdAt())).collectList())
                        .map(parts -> new Detail(summary(loaded.getT1(), loaded.getT2()), parts.getT1(),
                                parts.getT2())));
    }

    /**
     * A coordinator's split: the report leaves the cluster for a new one of its own and the engine
     * never puts it back. The cluster must keep at least one report.
     */
    public Mono<Split> split(UUID clusterId, String reference, String reason, String actor) {
        Reference ref = Reference.parse(reference).orElseThrow(() -> new InvalidRequestException(
                Violation.of("reference", "validation.cluster.reference")));
        UUID newCluster = UUID.randomUUID();
        Mono<Split> split = repository.lockJournal()
                .then(lockOpen(clusterId))
                .flatMap(cluster -> repository.reportByReference(ref.value())
                        .filter(report -> clusterId.equals(report.clusterId()))
                        .switchIfEmpty(Mono.error(() -> new InvalidRequestException(
                                Violation.of("reference", "validation.cluster.reference"))))
                        .flatMap(report -> {
                            if (cluster.reportCount() <= 1) {
                                return Mono.error(new Refused("cluster-single-report"));
                            }
                            return moveOut(report, clusterId, newCluster, reason, actor);
                        }))
                .thenReturn(new Split(ref.value(), clusterId, newCluster));
        return tx.transactional(split)
                .flatMap(done -> decisions.catchUp().thenReturn(done))
                .doOnNext(done -> log.info("Report {} split from cluster {} into {} by {}", ref, clusterId,
                        newCluster, actor));
    }

    /** A coordinator's merge: every report of the cluster moves into {@code into}; the cluster closes. */
    public Mono<Summary> merge(UUID clusterId, UUID into, String reason, String actor) {
        if (clusterId.equals(into)) {
            return Mono.error(new InvalidRequestException(Violation.of("into", "validation.cluster.into")));
        }
        Mono<Void> merge = repository.lockJournal()
                .then(lockOpen(clusterId))
                .then(repository.lockCluster(into).filter(ClusterRow::open)
                        .switchIfEmpty(Mono.error(() -> new InvalidRequestException(
                                Violation.of("into", "validation.cluster.into")))))
                .then(repository.moveReports(clusterId, into))
                .then(repository.closeMerged(clusterId, into))
                .then(repository.insertCorrection("MERGE", null, clusterId, into, actor, reason))
                .flatMap(seq -> repository.recount(into).then(repository.notifyInstances(seq)));
        return tx.transactional(merge)
                .then(decisions.catchUp())
                .doOnSuccess(done -> log.info("Cluster {} merged into {} by {}", clusterId, into, actor))
                .then(detail(into)).map(Detail::cluster);
    }

    // --- inside transactions

    /** Places a resident's new report in the cluster, inside the report's own transaction. */
    private Mono<Void> join(UUID reportId, UUID clusterId) {
        return repository.lockJournal()
                .then(lockOpen(clusterId))
                .then(repository.placeReport(reportId, clusterId))
                .then(problemPlaces.fromCluster(reportId, clusterId))
                .then(repository.insertMatch(reportId, clusterId, null, null, "resident"))
                .flatMap(seq -> repository.recount(clusterId).then(repository.notifyInstances(seq)));
    }

    private Mono<Void> moveOut(ReportRow report, UUID from, UUID to, String reason, String actor) {
        return repository.insertCluster(to, report.receivedAt())
                .then(repository.placeReport(report.id(), to))
                .then(repository.insertCorrection("SPLIT", report.id(), from, to, actor, reason))
                .flatMap(seq -> repository.recount(from).then(repository.recount(to))
                        // Work orders follow in the same transaction: the correction sticks everywhere or nowhere.
                        .then(Flux.fromIterable(splitFollowers)
                                .concatMap(f -> f.reportSplit(report.id(), from, to, actor)).then())
                        .then(repository.notifyInstances(seq)));
    }

    private Mono<ClusterRow> lockOpen(UUID clusterId) {
        return repository.lockCluster(clusterId)
                .switchIfEmpty(Mono.error(ClusterService::clusterNotFound))
                .flatMap(c -> c.open() ? Mono.just(c)
                        : Mono.error(new Refused("cluster-closed")));
    }

    private Mono<ClusterRow> openCluster(UUID clusterId) {
        return repository.cluster(clusterId)
                .filter(c -> c.open() && c.categoryCode() != null && c.lat() != null && c.lon() != null)
                .filter(c -> publicSettings.isPublic(c.categoryCode()))
                .switchIfEmpty(Mono.error(ClusterService::clusterNotFound));
    }

    // --- views

    private Summary summary(ClusterRow c, Gazetteer gazetteer) {
        return new Summary(c.id(), c.status(), c.categoryCode(), street(c, gazetteer), c.placeName(), c.reportCount(),
                c.householdCount(), c.anonymousCount(), c.firstReportAt(), c.lastReportAt(), c.mergedInto());
    }

    private Similar similar(ClusterRow c, Gazetteer gazetteer) {
        // A named place (a playground, a square) when the problem is there, else its street.
        String street = c.placeName() != null && gazetteer.publicPoint(c.placeName()).isPresent() ? c.placeName()
                : street(c, gazetteer);
        Optional<Gazetteer.PublicPoint> point = gazetteer.publicPoint(street);
        return new Similar(c.id(), c.status(), c.categoryCode(), street, point.map(Gazetteer.PublicPoint::lat).orElse(null),
                point.map(Gazetteer.PublicPoint::lon).orElse(null), c.reportCount(), c.householdCount(),
                c.lastReportAt().atZone(LOCAL).toLocalDate());
    }

    /** The street most reports named, else the street nearest the cluster's position: a name, never a number. */
    private static String street(ClusterRow c, Gazetteer gazetteer) {
        if (c.street() != null) {
            return c.street();
        }
        if (c.lat() == null || c.lon() == null) {
            return null;
        }
        return gazetteer.nearestStreet(c.lat(), c.lon(), 250).orElse(null);
    }

    private Member member(ClusterRepository.MemberRow m) {
        Match match = null;
        if (m.decidedBy() != null) {
            ExplanationJson.Stored e = explanations.read(m.explanationJson());
            match = e == null
                    ? new Match(m.decidedBy(), m.decidedAt(), m.matchedCluster(), null, m.score(), null, null, null,
                            List.of(), null, null, null, null, List.of())
                    : new Match(m.decidedBy(), m.decidedAt(), m.matchedCluster(), e.decision(), m.score(),
                            e.threshold(), e.distanceMetres(), e.textScore(),
                            e.matchedTerms() == null ? List.of() : e.matchedTerms(),
                            e.timeGapSeconds() == null ? null : Duration.ofSeconds(e.timeGapSeconds()).toDays(),
                            e.sameKind(), e.placeBasis(), e.description(),
                            e.reasons() == null ? List.of() : e.reasons());
        }
        String place = m.problemPlaceName() != null ? m.problemPlaceName()
                : m.problemStreet() == null ? null
                : m.problemStreet() + (m.problemHouseNumber() == null ? "" : " " + m.problemHouseNumber());
        return new Member(m.reference(), m.receivedAt(), m.channel(), m.categoryCode(), m.description(), match, place,
                m.problemSource());
    }

    private static NotFound clusterNotFound() {
        return new NotFound("cluster-not-found");
    }

    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }
}
