package nl.hartslag.cluster;

import static nl.hartslag.db.SqlParams.nullable;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

import nl.hartslag.matching.ProblemPlace;
import nl.hartslag.matching.ReportReading;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for what the engine read from each report (V17): its problem place, kept apart from the
 * address the reporter gave, and the coverage flags. Like {@code cluster_id}, these columns of the
 * report are the matching's to write; transactions are the callers' business.
 */
@Repository
class ProblemPlaceRepository {

    /** How well the engine read one channel's reports. */
    record CoverageRow(String channel, long reports, long read, long noKindWord, long noPlace, long noPlaceInWords,
            long typedAddresses, long unparsedAddresses) {
    }

    private final DatabaseClient db;

    ProblemPlaceRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> save(UUID reportId, ProblemPlace place, ReportReading reading) {
        GenericExecuteSpec spec = db.sql("""
                update report
                   set problem_source = :source, problem_street = :street, problem_house_number = :number,
                       problem_place_name = :name, problem_lat = :lat, problem_lon = :lon, read_kind_word = :kind,
                       read_place_in_words = :inWords, read_typed_address_parsed = :parsed, read_at = now()
                 where id = :id
                """)
                .bind("id", reportId).bind("source", place.source())
                .bind("street", nullable(place.street(), String.class))
                .bind("number", nullable(place.houseNumber(), Integer.class))
                .bind("name", nullable(place.namedPlace(), String.class))
                .bind("lat", nullable(place.lat(), Double.class))
                .bind("lon", nullable(place.lon(), Double.class))
                .bind("kind", reading.kindWord()).bind("inWords", reading.placeInWords())
                .bind("parsed", nullable(reading.typedAddress() ? reading.typedAddressParsed() : null,
                        Boolean.class));
        return spec.then();
    }

    /**
     * A resident's "me too" is about the cluster's problem: its place is the cluster's. Nothing was
     * read from it (the coverage figures leave it out).
     */
    Mono<Void> fromCluster(UUID reportId, UUID clusterId) {
        return db.sql("""
                update report r
                   set problem_source = 'cluster', problem_street = c.street, problem_place_name = c.place_name,
                       problem_lat = c.lat, problem_lon = c.lon, read_at = now()
                  from cluster c
                 where c.id = :cluster and r.id = :id
                """)
                .bind("cluster", clusterId).bind("id", reportId).then();
    }

    /** Reports the engine has not read yet (stored before V17), oldest first. */
    Flux<UUID> unread(int limit) {
        return db.sql("select id from report where read_at is null order by received_at, id limit :limit")
                .bind("limit", limit).map(row -> row.get("id", UUID.class)).all();
    }

    /** Coverage per channel over the reports received since {@code since}. */
    Flux<CoverageRow> coverage(Instant since) {
        return db.sql("""
                select channel, count(*) as reports,
                       count(*) filter (where read_kind_word is not null) as read,
                       count(*) filter (where not read_kind_word) as no_kind,
                       count(*) filter (where read_kind_word is not null and problem_source = 'none') as no_place,
                       count(*) filter (where not read_place_in_words) as no_place_words,
                       count(*) filter (where read_typed_address_parsed is not null) as typed,
                       count(*) filter (where not read_typed_address_parsed) as unparsed
                  from report
                 where received_at >= :since
                 group by channel
                 order by channel
                """)
                .bind("since", since.atOffset(ZoneOffset.UTC))
                .map(row -> new CoverageRow(row.get("channel", String.class), n(row.get("reports")),
                        n(row.get("read")), n(row.get("no_kind")), n(row.get("no_place")),
                        n(row.get("no_place_words")), n(row.get("typed")), n(row.get("unparsed"))))
                .all();
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
