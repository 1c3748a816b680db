package nl.hartslag.cluster;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import nl.hartslag.cluster.ClusterRepository.ClusterRow;
import nl.hartslag.domain.NotFound;
import nl.hartslag.domain.Refused;
import nl.hartslag.place.Gazetteer;
import nl.hartslag.place.Outline;
import nl.hartslag.place.Places;
import nl.hartslag.report.Reference;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The coordinators' problem desk: problems listed with what case work made of them, a problem's
 * page, and the corrections beyond {@link ClusterService}'s split and merge (move a report into
 * another problem, mark two problems "not one problem"). Every correction is a journal row, so
 * every instance's index and live stream follow it.
 */
@Service
public class ClusterDesk {

    private static final Logger log = LoggerFactory.getLogger(ClusterDesk.class);

    /** What the list can be sorted by. */
    public enum Sort {
        LAST_REPORT("lastReport"), REPORTS("reports"), HOUSEHOLDS("households"), KIND("kind"),
        INSTRUMENT("instrument");

        private final String param;

        Sort(String param) {
            this.param = param;
        }

        public String param() {
            return param;
        }

        public static Optional<Sort> of(String param) {
            for (Sort s : values()) {
                if (s.param.equals(param)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /** The desk statuses, as the API names them. */
    public static final List<String> STATUSES = List.of("new", "with-team", "escalated", "closed");
    /** Instrument filter values: a case type, a routing without a case, or none yet. */
    public static final List<String> INSTRUMENTS = List.of("WORK_ORDER", "MEDIATION", "ESCALATION", "COORDINATOR",
            "TRIAGE", "NONE");

    /** A validated query; nulls mean "any". */
    public record Query(int page, int size, Sort sort, boolean ascending, String q, String kind, String status,
            String instrument, String neighbourhood) {
    }

    /** Where the problem is: the named place or street, and a position (may be null when unplaced). */
    public record Place(String name, String street, String neighbourhood, Double lat, Double lon) {
    }

    /** The case the problem is with (type and case fields), or only where its reports were routed. */
    public record Instrument(String type, UUID caseId, Integer number, String state) {
    }

    public record Item(UUID id, String status, String categoryCode, Place place, int reports, int households,
            int anonymousReports, Instant firstReportAt, Instant lastReportAt, Instrument instrument,
            UUID mergedInto) {
    }

    public record Page(List<Item> items, long total) {
    }

    /** Reports in one ISO week ("2026-W48"). */
    public record Week(String week, int reports) {
    }

    /** A problem's page: the list item, its reports and corrections, reports per week, photos, "not one problem" pairs. */
    public record Problem(Item item, ClusterService.Detail detail, List<Week> weeks, Map<String, List<String>> photos,
            List<UUID> apart) {
    }

    public record Apart(UUID cluster, UUID other, String actor, String reason, Instant at) {
    }

    /** A change of a cluster for the live stream. */
    public record Change(long id, UUID clusterId, String change, int reports, int households, int anonymousReports,
            Instant lastReportAt, String status, UUID other) {
    }

    private final DeskRepository desk;
    private final ClusterRepository repository;
    private final ClusterService clusters;
    private final ClusterDecisions decisions;
    private final Places places;
    private final TransactionalOperator tx;
    private final List<SplitFollower> splitFollowers;

    ClusterDesk(DeskRepository desk, ClusterRepository repository, ClusterService clusters,
            ClusterDecisions decisions, Places places, TransactionalOperator tx, List<SplitFollower> splitFollowers) {
        this.desk = desk;
        this.repository = repository;
        this.clusters = clusters;
        this.decisions = decisions;
        this.places = places;
        this.tx = tx;
        this.splitFollowers = List.copyOf(splitFollowers);
    }

    /** The neighbourhoods of the gazetteer (what the neighbourhood filter accepts). */
    public Mono<Set<String>> neighbourhoods() {
        return places.rows().map(rows -> Outline.of(rows).neighbourhoods());
    }

    public Mono<Page> page(Query query) {
        return page(query, Set.of());
    }

    /** The page as a coordinator scoped to {@code neighbourhoods} sees it (empty: every neighbourhood). */
    public Mono<Page> page(Query query, Set<String> neighbourhoods) {
        DeskRepository.Filter filter = new DeskRepository.Filter(query.q(), query.kind(), query.status(),
                query.instrument(), query.neighbourhood(), null, neighbourhoods);
        return Mono.zip(desk.page(filter, query.sort(), query.ascending(), query.page(), query.size()),
                places.gazetteer())
                .map(loaded -> new Page(loaded.getT1().items().stream().map(r -> item(r, loaded.getT2())).toList(),
                        loaded.getT1().total()));
    }

    public Mono<Item> item(UUID clusterId) {
        return Mono.zip(desk.page(new DeskRepository.Filter(null, null, null, null, null, clusterId), Sort.LAST_REPORT,
                false, 0, 1), places.gazetteer())
                .flatMap(loaded -> Mono.justOrEmpty(loaded.getT1().items().stream().findFirst()
                        .map(r -> item(r, loaded.getT2()))))
                .switchIfEmpty(Mono.error(ClusterDesk::notFound));
    }

    public Mono<Problem> problem(UUID clusterId) {
        return clusters.detail(clusterId).flatMap(detail -> Mono.zip(item(clusterId),
                desk.photos(clusterId).collectMultimap(Map.Entry::getKey, Map.Entry::getValue),
                desk.apart(clusterId).collectList())
                .map(parts -> {
                    Map<String, List<String>> photos = new LinkedHashMap<>();
                    parts.getT2().forEach((reference, urls) -> photos.put(reference, List.copyOf(urls)));
                    return new Problem(parts.getT1(), detail,
                            weeks(detail.reports().stream().map(ClusterService.Member::receivedAt).toList()),
                            photos, parts.getT3());
                }));
    }

    /**
     * A coordinator moves a report into another open problem: like a split (the engine never puts
     * it back where it was, work orders follow), but into an existing cluster. Recorded as MOVE.
     */
    public Mono<ClusterService.Split> move(UUID clusterId, String reference, UUID into, String reason, String actor) {
        Reference ref = Reference.parse(reference).orElseThrow(() -> new InvalidRequestException(
                Violation.of("reference", "validation.cluster.reference")));
        if (clusterId.equals(into)) {
            return Mono.error(new InvalidRequestException(Violation.of("into", "validation.cluster.into")));
        }
        Mono<ClusterService.Split> move = repository.lockJournal()
                .then(lockOpen(clusterId))
                .flatMap(cluster -> repository.lockCluster(into).filter(ClusterRow::open)
                        .switchIfEmpty(Mono.error(() -> new InvalidRequestException(
                                Violation.of("into", "validation.cluster.into"))))
                        .then(repository.reportByReference(ref.value()))
                        .filter(report -> clusterId.equals(report.clusterId()))
                        .switchIfEmpty(Mono.error(() -> new InvalidRequestException(
                                Violation.of("reference", "validation.cluster.reference"))))
                        .flatMap(report -> cluster.reportCount() <= 1
                                ? Mono.error(new Refused("cluster-single-report"))
                                : repository.placeReport(report.id(), into)
                                        .then(repository.insertCorrection("MOVE", report.id(), clusterId, into, actor,
                                                reason))
                                        .flatMap(seq -> repository.recount(clusterId).then(repository.recount(into))
                                                .then(Flux.fromIterable(splitFollowers)
                                                        .concatMap(f -> f.reportSplit(report.id(), clusterId, into,
                                                                actor))
                                                        .then())
                                                .then(repository.notifyInstances(seq)))))
                .thenReturn(new ClusterService.Split(ref.value(), clusterId, into));
        return tx.transactional(move)
                .flatMap(done -> decisions.catchUp().thenReturn(done))
                .doOnNext(done -> log.info("Report {} moved from cluster {} into {} by {}", ref, clusterId, into,
                        actor));
    }

    /** A coordinator's merge, refused (409) for two problems marked "not one problem". */
    public Mono<Item> merge(UUID clusterId, UUID into, String reason, String actor) {
        return desk.markedApart(clusterId, into)
                .flatMap(apart -> apart ? Mono.error(new Refused("cluster-apart"))
                        : clusters.merge(clusterId, into, reason, actor))
                .then(Mono.defer(() -> item(into)));
    }

    /**
     * "Not one problem": recorded (who, why) as an APART correction in the journal; from then on
     * the two are never merged. The engine never merges problems itself and never moves a report
     * once placed, so nothing in the index changes.
     */
    public Mono<Apart> apart(UUID clusterId, UUID other, String reason, String actor) {
        if (clusterId.equals(other)) {
            return Mono.error(new InvalidRequestException(Violation.of("other", "validation.cluster.other")));
        }
        Mono<Apart> apart = repository.lockJournal()
                .then(repository.lockCluster(clusterId).switchIfEmpty(Mono.error(ClusterDesk::notFound)))
                .then(repository.lockCluster(other).switchIfEmpty(Mono.error(() -> new InvalidRequestException(
                        Violation.of("other", "validation.cluster.other")))))
                .then(repository.insertCorrection("APART", null, clusterId, other, actor, reason))
                .flatMap(seq -> repository.notifyInstances(seq).thenReturn(seq))
                .map(seq -> new Apart(clusterId, other, actor, reason, Instant.now()));
        return tx.transactional(apart)
                .flatMap(done -> decisions.catchUp().thenReturn(done))
                .doOnNext(done -> log.info("Clusters {} and {} marked not one problem by {}", clusterId, other, actor));
    }

    // --- the live stream's reads

    Mono<long[]> positions() {
        return desk.positions();
    }

    Flux<DeskRepository.ChangeRow> journalAfter(long position) {
        return desk.journalAfter(position);
    }

    Flux<DeskRepository.ChangeRow> statusAfter(long position) {
        return desk.statusAfter(position);
    }

    Flux<DeskRepository.CountsRow> counts(List<UUID> ids) {
        return desk.counts(ids);
    }

    // --- helpers

    private Mono<ClusterRow> lockOpen(UUID clusterId) {
        return repository.lockCluster(clusterId)
                .switchIfEmpty(Mono.error(ClusterDesk::notFound))
                .flatMap(c -> c.open() ? Mono.just(c)
                        : Mono.error(new Refused("cluster-closed")));
    }

    private static Item item(DeskRepository.ItemRow r, Gazetteer gazetteer) {
        String name = r.placeName() != null ? r.placeName() : r.street();
        Double lat = r.lat();
        Double lon = r.lon();
        if (lat == null || lon == null) {
            Optional<Gazetteer.PublicPoint> point = gazetteer.publicPoint(name);
            lat = point.map(Gazetteer.PublicPoint::lat).orElse(null);
            lon = point.map(Gazetteer.PublicPoint::lon).orElse(null);
        }
        Instrument instrument = r.instrumentType() == null ? null
                : new Instrument(r.instrumentType(), r.caseId(), r.caseNumber(), r.caseState());
        return new Item(r.id(), r.deskStatus(), r.categoryCode(),
                new Place(name, r.street(), r.neighbourhood(), lat, lon), r.reports(), r.households(),
                r.anonymousReports(), r.firstReportAt(), r.lastReportAt(), instrument, r.mergedInto());
    }

    /** Reports per ISO week in the service area's calendar, from the first week to the last, gaps as 0. */
    static List<Week> weeks(List<Instant> received) {
        if (received.isEmpty()) {
            return List.of();
        }
        Map<LocalDate, Integer> byMonday = new java.util.TreeMap<>();
        for (Instant at : received) {
            LocalDate monday = at.atZone(ClusterService.LOCAL).toLocalDate()
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            byMonday.merge(monday, 1, Integer::sum);
        }
        List<Week> weeks = new ArrayList<>();
        LocalDate first = ((java.util.TreeMap<LocalDate, Integer>) byMonday).firstKey();
        LocalDate last = ((java.util.TreeMap<LocalDate, Integer>) byMonday).lastKey();
        for (LocalDate monday = first; !monday.isAfter(last); monday = monday.plusWeeks(1)) {
            weeks.add(new Week(String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                    monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)), byMonday.getOrDefault(monday, 0)));
        }
        return weeks;
    }

    private static NotFound notFound() {
        return new NotFound("cluster-not-found");
    }
}
