package nl.hartslag.norms;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

/**
 * The deadlines the staff views show, read straight from the tables (the {@code report_timing} view
 * for a report's first response, {@code case_file} for cases), so a view only carries a
 * {@link Deadline} and needs no norms of its own. The "te laat" list uses the same rules ({@link LateList}).
 */
@Service
public class Deadlines {

    /** Where a work order's clock starts: when it was opened, or last sent (back) to the team. */
    static final String CASE_OPENED_AT = """
            coalesce((select max(e.occurred_at) from work_order_event e
                       where e.case_id = c.id and e.to_status = 'OPEN'), c.created_at)""";

    /** Whether a case still has to be handled: a work order not yet done, a mediation without an outcome. */
    static final String CASE_OPEN = "c.status not in ('DONE', 'CLOSED')";

    private final DatabaseClient db;
    private final HandlingNorms norms;

    Deadlines(DatabaseClient db, HandlingNorms norms) {
        this.db = db;
        this.norms = norms;
    }

    /** The deadlines of reports by reference (references not found are left out). */
    public Mono<Map<String, Deadline>> ofReports(Collection<String> references, Instant now) {
        if (references.isEmpty()) {
            return Mono.just(Map.of());
        }
        return norms.all().flatMap(known -> db.sql("""
                select r.reference, r.category_code, r.status, t.received_at, t.first_response_at
                  from report r join report_timing t on t.report_id = r.id
                 where r.reference = any(:refs)""")
                .bind("refs", references.toArray(String[]::new))
                .map(row -> Map.<String, Deadline>entry(row.get("reference", String.class), Deadline.ofReport(
                        norm(known, row.get("category_code", String.class)), instant(row, "received_at"),
                        instant(row, "first_response_at"), isOpenReport(row.get("status", String.class)), now)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new));
    }

    /** One report's deadlines ({@link Deadline#NONE} when there is no such report). */
    public Mono<Deadline> ofReport(String reference, Instant now) {
        return ofReports(java.util.List.of(reference), now)
                .map(found -> found.getOrDefault(reference, Deadline.NONE));
    }

    /**
     * A work order's or mediation case's deadline: the resolution norm of the case's category, counted
     * from when it was opened (a work order: from when it was last sent to the team, so a work order
     * reopened by a resident or given back by the coordinator gets the norm again). {@link Deadline#NONE}
     * for an escalation or an unknown case.
     */
    public Mono<Deadline> ofCase(UUID caseId, Instant now) {
        return norms.all().flatMap(known -> db.sql("select c.category_code, " + CASE_OPEN + " as open, "
                + CASE_OPENED_AT + " as opened_at from case_file c"
                + " where c.id = :id and c.type in ('WORK_ORDER', 'MEDIATION')")
                .bind("id", caseId)
                .map(row -> Deadline.ofCase(norm(known, row.get("category_code", String.class)),
                        instant(row, "opened_at"), Boolean.TRUE.equals(row.get("open", Boolean.class)), now))
                .one())
                .defaultIfEmpty(Deadline.NONE);
    }

    static HandlingNorm norm(Map<String, HandlingNorm> known, String category) {
        return known.getOrDefault(category, HandlingNorm.fallback(category));
    }

    static boolean isOpenReport(String status) {
        return !"RESOLVED".equals(status) && !"CLOSED".equals(status);
    }

    static Instant instant(Readable row, String column) {
        OffsetDateTime at = row.get(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
