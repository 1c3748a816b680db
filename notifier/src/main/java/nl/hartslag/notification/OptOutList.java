package nl.hartslag.notification;

import org.springframework.r2dbc.core.DatabaseClient;

import nl.hartslag.db.crypto.PersonalData;
import reactor.core.publisher.Mono;

/**
 * Numbers that must not be texted. The dispatcher checks it for every text at the moment of
 * sending, so an opt-out also stops texts already in the outbox. The list holds only the numbers'
 * lookup hashes ({@link PersonalData#phoneLookup}), never a number (issue 15): an opt-out is kept
 * for good, so it must not keep the number with it.
 */
public final class OptOutList {

    /** How the number got on the list. */
    public enum Source {
        /** The resident texted STOP (or an equivalent keyword) to our number. */
        SMS_KEYWORD,
        /** Twilio refused the number as unsubscribed (error 21610). */
        PROVIDER,
        STAFF
    }

    private final DatabaseClient db;
    private final PersonalData personalData;

    OptOutList(DatabaseClient db, PersonalData personalData) {
        this.db = db;
        this.personalData = personalData;
    }

    /** Emits true when the number was not on the list yet. */
    public Mono<Boolean> optOut(String phoneE164, Source source) {
        return db.sql("insert into sms_opt_out (phone_hash, source) values (:phone, :source)"
                + " on conflict (phone_hash) do nothing")
                .bind("phone", personalData.phoneLookup(phoneE164))
                .bind("source", source.name())
                .fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** Emits true when the number was on the list. */
    public Mono<Boolean> optIn(String phoneE164) {
        return db.sql("delete from sms_opt_out where phone_hash = :phone")
                .bind("phone", personalData.phoneLookup(phoneE164))
                .fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }

    public Mono<Boolean> isOptedOut(String phoneE164) {
        return db.sql("select exists (select 1 from sms_opt_out where phone_hash = :phone) as listed")
                .bind("phone", personalData.phoneLookup(phoneE164))
                .map((row, meta) -> Boolean.TRUE.equals(row.get("listed", Boolean.class)))
                .one();
    }
}
