package nl.hartslag.report;

import static nl.hartslag.db.SqlParams.nullable;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The SQL of reporters' satisfaction answers and of the question sent by text (V22). */
@Repository
class FeedbackRepository {

    /** One answer with the report it is about, for the coordinator's lists. */
    record Answered(Reference reference, String categoryCode, ReportStatus status, Feedback feedback) {
    }

    /** Answers per category: how many were asked by text, how many answered yes and no. */
    record Counts(String categoryCode, long asked, long satisfied, long dissatisfied) {
    }

    /** The most recent report of a number that asked the question, and its answer if any. */
    record Asked(UUID reportId, Reference reference, ReportStatus status, boolean answered) {
    }

    private final DatabaseClient db;
    /** A number is looked up by its keyed hash, never compared in plain (issue 15). */
    private final nl.hartslag.db.crypto.PersonalData sealed;

    FeedbackRepository(DatabaseClient db, nl.hartslag.db.crypto.PersonalData sealed) {
        this.db = db;
        this.sealed = sealed;
    }

    /** Stores the answer; empty when the report already has one (one answer per report). */
    Mono<Feedback> insert(UUID reportId, boolean satisfied, String reason, Feedback.Via via) {
        return db.sql("""
                insert into report_feedback (report_id, satisfied, reason, channel)
                values (:id, :satisfied, :reason, :channel)
                on conflict (report_id) do nothing
                returning satisfied, reason, channel, answered_at
                """)
                .bind("id", reportId).bind("satisfied", satisfied).bind("reason", nullable(reason, String.class))
                .bind("channel", via.code())
                .map(FeedbackRepository::feedback).one();
    }

    Mono<Feedback> find(UUID reportId) {
        return db.sql("select satisfied, reason, channel, answered_at from report_feedback where report_id = :id")
                .bind("id", reportId).map(FeedbackRepository::feedback).one();
    }

    /** Marks the question as sent by text; false when it was sent before (it is sent once). */
    Mono<Boolean> markAsked(UUID reportId) {
        return db.sql("update report set satisfaction_asked_at = now() where id = :id and satisfaction_asked_at is null")
                .bind("id", reportId).fetch().rowsUpdated().map(n -> n > 0);
    }

    Mono<Asked> latestAsked(String phoneE164) {
        return db.sql("""
                select r.id, r.reference, r.status, f.report_id is not null as answered
                  from report r join reporter_contact c on c.id = r.reporter_contact_id
                  left join report_feedback f on f.report_id = r.id
                 where c.phone_hash = :phone and r.satisfaction_asked_at is not null
                 order by r.satisfaction_asked_at desc
                 limit 1
                """)
                .bind("phone", sealed.phoneLookup(phoneE164))
                .map(row -> new Asked(row.get("id", UUID.class), new Reference(row.get("reference", String.class)),
                        ReportStatus.valueOf(row.get("status", String.class)), row.get("answered", Boolean.class)))
                .one();
    }

    /** The answers, newest first; only the dissatisfied ones when {@code satisfied} is false. */
    Flux<Answered> answers(Boolean satisfied, int limit) {
        return db.sql("""
                select r.reference, r.category_code, r.status, f.satisfied, f.reason, f.channel, f.answered_at
                  from report_feedback f join report r on r.id = f.report_id
                 where cast(:satisfied as boolean) is null or f.satisfied = :satisfied
                 order by f.answered_at desc
                 limit :limit
                """)
                .bind("satisfied", nullable(satisfied, Boolean.class)).bind("limit", limit)
                .map(row -> new Answered(new Reference(row.get("reference", String.class)),
                        row.get("category_code", String.class), ReportStatus.valueOf(row.get("status", String.class)),
                        feedback(row)))
                .all();
    }

    Flux<Counts> counts() {
        return db.sql("""
                select r.category_code,
                       count(*) filter (where r.satisfaction_asked_at is not null) as asked,
                       count(f.report_id) filter (where f.satisfied) as satisfied,
                       count(f.report_id) filter (where not f.satisfied) as dissatisfied
                  from report r left join report_feedback f on f.report_id = r.id
                 where r.satisfaction_asked_at is not null or f.report_id is not null
                 group by r.category_code
                 order by r.category_code
                """)
                .map(row -> new Counts(row.get("category_code", String.class), row.get("asked", Long.class),
                        row.get("satisfied", Long.class), row.get("dissatisfied", Long.class)))
                .all();
    }

    private static Feedback feedback(Readable row) {
        return new Feedback(row.get("satisfied", Boolean.class), row.get("reason", String.class),
                Feedback.Via.of(row.get("channel", String.class)),
                row.get("answered_at", OffsetDateTime.class).toInstant());
    }
}
