package nl.hartslag.escalation;

import static nl.hartslag.db.SqlParams.nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import nl.hartslag.casework.CaseType;
import nl.hartslag.casework.Outcome;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for the Casuistiekoverleg. The summaries it reads are counts and categories per problem,
 * never who reported: households are counted in the database and no contact leaves it.
 */
@Repository
class EscalationRepository {

    record ProposalRow(UUID id, UUID clusterId, String rule, String reason, ProposalStatus status, UUID caseId,
            Instant proposedAt, String decidedBy, String decisionNote) {
    }

    record MeetingRow(UUID id, LocalDate heldOn, String title, String createdBy, List<String> participants) {
    }

    record ActionRow(UUID id, UUID caseId, UUID meetingId, String partner, String description, String owner,
            LocalDate dueOn, ActionStatus status, Instant doneAt, String doneNote) {
    }

    /** A case as the meeting sees it: what it is and how it stands (any instrument's). */
    record CaseLine(UUID id, int number, CaseType type, String status, UUID clusterId, Outcome outcome,
            Instant createdAt, Instant closedAt) {
    }

    record Count(String key, long count) {
    }

    /**
     * The database's one household rule (V10, on lookup hashes since V26), as the cluster's household
     * count uses it: only reporters who can be reached or were met count; anonymous submissions are no
     * household.
     */
    private static final String HOUSEHOLD =
            "household_key(rc.phone_hash, rc.email_hash, r.channel, r.street, r.house_number)";

    private final DatabaseClient db;

    EscalationRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Open problems with enough reports from enough households since {@code since}, not proposed before. */
    Flux<UUID> repeatedProblems(Instant since, int reports, int households, Optional<UUID> only) {
        return db.sql("""
                select r.cluster_id
                  from report r left join reporter_contact rc on rc.id = r.reporter_contact_id
                  join cluster c on c.id = r.cluster_id and c.status = 'OPEN'
                 where r.received_at >= :since
                   and (cast(:only as uuid) is null or r.cluster_id = :only)
                   and not exists (select 1 from escalation_proposal p where p.cluster_id = r.cluster_id)
                 group by r.cluster_id
                having count(*) >= :reports and count(distinct %s) >= :households
                """.formatted(HOUSEHOLD))
                .bind("since", since.atOffset(ZoneOffset.UTC)).bind("reports", reports).bind("households", households)
                .bind("only", nullable(only, UUID.class))
                .map(row -> row.get("cluster_id", UUID.class)).all();
    }

    /** Problems with a new report from a household after a mediation about them ended without agreement. */
    Flux<UUID> problemsAfterFailedMediation(Optional<UUID> only) {
        // An anonymous submission is no household: it alone never proposes an address.
        return db.sql("""
                select distinct r.cluster_id
                  from case_file c join case_report cr on cr.case_id = c.id
                  join report m on m.id = cr.report_id join report r on r.cluster_id = m.cluster_id
                  left join reporter_contact rc on rc.id = r.reporter_contact_id
                 where c.type = 'MEDIATION' and c.outcome = 'NO_AGREEMENT' and r.received_at > c.closed_at
                   and %s is not null
                   and (cast(:only as uuid) is null or r.cluster_id = :only)
                   and not exists (select 1 from escalation_proposal p where p.cluster_id = r.cluster_id)
                """.formatted(HOUSEHOLD))
                .bind("only", nullable(only, UUID.class))
                .map(row -> row.get("cluster_id", UUID.class)).all();
    }

    Mono<Boolean> insertProposal(UUID id, UUID clusterId, String rule, String reason) {
        return db.sql("""
                insert into escalation_proposal (id, cluster_id, rule, reason) values (:id, :c, :rule, :reason)
                on conflict (cluster_id) do nothing
                """).bind("id", id).bind("c", clusterId).bind("rule", rule)
                .bind("reason", reason).fetch().rowsUpdated().map(n -> n > 0);
    }

    Flux<ProposalRow> proposals() {
        return db.sql("""
                select * from escalation_proposal
                 order by case status when 'PROPOSED' then 0 else 1 end, proposed_at desc
                """).map(row -> proposal(row)).all();
    }

    Mono<ProposalRow> lockProposal(UUID id) {
        return db.sql("select * from escalation_proposal where id = :id for update").bind("id", id)
                .map(row -> proposal(row)).one();
    }

    Mono<Void> decide(UUID id, ProposalStatus status, UUID caseId, String by, String note) {
        return db.sql("""
                update escalation_proposal
                   set status = :s, case_id = coalesce(:case, case_id), decided_by = :by, decided_at = now(),
                       decision_note = :note
                 where id = :id
                """)
                .bind("s", status.name()).bind("case", nullable(caseId, UUID.class)).bind("by", by)
                .bind("note", nullable(note, String.class)).bind("id", id)
                .then();
    }

    // --- the privacy-minimised summary of a problem

    Mono<String> category(UUID clusterId) {
        return db.sql("select coalesce(category_code, 'other') as c from cluster where id = :c").bind("c", clusterId)
                .map(row -> row.get("c", String.class)).one();
    }

    /**
     * Where the problem is, as most of its reports' problem places say (V17): a named place (a
     * playground, a flat), else a street with a house number the words gave, else a street. Never
     * an address a reporter typed: that is often their own home.
     */
    Mono<String> address(UUID clusterId) {
        return db.sql("""
                select coalesce(r.problem_place_name, r.problem_street || coalesce(' ' || r.problem_house_number, '')) as a
                  from report r
                 where r.cluster_id = :c and (r.problem_place_name is not null or r.problem_street is not null)
                 group by 1
                 order by count(*) desc, bool_or(r.problem_place_name is not null) desc,
                          bool_or(r.problem_house_number is not null) desc, 1
                 limit 1
                """)
                .bind("c", clusterId).map(row -> row.get("a", String.class)).one();
    }

    /** The problem's street (a name, no number), for the escalation case. */
    Mono<String> street(UUID clusterId) {
        return db.sql("select mode() within group (order by problem_street) as s from report where cluster_id = :c")
                .bind("c", clusterId).map(row -> java.util.Optional.ofNullable(row.get("s", String.class))).one()
                .flatMap(Mono::justOrEmpty);
    }

    Flux<Count> categories(UUID clusterId) {
        return db.sql("""
                select category_code as k, count(*) as n from report
                 where cluster_id = :c
                 group by category_code
                 order by n desc, k
                """).bind("c", clusterId)
                .map(row -> new Count(row.get("k", String.class), row.get("n", Long.class))).all();
    }

    /** Reports per ISO week (e.g. 2026-W47), oldest first. */
    Flux<Count> perWeek(UUID clusterId) {
        return db.sql("""
                select to_char(received_at at time zone 'Europe/Amsterdam', 'IYYY-"W"IW') as k, count(*) as n
                  from report
                 where cluster_id = :c
                 group by k
                 order by k
                """).bind("c", clusterId)
                .map(row -> new Count(row.get("k", String.class), row.get("n", Long.class))).all();
    }

    Mono<Long> households(UUID clusterId) {
        return db.sql("""
                select count(distinct %s) as n
                  from report r left join reporter_contact rc on rc.id = r.reporter_contact_id
                 where r.cluster_id = :c
                """.formatted(HOUSEHOLD)).bind("c", clusterId)
                .map(row -> row.get("n", Long.class)).one();
    }

    /** Reports of the problem from nobody who can be reached or was met: counted, but no household. */
    Mono<Long> anonymousReports(UUID clusterId) {
        return db.sql("""
                select count(*) as n
                  from report r left join reporter_contact rc on rc.id = r.reporter_contact_id
                 where r.cluster_id = :c and %s is null
                """.formatted(HOUSEHOLD))
                .bind("c", clusterId).map(row -> row.get("n", Long.class)).one();
    }

    /** The cases about the problem's reports: what was done. */
    Flux<UUID> casesAbout(UUID clusterId) {
        return db.sql("""
                select distinct cr.case_id, min(c.created_at) as first
                  from case_report cr join report r on r.id = cr.report_id join case_file c on c.id = cr.case_id
                 where r.cluster_id = :c
                 group by cr.case_id
                 order by first
                """).bind("c", clusterId)
                .map(row -> row.get("case_id", UUID.class)).all();
    }

    Flux<UUID> reportsOfCluster(UUID clusterId) {
        return db.sql("select id from report where cluster_id = :c").bind("c", clusterId)
                .map(row -> row.get("id", UUID.class)).all();
    }

    // --- the escalation case (a case_file row of type ESCALATION holding the problem's reports)

    Mono<Integer> insertEscalationCase(UUID id, String categoryCode, String street, UUID clusterId) {
        return db.sql("""
                insert into case_file (id, type, status, category_code, street, cluster_id, neighbourhood)
                values (:id, :type, :status, :category, :street, :cluster,
                        (select r.neighbourhood from report r where r.cluster_id = :cluster
                          order by r.received_at limit 1))
                returning number
                """)
                .bind("id", id).bind("type", nl.hartslag.casework.CaseType.ESCALATION.name())
                .bind("status", nl.hartslag.casework.CaseStatus.OPEN.name()).bind("category", categoryCode)
                .bind("street", nullable(street, String.class)).bind("cluster", clusterId)
                .map(row -> row.get("number", Integer.class)).one();
    }

    Mono<Void> attach(UUID caseId, UUID reportId) {
        // A case opened without a neighbourhood takes its first report's (issue 16).
        return db.sql("""
                with attached as (
                    insert into case_report (case_id, report_id) values (:c, :r) on conflict do nothing)
                update case_file c set neighbourhood = r.neighbourhood
                  from report r
                 where c.id = :c and r.id = :r and c.neighbourhood is null and r.neighbourhood is not null
                """).bind("c", caseId).bind("r", reportId).then();
    }

    Mono<CaseLine> caseLine(UUID id) {
        return db.sql("""
                select id, number, type, status, cluster_id, outcome, created_at, closed_at from case_file
                 where id = :id
                """).bind("id", id)
                .map(row -> {
                    String outcome = row.get("outcome", String.class);
                    return new CaseLine(row.get("id", UUID.class), row.get("number", Integer.class),
                            CaseType.valueOf(row.get("type", String.class)), row.get("status", String.class),
                            row.get("cluster_id", UUID.class), outcome == null ? null : Outcome.valueOf(outcome),
                            instant(row, "created_at"), instant(row, "closed_at"));
                }).one();
    }

    // --- meetings and actions

    Mono<Void> insertMeeting(UUID id, LocalDate heldOn, String title, String by) {
        return db.sql("insert into meeting (id, held_on, title, created_by) values (:id, :on, :title, :by)")
                .bind("id", id).bind("on", heldOn).bind("title", title).bind("by", by).then();
    }

    Mono<Void> addParticipant(UUID meetingId, String username) {
        return db.sql("insert into meeting_participant (meeting_id, username) values (:m, lower(:u)) on conflict do nothing")
                .bind("m", meetingId).bind("u", username).then();
    }

    /**
     * Of the given usernames, those that are not enabled partner accounts (so cannot take part in
     * a meeting: a typo, a coordinator, a disabled account).
     */
    Flux<String> notEnabledPartners(List<String> usernames) {
        return db.sql("""
                select u from unnest(cast(:names as text[])) as u
                 where not exists (select 1 from staff_account s
                                    where lower(s.username) = lower(u) and s.enabled and 'PARTNER' = any(s.roles))
                 order by u
                """)
                .bind("names", usernames.toArray(String[]::new)).map(row -> row.get("u", String.class)).all();
    }

    Flux<MeetingRow> meetings() {
        return db.sql(MEETINGS + " group by m.id order by m.held_on desc").map(row -> meeting(row)).all();
    }

    Flux<MeetingRow> meetingsOf(String username) {
        return db.sql(MEETINGS + """
                 where exists (select 1 from meeting_participant x where x.meeting_id = m.id and x.username = lower(:u))
                 group by m.id
                 order by m.held_on desc
                """).bind("u", username)
                .map(row -> meeting(row)).all();
    }

    Mono<MeetingRow> meeting(UUID id) {
        return db.sql(MEETINGS + " where m.id = :id group by m.id").bind("id", id).map(row -> meeting(row)).one();
    }

    private static final String MEETINGS = """
            select m.id, m.held_on, m.title, m.created_by,
                   coalesce(array_agg(p.username order by p.username) filter (where p.username is not null), '{}') as people
              from meeting m left join meeting_participant p on p.meeting_id = m.id
            """;

    Mono<Void> putOnAgenda(UUID meetingId, UUID caseId) {
        return db.sql("insert into meeting_case (meeting_id, case_id) values (:m, :c) on conflict do nothing")
                .bind("m", meetingId).bind("c", caseId).then();
    }

    Flux<UUID> agenda(UUID meetingId) {
        return db.sql("select case_id from meeting_case where meeting_id = :m").bind("m", meetingId)
                .map(row -> row.get("case_id", UUID.class)).all();
    }

    /** Whether a partner may see this case: it is on the agenda of a meeting they take part in. */
    Mono<Boolean> partnerSees(UUID caseId, String username) {
        return db.sql("""
                select exists (select 1 from meeting_case mc join meeting_participant p on p.meeting_id = mc.meeting_id
                                where mc.case_id = :c and p.username = lower(:u)) as ok
                """).bind("c", caseId)
                .bind("u", username).map(row -> Boolean.TRUE.equals(row.get("ok", Boolean.class))).one();
    }

    /**
     * Whether a partner may close this action: their account works for the action's agency and
     * takes part in the meeting where it was agreed (not merely in some meeting about the case).
     */
    Mono<Boolean> partnerMayClose(UUID actionId, String username) {
        return db.sql("""
                select exists (select 1 from agreed_action a
                                 join meeting_participant p on p.meeting_id = a.meeting_id
                                 join staff_account s on lower(s.username) = p.username
                                where a.id = :a and p.username = lower(:u) and s.agency = a.partner and s.enabled) as ok
                """).bind("a", actionId)
                .bind("u", username).map(row -> Boolean.TRUE.equals(row.get("ok", Boolean.class))).one();
    }

    Mono<Void> insertAction(UUID id, UUID caseId, UUID meetingId, String partner, String description, String owner,
            LocalDate dueOn, String by) {
        return db.sql("""
                insert into agreed_action (id, case_id, meeting_id, partner, description, owner, due_on, created_by)
                values (:id, :c, :m, :p, :d, :o, :due, :by)
                """).bind("id", id).bind("c", caseId)
                .bind("m", meetingId).bind("p", partner).bind("d", description).bind("o", owner).bind("due", dueOn)
                .bind("by", by).then();
    }

    Flux<ActionRow> actions(UUID caseId) {
        return db.sql("select * from agreed_action where case_id = :c order by due_on, created_at").bind("c", caseId)
                .map(row -> action(row)).all();
    }

    Mono<ActionRow> action(UUID id) {
        return db.sql("select * from agreed_action where id = :id").bind("id", id).map(row -> action(row)).one();
    }

    /** The partner agency an enabled account works for; empty for other accounts. */
    Mono<String> agencyOf(String username) {
        return db.sql("""
                select agency from staff_account
                 where lower(username) = lower(:u) and enabled and agency is not null
                """).bind("u", username).map(row -> row.get("agency", String.class)).one();
    }

    /** The meetings an account takes part in. */
    Flux<UUID> meetingIdsOf(String username) {
        return db.sql("select meeting_id from meeting_participant where username = lower(:u)").bind("u", username)
                .map(row -> row.get("meeting_id", UUID.class)).all();
    }

    /** The action, locked until the transaction ends: it is marked done once. */
    Mono<ActionRow> lockAction(UUID id) {
        return db.sql("select * from agreed_action where id = :id for update").bind("id", id).map(row -> action(row))
                .one();
    }

    Mono<Void> actionDone(UUID id, String note) {
        return db.sql("update agreed_action set status = :s, done_at = now(), done_note = :n where id = :id")
                .bind("s", ActionStatus.DONE.name()).bind("n", nullable(note, String.class)).bind("id", id).then();
    }

    private static ProposalRow proposal(Readable row) {
        return new ProposalRow(row.get("id", UUID.class), row.get("cluster_id", UUID.class),
                row.get("rule", String.class), row.get("reason", String.class),
                ProposalStatus.valueOf(row.get("status", String.class)),
                row.get("case_id", UUID.class), instant(row, "proposed_at"), row.get("decided_by", String.class),
                row.get("decision_note", String.class));
    }

    private static MeetingRow meeting(Readable row) {
        return new MeetingRow(row.get("id", UUID.class), row.get("held_on", LocalDate.class),
                row.get("title", String.class), row.get("created_by", String.class),
                List.of(row.get("people", String[].class)));
    }

    private static ActionRow action(Readable row) {
        return new ActionRow(row.get("id", UUID.class), row.get("case_id", UUID.class),
                row.get("meeting_id", UUID.class), row.get("partner", String.class),
                row.get("description", String.class), row.get("owner", String.class),
                row.get("due_on", LocalDate.class), ActionStatus.valueOf(row.get("status", String.class)),
                instant(row, "done_at"), row.get("done_note", String.class));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
