package nl.hartslag.norms;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * The "te laat" list: every open report past its response norm (no first response yet) or its
 * resolution norm, every open work order and mediation case past its deadline; the deadline that
 * passed longest ago first. Only what and where (reference, category, street, neighbourhood), never
 * who reported it. A coordinator with neighbourhoods in {@code staff_neighbourhood} sees only those.
 */
@Service
public class LateList {

    /** What kind of thing is late. */
    public enum Kind {
        REPORT, WORK_ORDER, MEDIATION
    }

    /**
     * One late item: {@code reference} is a report's reference or a case's number; {@code clusterId}
     * the problem it belongs to (for the link), {@code caseId} the case (null for a report).
     */
    public record Item(Kind kind, String reference, UUID caseId, UUID clusterId, String categoryCode, String street,
            String neighbourhood, Deadline deadline) {
    }

    /**
     * The neighbourhoods the account is scoped to, as a condition on {@code X.neighbourhood}: no
     * rows for the account means every neighbourhood.
     */
    private static final String SCOPE = """
            (not exists (select 1 from staff_neighbourhood sn join staff_account a on a.id = sn.staff_account_id
                          where lower(a.username) = lower(:user))
             or %s in (select sn.neighbourhood from staff_neighbourhood sn
                         join staff_account a on a.id = sn.staff_account_id where lower(a.username) = lower(:user)))""";

    // Candidates only: a deadline is never sooner than its number of days after the start, so anything
    // younger cannot be late (one day of slack for the local day and summer time); Java decides exactly.
    private static final String REPORTS = """
            select r.reference, r.cluster_id, r.category_code, r.street, r.neighbourhood,
                   t.received_at, t.first_response_at
              from report r
              join report_timing t on t.report_id = r.id
              left join handling_norm n on n.category_code = r.category_code
             where r.status not in ('RESOLVED', 'CLOSED')
               and t.received_at < :now - make_interval(days => case when t.first_response_at is null
                       then coalesce(n.response_days, 5) else coalesce(n.resolution_days, 20) end) + interval '1 day'
               and """ + SCOPE.formatted("r.neighbourhood");

    private static final String CASES = """
            select c.id, c.number, c.type, c.cluster_id, c.category_code, c.street, c.neighbourhood,
                   %s as opened_at
              from case_file c
              left join handling_norm n on n.category_code = c.category_code
             where c.type in ('WORK_ORDER', 'MEDIATION') and %s
               and c.created_at < :now - make_interval(days => coalesce(n.resolution_days, 20)) + interval '1 day'
               and %s""".formatted(Deadlines.CASE_OPENED_AT, Deadlines.CASE_OPEN, SCOPE.formatted("c.neighbourhood"));

    private final DatabaseClient db;
    private final HandlingNorms norms;

    LateList(DatabaseClient db, HandlingNorms norms) {
        this.db = db;
        this.norms = norms;
    }

    /** What is late at {@code now} for the account {@code username}, longest overdue first. */
    public Mono<List<Item>> at(Instant now, String username) {
        return norms.all().flatMap(known -> reports(known, now, username)
                .concatWith(cases(known, now, username))
                .filter(item -> !item.deadline().late().isEmpty())
                .sort(Comparator.comparing((Item i) -> i.deadline().lateSince()).thenComparing(Item::reference))
                .collectList());
    }

    private reactor.core.publisher.Flux<Item> reports(Map<String, HandlingNorm> known, Instant now, String user) {
        return db.sql(REPORTS).bind("now", now.atOffset(ZoneOffset.UTC)).bind("user", user)
                .map(row -> {
                    String category = row.get("category_code", String.class);
                    return new Item(Kind.REPORT, row.get("reference", String.class), null,
                            row.get("cluster_id", UUID.class), category, row.get("street", String.class),
                            row.get("neighbourhood", String.class),
                            Deadline.ofReport(Deadlines.norm(known, category), Deadlines.instant(row, "received_at"),
                                    Deadlines.instant(row, "first_response_at"), true, now));
                })
                .all();
    }

    private reactor.core.publisher.Flux<Item> cases(Map<String, HandlingNorm> known, Instant now, String user) {
        return db.sql(CASES).bind("now", now.atOffset(ZoneOffset.UTC)).bind("user", user)
                .map(row -> {
                    String category = row.get("category_code", String.class);
                    return new Item(Kind.valueOf(row.get("type", String.class)),
                            String.valueOf(row.get("number", Integer.class)), row.get("id", UUID.class),
                            row.get("cluster_id", UUID.class), category, row.get("street", String.class),
                            row.get("neighbourhood", String.class),
                            Deadline.ofCase(Deadlines.norm(known, category), Deadlines.instant(row, "opened_at"),
                                    true, now));
                })
                .all();
    }
}
