package nl.hartslag.cluster;

import static nl.hartslag.db.SqlParams.nullable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import nl.hartslag.matching.IncomingReport;
import nl.hartslag.matching.ProblemPlace;
import nl.hartslag.matching.ReportReading;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for clusters, the decisions that fill them and coordinators' corrections. Transactions (and
 * the journal lock) are the callers' business.
 */
@Repository
class ClusterRepository {

    /**
     * The key of the transaction-level advisory lock held by every transaction that writes a journal
     * row (cluster_match or cluster_correction): it serialises decisions across instances and makes
     * journal numbers commit in the order they were drawn.
     */
    static final long JOURNAL_LOCK = 0x48534C5F434C5553L; // "HSL_CLUS"
    static final String CHANNEL = "hartslag_cluster";

    /** A report as the engine sees it, with the cluster it is in (null while undecided). */
    record ReportRow(UUID id, Instant receivedAt, String channel, String description, Double lat, Double lon,
            String addressText, String categoryCode, UUID clusterId, boolean pin) {

        IncomingReport incoming() {
            return new IncomingReport(id.toString(), receivedAt, channel, description, lat, lon, addressText,
                    categoryCode);
        }

        /**
         * The report as read for its problem place: coordinates only when they are a pin (not the
         * typed address geocoded, nor a "me too"'s cluster point), and an address only when someone
         * typed it (web form, outreach visit); a text's or call's address was read from its own words.
         */
        IncomingReport forReading() {
            boolean typed = "web".equals(channel) || "outreach".equals(channel);
            return new IncomingReport(id.toString(), receivedAt, channel, description, pin ? lat : null,
                    pin ? lon : null, typed ? addressText : null, categoryCode);
        }
    }

    /**
     * One step of the journal: a report placed in a cluster (MATCH, to_cluster), a report moved out
     * (SPLIT) or a cluster merged into another (MERGE, no report). {@code report} is filled for MATCH
     * and SPLIT when read from the journal.
     */
    record JournalEntry(long seq, Kind kind, UUID reportId, ReportRow report, UUID fromCluster, UUID toCluster) {

        enum Kind {
            MATCH, SPLIT, MERGE,
            /** A split into an existing cluster (the problem desk): applied like a SPLIT. */
            MOVE,
            /** Two clusters marked "not one problem" (the problem desk): no report moves; nothing to apply. */
            APART
        }
    }

    record ClusterRow(UUID id, String status, String categoryCode, Instant createdAt, Instant firstReportAt,
            Instant lastReportAt, int reportCount, int householdCount, String street, Double lat, Double lon,
            UUID mergedInto, String placeName, int anonymousCount) {

        boolean open() {
            return "OPEN".equals(status);
        }
    }

    /** A report of a cluster as coordinators review it, with how it got there. */
    record MemberRow(UUID reportId, String reference, Instant receivedAt, String channel, String categoryCode,
            String description, UUID matchedCluster, Instant decidedAt, String decidedBy, Double score,
            String explanationJson, String problemSource, String problemStreet, Integer problemHouseNumber,
            String problemPlaceName) {
    }

    record CorrectionRow(long seq, String kind, UUID reportId, String reference, UUID fromCluster, UUID toCluster,
            String actor, String reason, Instant createdAt) {
    }

    // A text that never said where sits at the area's middle: the engine must not see that as a place.
    private static final String REPORT_COLUMNS = """
            r.id, r.received_at, r.channel, r.description, \
            case when r.place_known then r.lat end as lat, case when r.place_known then r.lon end as lon, \
            r.address_text, r.category_code, r.cluster_id, r.pin""";
    private static final String CLUSTER_COLUMNS = """
            id, status, category_code, created_at, first_report_at, last_report_at, report_count, household_count, \
            street, lat, lon, merged_into, place_name, anonymous_count""";

    private final DatabaseClient db;

    ClusterRepository(DatabaseClient db) {
        this.db = db;
    }

    // --- the journal

    Mono<Void> lockJournal() {
        return db.sql("select pg_advisory_xact_lock(:key)").bind("key", JOURNAL_LOCK).then();
    }

    /** Wakes every instance's listener; delivered only if (and when) the transaction commits. */
    Mono<Void> notifyInstances(long seq) {
        return db.sql("select pg_notify(:channel, :payload)").bind("channel", CHANNEL)
                .bind("payload", Long.toString(seq)).then();
    }

    /** Everything after {@code position}, in journal order. */
    Flux<JournalEntry> journalAfter(long position) {
        return db.sql("""
                select j.seq, j.kind, j.report_id, j.from_cluster, j.to_cluster, %s
                  from (select seq, 'MATCH' as kind, report_id, null::uuid as from_cluster, cluster_id as to_cluster
                          from cluster_match where seq > :position
                        union all
                        select seq, kind, report_id, from_cluster, to_cluster
                          from cluster_correction where seq > :position) j
                  left join report r on r.id = j.report_id
                 order by j.seq
                """.formatted(REPORT_COLUMNS))
                .bind("position", position)
                .map(row -> new JournalEntry(row.get("seq", Long.class),
                        JournalEntry.Kind.valueOf(row.get("kind", String.class)), row.get("report_id", UUID.class),
                        row.get("id", UUID.class) == null ? null : reportRow(row),
                        row.get("from_cluster", UUID.class), row.get("to_cluster", UUID.class)))
                .all();
    }

    /** The last journal number visible to this transaction. */
    Mono<Long> journalPosition() {
        return db.sql("""
                select coalesce(greatest((select max(seq) from cluster_match),
                                         (select max(seq) from cluster_correction)), 0) as position
                """)
                .map(row -> row.get("position", Long.class)).one();
    }

    /** Every report with a cluster, oldest first, as they stand now: the input of a rebuild. */
    Flux<ReportRow> clusteredReports() {
        return db.sql("""
                select %s from report r
                 where r.cluster_id is not null
                 order by r.received_at, r.id
                """.formatted(REPORT_COLUMNS)).map(ClusterRepository::reportRow).all();
    }

    Flux<JournalEntry> corrections() {
        return db.sql("select seq, kind, report_id, from_cluster, to_cluster from cluster_correction order by seq")
                .map(row -> new JournalEntry(row.get("seq", Long.class),
                        JournalEntry.Kind.valueOf(row.get("kind", String.class)), row.get("report_id", UUID.class),
                        null, row.get("from_cluster", UUID.class), row.get("to_cluster", UUID.class)))
                .all();
    }

    // --- reports

    Flux<UUID> unmatchedReports(Instant before) {
        return db.sql("""
                select id from report
                 where cluster_id is null and received_at < :before
                 order by received_at, id
                """).bind("before", before.atOffset(ZoneOffset.UTC))
                .map(row -> row.get("id", UUID.class)).all();
    }

    Mono<ReportRow> report(UUID id) {
        return db.sql("select " + REPORT_COLUMNS + " from report r where r.id = :id").bind("id", id)
                .map(ClusterRepository::reportRow).one();
    }

    Flux<ReportRow> reports(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("select " + REPORT_COLUMNS + " from report r where r.id = any(:ids)")
                .bind("ids", ids.toArray(new UUID[0])).map(ClusterRepository::reportRow).all();
    }

    /** The report, locked, if no decision has been stored for it yet. */
    Mono<ReportRow> lockUndecided(UUID id) {
        return db.sql("""
                select %s from report r
                 where r.id = :id and r.cluster_id is null
                   for update
                """.formatted(REPORT_COLUMNS)).bind("id", id).map(ClusterRepository::reportRow).one();
    }

    /**
     * Of these reports, those without a decision yet, locked (in id order: two writers never wait
     * on each other crosswise).
     */
    Flux<ReportRow> lockUndecided(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("""
                select %s from report r
                 where r.id = any(:ids) and r.cluster_id is null
                 order by r.id
                   for update
                """.formatted(REPORT_COLUMNS)).bind("ids", ids.toArray(new UUID[0]))
                .map(ClusterRepository::reportRow).all();
    }

    /** A decision of the engine to store: the report's cluster, what was read of it, and why. */
    record Placement(UUID reportId, UUID clusterId, ProblemPlace place, ReportReading reading, Double score,
            String explanationJson) {
    }

    /**
     * Puts each report in its cluster and stores where its problem is (as in
     * {@link ProblemPlaceRepository#save}), in one statement for the whole batch.
     */
    Mono<Void> placeReports(List<Placement> placements) {
        if (placements.isEmpty()) {
            return Mono.empty();
        }
        int n = placements.size();
        UUID[] ids = new UUID[n];
        UUID[] clusters = new UUID[n];
        String[] sources = new String[n];
        String[] streets = new String[n];
        Integer[] numbers = new Integer[n];
        String[] names = new String[n];
        Double[] lats = new Double[n];
        Double[] lons = new Double[n];
        Boolean[] kinds = new Boolean[n];
        Boolean[] inWords = new Boolean[n];
        Boolean[] parsed = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Placement p = placements.get(i);
            ids[i] = p.reportId();
            clusters[i] = p.clusterId();
            sources[i] = p.place().source();
            streets[i] = p.place().street();
            numbers[i] = p.place().houseNumber();
            names[i] = p.place().namedPlace();
            lats[i] = p.place().lat();
            lons[i] = p.place().lon();
            kinds[i] = p.reading().kindWord();
            inWords[i] = p.reading().placeInWords();
            parsed[i] = p.reading().typedAddress() ? p.reading().typedAddressParsed() : null;
        }
        return db.sql("""
                update report r
                   set cluster_id = v.cluster_id, problem_source = v.source, problem_street = v.street,
                       problem_house_number = v.number, problem_place_name = v.name, problem_lat = v.lat,
                       problem_lon = v.lon, read_kind_word = v.kind, read_place_in_words = v.in_words,
                       read_typed_address_parsed = v.parsed, read_at = now()
                  from unnest(cast(:ids as uuid[]), cast(:clusters as uuid[]), cast(:sources as text[]),
                              cast(:streets as text[]), cast(:numbers as integer[]), cast(:names as text[]),
                              cast(:lats as double precision[]), cast(:lons as double precision[]),
                              cast(:kinds as boolean[]), cast(:inWords as boolean[]), cast(:parsed as boolean[]))
                       as v(id, cluster_id, source, street, number, name, lat, lon, kind, in_words, parsed)
                 where r.id = v.id
                """)
                .bind("ids", ids).bind("clusters", clusters).bind("sources", sources).bind("streets", streets)
                .bind("numbers", numbers).bind("names", names).bind("lats", lats).bind("lons", lons)
                .bind("kinds", kinds).bind("inWords", inWords).bind("parsed", parsed)
                .then();
    }

    /** The engine's decisions in the journal, numbered in the order given; emits each report's journal number. */
    Flux<Map.Entry<UUID, Long>> insertMatches(List<Placement> placements) {
        if (placements.isEmpty()) {
            return Flux.empty();
        }
        int n = placements.size();
        UUID[] ids = new UUID[n];
        UUID[] clusters = new UUID[n];
        Double[] scores = new Double[n];
        String[] explanations = new String[n];
        for (int i = 0; i < n; i++) {
            Placement p = placements.get(i);
            ids[i] = p.reportId();
            clusters[i] = p.clusterId();
            scores[i] = p.score();
            explanations[i] = p.explanationJson();
        }
        return db.sql("""
                insert into cluster_match (report_id, cluster_id, score, explanation, decided_by)
                select v.report_id, v.cluster_id, v.score, cast(v.explanation as jsonb), 'engine'
                  from unnest(cast(:ids as uuid[]), cast(:clusters as uuid[]), cast(:scores as double precision[]),
                              cast(:explanations as text[]))
                       with ordinality as v(report_id, cluster_id, score, explanation, ord)
                 order by v.ord
                returning report_id, seq
                """)
                .bind("ids", ids).bind("clusters", clusters).bind("scores", scores).bind("explanations", explanations)
                .map(row -> Map.entry(row.get("report_id", UUID.class), row.get("seq", Long.class)))
                .all();
    }

    Mono<ReportRow> reportByReference(String reference) {
        return db.sql("select " + REPORT_COLUMNS + " from report r where r.reference = :reference")
                .bind("reference", reference).map(ClusterRepository::reportRow).one();
    }

    Mono<Void> placeReport(UUID reportId, UUID clusterId) {
        return db.sql("update report set cluster_id = :cluster where id = :id").bind("cluster", clusterId)
                .bind("id", reportId).then();
    }

    Mono<Void> moveReports(UUID fromCluster, UUID intoCluster) {
        return db.sql("update report set cluster_id = :into where cluster_id = :from").bind("into", intoCluster)
                .bind("from", fromCluster).then();
    }

    Mono<Long> insertMatch(UUID reportId, UUID clusterId, Double score, String explanationJson, String decidedBy) {
        return db.sql("""
                insert into cluster_match (report_id, cluster_id, score, explanation, decided_by)
                values (:report, :cluster, :score, :explanation, :decidedBy)
                returning seq
                """)
                .bind("report", reportId).bind("cluster", clusterId).bind("decidedBy", decidedBy)
                .bind("score", nullable(score, Double.class))
                .bind("explanation", nullable(explanationJson == null ? null : Json.of(explanationJson),
                        Json.class))
                .map(row -> row.get("seq", Long.class)).one();
    }

    Mono<Long> insertCorrection(String kind, UUID reportId, UUID fromCluster, UUID toCluster, String actor,
            String reason) {
        return db.sql("""
                insert into cluster_correction (kind, report_id, from_cluster, to_cluster, actor, reason)
                values (:kind, :report, :from, :to, :actor, :reason)
                returning seq
                """)
                .bind("kind", kind).bind("report", nullable(reportId, UUID.class))
                .bind("from", fromCluster).bind("to", toCluster).bind("actor", actor).bind("reason", reason)
                .map(row -> row.get("seq", Long.class)).one();
    }

    // --- clusters

    Mono<Void> insertCluster(UUID id, Instant firstReport) {
        OffsetDateTime at = firstReport.atOffset(ZoneOffset.UTC);
        return db.sql("insert into cluster (id, first_report_at, last_report_at) values (:id, :at, :at)")
                .bind("id", id).bind("at", at).then();
    }

    /** New clusters, each with the time of its first report. */
    Mono<Void> insertClusters(List<UUID> ids, List<Instant> firstReports) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        Long[] millis = firstReports.stream().map(Instant::toEpochMilli).toArray(Long[]::new);
        return db.sql("""
                insert into cluster (id, first_report_at, last_report_at)
                select v.id, to_timestamp(v.ms / 1000.0), to_timestamp(v.ms / 1000.0)
                  from unnest(cast(:ids as uuid[]), cast(:millis as bigint[])) as v(id, ms)
                """)
                .bind("ids", ids.toArray(new UUID[0])).bind("millis", millis).then();
    }

    /** Locks these clusters, in id order (two writers never wait on each other crosswise). */
    Flux<ClusterRow> lockClusters(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("select " + CLUSTER_COLUMNS + " from cluster where id = any(:ids) order by id for update")
                .bind("ids", ids.toArray(new UUID[0])).map(ClusterRepository::clusterRow).all();
    }

    Mono<ClusterRow> lockCluster(UUID id) {
        return db.sql("select " + CLUSTER_COLUMNS + " from cluster where id = :id for update").bind("id", id)
                .map(ClusterRepository::clusterRow).one();
    }

    Mono<ClusterRow> cluster(UUID id) {
        return db.sql("select " + CLUSTER_COLUMNS + " from cluster where id = :id").bind("id", id)
                .map(ClusterRepository::clusterRow).one();
    }

    Flux<ClusterRow> clusters(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("select " + CLUSTER_COLUMNS + " from cluster where id = any(:ids)")
                .bind("ids", ids.toArray(new UUID[0])).map(ClusterRepository::clusterRow).all();
    }

    /** Open clusters with a report in the last {@code days} days, most recently active first. */
    Flux<ClusterRow> liveClusters(int days, int limit) {
        return db.sql("""
                select %s from cluster
                 where status = 'OPEN' and last_report_at >= now() - make_interval(days => :days)
                 order by last_report_at desc
                 limit :limit
                """.formatted(CLUSTER_COLUMNS))
                .bind("days", days).bind("limit", limit).map(ClusterRepository::clusterRow).all();
    }

    Mono<Void> closeMerged(UUID fromCluster, UUID intoCluster) {
        return db.sql("update cluster set status = 'CLOSED', merged_into = :into where id = :from")
                .bind("into", intoCluster).bind("from", fromCluster).then();
    }

    /**
     * Recomputes what is shown of a cluster from its reports: counts, first and last report, dominant
     * category, and where the problem is. Households: the database's one rule (V10), the reporter's
     * phone number, else e-mail address, else an outreach visit's address; anonymous reports are no
     * household and are counted as anonymous reports. Street, named place and position come from the
     * reports' problem places (V17), never from an address a reporter typed; a report not yet read
     * counts by its position only when that is a pin. A cluster without reports keeps what it had.
     */
    Mono<Void> recount(UUID clusterId) {
        return recount(List.of(clusterId));
    }

    /** {@link #recount(UUID)} for several clusters in one statement (a matching batch touches many). */
    Mono<Void> recount(List<UUID> clusterIds) {
        if (clusterIds.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                update cluster c set
                    report_count = s.reports,
                    household_count = s.households,
                    anonymous_count = s.anonymous,
                    first_report_at = s.first_at,
                    last_report_at = s.last_at,
                    category_code = coalesce(s.category, c.category_code),
                    street = s.street,
                    place_name = s.place_name,
                    lat = coalesce(s.lat, c.lat),
                    lon = coalesce(s.lon, c.lon)
                from (
                    select r.cluster_id,
                           count(*) as reports,
                           count(distinct household_key(rc.phone_hash, rc.email_hash, r.channel, r.street,
                                 r.house_number)) as households,
                           count(*) filter (where household_key(rc.phone_hash, rc.email_hash, r.channel, r.street,
                                 r.house_number) is null) as anonymous,
                           min(r.received_at) as first_at,
                           max(r.received_at) as last_at,
                           mode() within group (order by r.category_code) as category,
                           mode() within group (order by r.problem_street) as street,
                           mode() within group (order by r.problem_place_name) as place_name,
                           coalesce(avg(r.problem_lat), avg(r.lat) filter (where r.pin)) as lat,
                           coalesce(avg(r.problem_lon), avg(r.lon) filter (where r.pin)) as lon
                    from report r left join reporter_contact rc on rc.id = r.reporter_contact_id
                    where r.cluster_id = any(:ids)
                    group by r.cluster_id
                ) s
                where c.id = s.cluster_id""").bind("ids", clusterIds.toArray(new UUID[0])).then();
    }

    Flux<MemberRow> members(UUID clusterId) {
        return db.sql("""
                select r.id, r.reference, r.received_at, r.channel, r.category_code, r.description,
                       m.cluster_id as matched_cluster, m.decided_at, m.decided_by, m.score,
                       m.explanation::text as explanation,
                       r.problem_source, r.problem_street, r.problem_house_number, r.problem_place_name
                  from report r left join cluster_match m on m.report_id = r.id
                 where r.cluster_id = :id
                 order by r.received_at, r.id
                """)
                .bind("id", clusterId)
                .map(row -> new MemberRow(row.get("id", UUID.class), row.get("reference", String.class),
                        instant(row, "received_at"), row.get("channel", String.class),
                        row.get("category_code", String.class), row.get("description", String.class),
                        row.get("matched_cluster", UUID.class), instant(row, "decided_at"),
                        row.get("decided_by", String.class), row.get("score", Double.class),
                        row.get("explanation", String.class), row.get("problem_source", String.class),
                        row.get("problem_street", String.class), row.get("problem_house_number", Integer.class),
                        row.get("problem_place_name", String.class)))
                .all();
    }

    /** Corrections that moved reports into or out of this cluster, oldest first. */
    Flux<CorrectionRow> corrections(UUID clusterId) {
        return db.sql("""
                select c.seq, c.kind, c.report_id, r.reference, c.from_cluster, c.to_cluster, c.actor, c.reason,
                       c.created_at
                  from cluster_correction c left join report r on r.id = c.report_id
                 where c.from_cluster = :id or c.to_cluster = :id
                 order by c.seq
                """)
                .bind("id", clusterId)
                .map(row -> new CorrectionRow(row.get("seq", Long.class), row.get("kind", String.class),
                        row.get("report_id", UUID.class), row.get("reference", String.class),
                        row.get("from_cluster", UUID.class), row.get("to_cluster", UUID.class),
                        row.get("actor", String.class), row.get("reason", String.class),
                        instant(row, "created_at")))
                .all();
    }

    // --- mapping

    private static ReportRow reportRow(Readable row) {
        return new ReportRow(row.get("id", UUID.class), instant(row, "received_at"), row.get("channel", String.class),
                row.get("description", String.class), row.get("lat", Double.class), row.get("lon", Double.class),
                row.get("address_text", String.class), row.get("category_code", String.class),
                row.get("cluster_id", UUID.class), Boolean.TRUE.equals(row.get("pin", Boolean.class)));
    }

    private static ClusterRow clusterRow(Readable row) {
        return new ClusterRow(row.get("id", UUID.class), row.get("status", String.class),
                row.get("category_code", String.class), instant(row, "created_at"), instant(row, "first_report_at"),
                instant(row, "last_report_at"), row.get("report_count", Integer.class),
                row.get("household_count", Integer.class), row.get("street", String.class),
                row.get("lat", Double.class), row.get("lon", Double.class), row.get("merged_into", UUID.class),
                row.get("place_name", String.class), row.get("anonymous_count", Integer.class));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
