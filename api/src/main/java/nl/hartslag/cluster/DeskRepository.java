package nl.hartslag.cluster;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL of the coordinators' problem desk: clusters with what case work made of them (status,
 * instrument), filtered, sorted and paged in PostgreSQL; the problem page's extras; the live
 * stream's reads. Reads only, except the "not one problem" correction (see {@link ClusterDesk}).
 */
@Repository
class DeskRepository {

    /** A cluster as the desk lists it, before labels and the gazetteer's fallback point. */
    record ItemRow(UUID id, String deskStatus, String categoryCode, String street, String placeName,
            String neighbourhood, Double lat, Double lon, int reports, int households, int anonymousReports,
            Instant firstReportAt, Instant lastReportAt, String instrumentType, UUID caseId, Integer caseNumber,
            String caseState, UUID mergedInto) {
    }

    record PageRows(List<ItemRow> items, long total) {
    }

    /** Filters as validated by the web layer; nulls mean "any". {@code live}: apply the live scope. */
    record Filter(String q, String kind, String status, String instrument, String neighbourhood, UUID id,
            java.util.Set<String> scope) {

        Filter(String q, String kind, String status, String instrument, String neighbourhood, UUID id) {
            this(q, kind, status, instrument, neighbourhood, id, java.util.Set.of());
        }
    }

    /** A change of a cluster in the journal or its status, as the live stream reports it. */
    record ChangeRow(long seq, String kind, UUID fromCluster, UUID toCluster) {
    }

    record CountsRow(UUID id, int reports, int households, int anonymousReports, Instant lastReportAt,
            String deskStatus, String instrumentType) {
    }

    /** Sort keys to SQL; the web layer's names are mapped in {@link ClusterDesk.Sort}. */
    static final Map<ClusterDesk.Sort, String> SORT_COLUMNS = Map.of(
            ClusterDesk.Sort.LAST_REPORT, "d.last_report_at",
            ClusterDesk.Sort.REPORTS, "d.report_count",
            ClusterDesk.Sort.HOUSEHOLDS, "d.household_count",
            ClusterDesk.Sort.KIND, "d.category_code",
            ClusterDesk.Sort.INSTRUMENT, "d.instrument_type");

    /**
     * Every cluster with its derived desk status and instrument. The case that counts is the live
     * one, else the latest; a cluster's cases are those pointing at it and those holding its reports.
     * Case statuses (nl.hartslag.workorder.WorkOrderStatus for work orders): OPEN and UNDERWAY are
     * with the team; NOT_FOR_US is a work order the team gave back, so the problem needs the
     * coordinator again: 'new', and live whatever its age.
     */
    private static final String DERIVED = """
            select c.id, c.status, c.category_code, c.first_report_at, c.last_report_at, c.report_count,
                   c.household_count, c.anonymous_count, c.street, c.place_name, c.lat, c.lon, c.merged_into,
                   k.id as case_id, k.number as case_number, k.type as case_type, k.status as case_status,
                   coalesce(k.type, rd.instrument) as instrument_type,
                   case when c.status = 'CLOSED' then 'closed'
                        when esc.pending or (k.type = 'ESCALATION' and k.status = 'OPEN') then 'escalated'
                        when k.status in ('OPEN', 'UNDERWAY') then 'with-team'
                        when k.status = 'NOT_FOR_US' then 'new'
                        when k.id is not null then 'closed'
                        else 'new' end as desk_status,
                   coalesce(
                       (select p.neighbourhood from named_place p where lower(p.name) = lower(c.place_name) limit 1),
                       (select s.neighbourhood from street_segment s where lower(s.street) = lower(c.street)
                        order by (s.lat - c.lat) ^ 2 + (s.lon - c.lon) ^ 2 nulls last, s.id limit 1)) as neighbourhood
            from cluster c
            left join lateral (
                select f.id, f.number, f.type, f.status from case_file f
                where f.id in (select x.id from case_file x where x.cluster_id = c.id
                               union
                               select cr.case_id from report r join case_report cr on cr.report_id = r.id
                               where r.cluster_id = c.id)
                order by (f.status in ('OPEN', 'UNDERWAY', 'NOT_FOR_US')) desc, f.created_at desc limit 1) k on true
            left join lateral (
                select true as pending from escalation_proposal e
                where e.cluster_id = c.id and e.status in ('PROPOSED', 'ON_AGENDA') limit 1) esc on true
            left join lateral (
                select d.instrument from routing_decision d join report r on r.id = d.report_id
                where r.cluster_id = c.id order by d.id desc limit 1) rd on true
            /*scope*/
            """;

    /** Open and active in the last 30 days, or with a team or escalated whatever their age. */
    private static final String LIVE = "(d.last_report_at >= now() - make_interval(days => "
            + ClusterService.LIVE_DAYS + ") or d.desk_status in ('with-team', 'escalated')"
            + " or d.case_status = 'NOT_FOR_US')";

    /**
     * The live scope on the cluster table itself, before anything is derived: open clusters active
     * in the last 30 days or with open case work (a hashed set, computed once). Only these can be
     * live, so a year of history costs nothing per request.
     */
    private static final String LIVE_CANDIDATES = " where c.status = 'OPEN' and (c.last_report_at >= now()"
            + " - make_interval(days => " + ClusterService.LIVE_DAYS + ") or c.id in ("
            + " select f.cluster_id from case_file f where f.status in ('OPEN', 'UNDERWAY', 'NOT_FOR_US')"
            + "       and f.cluster_id is not null"
            + " union select r.cluster_id from case_file f join case_report cr on cr.case_id = f.id"
            + "       join report r on r.id = cr.report_id where f.status in ('OPEN', 'UNDERWAY', 'NOT_FOR_US')"
            + "       and r.cluster_id is not null"
            + " union select e.cluster_id from escalation_proposal e where e.status in ('PROPOSED', 'ON_AGENDA')))";

    /** Only these can be closed on the desk: merged ones, and those with case work (all done, as derived). */
    private static final String CLOSED_CANDIDATES = " where c.status = 'CLOSED' or c.id in ("
            + " select f.cluster_id from case_file f where f.cluster_id is not null"
            + " union select r.cluster_id from case_file f join case_report cr on cr.case_id = f.id"
            + "       join report r on r.id = cr.report_id where r.cluster_id is not null)";

    private final DatabaseClient db;

    DeskRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<PageRows> page(Filter filter, ClusterDesk.Sort sort, boolean ascending, int page, int size) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> binds = new java.util.HashMap<>();
        if (filter.id() != null) {
            where.append(" and d.id = :id");
            binds.put("id", filter.id());
        } else if (filter.status() == null) {
            where.append(" and d.desk_status <> 'closed' and ").append(LIVE);
        } else if ("closed".equals(filter.status())) {
            where.append(" and d.desk_status = 'closed'");
        } else {
            where.append(" and d.desk_status = :status and ").append(LIVE);
            binds.put("status", filter.status());
        }
        if (filter.kind() != null) {
            where.append(" and d.category_code = :kind");
            binds.put("kind", filter.kind());
        }
        if (filter.instrument() != null) {
            if ("NONE".equals(filter.instrument())) {
                where.append(" and d.instrument_type is null");
            } else {
                where.append(" and d.instrument_type = :instrument");
                binds.put("instrument", filter.instrument());
            }
        }
        if (filter.neighbourhood() != null) {
            where.append(" and lower(d.neighbourhood) = lower(:neighbourhood)");
            binds.put("neighbourhood", filter.neighbourhood());
        }
        if (filter.scope() != null && !filter.scope().isEmpty()) {
            // A coordinator's neighbourhoods (issue 16); a problem whose neighbourhood is unknown stays visible.
            where.append(" and (d.neighbourhood is null or d.neighbourhood = any(:scope))");
            binds.put("scope", filter.scope().toArray(String[]::new));
        }
        if (filter.q() != null) {
            where.append(" and (d.street ilike :q escape '\\' or d.place_name ilike :q escape '\\'"
                    + " or exists (select 1 from category cat where cat.code = d.category_code"
                    + "            and (cat.label_nl ilike :q escape '\\' or cat.label_en ilike :q escape '\\'))"
                    + " or exists (select 1 from report r where r.cluster_id = d.id"
                    + "            and (r.description ilike :q escape '\\' or r.reference ilike :q escape '\\')))");
            binds.put("q", "%" + filter.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        String direction = ascending ? " asc nulls last" : " desc nulls last";
        String scope = filter.id() != null ? " where c.id = :id"
                : "closed".equals(filter.status()) ? CLOSED_CANDIDATES : LIVE_CANDIDATES;
        String sql = "select d.*, count(*) over () as total from (" + DERIVED.replace("/*scope*/", scope) + ") d"
                + where
                + " order by " + SORT_COLUMNS.get(sort) + direction + ", d.last_report_at desc, d.id"
                + " limit :limit offset :offset";
        GenericExecuteSpec spec = db.sql(sql).bind("limit", size).bind("offset", (long) page * size);
        for (Map.Entry<String, Object> b : binds.entrySet()) {
            spec = spec.bind(b.getKey(), b.getValue());
        }
        long[] total = { -1 };
        return spec.map(row -> {
            total[0] = row.get("total", Long.class);
            return itemRow(row);
        }).all().collectList().flatMap(items -> {
            if (!items.isEmpty() || page == 0) {
                return Mono.just(new PageRows(items, Math.max(total[0], 0)));
            }
            // Past the end: the total still counts every match.
            return count(filter).map(n -> new PageRows(items, n));
        });
    }

    private Mono<Long> count(Filter filter) {
        return page(filter, ClusterDesk.Sort.LAST_REPORT, false, 0, 1).map(PageRows::total);
    }

    /** The latest counts and desk status of these clusters. */
    Flux<CountsRow> counts(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("select d.* from (" + DERIVED.replace("/*scope*/", " where c.id = any(:ids)") + ") d")
                .bind("ids", ids.toArray(new UUID[0]))
                .map(row -> new CountsRow(row.get("id", UUID.class), intOf(row, "report_count"),
                        intOf(row, "household_count"), intOf(row, "anonymous_count"), instant(row, "last_report_at"),
                        row.get("desk_status", String.class), row.get("instrument_type", String.class)))
                .all();
    }

    /** Photo URLs of the cluster's reports, by reference, in their order. */
    Flux<Map.Entry<String, String>> photos(UUID clusterId) {
        return db.sql("""
                select r.reference,
                       -- A photo uploaded with the report is served by the staff API (n counts from 1).
                       coalesce(p.url, '/api/v1/staff/reports/' || r.reference || '/photos/' || (p.position + 1)) as url
                  from report_photo p join report r on r.id = p.report_id
                 where r.cluster_id = :id
                 order by r.reference, p.position
                """)
                .bind("id", clusterId)
                .map(row -> Map.entry(row.get("reference", String.class), row.get("url", String.class)))
                .all();
    }

    /** Problems marked "not one problem" with this one. */
    Flux<UUID> apart(UUID clusterId) {
        return db.sql("""
                select distinct case when from_cluster = :id then to_cluster else from_cluster end as other
                  from cluster_correction
                 where kind = 'APART' and (from_cluster = :id or to_cluster = :id)
                """)
                .bind("id", clusterId).map(row -> row.get("other", UUID.class)).all();
    }

    /** Whether the two problems, or what they were merged into, were marked "not one problem". */
    Mono<Boolean> markedApart(UUID a, UUID b) {
        return db.sql("""
                with recursive family(id, root) as (
                    select id, id from cluster where id in (:a, :b)
                    union
                    select c.id, f.root from cluster c join family f on c.merged_into = f.id
                )
                select exists (
                    select 1 from cluster_correction x
                    join family fa on fa.id = x.from_cluster join family fb on fb.id = x.to_cluster
                    where x.kind = 'APART' and fa.root <> fb.root) as apart""")
                .bind("a", a).bind("b", b).map(row -> Boolean.TRUE.equals(row.get("apart", Boolean.class))).one();
    }

    /** The journal's and the status events' newest numbers: where a new stream starts. */
    Mono<long[]> positions() {
        return db.sql("""
                select coalesce(greatest((select max(seq) from cluster_match),
                                         (select max(seq) from cluster_correction)), 0) as journal,
                       coalesce((select max(seq) from cluster_status_event), 0) as status
                """)
                .map(row -> new long[] { row.get("journal", Long.class), row.get("status", Long.class) }).one();
    }

    /** Journal rows after {@code journal}, in order. */
    Flux<ChangeRow> journalAfter(long journal) {
        return db.sql("""
                select seq, 'MATCH' as kind, null::uuid as from_cluster, cluster_id as to_cluster
                  from cluster_match where seq > :p
                union all
                select seq, kind, from_cluster, to_cluster from cluster_correction where seq > :p
                 order by seq
                """).bind("p", journal)
                .map(row -> new ChangeRow(row.get("seq", Long.class), row.get("kind", String.class),
                        row.get("from_cluster", UUID.class), row.get("to_cluster", UUID.class)))
                .all();
    }

    /** Status events after {@code status}, in order. */
    Flux<ChangeRow> statusAfter(long status) {
        return db.sql("select seq, cluster_id from cluster_status_event where seq > :p order by seq")
                .bind("p", status)
                .map(row -> new ChangeRow(row.get("seq", Long.class), "STATUS", null,
                        row.get("cluster_id", UUID.class)))
                .all();
    }

    private static ItemRow itemRow(Readable row) {
        return new ItemRow(row.get("id", UUID.class), row.get("desk_status", String.class),
                row.get("category_code", String.class), row.get("street", String.class),
                row.get("place_name", String.class), row.get("neighbourhood", String.class),
                row.get("lat", Double.class), row.get("lon", Double.class), intOf(row, "report_count"),
                intOf(row, "household_count"), intOf(row, "anonymous_count"), instant(row, "first_report_at"),
                instant(row, "last_report_at"), row.get("instrument_type", String.class),
                row.get("case_id", UUID.class), row.get("case_number", Integer.class),
                row.get("case_status", String.class), row.get("merged_into", UUID.class));
    }

    private static int intOf(Readable row, String column) {
        Integer v = row.get(column, Integer.class);
        return v == null ? 0 : v;
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
