package nl.hartslag.notification;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;

import io.r2dbc.spi.Readable;
import nl.hartslag.db.crypto.PersonalData;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What coordinators see of the outbox: notifications that need attention, their attempts, and a
 * retry. Addresses are shown masked; which resident it was is in the report, for those allowed.
 */
public final class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    public record Summary(UUID id, Channel channel, Audience audience, Template template, NotificationStatus status,
            String reference, String recipient, int attempts, int attemptLimit, String errorCode, String lastError,
            Instant dueAt, Instant createdAt, Instant updatedAt) {
    }

    public record Attempt(int attempt, Instant startedAt, Instant finishedAt, String outcome, Integer httpStatus,
            String errorCode, String detail, String instance) {
    }

    public record Detail(Summary notification, List<Attempt> attempts) {
    }

    /** The outbox at a glance: work due now, how long the oldest has waited, and trouble. */
    public record Backlog(long due, long oldestDueSeconds, long trouble) {
    }

    /** Why a retry was refused. */
    public sealed interface RetryResult {
        record Retried(Summary notification) implements RetryResult {
        }

        record NotFound() implements RetryResult {
        }

        record NotRetryable(NotificationStatus status) implements RetryResult {
        }
    }

    private static final String COLUMNS = """
            n.id, n.channel, n.audience, n.template, n.status, n.reference, \
            (select r.address_sealed from notification_recipient r where r.notification_id = n.id) as address, \
            n.attempts, n.attempt_limit, n.error_code, n.last_error, n.due_at, n.created_at, n.updated_at""";

    private final DatabaseClient db;
    private final NotifierSettings settings;
    private final PersonalData personalData;

    Notifications(DatabaseClient db, NotifierSettings settings, PersonalData personalData) {
        this.db = db;
        this.settings = settings;
        this.personalData = personalData;
    }

    /** Newest first; {@code statuses} empty means all that need attention (FAILED, DEAD, UNDELIVERED). */
    public Flux<Summary> list(Collection<NotificationStatus> statuses, Optional<String> reference, int limit) {
        List<String> wanted = (statuses.isEmpty() ? NotificationStatus.TROUBLE : statuses).stream().map(Enum::name)
                .toList();
        DatabaseClient.GenericExecuteSpec spec = db.sql("select " + COLUMNS + " from notification n"
                + " where n.status = any(:statuses)"
                + (reference.isPresent() ? " and n.reference = :reference" : "")
                + " order by n.updated_at desc limit :limit")
                .bind("statuses", wanted.toArray(String[]::new))
                .bind("limit", limit);
        if (reference.isPresent()) {
            spec = spec.bind("reference", reference.get());
        }
        return spec.map((row, meta) -> row(row)).all().map(this::summary);
    }

    public Mono<Detail> find(UUID id) {
        return db.sql("select " + COLUMNS + " from notification n where n.id = :id")
                .bind("id", id)
                .map((row, meta) -> row(row))
                .one()
                .flatMap(stored -> {
                    // Opened once, here, to find the recipient's own address in the texts in any form.
                    String address = open(stored.id(), stored.address());
                    return db.sql("""
                            select attempt, started_at, finished_at, outcome, http_status, error_code, detail, instance
                              from notification_attempt
                             where notification_id = :id
                             order by attempt
                            """)
                            .bind("id", id)
                            .map((row, meta) -> new Attempt(row.get("attempt", Integer.class),
                                    OutboxRepository.instant(row, "started_at"),
                                    OutboxRepository.instant(row, "finished_at"), row.get("outcome", String.class),
                                    row.get("http_status", Integer.class), row.get("error_code", String.class),
                                    ErrorText.redact(row.get("detail", String.class), address),
                                    row.get("instance", String.class)))
                            .all().collectList()
                            .map(attempts -> new Detail(summary(stored, address), attempts));
                });
    }

    /**
     * Sends a FAILED, DEAD or UNDELIVERED notification again, now, with a fresh allowance of
     * attempts. The opt-out list still applies. The insert trigger's NOTIFY wakes a dispatcher.
     */
    public Mono<RetryResult> retry(UUID id, String actor) {
        // The answer is the row as this update left it: a dispatcher may take it the moment we commit.
        return db.sql("""
                update notification n
                   set status = 'PENDING', due_at = now(), error_code = null, attempt_limit = attempts + :allowance,
                       updated_at = now()
                 where id = :id and status = any(:retryable)
                returning %s
                """.formatted(COLUMNS))
                .bind("allowance", settings.maxAttempts())
                .bind("id", id)
                .bind("retryable", NotificationStatus.TROUBLE.stream().map(Enum::name).toArray(String[]::new))
                .map((row, meta) -> row(row))
                .one()
                .map(this::summary)
                .map(retried -> {
                    log.info("Notification {} queued again by {}", id, actor);
                    return (RetryResult) new RetryResult.Retried(retried);
                })
                .switchIfEmpty(Mono.defer(() -> summary(id)
                        .map(s -> (RetryResult) new RetryResult.NotRetryable(s.status()))
                        .defaultIfEmpty(new RetryResult.NotFound())));
    }

    private record Resend(UUID id, OutgoingNotification notification) {
    }

    /** Twilio's answers that mean the number itself is wrong (invalid, or no mobile): a new number can fix them. */
    public static final List<String> WRONG_NUMBER = List.of("21211", "21614");

    /**
     * Sends a report's texts to the resident that failed because the number was wrong to a corrected
     * number: each becomes a new outbox row (through {@link Outbox#enqueue}, so quiet hours and the
     * opt-out list still apply) and the failed one is set aside as SUPPRESSED, so it leaves the
     * coordinator's list. Runs in the caller's transaction; the number is never logged. Emits how
     * many texts were queued again (0: nothing failed for that reason).
     */
    public Mono<Long> readdress(String reference, String phoneE164, Outbox outbox, String actor) {
        return db.sql("""
                select n.id, n.idempotency_key, n.template, n.parameters_sealed, n.language, n.urgency
                  from notification n
                 where n.reference = :ref and n.channel = 'SMS' and n.audience = 'RESIDENT'
                   and n.status = any(:trouble) and n.error_code = any(:wrong)
                 order by n.created_at
                   for update
                """)
                .bind("ref", reference)
                .bind("trouble", NotificationStatus.TROUBLE.stream().map(Enum::name).toArray(String[]::new))
                .bind("wrong", WRONG_NUMBER.toArray(String[]::new))
                .map((row, meta) -> {
                    UUID id = row.get("id", UUID.class);
                    String key = row.get("idempotency_key", String.class);
                    // A new cause: the same message to a corrected number (unique per failed row).
                    String newKey = (key.length() > 150 ? key.substring(0, 150) : key) + ":to:" + UUID.randomUUID();
                    return new Resend(id, new OutgoingNotification(newKey, Channel.SMS, phoneE164, Audience.RESIDENT,
                            Template.valueOf(row.get("template", String.class)),
                            OutboxRepository.parameters(personalData, row.get("parameters_sealed", String.class)),
                            row.get("language", String.class), Urgency.valueOf(row.get("urgency", String.class)),
                            reference));
                })
                .all()
                // Read to the end before writing: one connection carries the whole transaction.
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(resend -> outbox.enqueue(resend.notification())
                        .then(db.sql("""
                                update notification
                                   set status = 'SUPPRESSED', updated_at = now(),
                                       last_error = 'Opnieuw verstuurd naar een verbeterd nummer'
                                 where id = :id
                                """)
                                .bind("id", resend.id()).then())
                        .doOnSuccess(v -> log.info("Notification {} sent again to a corrected number by {}",
                                resend.id(), actor))
                        .thenReturn(1L))
                .count();
    }

    /**
     * A resident erased their contact data (issue 15): what the outbox still owes them about this
     * report is never sent (PENDING and the ones a coordinator could retry become SUPPRESSED), and
     * the address is deleted from every row of theirs, also one being handed to the provider at this
     * very moment: that attempt already holds the address in memory and ends normally; a retry of it
     * finds no address and ends FAILED. (Kept until the attempt ended, it would outlive the erasure.)
     * Runs in the caller's transaction; emits how many notifications were stopped.
     */
    public Mono<Long> forgetResident(String reference) {
        return db.sql("""
                update notification
                   set status = 'SUPPRESSED', updated_at = now(), error_code = 'ERASED',
                       last_error = 'Gegevens verwijderd door de melder (AVG)'
                 where reference = :ref and audience = 'RESIDENT' and status = any(:open)
                """)
                .bind("ref", reference)
                .bind("open", new String[] { "PENDING", "FAILED", "DEAD", "UNDELIVERED" })
                .fetch().rowsUpdated()
                .flatMap(stopped -> db.sql("""
                        delete from notification_recipient r using notification n
                         where n.id = r.notification_id and n.reference = :ref and n.audience = 'RESIDENT'
                        """)
                        .bind("ref", reference).then().thenReturn(stopped));
    }

    /**
     * Forgets one address everywhere in the outbox, found by its lookup hash
     * ({@code PersonalData.phoneLookup} or {@code emailLookup}): for a coordinator's formal request
     * (issue 15). What is still owed to it is never sent (SUPPRESSED, error code ERASED) and its
     * recipient rows are deleted, except one being handed to the provider at this moment. Runs in
     * the caller's transaction; emits how many notifications lost their address.
     */
    public Mono<Long> forgetAddress(String addressHash) {
        return db.sql("""
                update notification n
                   set status = 'SUPPRESSED', updated_at = now(), error_code = 'ERASED',
                       last_error = 'Gegevens verwijderd (AVG)'
                  from notification_recipient r
                 where r.notification_id = n.id and r.address_hash = :hash and n.status = any(:open)
                """)
                .bind("hash", addressHash)
                .bind("open", new String[] { "PENDING", "FAILED", "DEAD", "UNDELIVERED" })
                .then()
                .then(db.sql("""
                        delete from notification_recipient r using notification n
                         where n.id = r.notification_id and r.address_hash = :hash and n.status <> 'SENDING'
                        """)
                        .bind("hash", addressHash)
                        .fetch().rowsUpdated());
    }

    public Mono<Backlog> backlog() {
        return db.sql("""
                select (select count(*) from notification where status = 'PENDING' and due_at <= now()) as due,
                       (select coalesce(extract(epoch from now() - min(due_at)), 0)::bigint from notification
                         where status = 'PENDING' and due_at <= now()) as oldest,
                       (select count(*) from notification where status in ('FAILED', 'DEAD', 'UNDELIVERED')) as trouble
                """)
                .map((row, meta) -> new Backlog(row.get("due", Long.class), row.get("oldest", Long.class),
                        row.get("trouble", Long.class)))
                .one();
    }

    private Mono<Summary> summary(UUID id) {
        return db.sql("select " + COLUMNS + " from notification n where n.id = :id")
                .bind("id", id)
                .map((row, meta) -> row(row))
                .one()
                .map(this::summary);
    }

    /** A row as stored, its address still sealed: opened after the driver let go of the row. */
    private record Stored(UUID id, Channel channel, Audience audience, Template template, NotificationStatus status,
            String reference, String address, int attempts, int attemptLimit, String errorCode, String lastError,
            Instant dueAt, Instant createdAt, Instant updatedAt) {
    }

    private static Stored row(Readable row) {
        return new Stored(row.get("id", UUID.class), Channel.valueOf(row.get("channel", String.class)),
                Audience.valueOf(row.get("audience", String.class)), Template.valueOf(row.get("template", String.class)),
                NotificationStatus.valueOf(row.get("status", String.class)), row.get("reference", String.class),
                row.get("address", String.class), row.get("attempts", Integer.class),
                row.get("attempt_limit", Integer.class), row.get("error_code", String.class),
                row.get("last_error", String.class), OutboxRepository.instant(row, "due_at"),
                OutboxRepository.instant(row, "created_at"), OutboxRepository.instant(row, "updated_at"));
    }

    private Summary summary(Stored s) {
        return summary(s, open(s.id(), s.address()));
    }

    /** Staff see the address masked, opened from the sealed value; the plain value never leaves. */
    private static Summary summary(Stored s, String address) {
        return new Summary(s.id(), s.channel(), s.audience(), s.template(), s.status(), s.reference(),
                Masking.mask(address), s.attempts(), s.attemptLimit(), s.errorCode(),
                ErrorText.redact(s.lastError(), address), s.dueAt(), s.createdAt(), s.updatedAt());
    }

    /** The plain address, or null when erased or unreadable (the page then shows none, never an error). */
    private String open(UUID id, String sealed) {
        try {
            return personalData.open(sealed);
        } catch (PersonalData.SealedValueUnreadable e) {
            log.warn("Notification {}: its address cannot be opened ({})", id, e.getMessage());
            return null;
        }
    }
}
