package nl.hartslag.intake;

import static nl.hartslag.db.SqlParams.nullable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.postgresql.codec.Json;
import nl.hartslag.db.crypto.PersonalData;
import nl.hartslag.report.NewReport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for the intake's short conversations and volunteers' offer replies. */
@Repository
class IntakeRepository {

    /** A text waiting for its place. Personal data: deleted as soon as it becomes a report. */
    record PendingText(String phone, String messageSid, String body, String language, List<NewReport.Photo> photos,
            Instant askedAt) {

        @Override
        public String toString() {
            return "PendingText[" + messageSid + "]";
        }
    }

    /** A call between the caller's words and their confirmation. Personal data, like the text. */
    record PendingCall(String callSid, Optional<String> phone, Purpose purpose, String language, String speech,
            Float confidence) {

        @Override
        public String toString() {
            return "PendingCall[" + callSid + ", " + purpose + "]";
        }
    }

    private static final TypeReference<List<NewReport.Photo>> PHOTOS = new TypeReference<>() {
    };
    private final DatabaseClient db;
    private final JsonMapper json;
    /** A conversation's number and words are sealed at rest and found by the number's keyed hash. */
    private final PersonalData sealed;

    IntakeRepository(DatabaseClient db, JsonMapper json, PersonalData sealed) {
        this.db = db;
        this.json = json;
        this.sealed = sealed;
    }

    // --- texts waiting for a place

    /** Stores (or replaces: a newer question wins) the text we asked "Waar is het?" about. */
    Mono<Void> savePendingText(String phone, String messageSid, String body, String language,
            List<NewReport.Photo> photos) {
        return db.sql("""
                insert into sms_conversation (phone_hash, phone_sealed, message_sid, body_sealed, language, photos)
                values (:hash, :phone, :sid, :body, :language, :photos)
                on conflict (phone_hash) do update
                   set phone_sealed = excluded.phone_sealed, message_sid = excluded.message_sid,
                       body_sealed = excluded.body_sealed, language = excluded.language, photos = excluded.photos,
                       asked_at = now()
                """)
                .bind("hash", sealed.phoneLookup(phone)).bind("phone", sealed.seal(phone)).bind("sid", messageSid)
                .bind("body", sealed.seal(body)).bind("language", language)
                .bind("photos", Json.of(json.writeValueAsString(photos)))
                .then();
    }

    Mono<PendingText> pendingText(String phone, Instant notBefore) {
        return db.sql("select * from sms_conversation where phone_hash = :phone and asked_at >= :since")
                .bind("phone", sealed.phoneLookup(phone)).bind("since", notBefore.atOffset(ZoneOffset.UTC))
                .map(row -> pendingText(row)).one();
    }

    /** Texts nobody answered in time, oldest first; locked rows (another instance on them) are skipped. */
    Flux<PendingText> expiredTexts(Instant askedBefore, int limit) {
        return db.sql("""
                select * from sms_conversation
                 where asked_at < :before
                 order by asked_at
                 limit :limit
                   for update skip locked
                """)
                .bind("before", askedBefore.atOffset(ZoneOffset.UTC)).bind("limit", limit)
                .map(row -> pendingText(row)).all();
    }

    /** Deletes the waiting text if it is still the one with this message id; emits whether it was. */
    Mono<Boolean> deletePendingText(String phone, String messageSid) {
        return db.sql("delete from sms_conversation where phone_hash = :phone and message_sid = :sid")
                .bind("phone", sealed.phoneLookup(phone)).bind("sid", messageSid)
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    private PendingText pendingText(io.r2dbc.spi.Readable row) {
        Json photos = row.get("photos", Json.class);
        return new PendingText(sealed.open(row.get("phone_sealed", String.class)),
                row.get("message_sid", String.class), sealed.open(row.get("body_sealed", String.class)),
                row.get("language", String.class),
                photos == null ? List.of() : json.readValue(photos.asString(), PHOTOS),
                row.get("asked_at", OffsetDateTime.class).toInstant());
    }

    // --- calls

    /** Starts (or restarts, when the caller went back to the menu) a call's conversation. */
    Mono<Void> startCall(String callSid, Optional<String> phone, Purpose purpose, String language) {
        return db.sql("""
                insert into voice_conversation (call_sid, phone_sealed, phone_hash, purpose, language)
                values (:sid, :phone, :hash, :purpose, :language)
                on conflict (call_sid) do update
                   set phone_sealed = excluded.phone_sealed, phone_hash = excluded.phone_hash,
                       purpose = excluded.purpose, language = excluded.language, speech = null, confidence = null
                """)
                .bind("sid", callSid).bind("phone", nullable(phone.map(sealed::seal), String.class))
                .bind("hash", nullable(phone.map(sealed::phoneLookup), String.class)).bind("purpose", purpose.name())
                .bind("language", language)
                .then();
    }

    Mono<PendingCall> pendingCall(String callSid) {
        return db.sql("select * from voice_conversation where call_sid = :sid").bind("sid", callSid)
                .map(row -> new PendingCall(row.get("call_sid", String.class),
                        Optional.ofNullable(sealed.open(row.get("phone_sealed", String.class))),
                        Purpose.valueOf(row.get("purpose", String.class)), row.get("language", String.class),
                        row.get("speech", String.class), row.get("confidence", Float.class)))
                .one();
    }

    /**
     * Adds what the caller said to the conversation (their description, then maybe the place we
     * asked for); the confidence kept is the lowest, the honest one for the whole text.
     */
    Mono<PendingCall> appendSpeech(String callSid, String speech, Float confidence) {
        // What a caller says is kept up to the longest report description; the rest is cut, not refused:
        // a caller who talks long must still be able to confirm what we have.
        return db.sql("""
                update voice_conversation
                   set speech = left(case when speech is null then :speech else speech || '. ' || :speech end, %d),
                       confidence = case when :confidence::real is null then confidence
                                         when confidence is null then :confidence::real
                                         else least(confidence, :confidence::real) end
                 where call_sid = :sid
                """.formatted(VoiceIntake.SPEECH_MAX))
                .bind("sid", callSid).bind("speech", speech).bind("confidence", nullable(confidence, Float.class))
                .then().then(pendingCall(callSid));
    }

    Mono<Void> forgetSpeech(String callSid) {
        return db.sql("update voice_conversation set speech = null, confidence = null where call_sid = :sid")
                .bind("sid", callSid).then();
    }

    Mono<Boolean> deleteCall(String callSid) {
        return db.sql("delete from voice_conversation where call_sid = :sid").bind("sid", callSid)
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /** Calls that ended without a confirmation: the caller chose not to report; forget their words. */
    Mono<Long> deleteCallsStartedBefore(Instant before) {
        return db.sql("delete from voice_conversation where started_at < :before")
                .bind("before", before.atOffset(ZoneOffset.UTC)).fetch().rowsUpdated();
    }

    // --- limits

    /*
     * Transaction-scoped advisory locks (released at commit or rollback) that order the new-report
     * transactions of one number, and of everyone, around the intake's limit check. The two-key
     * form with a fixed first key keeps them apart from any other advisory lock; two numbers with
     * the same hash only wait for each other, which is harmless.
     */
    private static final int NUMBER_LOCK = 1401;
    private static final int EVERYONE_LOCK = 1402;

    Mono<Void> lockNumber(String phone) {
        return db.sql("select pg_advisory_xact_lock(:space, hashtext(:phone))")
                .bind("space", NUMBER_LOCK).bind("phone", sealed.phoneLookup(phone)).then();
    }

    Mono<Void> lockEveryone() {
        return db.sql("select pg_advisory_xact_lock(:space, 0)").bind("space", EVERYONE_LOCK).then();
    }

    // --- volunteers (found by Mediations, by the number's lookup hash)

    /**
     * Keeps a volunteer's JA/NEE as received, once per message (Twilio may deliver a webhook twice);
     * the case workflow answers it in the same request.
     */
    Mono<Void> saveOfferReply(UUID volunteerId, boolean accept, int caseNumber, String messageSid) {
        return db.sql("""
                insert into case_offer_reply (volunteer_id, answer, case_number, message_sid, handled_at)
                values (:volunteer, :answer, :caseNumber, :sid, now())
                on conflict (message_sid) do nothing
                """)
                .bind("volunteer", volunteerId).bind("answer", accept ? "ACCEPT" : "DECLINE")
                .bind("caseNumber", caseNumber).bind("sid", messageSid).then();
    }

    static List<NewReport.Photo> photos(List<NewReport.Photo> first, List<NewReport.Photo> second) {
        List<NewReport.Photo> all = new ArrayList<>(first);
        all.addAll(second);
        return all.size() > 10 ? all.subList(0, 10) : all;
    }
}
