package nl.hartslag.routing;

import static nl.hartslag.db.SqlParams.nullable;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import nl.hartslag.casework.CaseRepository;
import nl.hartslag.casework.CaseStatus;
import nl.hartslag.casework.CaseType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Routing's SQL: the rules, the decisions, the locks that keep one routing per report and one work
 * order per problem, and the open work order of a problem a new report joins. Cases themselves are
 * the kernel's ({@link CaseRepository}). Transactions are the services' business.
 */
@Repository
class RoutingRepository {

    record Rule(String categoryCode, Instrument instrument, boolean informPolice, String updatedBy, Instant updatedAt) {
    }

    record Decision(long id, UUID reportId, Instrument instrument, boolean informPolice, UUID caseId, String decidedBy,
            String reason, Instant decidedAt) {
    }

    private final DatabaseClient db;

    RoutingRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Every rule, also of categories no longer offered (for {@link RoutingRules}). */
    Flux<Rule> allRules() {
        return db.sql("select * from routing_rule").map(row -> rule(row)).all();
    }

    /** Wakes every instance's {@link RoutingRules}; delivered only if (and when) the transaction commits. */
    Mono<Void> announceRuleChange(String categoryCode) {
        return db.sql("select pg_notify(:channel, :payload)").bind("channel", RoutingRules.CHANNEL)
                .bind("payload", categoryCode).then();
    }

    Flux<Rule> rules() {
        return db.sql("select r.* from routing_rule r join category c on c.code = r.category_code order by c.sort_order")
                .map(row -> rule(row)).all();
    }

    Mono<Rule> saveRule(String categoryCode, Instrument instrument, boolean informPolice, String by) {
        return db.sql("""
                insert into routing_rule (category_code, instrument, inform_police, updated_by)
                values (:c, :i, :p, :by)
                on conflict (category_code) do update
                   set instrument = excluded.instrument, inform_police = excluded.inform_police,
                       updated_by = excluded.updated_by, updated_at = now()
                returning *
                """)
                .bind("c", categoryCode).bind("i", instrument.name()).bind("p", informPolice).bind("by", by)
                .map(row -> rule(row)).one();
    }

    Mono<Void> insertDecision(UUID reportId, Instrument instrument, boolean informPolice, UUID caseId, String by,
            String reason) {
        return db.sql("""
                insert into routing_decision (report_id, instrument, inform_police, case_id, decided_by, reason)
                values (:r, :i, :p, :case, :by, :reason)
                """)
                .bind("r", reportId).bind("i", instrument.name()).bind("p", informPolice)
                .bind("case", nullable(caseId, UUID.class)).bind("by", by)
                .bind("reason", nullable(reason, String.class))
                .then();
    }

    Flux<Decision> decisions(UUID reportId) {
        return db.sql("select * from routing_decision where report_id = :r order by id").bind("r", reportId)
                .map(row -> new Decision(row.get("id", Long.class), row.get("report_id", UUID.class),
                        Instrument.valueOf(row.get("instrument", String.class)),
                        Boolean.TRUE.equals(row.get("inform_police", Boolean.class)), row.get("case_id", UUID.class),
                        row.get("decided_by", String.class), row.get("reason", String.class),
                        CaseRepository.instant(row, "decided_at")))
                .all();
    }

    /** Reports nobody routed yet (a crash between intake and routing), oldest first. */
    Flux<UUID> unroutedReports(Instant since) {
        return db.sql("""
                select r.id from report r
                 where r.received_at >= :since
                   and not exists (select 1 from routing_decision d where d.report_id = r.id)
                 order by r.received_at
                """)
                .bind("since", since.atOffset(ZoneOffset.UTC)).map(row -> row.get("id", UUID.class)).all();
    }

    Mono<UUID> clusterOf(UUID reportId) {
        return db.sql("select cluster_id from report where id = :r and cluster_id is not null").bind("r", reportId)
                .map(row -> row.get("cluster_id", UUID.class)).one();
    }

    Mono<Void> lockReport(UUID reportId) {
        return db.sql("select pg_advisory_xact_lock(hashtextextended(:r, 11))").bind("r", reportId.toString()).then();
    }

    /** Serialises routing of one cluster's reports, so two reports of one problem make one work order. */
    Mono<Void> lockCluster(UUID clusterId) {
        return db.sql("select pg_advisory_xact_lock(hashtextextended(:c, 7))").bind("c", clusterId.toString()).then();
    }

    /**
     * The open work order of a problem, which a new report of it joins: also when the WOP is on its way
     * or gave it back to the coordinator (the coordinator then sees the new report with it).
     */
    Mono<CaseRepository.CaseRow> openWorkOrderOfCluster(UUID clusterId) {
        return db.sql("""
                select %s from case_file
                 where type = :t and status = any(:open) and cluster_id = :c
                 order by created_at
                 limit 1
                """.formatted(CaseRepository.CASE_COLUMNS)).bind("t", CaseType.WORK_ORDER.name())
                .bind("open", CaseStatus.STORED_WHILE_OPEN.toArray(String[]::new)).bind("c", clusterId)
                .map(row -> CaseRepository.caseRow(row)).one();
    }

    private static Rule rule(Readable row) {
        return new Rule(row.get("category_code", String.class), Instrument.valueOf(row.get("instrument", String.class)),
                Boolean.TRUE.equals(row.get("inform_police", Boolean.class)), row.get("updated_by", String.class),
                CaseRepository.instant(row, "updated_at"));
    }
}
