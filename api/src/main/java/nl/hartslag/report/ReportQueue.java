package nl.hartslag.report;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Service;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

/**
 * The coordinators' report queue: reports searched, filtered, sorted and paged in PostgreSQL, each
 * with its problem (cluster id and size, for the badge) and where it was last routed. Read only.
 */
@Service
public class ReportQueue {

    /** What the queue can be sorted by. */
    public enum Sort {
        RECEIVED("received", "r.received_at"), STATUS("status", "r.status"), CATEGORY("category", "r.category_code");

        private final String param;
        private final String column;

        Sort(String param, String column) {
            this.param = param;
            this.column = column;
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

    /** Validated; nulls mean "any". */
    public record Query(int page, int size, Sort sort, boolean ascending, String q, ReportStatus status,
            String category) {
    }

    /** A report in the queue: as coordinators see it (no contact, no photos), its problem and its routing. */
    public record Item(StaffView report, UUID clusterId, Integer clusterReports, String routing) {
    }

    public record Page(List<Item> items, long total) {
    }

    private final DatabaseClient db;

    ReportQueue(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Page> page(Query query) {
        return page(query, java.util.Set.of());
    }

    /**
     * The page as a coordinator scoped to {@code neighbourhoods} sees it (empty: every neighbourhood).
     * Reports whose place nobody told us (no neighbourhood) stay in every coordinator's queue, so
     * that none is left unseen.
     */
    public Mono<Page> page(Query query, java.util.Set<String> neighbourhoods) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> binds = new HashMap<>();
        if (!neighbourhoods.isEmpty()) {
            where.append(" and (r.neighbourhood is null or r.neighbourhood = any(:neighbourhoods))");
            binds.put("neighbourhoods", neighbourhoods.toArray(String[]::new));
        }
        if (query.status() != null) {
            where.append(" and r.status = :status");
            binds.put("status", query.status().name());
        }
        if (query.category() != null) {
            where.append(" and r.category_code = :category");
            binds.put("category", query.category());
        }
        if (query.q() != null) {
            where.append(" and (r.reference ilike :q escape '\\' or r.description ilike :q escape '\\'"
                    + " or r.street ilike :q escape '\\' or r.problem_street ilike :q escape '\\'"
                    + " or r.problem_place_name ilike :q escape '\\')");
            binds.put("q", "%" + query.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        String sql = "select r.reference, r.category_code, r.status, r.description, r.channel, r.lat, r.lon,"
                + " r.street, r.house_number, r.occurred_at, r.received_at, r.language, r.place_known,"
                + " r.speech_confidence, r.cluster_id, c.report_count as cluster_reports, rd.instrument,"
                + " count(*) over () as total"
                + " from report r left join cluster c on c.id = r.cluster_id"
                // Routing is case work's: its latest decision for the report, read for the label only.
                + " left join lateral (select d.instrument from routing_decision d where d.report_id = r.id"
                + "                    order by d.id desc limit 1) rd on true"
                + where
                + " order by " + query.sort().column + (query.ascending() ? " asc" : " desc")
                + ", r.received_at desc, r.id limit :limit offset :offset";
        GenericExecuteSpec spec = db.sql(sql).bind("limit", query.size()).bind("offset", (long) query.page() * query.size());
        for (Map.Entry<String, Object> b : binds.entrySet()) {
            spec = spec.bind(b.getKey(), b.getValue());
        }
        long[] total = { 0 };
        return spec.map(row -> {
            total[0] = row.get("total", Long.class);
            return item(row);
        }).all().collectList().flatMap(items -> items.isEmpty() && query.page() > 0
                // Past the end: the total still counts every match.
                ? page(new Query(0, 1, query.sort(), query.ascending(), query.q(), query.status(), query.category()),
                        neighbourhoods)
                        .map(first -> new Page(List.of(), first.total()))
                : Mono.just(new Page(items, total[0])));
    }

    private static Item item(Readable row) {
        StaffView view = new StaffView(new Reference(row.get("reference", String.class)),
                row.get("category_code", String.class), ReportStatus.valueOf(row.get("status", String.class)),
                row.get("description", String.class),
                Channel.valueOf(row.get("channel", String.class).toUpperCase(Locale.ROOT)),
                row.get("lat", Double.class), row.get("lon", Double.class), row.get("street", String.class),
                row.get("house_number", String.class), instant(row, "occurred_at"), instant(row, "received_at"),
                row.get("language", String.class), Optional.empty(),
                Boolean.TRUE.equals(row.get("place_known", Boolean.class)), row.get("speech_confidence", Float.class),
                List.of());
        return new Item(view, row.get("cluster_id", UUID.class), row.get("cluster_reports", Integer.class),
                row.get("instrument", String.class));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
