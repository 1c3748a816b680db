package nl.hartslag.casework;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for routing, cases, offers, volunteers and what they record. Reads the report table for
 * the work order list (what residents said, photos, the cluster); changes reports only through
 * the report feature. Transactions are the services' business.
 */
@Repository
class CaseRepository {

    record Rule(String categoryCode, Instrument instrument, boolean informPolice, String updatedBy, Instant updatedAt) {
    }

    record Decision(long id, UUID reportId, Instrument instrument, boolean informPolice, UUID caseId, String decidedBy,
            String reason, Instant decidedAt) {
    }

    record CaseRow(UUID id, int number, CaseType type, String status, MediationStep step, String categoryCode,
            String street, UUID clusterId, boolean informPolice, Outcome outcome, String closingNote,
            String donePhotoUrl, Instant createdAt, Instant closedAt, String closedBy) {

        boolean open() {
            return status.equals("OPEN");
        }
    }

    record VolunteerRow(UUID id, String name, String phone, String street, boolean active, String username,
            LocalDate awayUntil, int maxOpenCases, int openCases) {

        @Override
        public String toString() {
            return "Volunteer[" + id + "]";
        }
    }

    record OfferRow(UUID caseId, UUID volunteerId, Instant offeredAt, Instant expiresAt, String answer) {
    }

    record ContactMomentRow(long id, UUID caseId, UUID volunteerId, String volunteerName, String kind,
            Instant occurredAt, String note) {
    }

    record PartyRow(String role, String name, String phone, String address, String street) {

        @Override
        public String toString() {
            return "Party[" + role + "]";
        }
    }

    /**
     * What a case's reports say, for the people acting on it: never who said it. The house number
     * is one the words gave for the problem (V17), never the number a reporter typed (often their home).
     */
    record ReportLine(UUID reportId, String reference, String description, String houseNumber, Instant receivedAt,
            List<String> photoUrls) {
    }

    private static final String CASE_COLUMNS = "id, number, type, status, step, category_code, street, cluster_id,"
            + " inform_police, outcome, closing_note, done_photo_url, created_at, closed_at, closed_by";
    /** The same columns of {@code case_file c}, for queries that join it. */
    private static final String C_CASE_COLUMNS = "c.id, c.number, c.type, c.status, c.step, c.category_code, c.street,"
            + " c.cluster_id, c.inform_police, c.outcome, c.closing_note, c.done_photo_url, c.created_at, c.closed_at,"
            + " c.closed_by";
    private static final String VOLUNTEER_COLUMNS = "v.id, v.name, v.phone_e164, v.street, v.active, v.username,"
            + " v.away_until, v.max_open_cases, (select count(*) from case_assignment a join case_file c"
            + " on c.id = a.case_id where a.volunteer_id = v.id and c.status = 'OPEN') as open_cases";

    private final DatabaseClient db;

    CaseRepository(DatabaseClient db) {
        this.db = db;
    }

    // --- routing

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
        return db.sql("insert into routing_rule (category_code, instrument, inform_police, updated_by)"
                + " values (:c, :i, :p, :by) on conflict (category_code) do update set instrument = excluded.instrument,"
                + " inform_police = excluded.inform_police, updated_by = excluded.updated_by, updated_at = now()"
                + " returning *")
                .bind("c", categoryCode).bind("i", instrument.name()).bind("p", informPolice).bind("by", by)
                .map(row -> rule(row)).one();
    }

    Mono<Void> insertDecision(UUID reportId, Instrument instrument, boolean informPolice, UUID caseId, String by,
            String reason) {
        GenericExecuteSpec spec = db.sql("insert into routing_decision (report_id, instrument, inform_police, case_id,"
                + " decided_by, reason) values (:r, :i, :p, :case, :by, :reason)")
                .bind("r", reportId).bind("i", instrument.name()).bind("p", informPolice).bind("by", by);
        spec = caseId == null ? spec.bindNull("case", UUID.class) : spec.bind("case", caseId);
        spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason);
        return spec.then();
    }

    Flux<Decision> decisions(UUID reportId) {
        return db.sql("select * from routing_decision where report_id = :r order by id").bind("r", reportId)
                .map(row -> new Decision(row.get("id", Long.class), row.get("report_id", UUID.class),
                        Instrument.valueOf(row.get("instrument", String.class)),
                        Boolean.TRUE.equals(row.get("inform_police", Boolean.class)), row.get("case_id", UUID.class),
                        row.get("decided_by", String.class), row.get("reason", String.class),
                        instant(row, "decided_at")))
                .all();
    }

    /** Reports nobody routed yet (a crash between intake and routing), oldest first. */
    Flux<UUID> unroutedReports(Instant since) {
        return db.sql("select r.id from report r where r.received_at >= :since and not exists"
                + " (select 1 from routing_decision d where d.report_id = r.id) order by r.received_at")
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

    // --- cases

    Mono<Integer> insertCase(UUID id, CaseType type, MediationStep step, String categoryCode, String street,
            UUID clusterId, boolean informPolice) {
        GenericExecuteSpec spec = db.sql("insert into case_file (id, type, status, step, category_code, street,"
                + " cluster_id, inform_police) values (:id, :type, 'OPEN', :step, :category, :street, :cluster,"
                + " :police) returning number")
                .bind("id", id).bind("type", type.name()).bind("category", categoryCode).bind("police", informPolice);
        spec = step == null ? spec.bindNull("step", String.class) : spec.bind("step", step.name());
        spec = street == null ? spec.bindNull("street", String.class) : spec.bind("street", street);
        spec = clusterId == null ? spec.bindNull("cluster", UUID.class) : spec.bind("cluster", clusterId);
        return spec.map(row -> row.get("number", Integer.class)).one();
    }

    /** Puts a new mediation on hold until a coordinator has looked: its words speak of violence or threats. */
    Mono<Void> holdForReview(UUID caseId) {
        return db.sql("update case_file set held_for_review = true, updated_at = now() where id = :id and type = 'MEDIATION'")
                .bind("id", caseId).then();
    }

    /** Whether the case waits for a coordinator before any volunteer may be asked. */
    Mono<Boolean> heldForReview(UUID caseId) {
        return db.sql("select held_for_review from case_file where id = :id").bind("id", caseId)
                .map(row -> Boolean.TRUE.equals(row.get("held_for_review", Boolean.class))).one()
                .defaultIfEmpty(false);
    }

    /** A coordinator looked and lets the case be offered; who and when stay on the case. */
    Mono<Long> releaseHold(UUID caseId, String actor) {
        return db.sql("update case_file set held_for_review = false, hold_released_by = :actor,"
                + " hold_released_at = now(), updated_at = now() where id = :id and held_for_review")
                .bind("id", caseId).bind("actor", actor).fetch().rowsUpdated();
    }

    /** A mediation referred by a partner: no report, the referrer's account in {@code description}. */
    Mono<Integer> insertReferral(UUID id, String referredBy, String description, String street) {
        GenericExecuteSpec spec = db.sql("insert into case_file (id, type, status, step, category_code, street,"
                + " referred_by, description) values (:id, 'MEDIATION', 'OPEN', 'INTAKE', 'neighbour_dispute', :street,"
                + " :by, :description) returning number").bind("id", id).bind("by", referredBy)
                .bind("description", description);
        spec = street == null ? spec.bindNull("street", String.class) : spec.bind("street", street);
        return spec.map(row -> row.get("number", Integer.class)).one();
    }

    Mono<String> referralDescription(UUID caseId) {
        return db.sql("select description from case_file where id = :id and description is not null")
                .bind("id", caseId).map(row -> row.get("description", String.class)).one();
    }

    Mono<Void> attach(UUID caseId, UUID reportId) {
        return db.sql("insert into case_report (case_id, report_id) values (:c, :r) on conflict do nothing")
                .bind("c", caseId).bind("r", reportId).then();
    }

    Mono<Void> detach(UUID caseId, UUID reportId) {
        return db.sql("delete from case_report where case_id = :c and report_id = :r").bind("c", caseId)
                .bind("r", reportId).then();
    }

    /** A case whose last report was routed elsewhere: nothing left to do. */
    Mono<Void> closeEmpty(UUID caseId, String by) {
        return db.sql("update case_file set status = 'CLOSED', step = case when type = 'MEDIATION' then 'CLOSED' end,"
                + " closed_at = now(), closed_by = :by, updated_at = now() where id = :id").bind("by", by)
                .bind("id", caseId).then();
    }

    Mono<CaseRow> openWorkOrderOfCluster(UUID clusterId) {
        return db.sql("select " + CASE_COLUMNS + " from case_file where type = 'WORK_ORDER' and status = 'OPEN'"
                + " and cluster_id = :c order by created_at limit 1").bind("c", clusterId)
                .map(row -> caseRow(row)).one();
    }

    Flux<CaseRow> casesOfReport(UUID reportId) {
        return db.sql("select " + C_CASE_COLUMNS + " from case_file c join case_report cr on cr.case_id = c.id where cr.report_id = :r"
                + " order by c.created_at").bind("r", reportId).map(row -> caseRow(row)).all();
    }

    Mono<CaseRow> caseRow(UUID id) {
        return db.sql("select " + CASE_COLUMNS + " from case_file where id = :id").bind("id", id)
                .map(row -> caseRow(row)).one();
    }

    /** The case, locked until the transaction ends: offers, answers and outcomes on one case queue up. */
    Mono<CaseRow> lockCase(UUID id) {
        return db.sql("select " + CASE_COLUMNS + " from case_file where id = :id for update").bind("id", id)
                .map(row -> caseRow(row)).one();
    }

    Mono<CaseRow> lockCaseByNumber(int number) {
        return db.sql("select " + CASE_COLUMNS + " from case_file where number = :n for update").bind("n", number)
                .map(row -> caseRow(row)).one();
    }

    Flux<UUID> reportsOfCase(UUID caseId) {
        return db.sql("select report_id from case_report where case_id = :c order by added_at").bind("c", caseId)
                .map(row -> row.get("report_id", UUID.class)).all();
    }

    Flux<ReportLine> reportLines(UUID caseId) {
        return db.sql("select r.id, r.reference, r.description, r.problem_house_number::text as house_number, r.received_at,"
                + " coalesce((select array_agg(p.url order by p.position) from report_photo p where p.report_id = r.id),"
                + " '{}') as photos from case_report cr join report r on r.id = cr.report_id where cr.case_id = :c"
                + " order by r.received_at").bind("c", caseId)
                .map(row -> new ReportLine(row.get("id", UUID.class), row.get("reference", String.class),
                        row.get("description", String.class), row.get("house_number", String.class),
                        instant(row, "received_at"), List.of(row.get("photos", String[].class))))
                .all();
    }

    Mono<Void> setStep(UUID caseId, MediationStep step) {
        return db.sql("update case_file set step = :s, updated_at = now() where id = :id").bind("s", step.name())
                .bind("id", caseId).then();
    }

    Mono<Void> closeMediation(UUID caseId, Outcome outcome, String note, String by) {
        GenericExecuteSpec spec = db.sql("update case_file set status = 'CLOSED', step = 'CLOSED', outcome = :o,"
                + " closing_note = :note, closed_at = now(), closed_by = :by, updated_at = now() where id = :id")
                .bind("o", outcome.name()).bind("by", by).bind("id", caseId);
        return (note == null ? spec.bindNull("note", String.class) : spec.bind("note", note)).then();
    }

    Mono<Void> markDone(UUID caseId, String note, String photoUrl, String by) {
        GenericExecuteSpec spec = db.sql("update case_file set status = 'DONE', closing_note = :note,"
                + " done_photo_url = :photo, closed_at = now(), closed_by = :by, updated_at = now() where id = :id")
                .bind("note", note).bind("by", by).bind("id", caseId);
        return (photoUrl == null ? spec.bindNull("photo", String.class) : spec.bind("photo", photoUrl)).then();
    }

    Mono<Void> reopen(UUID caseId) {
        return db.sql("update case_file set status = 'OPEN', closed_at = null, closed_by = null, updated_at = now()"
                + " where id = :id").bind("id", caseId).then();
    }

    /** Open work orders of the cluster of {@code clusterId}, other than {@code except}. */
    Flux<CaseRow> otherOpenWorkOrdersOfCluster(UUID clusterId, UUID except) {
        return db.sql("select " + CASE_COLUMNS + " from case_file where type = 'WORK_ORDER' and status = 'OPEN'"
                + " and cluster_id = :c and id <> :e for update").bind("c", clusterId).bind("e", except)
                .map(row -> caseRow(row)).all();
    }

    Flux<CaseRow> openCases(CaseType type) {
        return db.sql("select " + CASE_COLUMNS + " from case_file where type = :t and status = 'OPEN'"
                + " order by created_at").bind("t", type.name()).map(row -> caseRow(row)).all();
    }

    // --- volunteers

    Mono<Void> insertVolunteer(UUID id, String name, String phone, String street, String username,
            LocalDate awayUntil, int maxOpenCases) {
        GenericExecuteSpec spec = db.sql("insert into volunteer (id, name, phone_e164, street, username, away_until,"
                + " max_open_cases) values (:id, :name, :phone, :street, :username, :away, :max)")
                .bind("id", id).bind("name", name).bind("phone", phone).bind("max", maxOpenCases);
        spec = street == null ? spec.bindNull("street", String.class) : spec.bind("street", street);
        spec = username == null ? spec.bindNull("username", String.class) : spec.bind("username", username);
        spec = awayUntil == null ? spec.bindNull("away", LocalDate.class) : spec.bind("away", awayUntil);
        return spec.then();
    }

    Mono<Void> updateAvailability(UUID id, boolean active, LocalDate awayUntil, int maxOpenCases) {
        GenericExecuteSpec spec = db.sql("update volunteer set active = :active, away_until = :away,"
                + " max_open_cases = :max where id = :id").bind("active", active).bind("max", maxOpenCases)
                .bind("id", id);
        return (awayUntil == null ? spec.bindNull("away", LocalDate.class) : spec.bind("away", awayUntil)).then();
    }

    Flux<VolunteerRow> volunteers() {
        return db.sql("select " + VOLUNTEER_COLUMNS + " from volunteer v order by v.name")
                .map(row -> volunteer(row)).all();
    }

    Mono<VolunteerRow> volunteer(UUID id) {
        return db.sql("select " + VOLUNTEER_COLUMNS + " from volunteer v where v.id = :id").bind("id", id)
                .map(row -> volunteer(row)).one();
    }

    Mono<VolunteerRow> volunteerByPhone(String phone) {
        return db.sql("select " + VOLUNTEER_COLUMNS + " from volunteer v where v.phone_e164 = :p and v.active"
                + ACCOUNT_NOT_DISABLED)
                .bind("p", phone).map(row -> volunteer(row)).one();
    }

    /** A volunteer whose staff account a coordinator disabled gets no offers and cannot answer them by text. */
    private static final String ACCOUNT_NOT_DISABLED = " and not exists (select 1 from staff_account s"
            + " where lower(s.username) = lower(v.username) and not s.enabled)";

    Mono<VolunteerRow> volunteerByUsername(String username) {
        return db.sql("select " + VOLUNTEER_COLUMNS + " from volunteer v where lower(v.username) = lower(:u)")
                .bind("u", username).map(row -> volunteer(row)).one();
    }

    /**
     * Volunteers who may be offered the case now: active, not away, below their maximum of open
     * cases, not asked before for this case, and not living on a party's street (conflict of
     * interest). Those with the fewest open cases first, then those asked least recently.
     */
    Flux<VolunteerRow> eligibleVolunteers(UUID caseId, List<String> partyStreets, LocalDate today, int limit) {
        return db.sql("select " + VOLUNTEER_COLUMNS + " from volunteer v where v.active" + ACCOUNT_NOT_DISABLED
                + " and (v.away_until is null or v.away_until < :today)"
                + " and not exists (select 1 from case_offer o where o.case_id = :c and o.volunteer_id = v.id)"
                + " and not exists (select 1 from case_assignment a where a.case_id = :c and a.volunteer_id = v.id)"
                + " and (v.street is null or lower(v.street) <> all(:streets))"
                + " and (select count(*) from case_assignment a join case_file c on c.id = a.case_id"
                + "      where a.volunteer_id = v.id and c.status = 'OPEN') < v.max_open_cases"
                + " order by open_cases, (select max(o.offered_at) from case_offer o where o.volunteer_id = v.id)"
                + " nulls first, v.id limit :limit")
                .bind("today", today).bind("c", caseId)
                .bind("streets", partyStreets.stream().map(s -> s.toLowerCase(java.util.Locale.ROOT))
                        .toArray(String[]::new))
                .bind("limit", limit)
                .map(row -> volunteer(row)).all();
    }

    Flux<VolunteerRow> assigned(UUID caseId) {
        return db.sql("select " + VOLUNTEER_COLUMNS + " from volunteer v join case_assignment a on a.volunteer_id = v.id"
                + " where a.case_id = :c order by a.assigned_at").bind("c", caseId)
                .map(row -> volunteer(row)).all();
    }

    Mono<Void> assign(UUID caseId, UUID volunteerId) {
        return db.sql("insert into case_assignment (case_id, volunteer_id) values (:c, :v)").bind("c", caseId)
                .bind("v", volunteerId).then();
    }

    Flux<CaseRow> casesAssignedTo(UUID volunteerId) {
        return db.sql("select " + C_CASE_COLUMNS + " from case_file c"
                + " join case_assignment a on a.case_id = c.id where a.volunteer_id = :v"
                + " order by c.status desc, c.created_at desc").bind("v", volunteerId)
                .map(row -> caseRow(row)).all();
    }

    // --- offers

    Mono<Void> insertOffer(UUID caseId, UUID volunteerId, Instant expiresAt) {
        return db.sql("insert into case_offer (case_id, volunteer_id, expires_at) values (:c, :v, :e)")
                .bind("c", caseId).bind("v", volunteerId).bind("e", expiresAt.atOffset(ZoneOffset.UTC)).then();
    }

    Mono<OfferRow> offer(UUID caseId, UUID volunteerId) {
        return db.sql("select * from case_offer where case_id = :c and volunteer_id = :v").bind("c", caseId)
                .bind("v", volunteerId).map(row -> offer(row)).one();
    }

    Mono<Void> answerOffer(UUID caseId, UUID volunteerId, String answer) {
        return db.sql("update case_offer set answer = :a, answered_at = now() where case_id = :c and volunteer_id = :v")
                .bind("a", answer).bind("c", caseId).bind("v", volunteerId).then();
    }

    /** The duo is complete: offers nobody answered yet are taken. */
    Mono<Void> takeOpenOffers(UUID caseId) {
        return db.sql("update case_offer set answer = 'TAKEN', answered_at = now() where case_id = :c and answer is null")
                .bind("c", caseId).then();
    }

    Flux<OfferRow> expiredOffers(Instant now, int limit) {
        return db.sql("select * from case_offer where answer is null and expires_at < :now order by expires_at"
                + " limit :limit").bind("now", now.atOffset(ZoneOffset.UTC)).bind("limit", limit)
                .map(row -> offer(row)).all();
    }

    /** How a case's offers went, oldest first; an unanswered offer past its time counts as expired. */
    Flux<OfferHistoryRow> offerHistory(UUID caseId) {
        return db.sql("select v.name, o.offered_at, o.expires_at, o.answered_at, case when o.answer is null and"
                + " o.expires_at < now() then 'EXPIRED' else coalesce(o.answer, 'OPEN') end as state"
                + " from case_offer o join volunteer v on v.id = o.volunteer_id where o.case_id = :c"
                + " order by o.offered_at, v.name").bind("c", caseId)
                .map(row -> new OfferHistoryRow(row.get("name", String.class),
                        row.get("offered_at", java.time.OffsetDateTime.class).toInstant(),
                        row.get("expires_at", java.time.OffsetDateTime.class).toInstant(),
                        java.util.Optional.ofNullable(row.get("answered_at", java.time.OffsetDateTime.class))
                                .map(java.time.OffsetDateTime::toInstant).orElse(null),
                        row.get("state", String.class)))
                .all();
    }

    record OfferHistoryRow(String volunteer, Instant askedAt, Instant expiresAt, Instant answeredAt, String state) {
    }

    Mono<Long> openOfferCount(UUID caseId) {
        return db.sql("select count(*) as n from case_offer where case_id = :c and answer is null").bind("c", caseId)
                .map(row -> row.get("n", Long.class)).one();
    }

    Flux<OfferRow> openOffersFor(UUID volunteerId, Instant now) {
        return db.sql("select o.* from case_offer o join case_file c on c.id = o.case_id where o.volunteer_id = :v"
                + " and o.answer is null and o.expires_at >= :now and c.status = 'OPEN' order by o.offered_at")
                .bind("v", volunteerId).bind("now", now.atOffset(ZoneOffset.UTC)).map(row -> offer(row)).all();
    }

    // --- parties and contact moments

    Mono<Void> saveParty(UUID caseId, String role, String name, String phone, String address, String street) {
        GenericExecuteSpec spec = db.sql("insert into case_party (case_id, role, name, phone_e164, address, street)"
                + " values (:c, :role, :name, :phone, :address, :street) on conflict (case_id, role) do update set"
                + " name = excluded.name, phone_e164 = excluded.phone_e164, address = excluded.address,"
                + " street = excluded.street").bind("c", caseId).bind("role", role);
        spec = name == null ? spec.bindNull("name", String.class) : spec.bind("name", name);
        spec = phone == null ? spec.bindNull("phone", String.class) : spec.bind("phone", phone);
        spec = address == null ? spec.bindNull("address", String.class) : spec.bind("address", address);
        spec = street == null ? spec.bindNull("street", String.class) : spec.bind("street", street);
        return spec.then();
    }

    Flux<PartyRow> parties(UUID caseId) {
        return db.sql("select * from case_party where case_id = :c order by role").bind("c", caseId)
                .map(row -> new PartyRow(row.get("role", String.class), row.get("name", String.class),
                        row.get("phone_e164", String.class), row.get("address", String.class),
                        row.get("street", String.class)))
                .all();
    }

    Mono<Void> insertContactMoment(UUID caseId, UUID volunteerId, String kind, Instant occurredAt, String note) {
        GenericExecuteSpec spec = db.sql("insert into contact_moment (case_id, volunteer_id, kind, occurred_at, note)"
                + " values (:c, :v, :k, :at, :note)").bind("c", caseId).bind("v", volunteerId).bind("k", kind)
                .bind("at", occurredAt.atOffset(ZoneOffset.UTC));
        return (note == null ? spec.bindNull("note", String.class) : spec.bind("note", note)).then();
    }

    Flux<ContactMomentRow> contactMoments(UUID caseId) {
        return db.sql("select m.*, v.name from contact_moment m join volunteer v on v.id = m.volunteer_id"
                + " where m.case_id = :c order by m.occurred_at, m.id").bind("c", caseId)
                .map(row -> new ContactMomentRow(row.get("id", Long.class), row.get("case_id", UUID.class),
                        row.get("volunteer_id", UUID.class), row.get("name", String.class),
                        row.get("kind", String.class), instant(row, "occurred_at"), row.get("note", String.class)))
                .all();
    }

    // --- mapping

    private static Rule rule(Readable row) {
        return new Rule(row.get("category_code", String.class), Instrument.valueOf(row.get("instrument", String.class)),
                Boolean.TRUE.equals(row.get("inform_police", Boolean.class)), row.get("updated_by", String.class),
                instant(row, "updated_at"));
    }

    private static CaseRow caseRow(Readable row) {
        String step = row.get("step", String.class);
        String outcome = row.get("outcome", String.class);
        return new CaseRow(row.get("id", UUID.class), row.get("number", Integer.class),
                CaseType.valueOf(row.get("type", String.class)), row.get("status", String.class),
                step == null ? null : MediationStep.valueOf(step), row.get("category_code", String.class),
                row.get("street", String.class), row.get("cluster_id", UUID.class),
                Boolean.TRUE.equals(row.get("inform_police", Boolean.class)),
                outcome == null ? null : Outcome.valueOf(outcome), row.get("closing_note", String.class),
                row.get("done_photo_url", String.class), instant(row, "created_at"), instant(row, "closed_at"),
                row.get("closed_by", String.class));
    }

    private static VolunteerRow volunteer(Readable row) {
        return new VolunteerRow(row.get("id", UUID.class), row.get("name", String.class),
                row.get("phone_e164", String.class), row.get("street", String.class),
                Boolean.TRUE.equals(row.get("active", Boolean.class)), row.get("username", String.class),
                row.get("away_until", LocalDate.class), row.get("max_open_cases", Integer.class),
                row.get("open_cases", Long.class).intValue());
    }

    private static OfferRow offer(Readable row) {
        return new OfferRow(row.get("case_id", UUID.class), row.get("volunteer_id", UUID.class),
                instant(row, "offered_at"), instant(row, "expires_at"), row.get("answer", String.class));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
