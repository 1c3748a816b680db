package nl.hartslag.casework;

import static nl.hartslag.db.SqlParams.nullable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The case kernel's SQL: {@code case_file} and {@code case_report} as every instrument reads them
 * (a case, its reports, what they say, the cases of a report), and the few writes every instrument
 * shares (a new case, a report joining or leaving it, a case left empty closing). What is particular
 * to an instrument lives in its own repository ({@code routing.RoutingRepository},
 * {@code mediation.MediationRepository}, the work orders' and escalations' own). Reads the report
 * table for what residents said; changes reports only through the report feature. Transactions are
 * the services' business.
 */
@Repository
public class CaseRepository {

    /**
     * A case as every instrument sees it. {@code caseStatus} is its lifecycle state (a work order's
     * own states read as OPEN; {@code workorder} reads them itself).
     */
    public record CaseRow(UUID id, int number, CaseType type, CaseStatus caseStatus, String categoryCode,
            String street, UUID clusterId, boolean informPolice, Outcome outcome, String closingNote,
            String donePhotoUrl, Instant createdAt, Instant closedAt, String closedBy) {

        public boolean open() {
            return caseStatus.isOpen();
        }
    }

    /**
     * What a case's reports say, for the people acting on it: never who said it. The house number
     * is one the words gave for the problem (V17), never the number a reporter typed (often their home).
     */
    public record ReportLine(UUID reportId, String reference, String description, String houseNumber,
            Instant receivedAt, List<String> photoUrls) {
    }

    /** The columns {@link #caseRow(Readable)} reads, for queries of {@code case_file} alone. */
    public static final String CASE_COLUMNS = """
            id, number, type, status, step, category_code, street, cluster_id, inform_police, outcome, \
            closing_note, done_photo_url, created_at, closed_at, closed_by""";
    /** The same columns of {@code case_file c}, for queries that join it. */
    public static final String C_CASE_COLUMNS = """
            c.id, c.number, c.type, c.status, c.step, c.category_code, c.street, c.cluster_id, c.inform_police, \
            c.outcome, c.closing_note, c.done_photo_url, c.created_at, c.closed_at, c.closed_by""";

    private final DatabaseClient db;

    CaseRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A new open case; {@code step} is the instrument's own first step (a mediation's), or null. */
    public Mono<Integer> insertCase(UUID id, CaseType type, String step, String categoryCode, String street,
            UUID clusterId, boolean informPolice) {
        return db.sql("""
                insert into case_file (id, type, status, step, category_code, street, cluster_id, inform_police,
                                       neighbourhood)
                values (:id, :type, :status, :step, :category, :street, :cluster, :police,
                        (select r.neighbourhood from report r where r.cluster_id = :cluster
                          order by r.received_at limit 1))
                returning number
                """)
                .bind("id", id).bind("type", type.name()).bind("status", CaseStatus.OPEN.name())
                .bind("step", nullable(step, String.class)).bind("category", categoryCode)
                .bind("street", nullable(street, String.class)).bind("cluster", nullable(clusterId, UUID.class))
                .bind("police", informPolice)
                .map(row -> row.get("number", Integer.class)).one();
    }

    public Mono<Void> attach(UUID caseId, UUID reportId) {
        // A case opened without a neighbourhood takes its first report's (issue 16).
        return db.sql("""
                with attached as (
                    insert into case_report (case_id, report_id) values (:c, :r) on conflict do nothing)
                update case_file c set neighbourhood = r.neighbourhood
                  from report r
                 where c.id = :c and r.id = :r and c.neighbourhood is null and r.neighbourhood is not null
                """).bind("c", caseId).bind("r", reportId).then();
    }

    public Mono<Void> detach(UUID caseId, UUID reportId) {
        return db.sql("delete from case_report where case_id = :c and report_id = :r").bind("c", caseId)
                .bind("r", reportId).then();
    }

    /**
     * A case whose last report left it (routed elsewhere, split off): nothing left to do. A mediation's
     * step closes with it (the mediation's table lets any open step be withdrawn this way).
     */
    public Mono<Void> closeEmpty(UUID caseId, String by) {
        return db.sql("""
                update case_file
                   set status = :closed, step = case when type = 'MEDIATION' then :closed end,
                       closed_at = now(), closed_by = :by, updated_at = now()
                 where id = :id
                """)
                .bind("closed", CaseStatus.CLOSED.name()).bind("by", by).bind("id", caseId).then();
    }

    public Flux<CaseRow> casesOfReport(UUID reportId) {
        return db.sql("""
                select %s
                  from case_file c join case_report cr on cr.case_id = c.id
                 where cr.report_id = :r
                 order by c.created_at
                """.formatted(C_CASE_COLUMNS)).bind("r", reportId).map(row -> caseRow(row)).all();
    }

    public Mono<CaseRow> caseRow(UUID id) {
        return db.sql("select " + CASE_COLUMNS + " from case_file where id = :id").bind("id", id)
                .map(row -> caseRow(row)).one();
    }

    /** The case, locked until the transaction ends: offers, answers and outcomes on one case queue up. */
    public Mono<CaseRow> lockCase(UUID id) {
        return db.sql("select " + CASE_COLUMNS + " from case_file where id = :id for update").bind("id", id)
                .map(row -> caseRow(row)).one();
    }

    public Flux<UUID> reportsOfCase(UUID caseId) {
        return db.sql("select report_id from case_report where case_id = :c order by added_at").bind("c", caseId)
                .map(row -> row.get("report_id", UUID.class)).all();
    }

    public Flux<ReportLine> reportLines(UUID caseId) {
        return db.sql("""
                select r.id, r.reference, r.description, r.problem_house_number::text as house_number, r.received_at,
                       -- A photo uploaded with the report is served by the staff API (n counts from 1).
                       coalesce((select array_agg(coalesce(p.url, '/api/v1/staff/reports/' || r.reference || '/photos/'
                                                           || (p.position + 1)) order by p.position) from report_photo p
                                  where p.report_id = r.id), '{}') as photos
                  from case_report cr join report r on r.id = cr.report_id
                 where cr.case_id = :c
                 order by r.received_at
                """).bind("c", caseId)
                .map(row -> new ReportLine(row.get("id", UUID.class), row.get("reference", String.class),
                        row.get("description", String.class), row.get("house_number", String.class),
                        instant(row, "received_at"), List.of(row.get("photos", String[].class))))
                .all();
    }

    public Flux<CaseRow> openCases(CaseType type) {
        return db.sql("""
                select %s from case_file
                 where type = :t and status = any(:open)
                 order by created_at
                """.formatted(CASE_COLUMNS)).bind("t", type.name())
                .bind("open", CaseStatus.STORED_WHILE_OPEN.toArray(String[]::new))
                .map(row -> caseRow(row)).all();
    }

    // --- mapping

    /** A row of {@code case_file} (at least {@link #CASE_COLUMNS}) as the kernel's case. */
    public static CaseRow caseRow(Readable row) {
        String outcome = row.get("outcome", String.class);
        return new CaseRow(row.get("id", UUID.class), row.get("number", Integer.class),
                CaseType.valueOf(row.get("type", String.class)), CaseStatus.of(row.get("status", String.class)),
                row.get("category_code", String.class), row.get("street", String.class),
                row.get("cluster_id", UUID.class), Boolean.TRUE.equals(row.get("inform_police", Boolean.class)),
                outcome == null ? null : Outcome.valueOf(outcome), row.get("closing_note", String.class),
                row.get("done_photo_url", String.class), instant(row, "created_at"), instant(row, "closed_at"),
                row.get("closed_by", String.class));
    }

    public static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
