package nl.hartslag.cluster;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import nl.hartslag.cluster.ClusterRepository.ReportRow;
import nl.hartslag.matching.ProblemPlace;
import nl.hartslag.matching.ReportReading;
import nl.hartslag.place.Gazetteer;
import nl.hartslag.place.Places;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Where each report's problem is, as the engine reads it, stored on the report apart from the
 * reporter's address: in the transaction that matches the report (so the cluster's street and
 * place are recounted from it), from the cluster for a "me too", and at start-up for reports stored
 * before the engine read problem places. Also the coverage figures built from those readings.
 */
@Service
public class ProblemPlaces {

    private static final Logger log = LoggerFactory.getLogger(ProblemPlaces.class);
    /** A pin or named place names the street it is on when one is this close. */
    private static final double NEAREST_STREET_METRES = 150;
    private static final int BATCH = 500;

    /** How well the engine read one channel's reports: counts and shares (0..1, null without reports). */
    public record ChannelCoverage(String channel, long reports, long read, long noKindWord, Double noKindWordShare,
            long noPlace, Double noPlaceShare, long noPlaceInWords, Double noPlaceInWordsShare, long typedAddresses,
            long unparsedAddresses, Double unparsedAddressShare) {
    }

    private final ClusterIndex index;
    private final ProblemPlaceRepository repository;
    private final ClusterRepository clusters;
    private final Places places;

    ProblemPlaces(ClusterIndex index, ProblemPlaceRepository repository, ClusterRepository clusters, Places places) {
        this.index = index;
        this.repository = repository;
        this.clusters = clusters;
        this.places = places;
    }

    /** What the engine read of a report: where its problem is, and the coverage flags. */
    record Reading(ProblemPlace place, ReportReading reading) {
    }

    /**
     * Reads the report as the engine does now (a pin or named place also names the street it is
     * on). Blocks on the engine: call it off the event loop, as the matching lane's engine step does.
     */
    Reading read(ReportRow report, Gazetteer gazetteer) {
        ReportReading reading = index.read(report.forReading());
        ProblemPlace place = reading.problemPlace();
        if (place.street() == null && place.lat() != null) {
            place = place.withStreet(gazetteer.nearestStreet(place.lat(), place.lon(), NEAREST_STREET_METRES)
                    .orElse(null));
        }
        return new Reading(place, reading);
    }

    /** Reads the report and stores its problem place and coverage flags (in the caller's transaction). */
    Mono<Void> record(ReportRow report) {
        return places.gazetteer()
                .flatMap(gazetteer -> Mono.fromCallable(() -> read(report, gazetteer))
                        .subscribeOn(Schedulers.boundedElastic()))
                .flatMap(read -> repository.save(report.id(), read.place(), read.reading()));
    }

    /** A resident's "me too": the problem place is the cluster's (in the report's own transaction). */
    Mono<Void> fromCluster(UUID reportId, UUID clusterId) {
        return repository.fromCluster(reportId, clusterId);
    }

    /**
     * Reads every report not read yet (stored before problem places existed), then recounts their
     * clusters so that street and place come from where the problems are. Emits how many were read.
     */
    Mono<Long> readUnread() {
        // One batch after the other: the next query runs when the last batch is stored.
        return readBatch()
                .expand(batch -> batch.size() < BATCH ? Mono.empty() : readBatch())
                .flatMapIterable(batch -> batch)
                .collectList()
                .flatMap(read -> Flux.fromIterable(read).map(ReportRow::clusterId).filter(java.util.Objects::nonNull)
                        .distinct().concatMap(clusters::recount).then(Mono.just((long) read.size())))
                .doOnNext(n -> {
                    if (n > 0) {
                        log.info("Read the problem place of {} reports stored before problem places", n);
                    }
                });
    }

    private Mono<List<ReportRow>> readBatch() {
        return repository.unread(BATCH)
                .concatMap(id -> clusters.report(id).flatMap(row -> record(row).thenReturn(row)))
                .collectList();
    }

    /** Per channel, how many reports since {@code since} had no kind word, no place, an unparsed typed address. */
    public Mono<List<ChannelCoverage>> coverage(Instant since) {
        return repository.coverage(since).map(ProblemPlaces::coverage).collectList();
    }

    private static ChannelCoverage coverage(ProblemPlaceRepository.CoverageRow r) {
        return new ChannelCoverage(r.channel(), r.reports(), r.read(), r.noKindWord(), share(r.noKindWord(), r.read()),
                r.noPlace(), share(r.noPlace(), r.read()), r.noPlaceInWords(), share(r.noPlaceInWords(), r.read()),
                r.typedAddresses(), r.unparsedAddresses(), share(r.unparsedAddresses(), r.typedAddresses()));
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }
}
