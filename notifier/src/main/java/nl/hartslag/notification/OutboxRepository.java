package nl.hartslag.notification;

import static nl.hartslag.db.SqlParams.nullable;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.r2dbc.spi.Readable;
import nl.hartslag.db.crypto.PersonalData;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL of the outbox. Statements that finish an attempt only touch a row still held by that attempt. */
final class OutboxRepository {

    static final String CHANNEL = "hartslag_outbox";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {
    };

    /**
     * A notification claimed for sending by this instance, with its address (opened just now, held
     * only in memory) and opt-out state.
     *
     * @param address      the plain address, or null when it was erased (or cannot be opened)
     * @param addressHash  its lookup hash (opt-out list, daily cap), or null when erased
     * @param unknownSince when an earlier attempt began whose outcome is unknown (ask before sending)
     * @param countedOn    the day it was counted against its number's daily cap, if it was
     */
    record Claimed(UUID id, Channel channel, Audience audience, Template template, Map<String, String> parameters,
            String language, Urgency urgency, int attempt, int attemptLimit, String address, String addressHash,
            boolean optedOut, Instant unknownSince, LocalDate countedOn) {

        @Override
        public String toString() {
            return "Claimed[" + id + ", " + channel + ", " + template + ", attempt " + attempt + "]";
        }
    }

    /**
     * How one attempt ended, as stored.
     *
     * @param outcomeUnknown the message may have reached the provider; remembered so the next attempt asks first
     */
    record Finish(NotificationStatus status, String outcome, Instant dueAt, Integer httpStatus, String errorCode,
            String detail, boolean outcomeUnknown) {

        Finish(NotificationStatus status, String outcome, Instant dueAt, Integer httpStatus, String errorCode,
                String detail) {
            this(status, outcome, dueAt, httpStatus, errorCode, detail, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(OutboxRepository.class);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final PersonalData personalData;

    OutboxRepository(DatabaseClient db, TransactionalOperator tx, PersonalData personalData) {
        this.db = db;
        this.tx = tx;
        this.personalData = personalData;
    }

    /** A notification's stored parameters, sealed as a whole (they may hold a note naming people, a status link). */
    static Map<String, String> parameters(PersonalData personalData, String sealed) {
        return JSON.readValue(personalData.open(sealed), PARAMETERS);
    }

    /** The sealed form of a notification's parameters. */
    static String sealParameters(PersonalData personalData, Map<String, String> parameters) {
        return personalData.seal(JSON.writeValueAsString(parameters));
    }

    /**
     * The lookup hash of an address: the phone hash for SMS (the one the opt-out list, the daily cap
     * and every other feature use for that number), the e-mail hash for e-mail.
     */
    static String addressHash(PersonalData personalData, Channel channel, String address) {
        return channel == Channel.SMS ? personalData.phoneLookup(address) : personalData.emailLookup(address);
    }

    /** The plain address, or null when it cannot be opened (another keyset): then nothing is sent to it. */
    private String openAddress(UUID id, String sealed) {
        try {
            return personalData.open(sealed);
        } catch (PersonalData.SealedValueUnreadable e) {
            log.error("Notification {}: its address cannot be opened ({}); it is not sent", id, e.getMessage());
            return null;
        }
    }

    /** Inserts the notification and its recipient; false when the idempotency key was already used. */
    Mono<Boolean> insert(UUID id, OutgoingNotification n, Instant dueAt, int attemptLimit) {
        return db.sql("""
                with inserted as (
                    insert into notification (id, idempotency_key, channel, audience, template, parameters_sealed,
                                              language, urgency, reference, status, due_at, attempt_limit)
                    values (:id, :key, :channel, :audience, :template, :parameters, :language,
                            :urgency, :reference, 'PENDING', :due, :limit)
                    on conflict (idempotency_key) do nothing
                    returning id)
                insert into notification_recipient (notification_id, address_sealed, address_hash)
                select id, :address, :hash from inserted
                """)
                .bind("id", id)
                .bind("key", n.idempotencyKey())
                .bind("channel", n.channel().name())
                .bind("audience", n.audience().name())
                .bind("template", n.template().name())
                .bind("parameters", sealParameters(personalData, n.parameters()))
                .bind("language", n.language())
                .bind("urgency", n.urgency().name())
                .bind("reference", nullable(n.reference(), String.class))
                .bind("due", dueAt.atOffset(ZoneOffset.UTC))
                .bind("limit", attemptLimit)
                .bind("address", personalData.seal(n.address()))
                .bind("hash", addressHash(personalData, n.channel(), n.address()))
                .fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }

    /**
     * Takes up to {@code limit} due notifications for this instance: pending ones whose time has
     * come, and ones whose sender's lease ran out (that instance died mid-send; its attempt is closed
     * as INTERRUPTED). SKIP LOCKED lets dispatchers on other instances take the rest at the same time.
     * Emits once the claim is committed, so that every later statement about these rows sees them claimed.
     */
    Mono<List<Claimed>> claim(int limit, Duration lease, String instance) {
        return db.sql("""
                with due as (
                    select id from notification
                     where (status = 'PENDING' and due_at <= now()) or (status = 'SENDING' and lease_until < now())
                     order by due_at
                     limit :limit
                       for update skip locked),
                interrupted as (
                    update notification_attempt a
                       set finished_at = now(), outcome = 'INTERRUPTED',
                           detail = 'The sending instance stopped before it recorded the result.'
                      from due
                     where a.notification_id = due.id and a.finished_at is null),
                -- An instance that died mid-send may have had its text accepted: ask before sending again.
                claimed as (
                    update notification n
                       set status = 'SENDING', attempts = n.attempts + 1,
                           lease_until = now() + make_interval(secs => :leaseSeconds), updated_at = now(),
                           unknown_since = case when n.status = 'SENDING'
                                                then coalesce(n.unknown_since,
                                                              (select a.started_at from notification_attempt a
                                                                where a.notification_id = n.id
                                                                  and a.attempt = n.attempts), now())
                                                else n.unknown_since end
                      from due
                     where n.id = due.id
                    returning n.*),
                started as (
                    insert into notification_attempt (notification_id, attempt, instance)
                    select id, attempts, :instance from claimed)
                select c.id, c.channel, c.audience, c.template, c.parameters_sealed, c.language,
                       c.urgency, c.attempts, c.attempt_limit, r.address_sealed, r.address_hash,
                       (o.phone_hash is not null) as opted_out, c.unknown_since, c.counted_on
                  from claimed c left join notification_recipient r on r.notification_id = c.id
                  left join sms_opt_out o on c.channel = 'SMS' and o.phone_hash = r.address_hash
                """)
                .bind("limit", limit)
                .bind("leaseSeconds", (double) lease.toMillis() / 1000)
                .bind("instance", instance)
                .map((row, meta) -> new Stored(row.get("id", UUID.class), row.get("channel", String.class),
                        row.get("audience", String.class), row.get("template", String.class),
                        row.get("parameters_sealed", String.class), row.get("language", String.class),
                        row.get("urgency", String.class), row.get("attempts", Integer.class),
                        row.get("attempt_limit", Integer.class), row.get("address_sealed", String.class),
                        row.get("address_hash", String.class), Boolean.TRUE.equals(row.get("opted_out", Boolean.class)),
                        instant(row, "unknown_since"), row.get("counted_on", LocalDate.class)))
                .all()
                // Opened outside the row callback: the driver's thread only reads rows.
                .map(this::opened)
                .collectList()
                .as(tx::transactional);
    }

    private record Stored(UUID id, String channel, String audience, String template, String parameters,
            String language, String urgency, int attempts, int attemptLimit, String address, String addressHash,
            boolean optedOut, Instant unknownSince, LocalDate countedOn) {
    }

    private Claimed opened(Stored s) {
        Map<String, String> parameters;
        try {
            parameters = parameters(personalData, s.parameters());
        } catch (PersonalData.SealedValueUnreadable e) {
            log.error("Notification {}: its parameters cannot be opened ({})", s.id(), e.getMessage());
            parameters = Map.of();
        }
        return new Claimed(s.id(), Channel.valueOf(s.channel()), Audience.valueOf(s.audience()),
                Template.valueOf(s.template()), parameters, s.language(), Urgency.valueOf(s.urgency()), s.attempts(),
                s.attemptLimit(), s.address() == null ? null : openAddress(s.id(), s.address()), s.addressHash(),
                s.optedOut(), s.unknownSince(), s.countedOn());
    }

    /**
     * The provider took it: store its id at once (the shorter the time between Twilio's answer and
     * this commit, the smaller the window in which a crash could lead to a second text), then apply
     * a receipt that may have overtaken us.
     */
    Mono<Boolean> accepted(Claimed c, String providerId) {
        return sent(c, providerId, "ACCEPTED", null);
    }

    /**
     * An earlier attempt's text was found at the provider after all: recorded as sent with its id,
     * by this attempt (outcome FOUND), and nothing is sent again.
     */
    Mono<Boolean> found(Claimed c, String providerId) {
        return sent(c, providerId, "FOUND", "Twilio had accepted an earlier attempt whose answer was lost;"
                + " recorded as sent, not sent again.");
    }

    private Mono<Boolean> sent(Claimed c, String providerId, String outcome, String detail) {
        return db.sql("""
                with n as (
                    update notification
                       set status = 'SENT', provider_id = :pid, lease_until = null, error_code = null,
                           last_error = null, unknown_since = null, updated_at = now()
                     where id = :id and status = 'SENDING' and attempts = :attempt
                    returning id)
                update notification_attempt set finished_at = now(), outcome = :outcome, detail = :detail
                 where notification_id = :id and attempt = :attempt and exists (select 1 from n)
                """)
                .bind("pid", providerId)
                .bind("outcome", outcome)
                .bind("detail", nullable(detail, String.class))
                .bind("id", c.id())
                .bind("attempt", c.attempt())
                .fetch().rowsUpdated()
                .flatMap(rows -> rows > 0 ? applyReceipts(providerId).thenReturn(true) : Mono.just(false));
    }

    Mono<Boolean> finish(Claimed c, Finish f) {
        return db.sql("""
                with n as (
                    update notification
                       set status = :status, due_at = coalesce(:due, due_at), lease_until = null, error_code = :code,
                           last_error = :detail, updated_at = now(),
                           unknown_since = case when :unknown
                                                then coalesce(unknown_since,
                                                              (select a.started_at from notification_attempt a
                                                                where a.notification_id = :id and a.attempt = :attempt))
                                                else unknown_since end
                     where id = :id and status = 'SENDING' and attempts = :attempt
                    returning id)
                update notification_attempt
                   set finished_at = now(), outcome = :outcome, http_status = :http, error_code = :code, detail = :detail
                 where notification_id = :id and attempt = :attempt and exists (select 1 from n)
                """)
                .bind("status", f.status().name())
                .bind("due", nullable(f.dueAt() == null ? null : f.dueAt().atOffset(ZoneOffset.UTC),
                        OffsetDateTime.class))
                .bind("code", nullable(f.errorCode(), String.class))
                // Every error text is stored through here: masked, whoever wrote it.
                .bind("detail", nullable(truncate(ErrorText.redact(f.detail(), c.address())),
                        String.class))
                .bind("outcome", f.outcome())
                .bind("http", nullable(f.httpStatus(), Integer.class))
                .bind("unknown", f.outcomeUnknown())
                .bind("id", c.id())
                .bind("attempt", c.attempt())
                .fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** Gives a claimed notification back untouched (this instance is stopping before it began). */
    Mono<Void> release(Claimed c) {
        return db.sql("""
                with n as (
                    update notification set status = 'PENDING', attempts = attempts - 1, lease_until = null,
                                            updated_at = now()
                     where id = :id and status = 'SENDING' and attempts = :attempt
                    returning id)
                delete from notification_attempt
                 where notification_id = :id and attempt = :attempt and exists (select 1 from n)
                """)
                .bind("id", c.id())
                .bind("attempt", c.attempt())
                .then();
    }

    /**
     * Counts this text against its number's cap for {@code day}, atomically across instances (the
     * upsert takes the counter row's lock): emits true while the number had fewer than {@code cap}
     * texts that day, and marks the notification counted so a retry is not counted again.
     */
    Mono<Boolean> countTowardsCap(Claimed c, LocalDate day, int cap) {
        return db.sql("""
                with counted as (
                    insert into sms_daily_count (phone_hash, day, texts) values (:phone, :day, 1)
                    on conflict (phone_hash, day) do update set texts = sms_daily_count.texts + 1
                     where sms_daily_count.texts < :cap
                    returning texts)
                update notification set counted_on = :day
                 where id = :id and status = 'SENDING' and attempts = :attempt and exists (select 1 from counted)
                returning id
                """)
                .bind("phone", c.addressHash())
                .bind("day", day)
                .bind("cap", cap)
                .bind("id", c.id())
                .bind("attempt", c.attempt())
                .map((row, meta) -> row.get("id", UUID.class))
                .all().hasElements();
    }

    /**
     * Erases the addresses of notifications that ended more than {@code age} ago (AVG: personal
     * data is kept no longer than needed). The notification and its attempts stay, without address.
     * Their error texts were masked with the address before they were written ({@link #finish});
     * they are masked by pattern once more in the same statement, which needs no address.
     */
    Mono<Long> eraseAddresses(Duration age) {
        return db.sql("""
                with erased as (
                    delete from notification_recipient r using notification n
                     where r.notification_id = n.id
                       and n.status in ('SENT', 'DELIVERED', 'UNDELIVERED', 'FAILED', 'DEAD', 'SUPPRESSED')
                       and n.updated_at < now() - make_interval(secs => :seconds)
                    returning r.notification_id),
                texts as (
                    update notification n set last_error = redact_error_text(n.last_error)
                      from erased e
                     where n.id = e.notification_id and n.last_error is not null),
                details as (
                    update notification_attempt a set detail = redact_error_text(a.detail)
                      from erased e
                     where a.notification_id = e.notification_id and a.detail is not null)
                select count(*) as n from erased
                """)
                .bind("seconds", (double) age.toSeconds())
                .map((row, meta) -> row.get("n", Long.class))
                .one();
    }

    /**
     * Masks numbers and addresses in error texts that are still whole, by pattern: the safety net
     * behind {@link ErrorText}, which masks every text (with the recipient's own address, opened in
     * Java) before it is written. The database never sees a plain address (issue 15), so its twin
     * ({@code redact_error_text(text)}, V27) works without one.
     */
    Mono<Long> redactErrorTexts() {
        return db.sql("""
                with texts as (
                    update notification n set last_error = redact_error_text(n.last_error)
                     where n.last_error is not null and n.last_error <> redact_error_text(n.last_error)
                    returning 1),
                details as (
                    update notification_attempt a set detail = redact_error_text(a.detail)
                     where a.detail is not null and a.detail <> redact_error_text(a.detail)
                    returning 1)
                select (select count(*) from texts) + (select count(*) from details) as n
                """)
                .map((row, meta) -> row.get("n", Long.class))
                .one();
    }

    /** Daily counts are needed for today only; older ones (phone numbers) go. */
    Mono<Long> forgetDailyCounts(LocalDate today) {
        return db.sql("delete from sms_daily_count where day < :today")
                .bind("today", today)
                .fetch().rowsUpdated();
    }

    /** When the next notification becomes due (a retry, a held text, an expiring lease), if any. */
    Mono<Instant> nextDue() {
        return db.sql("""
                select least((select min(due_at) from notification where status = 'PENDING'),
                             (select min(lease_until) from notification where status = 'SENDING')) as next
                """)
                .map((row, meta) -> Optional.ofNullable(row.get("next", OffsetDateTime.class)))
                .one()
                .flatMap(next -> Mono.justOrEmpty(next.map(OffsetDateTime::toInstant)));
    }

    Mono<Void> recordReceipt(String providerId, String providerStatus, String errorCode) {
        return db.sql("""
                insert into delivery_receipt (provider_id, provider_status, error_code)
                values (:pid, :status, :code)
                """)
                .bind("pid", providerId)
                .bind("status", providerStatus)
                .bind("code", nullable(errorCode, String.class))
                .then()
                .then(applyReceipts(providerId));
    }

    /**
     * Moves a sent notification to what its latest final receipt says. Receipts may come out of
     * order; "sent" or "queued" after "delivered" changes nothing.
     */
    Mono<Void> applyReceipts(String providerId) {
        return db.sql("""
                update notification n
                   set status = case r.provider_status when 'delivered' then 'DELIVERED' else 'UNDELIVERED' end,
                       error_code = coalesce(r.error_code, n.error_code), updated_at = now()
                  from (select provider_status, error_code from delivery_receipt
                         where provider_id = :pid and provider_status in ('delivered', 'undelivered', 'failed')
                         order by id desc
                         limit 1) r
                 where n.provider_id = :pid and n.status in ('SENT', 'DELIVERED', 'UNDELIVERED')
                """)
                .bind("pid", providerId)
                .then();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }

    static Instant instant(Readable row, String column) {
        OffsetDateTime t = row.get(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
