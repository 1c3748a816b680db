package nl.hartslag.retention;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import nl.hartslag.db.crypto.PersonalData;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What retention reads and writes. Only {@link #CONTACT_NOTE} names a personal column: a reporter's
 * contact goes as a whole row through the resident's erasure (ReportService), a mediation's parties as
 * whole {@code case_party} rows, so the sealing of those tables (issue 15) does not touch this class.
 */
@Repository
class RetentionRepository {

    /** contact_moment's free-text note; {@code note_sealed} once the volunteer tables are sealed (issue 15). */
    static final String CONTACT_NOTE = "note_sealed";

    /**
     * A report is closed for retention when it is RESOLVED or CLOSED and nothing happened to it since
     * the cutoff (its last history line is older), or when a case holds it and every case holding it
     * closed before the cutoff. Either way no mediation holding it may be open or recently closed:
     * the mediators reach the reporter through these details.
     */
    private static final String CLOSED_BEFORE = """
            ((r.status in ('RESOLVED', 'CLOSED')
              and (select max(e.occurred_at) from report_event e where e.report_id = r.id) < :cutoff)
             or (exists (select 1 from case_report cr where cr.report_id = r.id)
                 and not exists (select 1 from case_report cr join case_file c on c.id = cr.case_id
                                  where cr.report_id = r.id and (c.status <> 'CLOSED' or c.closed_at >= :cutoff))))
            and not exists (select 1 from case_report cr join case_file c on c.id = cr.case_id
                             where cr.report_id = r.id and c.type = 'MEDIATION'
                               and (c.status <> 'CLOSED' or c.closed_at >= :cutoff))
            """;

    private static final String CONTACT_DUE = "r.reporter_contact_id is not null and " + CLOSED_BEFORE;
    private static final String TEXT_DUE = "r.pseudonymised_at is null and " + CLOSED_BEFORE;
    private static final String CASE_DUE = """
            c.type = 'MEDIATION' and c.status = 'CLOSED' and c.closed_at < :cutoff
            and (exists (select 1 from case_party p where p.case_id = c.id)
                 or exists (select 1 from contact_moment m where m.case_id = c.id and m.%s is not null))
            """.formatted(CONTACT_NOTE);

    private final DatabaseClient db;
    private final PersonalData personalData;

    RetentionRepository(DatabaseClient db, PersonalData personalData) {
        this.personalData = personalData;
        this.db = db;
    }

    /** References of reports whose reporter's contact data is due for erasure, oldest first. */
    Flux<String> contactsDue(Instant cutoff, int limit) {
        return db.sql("select r.reference from report r where " + CONTACT_DUE + " order by r.received_at limit :limit")
                .bind("cutoff", cutoff).bind("limit", limit).map(row -> row.get("reference", String.class)).all();
    }

    Mono<Long> countContactsDue(Instant cutoff) {
        return count("select count(*) as n from report r where " + CONTACT_DUE, cutoff);
    }

    /** Closed mediations whose parties' data or contact notes are due for erasure. */
    Flux<UUID> casesDue(Instant cutoff, int limit) {
        return db.sql("select c.id from case_file c where " + CASE_DUE + " order by c.closed_at limit :limit")
                .bind("cutoff", cutoff).bind("limit", limit).map(row -> row.get("id", UUID.class)).all();
    }

    Mono<Long> countCasesDue(Instant cutoff) {
        return count("select count(*) as n from case_file c where " + CASE_DUE, cutoff);
    }

    /**
     * Erases a closed mediation's parties (the whole rows: name, number, address, street) and the notes
     * of its contact moments (the moments stay: who, when, with whom, for the figures). Emits what went.
     */
    Mono<Erased> eraseParties(UUID caseId) {
        Mono<Long> parties = db.sql("delete from case_party where case_id = :id").bind("id", caseId).fetch()
                .rowsUpdated();
        Mono<Long> notes = db.sql("update contact_moment set " + CONTACT_NOTE + " = null where case_id = :id and "
                + CONTACT_NOTE + " is not null").bind("id", caseId).fetch().rowsUpdated();
        return parties.zipWith(notes, Erased::new);
    }

    record Erased(long parties, long notes) {
    }

    /** Pseudonymises a case's free texts (the referrer's description, the closing note) in place. */
    Mono<Long> pseudonymiseCaseTexts(UUID caseId, java.util.function.UnaryOperator<String> pseudonymise) {
        // The referrer's description is sealed (V28): opened here, pseudonymised, sealed again.
        return db.sql("select description_sealed, closing_note from case_file where id = :id").bind("id", caseId)
                .map(row -> new String[] {personalData.open(row.get("description_sealed", String.class)),
                        row.get("closing_note", String.class)})
                .one()
                .flatMap(texts -> {
                    String description = cut(pseudonymise.apply(texts[0]), 2000);
                    String closingNote = cut(pseudonymise.apply(texts[1]), 1000);
                    if (java.util.Objects.equals(description, texts[0]) && java.util.Objects.equals(closingNote, texts[1])) {
                        return Mono.just(0L);
                    }
                    return update(caseId, description, closingNote);
                });
    }

    private Mono<Long> update(UUID caseId, String description, String closingNote) {
        var spec = db.sql("update case_file set description_sealed = :d, closing_note = :n where id = :id")
                .bind("id", caseId);
        spec = description == null ? spec.bindNull("d", String.class) : spec.bind("d", personalData.seal(description));
        spec = closingNote == null ? spec.bindNull("n", String.class) : spec.bind("n", closingNote);
        return spec.fetch().rowsUpdated();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    record Text(UUID id, String description) {
    }

    /** Closed reports whose text is due for pseudonymising. */
    Flux<Text> textsDue(Instant cutoff, int limit) {
        return db.sql("select r.id, r.description from report r where " + TEXT_DUE
                + " order by r.received_at limit :limit").bind("cutoff", cutoff).bind("limit", limit)
                .map(row -> new Text(row.get("id", UUID.class), row.get("description", String.class))).all();
    }

    Mono<Long> countTextsDue(Instant cutoff) {
        return count("select count(*) as n from report r where " + TEXT_DUE, cutoff);
    }

    /** Stores the pseudonymised text once (a second job that read the same row changes nothing). */
    Mono<Long> pseudonymise(UUID reportId, String description) {
        return db.sql("update report set description = :d, description_original_sealed = null, pseudonymised_at = now() where id = :id"
                + " and pseudonymised_at is null").bind("d", description).bind("id", reportId).fetch().rowsUpdated();
    }

    /** Removes at most {@code limit} audit entries older than {@code cutoff} (and than five years: V29). */
    Mono<Long> purgeAuditEntries(Instant cutoff, int limit) {
        return db.sql("select purge_audit_entries(:cutoff, :limit) as n").bind("cutoff", cutoff).bind("limit", limit)
                .map(row -> row.get("n", Integer.class).longValue()).one();
    }

    Mono<Long> countAuditEntriesDue(Instant cutoff) {
        return count("select count(*) as n from audit_entry where at < least(:cutoff, now() - interval '5 years')",
                cutoff);
    }

    private Mono<Long> count(String sql, Instant cutoff) {
        return db.sql(sql).bind("cutoff", cutoff).map(row -> row.get("n", Long.class)).one();
    }
}
