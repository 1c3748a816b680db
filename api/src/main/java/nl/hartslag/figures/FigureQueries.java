package nl.hartslag.figures;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Flux;

/**
 * The figures' reads, straight from the other features' tables (V33 contract): one query per source
 * over the whole period, bucketed in Java, so a year of weeks is still one query per table. Every query
 * takes the scope as {@code :all} (no neighbourhood filter) or {@code :names} (these neighbourhoods).
 */
@Repository
class FigureQueries {

    /** A report with what the figures need of it; timings from the {@code report_timing} view (V33). */
    record ReportRow(UUID id, Instant received, String category, String channel, String neighbourhood,
            String household, Instant firstResponse, Instant resolved, Boolean readKindWord, String problemSource) {
    }

    record MediationRow(Instant created, Instant closed, String outcome, String reached) {
    }

    record WorkOrderRow(Instant created, Instant done) {
    }

    record ProposalRow(Instant proposed, String status, Instant decided) {
    }

    record ActionRow(LocalDate due, Instant done) {
    }

    record VisitRow(LocalDate visited, String household, UUID report) {
    }

    record NotificationRow(Instant created, String channel, String status) {
    }

    record FeedbackRow(Instant answered, boolean satisfied) {
    }

    record DayCount(String municipality, LocalDate day, long reports) {
    }

    /** The scope of a request: every report ({@code all}) or those of the named neighbourhoods. */
    record Scope(boolean all, List<String> names) {
        Scope {
            names = List.copyOf(names);
        }

        String[] array() {
            return names.toArray(new String[0]);
        }
    }

    private final DatabaseClient db;

    FigureQueries(DatabaseClient db) {
        this.db = db;
    }

    Flux<Neighbourhood> neighbourhoods() {
        return db.sql("select name, municipality, residents, households from neighbourhood order by name")
                .map(row -> new Neighbourhood(row.get("name", String.class), row.get("municipality", String.class),
                        row.get("residents", Integer.class), row.get("households", Integer.class)))
                .all();
    }

    /** The neighbourhoods a staff member is limited to (V33 staff_neighbourhood); none = all of them. */
    Flux<String> scopeOf(String username) {
        return db.sql("""
                select sn.neighbourhood from staff_neighbourhood sn
                  join staff_account a on a.id = sn.staff_account_id
                 where lower(a.username) = lower(:username)
                 order by sn.neighbourhood
                """).bind("username", username).map(row -> row.get("neighbourhood", String.class)).all();
    }

    /**
     * Reports received from {@code since} to {@code end}, plus older ones still open at some point after
     * {@code start} (for the late work at the end of each period).
     */
    Flux<ReportRow> reports(Scope scope, Instant since, Instant start, Instant end) {
        return db.sql("""
                select r.id, r.received_at, r.category_code, r.channel, r.neighbourhood,
                       household_key(rc.phone_hash, rc.email_hash, r.channel, r.street, r.house_number) as household,
                       t.first_response_at, t.resolved_at, r.read_kind_word, r.problem_source
                  from report r
                  join report_timing t on t.report_id = r.id
                  left join reporter_contact rc on rc.id = r.reporter_contact_id
                 where (:all or r.neighbourhood = any(:names))
                   and r.received_at < :end
                   and (r.received_at >= :since or t.first_response_at is null or t.first_response_at >= :start
                        or t.resolved_at is null or t.resolved_at >= :start)
                """)
                .bind("all", scope.all()).bind("names", scope.array())
                .bind("since", utc(since)).bind("start", utc(start)).bind("end", utc(end))
                .map(row -> new ReportRow(row.get("id", UUID.class), instant(row.get("received_at", OffsetDateTime.class)),
                        row.get("category_code", String.class), row.get("channel", String.class),
                        row.get("neighbourhood", String.class), row.get("household", String.class),
                        instant(row.get("first_response_at", OffsetDateTime.class)),
                        instant(row.get("resolved_at", OffsetDateTime.class)),
                        row.get("read_kind_word", Boolean.class), row.get("problem_source", String.class)))
                .all();
    }

    /** Reports per local day in the neighbourhoods with known residents of these municipalities. */
    Flux<DayCount> municipalityDays(List<String> municipalities, Instant since, Instant end) {
        return db.sql("""
                select n.municipality, (r.received_at at time zone 'Europe/Amsterdam')::date as day, count(*) as reports
                  from report r join neighbourhood n on n.name = r.neighbourhood
                 where n.residents > 0 and n.municipality = any(:municipalities)
                   and r.received_at >= :since and r.received_at < :end
                 group by 1, 2
                """)
                .bind("municipalities", municipalities.toArray(new String[0]))
                .bind("since", utc(since)).bind("end", utc(end))
                .map(row -> new DayCount(row.get("municipality", String.class), row.get("day", LocalDate.class),
                        row.get("reports", Long.class)))
                .all();
    }

    /**
     * Mediation cases opened or closed in the period, with the furthest step they reached: a closed case's
     * step is CLOSED, so for it the step is read from what happened (a joint talk, a talk with B or A, a
     * volunteer assigned, an offer), else intake.
     */
    Flux<MediationRow> mediations(Scope scope, Instant start, Instant end) {
        return db.sql("""
                select c.created_at, c.closed_at, c.outcome,
                       case when c.step <> 'CLOSED' then c.step
                            when exists (select 1 from contact_moment m where m.case_id = c.id and m.kind = 'JOINT') then 'JOINT'
                            when exists (select 1 from contact_moment m where m.case_id = c.id and m.kind = 'PARTY_B') then 'TALK_B'
                            when exists (select 1 from contact_moment m where m.case_id = c.id and m.kind = 'PARTY_A') then 'TALK_A'
                            when exists (select 1 from case_assignment a where a.case_id = c.id) then 'ASSIGNED'
                            when exists (select 1 from case_offer o where o.case_id = c.id) then 'OFFERED'
                            else 'INTAKE' end as reached
                  from case_file c
                 where c.type = 'MEDIATION' and (:all or c.neighbourhood = any(:names))
                   and ((c.created_at >= :start and c.created_at < :end) or (c.closed_at >= :start and c.closed_at < :end))
                """)
                .bind("all", scope.all()).bind("names", scope.array()).bind("start", utc(start)).bind("end", utc(end))
                .map(row -> new MediationRow(instant(row.get("created_at", OffsetDateTime.class)),
                        instant(row.get("closed_at", OffsetDateTime.class)), row.get("outcome", String.class),
                        row.get("reached", String.class)))
                .all();
    }

    /** Work orders opened or first done (work_order_event to DONE) in the period. */
    Flux<WorkOrderRow> workOrders(Scope scope, Instant start, Instant end) {
        return db.sql("""
                select * from (
                    select c.created_at,
                           (select min(e.occurred_at) from work_order_event e
                             where e.case_id = c.id and e.to_status = 'DONE') as done_at
                      from case_file c
                     where c.type = 'WORK_ORDER' and (:all or c.neighbourhood = any(:names))
                       and c.created_at < :end) w
                 where w.created_at >= :start or (w.done_at >= :start and w.done_at < :end)
                """)
                .bind("all", scope.all()).bind("names", scope.array()).bind("start", utc(start)).bind("end", utc(end))
                .map(row -> new WorkOrderRow(instant(row.get("created_at", OffsetDateTime.class)),
                        instant(row.get("done_at", OffsetDateTime.class))))
                .all();
    }

    /**
     * Escalation proposals made or decided in the period. Their neighbourhood: the case's, else that of the
     * cluster's first report (a proposal is about a cluster; the case comes when it is put on an agenda).
     */
    Flux<ProposalRow> proposals(Scope scope, Instant start, Instant end) {
        return db.sql("""
                select p.proposed_at, p.status, p.decided_at
                  from escalation_proposal p left join case_file c on c.id = p.case_id
                 where ((p.proposed_at >= :start and p.proposed_at < :end) or (p.decided_at >= :start and p.decided_at < :end))
                   and (:all or coalesce(c.neighbourhood, (select r.neighbourhood from report r where r.cluster_id = p.cluster_id
                                                            order by r.received_at limit 1)) = any(:names))
                """)
                .bind("all", scope.all()).bind("names", scope.array()).bind("start", utc(start)).bind("end", utc(end))
                .map(row -> new ProposalRow(instant(row.get("proposed_at", OffsetDateTime.class)),
                        row.get("status", String.class), instant(row.get("decided_at", OffsetDateTime.class))))
                .all();
    }

    /** Agreed actions due in the period (by their case's neighbourhood). */
    Flux<ActionRow> actions(Scope scope, LocalDate from, LocalDate until) {
        return db.sql("""
                select a.due_on, a.done_at from agreed_action a join case_file c on c.id = a.case_id
                 where a.due_on >= :from and a.due_on < :until and (:all or c.neighbourhood = any(:names))
                """)
                .bind("all", scope.all()).bind("names", scope.array()).bind("from", from).bind("until", until)
                .map(row -> new ActionRow(row.get("due_on", LocalDate.class),
                        instant(row.get("done_at", OffsetDateTime.class))))
                .all();
    }

    Flux<VisitRow> visits(Scope scope, LocalDate from, LocalDate until) {
        return db.sql("""
                select visited_on, household_hash, report_id from outreach_visit
                 where visited_on >= :from and visited_on < :until and (:all or neighbourhood = any(:names))
                """)
                .bind("all", scope.all()).bind("names", scope.array()).bind("from", from).bind("until", until)
                .map(row -> new VisitRow(row.get("visited_on", LocalDate.class), row.get("household_hash", String.class),
                        row.get("report_id", UUID.class)))
                .all();
    }

    /**
     * Notifications created in the period that were sent or failed. With a neighbourhood, only those about a
     * report of it (by reference); without, every notification (also to volunteers and teams).
     */
    Flux<NotificationRow> notifications(Scope scope, Instant start, Instant end) {
        return db.sql("""
                select n.created_at, n.channel, n.status from notification n
                  left join report r on r.reference = n.reference
                 where n.created_at >= :start and n.created_at < :end
                   and n.status in ('SENT', 'DELIVERED', 'UNDELIVERED', 'FAILED', 'DEAD')
                   and (:all or r.neighbourhood = any(:names))
                """)
                .bind("all", scope.all()).bind("names", scope.array()).bind("start", utc(start)).bind("end", utc(end))
                .map(row -> new NotificationRow(instant(row.get("created_at", OffsetDateTime.class)),
                        row.get("channel", String.class), row.get("status", String.class)))
                .all();
    }

    Flux<FeedbackRow> feedback(Scope scope, Instant start, Instant end) {
        return db.sql("""
                select f.answered_at, f.satisfied from report_feedback f join report r on r.id = f.report_id
                 where f.answered_at >= :start and f.answered_at < :end and (:all or r.neighbourhood = any(:names))
                """)
                .bind("all", scope.all()).bind("names", scope.array()).bind("start", utc(start)).bind("end", utc(end))
                .map(row -> new FeedbackRow(instant(row.get("answered_at", OffsetDateTime.class)),
                        Boolean.TRUE.equals(row.get("satisfied", Boolean.class))))
                .all();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
