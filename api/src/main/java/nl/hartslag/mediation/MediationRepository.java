package nl.hartslag.mediation;

import static nl.hartslag.db.SqlParams.nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import nl.hartslag.db.crypto.PersonalData;
import nl.hartslag.casework.CaseRepository;
import nl.hartslag.casework.CaseStatus;
import nl.hartslag.casework.CaseType;
import nl.hartslag.casework.Outcome;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Mediation's SQL: a mediation's step, hold and outcome on {@code case_file}, offers, volunteers and
 * their assignments, the parties and the conversations. The case itself is read through the kernel's
 * mapping ({@link CaseRepository#caseRow}). Transactions are the services' business.
 *
 * <p>Volunteers' names, numbers and streets, the parties' details and the contact notes are sealed
 * here on the way in and opened on the way out ({@link PersonalData}, issue 15): the rest of mediation
 * sees plain values, the database never does. A number is found by its lookup hash; sealed values are
 * never compared or sorted in SQL (equal values seal differently), so that happens here in Java.
 */
@Repository
class MediationRepository {

    /** A case with its mediation step (null for other instruments' cases). */
    record Row(CaseRepository.CaseRow file, MediationStep step) {

        UUID id() {
            return file.id();
        }

        int number() {
            return file.number();
        }

        CaseType type() {
            return file.type();
        }

        boolean open() {
            return file.open();
        }

        String street() {
            return file.street();
        }

        String categoryCode() {
            return file.categoryCode();
        }
    }

    record VolunteerRow(UUID id, String name, String phone, String street, boolean active, String username,
            LocalDate awayUntil, int maxOpenCases, int openCases) {

        @Override
        public String toString() {
            return "Volunteer[" + id + "]";
        }
    }

    record OfferRow(UUID caseId, UUID volunteerId, Instant offeredAt, Instant expiresAt, OfferAnswer answer) {
    }

    record OfferHistoryRow(String volunteer, Instant askedAt, Instant expiresAt, Instant answeredAt,
            OfferAnswer state) {
    }

    record ContactMomentRow(long id, UUID caseId, UUID volunteerId, String volunteerName, Conversation kind,
            Instant occurredAt, String note) {
    }

    record PartyRow(String role, String name, String phone, String address, String street) {

        @Override
        public String toString() {
            return "Party[" + role + "]";
        }
    }

    private static final String OPEN = CaseStatus.OPEN.name();
    private static final String VOLUNTEER_COLUMNS = """
            v.id, v.name_sealed, v.phone_sealed, v.street_sealed, v.active, v.username, v.away_until, v.max_open_cases,
            (select count(*) from case_assignment a join case_file c on c.id = a.case_id
              where a.volunteer_id = v.id and c.status = '%s') as open_cases""".formatted(OPEN);
    /** A volunteer whose staff account a coordinator disabled gets no offers and cannot answer them by text. */
    private static final String ACCOUNT_NOT_DISABLED = """
            not exists (select 1 from staff_account s where lower(s.username) = lower(v.username) and not s.enabled)""";

    private static final Comparator<VolunteerRow> BY_NAME = Comparator
            .comparing((VolunteerRow v) -> v.name().toLowerCase(Locale.ROOT)).thenComparing(VolunteerRow::id);

    private final DatabaseClient db;
    private final PersonalData personalData;

    MediationRepository(DatabaseClient db, PersonalData personalData) {
        this.db = db;
        this.personalData = personalData;
    }

    // --- cases with their step

    Mono<Row> row(UUID id) {
        return db.sql("select * from case_file where id = :id").bind("id", id).map(row -> row(row)).one();
    }

    /** The case, locked until the transaction ends: offers, answers and outcomes on one case queue up. */
    Mono<Row> lock(UUID id) {
        return db.sql("select * from case_file where id = :id for update").bind("id", id)
                .map(row -> row(row)).one();
    }

    Mono<Row> lockByNumber(int number) {
        return db.sql("select * from case_file where number = :n for update").bind("n", number)
                .map(row -> row(row)).one();
    }

    Flux<Row> ofReport(UUID reportId) {
        return db.sql("""
                select c.* from case_file c join case_report cr on cr.case_id = c.id
                 where cr.report_id = :r
                 order by c.created_at
                """).bind("r", reportId).map(row -> row(row)).all();
    }

    /** Open cases of a type, a work order's own open states (onderweg, niet voor ons) included. */
    Flux<Row> open(CaseType type) {
        return db.sql("select * from case_file where type = :t and status = any(:open) order by created_at")
                .bind("t", type.name()).bind("open", CaseStatus.STORED_WHILE_OPEN.toArray(String[]::new))
                .map(row -> row(row)).all();
    }

    Flux<Row> assignedTo(UUID volunteerId) {
        return db.sql("""
                select c.* from case_file c join case_assignment a on a.case_id = c.id
                 where a.volunteer_id = :v
                 order by c.status desc, c.created_at desc
                """).bind("v", volunteerId)
                .map(row -> row(row)).all();
    }

    /** A new mediation at intake (routing opens it for a resident's report). */
    Mono<Integer> insert(UUID id, String categoryCode, String street) {
        return db.sql("""
                insert into case_file (id, type, status, step, category_code, street)
                values (:id, :type, :status, :step, :category, :street)
                returning number
                """).bind("id", id)
                .bind("type", CaseType.MEDIATION.name()).bind("status", OPEN)
                .bind("step", MediationStep.INTAKE.name()).bind("category", categoryCode)
                .bind("street", nullable(street, String.class))
                .map(r -> r.get("number", Integer.class)).one();
    }

    /** A mediation referred by a partner: no report, the referrer's account in {@code description}. */
    Mono<Integer> insertReferral(UUID id, String referredBy, String description, String street) {
        return db.sql("""
                insert into case_file (id, type, status, step, category_code, street, referred_by, description_sealed,
                                       neighbourhood)
                values (:id, :type, :status, :step, 'neighbour_dispute', :street, :by, :description,
                        -- No report: the referral's street says (issue 16).
                        (select s.neighbourhood from street_segment s where lower(s.street) = lower(cast(:street as text))
                          order by s.id limit 1))
                returning number
                """).bind("id", id).bind("type", CaseType.MEDIATION.name())
                .bind("status", OPEN).bind("step", MediationStep.INTAKE.name())
                .bind("street", nullable(street, String.class)).bind("by", referredBy)
                .bind("description", personalData.seal(description))
                .map(row -> row.get("number", Integer.class)).one();
    }

    Mono<String> referralDescription(UUID caseId) {
        return db.sql("select description_sealed from case_file where id = :id and description_sealed is not null")
                .bind("id", caseId).map(row -> opened(row, "description_sealed")).one();
    }

    /** Puts a new mediation on hold until a coordinator has looked: its words speak of violence or threats. */
    Mono<Void> holdForReview(UUID caseId) {
        return db.sql("update case_file set held_for_review = true, updated_at = now() where id = :id and type = :t")
                .bind("id", caseId).bind("t", CaseType.MEDIATION.name()).then();
    }

    /** Whether the case waits for a coordinator before any volunteer may be asked. */
    Mono<Boolean> heldForReview(UUID caseId) {
        return db.sql("select held_for_review from case_file where id = :id").bind("id", caseId)
                .map(row -> Boolean.TRUE.equals(row.get("held_for_review", Boolean.class))).one()
                .defaultIfEmpty(false);
    }

    /** A coordinator looked and lets the case be offered; who and when stay on the case. */
    Mono<Long> releaseHold(UUID caseId, String actor) {
        return db.sql("""
                update case_file
                   set held_for_review = false, hold_released_by = :actor, hold_released_at = now(), updated_at = now()
                 where id = :id and held_for_review
                """)
                .bind("id", caseId).bind("actor", actor).fetch().rowsUpdated();
    }

    Mono<Void> setStep(UUID caseId, MediationStep step) {
        return db.sql("update case_file set step = :s, updated_at = now() where id = :id").bind("s", step.name())
                .bind("id", caseId).then();
    }

    Mono<Void> close(UUID caseId, Outcome outcome, String note, String by) {
        return db.sql("""
                update case_file
                   set status = :closed, step = :step, outcome = :o, closing_note = :note, closed_at = now(),
                       closed_by = :by, updated_at = now()
                 where id = :id
                """)
                .bind("closed", CaseStatus.CLOSED.name()).bind("step", MediationStep.CLOSED.name())
                .bind("o", outcome.name()).bind("note", nullable(note, String.class)).bind("by", by)
                .bind("id", caseId)
                .then();
    }

    // --- volunteers

    Mono<Void> insertVolunteer(UUID id, String name, String phone, String street, String username,
            LocalDate awayUntil, int maxOpenCases) {
        return db.sql("""
                insert into volunteer (id, name_sealed, phone_sealed, phone_hash, street_sealed, username, away_until,
                                       max_open_cases)
                values (:id, :name, :phone, :hash, :street, :username, :away, :max)
                """)
                .bind("id", id).bind("name", personalData.seal(name)).bind("phone", personalData.seal(phone))
                .bind("hash", personalData.phoneLookup(phone))
                .bind("street", nullable(personalData.seal(street), String.class)).bind("username", nullable(username, String.class))
                .bind("away", nullable(awayUntil, LocalDate.class)).bind("max", maxOpenCases)
                .then();
    }

    Mono<Void> updateAvailability(UUID id, boolean active, LocalDate awayUntil, int maxOpenCases) {
        return db.sql("update volunteer set active = :active, away_until = :away, max_open_cases = :max where id = :id")
                .bind("active", active).bind("away", nullable(awayUntil, LocalDate.class)).bind("max", maxOpenCases)
                .bind("id", id).then();
    }

    Flux<VolunteerRow> volunteers() {
        return db.sql("select " + VOLUNTEER_COLUMNS + " from volunteer v")
                .map(row -> volunteer(row)).all().sort(BY_NAME);
    }

    Mono<VolunteerRow> volunteer(UUID id) {
        return db.sql("select " + VOLUNTEER_COLUMNS + " from volunteer v where v.id = :id").bind("id", id)
                .map(row -> volunteer(row)).one();
    }

    Mono<VolunteerRow> volunteerByPhone(String phone) {
        return db.sql("""
                select %s from volunteer v
                 where v.phone_hash = :p and v.active and %s
                """.formatted(VOLUNTEER_COLUMNS, ACCOUNT_NOT_DISABLED))
                .bind("p", personalData.phoneLookup(phone)).map(row -> volunteer(row)).one();
    }

    /** Active (the staff account may be disabled: that is for the case workflow to refuse). */
    Mono<UUID> activeVolunteerByPhone(String phone) {
        return db.sql("select id from volunteer where phone_hash = :p and active")
                .bind("p", personalData.phoneLookup(phone)).map(row -> row.get("id", UUID.class)).one();
    }

    Mono<VolunteerRow> volunteerByUsername(String username) {
        return db.sql("select " + VOLUNTEER_COLUMNS + " from volunteer v where lower(v.username) = lower(:u)")
                .bind("u", username).map(row -> volunteer(row)).one();
    }

    /**
     * Volunteers who may be offered the case now: active, not away, below their maximum of open
     * cases, not asked before for this case, and not living on a party's street (conflict of
     * interest). Those with the fewest open cases first, then those asked least recently. The street
     * is sealed, so the conflict of interest is checked here after opening it, before the limit.
     */
    Flux<VolunteerRow> eligibleVolunteers(UUID caseId, List<String> partyStreets, LocalDate today, int limit) {
        return db.sql("""
                select %s from volunteer v
                 where v.active and %s
                   and (v.away_until is null or v.away_until < :today)
                   and not exists (select 1 from case_offer o where o.case_id = :c and o.volunteer_id = v.id)
                   and not exists (select 1 from case_assignment a where a.case_id = :c and a.volunteer_id = v.id)
                   and (select count(*) from case_assignment a join case_file c on c.id = a.case_id
                         where a.volunteer_id = v.id and c.status = '%s') < v.max_open_cases
                 order by open_cases, (select max(o.offered_at) from case_offer o where o.volunteer_id = v.id)
                          nulls first, v.id
                """.formatted(VOLUNTEER_COLUMNS, ACCOUNT_NOT_DISABLED, OPEN))
                .bind("today", today).bind("c", caseId)
                .map(row -> volunteer(row)).all()
                .filter(v -> v.street() == null || partyStreets.stream().noneMatch(s -> s.equalsIgnoreCase(v.street())))
                .take(limit);
    }

    Flux<VolunteerRow> assigned(UUID caseId) {
        return db.sql("""
                select %s from volunteer v join case_assignment a on a.volunteer_id = v.id
                 where a.case_id = :c
                 order by a.assigned_at
                """.formatted(VOLUNTEER_COLUMNS)).bind("c", caseId)
                .map(row -> volunteer(row)).all();
    }

    Mono<Void> assign(UUID caseId, UUID volunteerId) {
        return db.sql("insert into case_assignment (case_id, volunteer_id) values (:c, :v)").bind("c", caseId)
                .bind("v", volunteerId).then();
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

    Mono<Void> answerOffer(UUID caseId, UUID volunteerId, OfferAnswer answer) {
        return db.sql("update case_offer set answer = :a, answered_at = now() where case_id = :c and volunteer_id = :v")
                .bind("a", answer.column()).bind("c", caseId).bind("v", volunteerId).then();
    }

    /** The duo is complete (or the case closed): offers nobody answered yet are taken. */
    Mono<Void> takeOpenOffers(UUID caseId) {
        return db.sql("update case_offer set answer = :taken, answered_at = now() where case_id = :c and answer is null")
                .bind("taken", OfferAnswer.TAKEN.column()).bind("c", caseId).then();
    }

    Flux<OfferRow> expiredOffers(Instant now, int limit) {
        return db.sql("""
                select * from case_offer
                 where answer is null and expires_at < :now
                 order by expires_at
                 limit :limit
                """).bind("now", now.atOffset(ZoneOffset.UTC)).bind("limit", limit)
                .map(row -> offer(row)).all();
    }

    /** How a case's offers went, oldest first; an unanswered offer past its time counts as expired. */
    Flux<OfferHistoryRow> offerHistory(UUID caseId) {
        return db.sql("""
                select v.name_sealed, o.offered_at, o.expires_at, o.answered_at, o.answer, o.expires_at < now() as past
                  from case_offer o join volunteer v on v.id = o.volunteer_id
                 where o.case_id = :c
                """).bind("c", caseId)
                .map(row -> {
                    OfferAnswer answer = OfferAnswer.stored(row.get("answer", String.class));
                    boolean past = Boolean.TRUE.equals(row.get("past", Boolean.class));
                    return new OfferHistoryRow(personalData.open(row.get("name_sealed", String.class)),
                            CaseRepository.instant(row, "offered_at"),
                            CaseRepository.instant(row, "expires_at"), CaseRepository.instant(row, "answered_at"),
                            answer == OfferAnswer.OPEN && past ? OfferAnswer.EXPIRED : answer);
                })
                .all()
                .sort(Comparator.comparing(OfferHistoryRow::askedAt).thenComparing(OfferHistoryRow::volunteer));
    }

    Mono<Long> openOfferCount(UUID caseId) {
        return db.sql("select count(*) as n from case_offer where case_id = :c and answer is null").bind("c", caseId)
                .map(row -> row.get("n", Long.class)).one();
    }

    Flux<OfferRow> openOffersFor(UUID volunteerId, Instant now) {
        return db.sql("""
                select o.* from case_offer o join case_file c on c.id = o.case_id
                 where o.volunteer_id = :v and o.answer is null and o.expires_at >= :now and c.status = :open
                 order by o.offered_at
                """)
                .bind("v", volunteerId).bind("now", now.atOffset(ZoneOffset.UTC)).bind("open", OPEN)
                .map(row -> offer(row)).all();
    }

    // --- parties and contact moments

    Mono<Void> saveParty(UUID caseId, String role, String name, String phone, String address, String street) {
        return db.sql("""
                insert into case_party (case_id, role, name_sealed, phone_sealed, phone_hash, address_sealed,
                                        street_sealed)
                values (:c, :role, :name, :phone, :hash, :address, :street)
                on conflict (case_id, role) do update
                   set name_sealed = excluded.name_sealed, phone_sealed = excluded.phone_sealed,
                       phone_hash = excluded.phone_hash, address_sealed = excluded.address_sealed,
                       street_sealed = excluded.street_sealed
                """)
                .bind("c", caseId).bind("role", role)
                .bind("name", nullable(personalData.seal(name), String.class))
                .bind("phone", nullable(personalData.seal(phone), String.class))
                .bind("hash", nullable(personalData.phoneLookup(phone), String.class))
                .bind("address", nullable(personalData.seal(address), String.class))
                .bind("street", nullable(personalData.seal(street), String.class))
                .then();
    }

    Flux<PartyRow> parties(UUID caseId) {
        return db.sql("select * from case_party where case_id = :c order by role").bind("c", caseId)
                .map(row -> new PartyRow(row.get("role", String.class), opened(row, "name_sealed"),
                        opened(row, "phone_sealed"), opened(row, "address_sealed"), opened(row, "street_sealed")))
                .all();
    }

    Mono<Void> insertContactMoment(UUID caseId, UUID volunteerId, Conversation kind, Instant occurredAt, String note) {
        return db.sql("""
                insert into contact_moment (case_id, volunteer_id, kind, occurred_at, note_sealed)
                values (:c, :v, :k, :at, :note)
                """)
                .bind("c", caseId).bind("v", volunteerId).bind("k", kind.name())
                .bind("at", occurredAt.atOffset(ZoneOffset.UTC))
                .bind("note", nullable(personalData.seal(note), String.class))
                .then();
    }

    Flux<ContactMomentRow> contactMoments(UUID caseId) {
        return db.sql("""
                select m.*, v.name_sealed as volunteer_name from contact_moment m join volunteer v on v.id = m.volunteer_id
                 where m.case_id = :c
                 order by m.occurred_at, m.id
                """).bind("c", caseId)
                .map(row -> new ContactMomentRow(row.get("id", Long.class), row.get("case_id", UUID.class),
                        row.get("volunteer_id", UUID.class), opened(row, "volunteer_name"),
                        Conversation.valueOf(row.get("kind", String.class)), CaseRepository.instant(row, "occurred_at"),
                        opened(row, "note_sealed")))
                .all();
    }

    // --- mapping

    private static Row row(Readable row) {
        String step = row.get("step", String.class);
        return new Row(CaseRepository.caseRow(row), step == null ? null : MediationStep.valueOf(step));
    }

    private String opened(Readable row, String column) {
        return personalData.open(row.get(column, String.class));
    }

    private VolunteerRow volunteer(Readable row) {
        return new VolunteerRow(row.get("id", UUID.class), opened(row, "name_sealed"), opened(row, "phone_sealed"),
                opened(row, "street_sealed"),
                Boolean.TRUE.equals(row.get("active", Boolean.class)), row.get("username", String.class),
                row.get("away_until", LocalDate.class), row.get("max_open_cases", Integer.class),
                row.get("open_cases", Long.class).intValue());
    }

    private static OfferRow offer(Readable row) {
        return new OfferRow(row.get("case_id", UUID.class), row.get("volunteer_id", UUID.class),
                CaseRepository.instant(row, "offered_at"), CaseRepository.instant(row, "expires_at"),
                OfferAnswer.stored(row.get("answer", String.class)));
    }
}
