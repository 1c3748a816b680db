package nl.hartslag.report;

import static nl.hartslag.db.SqlParams.nullable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import nl.hartslag.photo.ProcessedPhoto;
import nl.hartslag.matching.ContactDetails;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for reports, their history and reporters' contacts. Transactions are the service's business. */
@Repository
class ReportRepository {

    /** A stored report with what the service needs to decide on it. */
    record StoredReport(UUID id, Reference reference, byte[] tokenHash, String categoryCode, String description,
            double lat, double lon, String street, String houseNumber, Channel channel, ReportStatus status,
            String language, Instant occurredAt, Instant receivedAt, UUID contactId, byte[] fingerprint,
            boolean placeKnown, Float speechConfidence, String problemStreet, Integer problemHouseNumber,
            String problemPlaceName, Double problemLat, Double problemLon, String problemSource, boolean pin) {

        /**
         * Whether the report's point is where the problem was seen (a pin, a map link), not an address
         * or the middle of a street: before the engine read it, whether it was pinned.
         */
        boolean pointsAtTheProblem() {
            return problemSource == null ? pin : problemSource.equals("pin") || problemSource.equals("map_link");
        }
    }

    private static final String COLUMNS = """
            id, reference, tracking_token_hash, category_code, description, lat, lon, street, house_number, channel, \
            status, language, occurred_at, received_at, reporter_contact_id, request_fingerprint, place_known, \
            speech_confidence, problem_street, problem_house_number, problem_place_name, problem_lat, problem_lon, \
            problem_source, pin""";

    private final DatabaseClient db;
    /** Seals the reporter's contact on its way in, opens it on its way out; lookups by its hashes. */
    private final nl.hartslag.db.crypto.PersonalData sealed;

    ReportRepository(DatabaseClient db, nl.hartslag.db.crypto.PersonalData sealed) {
        this.db = db;
        this.sealed = sealed;
    }

    Mono<UUID> insertContact(NewReport.Contact contact) {
        UUID id = UUID.randomUUID();
        return db.sql("""
                insert into reporter_contact (id, name_sealed, phone_sealed, phone_hash, email_sealed, email_hash,
                                              home_street_sealed, home_house_number_sealed)
                values (:id, :name, :phone, :phoneHash, :email, :emailHash, :homeStreet, :homeNumber)
                """)
                .bind("id", id)
                .bind("name", nullable(sealed.seal(contact.name()), String.class))
                .bind("phone", nullable(sealed.seal(contact.phoneE164()), String.class))
                .bind("phoneHash", nullable(sealed.phoneLookup(contact.phoneE164()), String.class))
                .bind("email", nullable(sealed.seal(contact.email()), String.class))
                .bind("emailHash", nullable(sealed.emailLookup(contact.email()), String.class))
                .bind("homeStreet", nullable(sealed.seal(contact.home() == null ? null : contact.home().street()),
                        String.class))
                .bind("homeNumber", nullable(sealed.seal(contact.home() == null ? null : contact.home().houseNumber()),
                        String.class))
                .then().thenReturn(id);
    }

    /**
     * Inserts the report unless one with the same idempotency key exists; empty when it did (the
     * conflicting insert waits for the other transaction, so a concurrent twin is seen committed).
     */
    /**
     * The new report and the first line of its history, in one statement (one round trip; atomic
     * on its own, so it needs no transaction of its own when nothing else is written with it).
     * Empty when a report with the same idempotency key exists.
     */
    /**
     * The neighbourhood of the report's place (issue 16): the nearest street segment or landmark, on
     * the report's own street when it has one and is not a pin (then the resolved address decides,
     * even at a border); none when nobody told us where. The rule V33 backfilled existing reports with.
     */
    static final String NEIGHBOURHOOD = """
            (select p.neighbourhood from (
                 select s.neighbourhood, s.street, s.lat, s.lon from street_segment s
                 union all
                 select n.neighbourhood, null, n.lat, n.lon from named_place n where n.neighbourhood <> '') p
              where :placeKnown
              order by (not :pin and p.street is not null and lower(p.street) = lower(cast(:street as text))) desc,
                       (p.lat - :lat) ^ 2 + ((p.lon - :lon) * 0.63) ^ 2
              limit 1)""";

    Mono<UUID> insertReceived(UUID id, Reference reference, byte[] tokenHash, NewReport report, UUID contactId,
            String idempotencyKey, byte[] fingerprint, ReportStatus status, String messageCode, String actor) {
        return db.sql("""
                with r as (
                    insert into report (id, reference, tracking_token_hash, category_code, description,
                                        description_original_sealed, lat, lon,
                                        address_text, street, house_number, occurred_at, channel, status, language,
                                        reporter_contact_id, idempotency_key, request_fingerprint, place_known,
                                        speech_confidence, pin, neighbourhood)
                    values (:id, :reference, :tokenHash, :category, :description, :original, :lat, :lon,
                            :addressText, :street, :houseNumber, :occurredAt, :channel, :status, :language,
                            :contactId, :idempotencyKey, :fingerprint, :placeKnown,
                            :confidence, :pin, %s)
                    on conflict (idempotency_key) do nothing
                    returning id)
                insert into report_event (report_id, status, message_code, actor)
                select r.id, :status, :messageCode, :actor from r
                returning report_id as id
                """.formatted(NEIGHBOURHOOD))
                .bind("status", status.name())
                .bind("messageCode", messageCode)
                .bind("actor", actor)
                .bind("id", id)
                .bind("reference", reference.value())
                .bind("tokenHash", ByteBuffer.wrap(tokenHash))
                .bind("category", report.categoryCode())
                // Numbers and e-mail addresses typed in the text are the reporter's contact data: the
                // text in the clear holds placeholders, the original is sealed for coordinators (issue 15).
                .bind("description", inClear(report.description()))
                .bind("original", nullable(inClear(report.description()).equals(report.description())
                        ? null : sealed.seal(report.description()), String.class))
                .bind("lat", report.lat())
                .bind("lon", report.lon())
                .bind("channel", report.channel().code())
                .bind("language", report.language())
                .bind("placeKnown", report.placeKnown())
                .bind("pin", report.pin())
                .bind("confidence", nullable(report.speechConfidence(), Float.class))
                .bind("addressText", nullable(report.addressText(), String.class))
                .bind("street", nullable(report.street(), String.class))
                .bind("houseNumber", nullable(report.houseNumber(), String.class))
                .bind("occurredAt", nullable(report.occurredAt() == null ? null
                        : report.occurredAt().atOffset(ZoneOffset.UTC), OffsetDateTime.class))
                .bind("contactId", nullable(contactId, UUID.class))
                .bind("idempotencyKey", nullable(idempotencyKey, String.class))
                .bind("fingerprint", nullable(fingerprint == null ? null : ByteBuffer.wrap(fingerprint),
                        ByteBuffer.class))
                .map(row -> row.get("id", UUID.class)).one();
    }

    Mono<Void> insertPhotos(UUID reportId, List<NewReport.Photo> photos) {
        return Flux.range(0, photos.size())
                .concatMap(i -> {
                    NewReport.Photo photo = photos.get(i);
                    ProcessedPhoto stored = photo.stored();
                    if (stored == null) {
                        return db.sql("""
                                insert into report_photo (report_id, position, url, content_type)
                                values (:reportId, :position, :url, :contentType)
                                """)
                                .bind("reportId", reportId).bind("position", i).bind("url", photo.url())
                                .bind("contentType", nullable(photo.contentType(), String.class)).then();
                    }
                    return db.sql("""
                            insert into report_photo (report_id, position, content_type, data, thumbnail, width, height)
                            values (:reportId, :position, :contentType, :data, :thumbnail, :width, :height)
                            """)
                            .bind("reportId", reportId).bind("position", i).bind("contentType", stored.contentType())
                            .bind("data", ByteBuffer.wrap(stored.data()))
                            .bind("thumbnail", nullable(stored.thumbnail() == null ? null
                                    : ByteBuffer.wrap(stored.thumbnail()), ByteBuffer.class))
                            .bind("width", nullable(stored.width(), Integer.class))
                            .bind("height", nullable(stored.height(), Integer.class)).then();
                })
                .then();
    }

    /** A report's photos; one we keep is listed by the staff URL that serves it ({@code .../photos/1} first). */
    Flux<NewReport.Photo> photos(UUID reportId, Reference reference) {
        return db.sql("""
                select position, url, content_type from report_photo where report_id = :id order by position
                """)
                .bind("id", reportId)
                .map(row -> new NewReport.Photo(row.get("url", String.class) != null ? row.get("url", String.class)
                        : storedPhotoUrl(reference, row.get("position", Integer.class)),
                        row.get("content_type", String.class)))
                .all();
    }

    static String storedPhotoUrl(Reference reference, int position) {
        return "/api/v1/staff/reports/" + reference.value() + "/photos/" + (position + 1);
    }

    /** The bytes of a photo we keep: {@code n} counts from 1; the thumbnail when asked (none for HEIC). */
    Mono<StoredPhoto> storedPhoto(Reference reference, int n, boolean thumbnail) {
        return db.sql("""
                select p.content_type, %s as bytes from report_photo p join report r on r.id = p.report_id
                 where r.reference = :ref and p.position = :position and p.data is not null
                """.formatted(thumbnail ? "p.thumbnail" : "p.data"))
                .bind("ref", reference.value()).bind("position", n - 1)
                .map(row -> {
                    ByteBuffer bytes = row.get("bytes", ByteBuffer.class);
                    if (bytes == null) {
                        return StoredPhoto.NONE;
                    }
                    byte[] data = new byte[bytes.remaining()];
                    bytes.get(data);
                    return new StoredPhoto(thumbnail ? "image/jpeg" : row.get("content_type", String.class), data);
                })
                .one()
                .filter(p -> p != StoredPhoto.NONE);
    }

    Mono<Void> updateCategory(UUID reportId, String categoryCode) {
        return db.sql("update report set category_code = :category, updated_at = now() where id = :id")
                .bind("category", categoryCode).bind("id", reportId).then();
    }

    Mono<Safeguard> safeguard(UUID reportId) {
        return db.sql("""
                select safeguarded, safeguard_changed_by, safeguard_agreed_by, safeguard_agreed_at from report
                 where id = :id
                """).bind("id", reportId)
                .map(row -> new Safeguard(Boolean.TRUE.equals(row.get("safeguarded", Boolean.class)),
                        row.get("safeguard_changed_by", String.class), row.get("safeguard_agreed_by", String.class),
                        instant(row, "safeguard_agreed_at")))
                .one();
    }

    /** A category change on a safeguarded report: who made it (the trigger drops an earlier agreement). */
    Mono<Void> safeguardChangedBy(UUID reportId, String actor) {
        return db.sql("update report set safeguard_changed_by = :actor where id = :id and safeguarded")
                .bind("actor", actor).bind("id", reportId).then();
    }

    Mono<Void> safeguardAgreedBy(UUID reportId, String actor) {
        return db.sql("""
                update report set safeguard_agreed_by = :actor, safeguard_agreed_at = now(), updated_at = now()
                 where id = :id
                """).bind("actor", actor).bind("id", reportId).then();
    }

    /**
     * The history line of a category change, with from, to and the coordinator's reason in its
     * details: staff-only, the resident's view shows only "De soort melding is aangepast".
     */
    Mono<Long> appendCategoryChange(UUID reportId, ReportStatus status, String actor, String from, String to,
            String reason) {
        return db.sql("""
                insert into report_event (report_id, status, message_code, actor, details)
                values (:reportId, :status, 'report.category.changed', :actor,
                        jsonb_strip_nulls(jsonb_build_object('from', :from::text, 'to', :to::text, 'reason', :reason::text)))
                returning id
                """)
                .bind("reportId", reportId).bind("status", status.name()).bind("actor", actor)
                .bind("from", from).bind("to", to).bind("reason", nullable(reason, String.class))
                .map((row, meta) -> row.get("id", Long.class)).one();
    }

    Mono<Void> updateContactPhone(UUID contactId, String phoneE164) {
        return db.sql("update reporter_contact set phone_sealed = :phone, phone_hash = :hash where id = :id")
                .bind("phone", sealed.seal(phoneE164)).bind("hash", sealed.phoneLookup(phoneE164))
                .bind("id", contactId).then();
    }

    /**
     * The history line of a corrected phone number: who, and how many texts went out again; never
     * the number (the resident's view shows "Het telefoonnummer voor berichten is verbeterd").
     */
    Mono<Long> appendPhoneCorrection(UUID reportId, ReportStatus status, String actor, long resent) {
        return db.sql("""
                insert into report_event (report_id, status, message_code, actor, details)
                values (:reportId, :status, 'report.contact.phone-corrected', :actor,
                        jsonb_build_object('resent', :resent::bigint))
                returning id
                """)
                .bind("reportId", reportId).bind("status", status.name()).bind("actor", actor).bind("resent", resent)
                .map((row, meta) -> row.get("id", Long.class)).one();
    }

    /**
     * Whether a mediation that is not closed holds this report: its parties may be reached through
     * the reporter's contact data, so erasing it then is the coordinator's call (docs/erasure.md).
     */
    Mono<Boolean> inOpenMediation(UUID reportId) {
        return db.sql("""
                select exists (select 1 from case_report cr join case_file c on c.id = cr.case_id
                                where cr.report_id = :id and c.type = 'MEDIATION' and c.status <> 'CLOSED') as open
                """)
                .bind("id", reportId).map(row -> Boolean.TRUE.equals(row.get("open", Boolean.class))).one();
    }

    /**
     * Erases a reporter's contact data: the report lets go of it and the row is deleted (a row with
     * nothing in it is not allowed, and an emptied row would still say that someone left data).
     * Emits the report's cluster, empty when it has none yet.
     */
    Mono<Optional<UUID>> eraseContact(UUID reportId, UUID contactId) {
        return db.sql("""
                update report set reporter_contact_id = null, description_original_sealed = null, updated_at = now()
                 where id = :id
                returning cluster_id
                """)
                .bind("id", reportId).map(row -> Optional.ofNullable(row.get("cluster_id", UUID.class))).one()
                .flatMap(cluster -> db.sql("delete from reporter_contact where id = :id").bind("id", contactId)
                        .then().thenReturn(cluster));
    }

    /** Whether the report's history has a line with this message code. */
    Mono<Boolean> hasEvent(UUID reportId, String messageCode) {
        return db.sql("""
                select exists (select 1 from report_event where report_id = :id and message_code = :code) as found
                """)
                .bind("id", reportId).bind("code", messageCode)
                .map(row -> Boolean.TRUE.equals(row.get("found", Boolean.class))).one();
    }

    /** A reporter's own reports, newest first, found by the phone number they left. */
    Flux<ReporterReport> byReporterPhone(String phoneE164, int limit) {
        return db.sql("""
                select r.reference, r.status, r.received_at
                  from report r join reporter_contact c on c.id = r.reporter_contact_id
                 where c.phone_hash = :phone
                 order by r.received_at desc
                 limit :limit
                """)
                .bind("phone", sealed.phoneLookup(phoneE164)).bind("limit", limit)
                .map(row -> new ReporterReport(new Reference(row.get("reference", String.class)),
                        ReportStatus.valueOf(row.get("status", String.class)),
                        row.get("received_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    Mono<ReporterReport> ofReporter(String phoneE164, Reference reference) {
        return db.sql("""
                select r.reference, r.status, r.received_at
                  from report r join reporter_contact c on c.id = r.reporter_contact_id
                 where c.phone_hash = :phone and r.reference = :reference
                """)
                .bind("phone", sealed.phoneLookup(phoneE164)).bind("reference", reference.value())
                .map(row -> new ReporterReport(new Reference(row.get("reference", String.class)),
                        ReportStatus.valueOf(row.get("status", String.class)),
                        row.get("received_at", OffsetDateTime.class).toInstant()))
                .one();
    }

    Mono<Long> countByReporterPhoneSince(String phoneE164, Instant since) {
        return db.sql("""
                select count(*) as n from report r join reporter_contact c on c.id = r.reporter_contact_id
                 where c.phone_hash = :phone and r.received_at >= :since
                """)
                .bind("phone", sealed.phoneLookup(phoneE164)).bind("since", since.atOffset(ZoneOffset.UTC))
                .map(row -> row.get("n", Long.class)).one();
    }

    Mono<Long> countByChannelsSince(List<String> channels, Instant since) {
        return db.sql("select count(*) as n from report where channel = any(:channels) and received_at >= :since")
                .bind("channels", channels.toArray(String[]::new)).bind("since", since.atOffset(ZoneOffset.UTC))
                .map(row -> row.get("n", Long.class)).one();
    }

    /** Appends a history line; emits its id, which names the line's notification in the outbox. */
    Mono<Long> appendEvent(UUID reportId, ReportStatus status, String messageCode, String publicNote, String actor) {
        return db.sql("""
                insert into report_event (report_id, status, message_code, public_note, actor)
                values (:reportId, :status, :messageCode, :publicNote, :actor)
                returning id
                """)
                .bind("reportId", reportId)
                .bind("status", status.name())
                .bind("messageCode", messageCode)
                .bind("publicNote", nullable(publicNote, String.class))
                .bind("actor", actor)
                .map((row, meta) -> row.get("id", Long.class))
                .one();
    }

    Mono<Void> updateStatus(UUID reportId, ReportStatus status) {
        return db.sql("update report set status = :status, updated_at = now() where id = :id")
                .bind("status", status.name()).bind("id", reportId).then();
    }

    Mono<StoredReport> findByIdempotencyKey(String key) {
        return db.sql("select " + COLUMNS + " from report where idempotency_key = :key").bind("key", key)
                .map(ReportRepository::stored).one();
    }

    Mono<StoredReport> findById(UUID id) {
        return db.sql("select " + COLUMNS + " from report where id = :id").bind("id", id)
                .map(ReportRepository::stored).one();
    }

    Mono<StoredReport> findByReference(Reference reference) {
        return db.sql("select " + COLUMNS + " from report where reference = :reference")
                .bind("reference", reference.value()).map(ReportRepository::stored).one();
    }

    /**
     * A report read under a share lock until the transaction ends: a message to its reporter is written
     * either before an erasure (which then removes it) or after it (and finds no contact), never in
     * between with a contact the erasure already deleted.
     */
    Mono<StoredReport> shareById(UUID id) {
        return db.sql("select " + COLUMNS + " from report where id = :id for share").bind("id", id)
                .map(ReportRepository::stored).one();
    }

    /**
     * The text kept in the clear: numbers and e-mail addresses replaced by placeholders, which are
     * longer than a short address, so cut at the column's 4,000 characters (the original is sealed).
     */
    private static String inClear(String description) {
        String masked = ContactDetails.mask(description);
        return masked.length() <= 4000 ? masked : masked.substring(0, 4000);
    }

    /** The report's text as the reporter typed it, numbers and e-mail addresses included, when it had any. */
    Mono<String> originalDescription(UUID reportId) {
        return db.sql("select description_original_sealed as s from report where id = :id")
                .bind("id", reportId).map(row -> java.util.Optional.ofNullable(row.get("s", String.class))).one()
                .flatMap(o -> o.map(v -> Mono.just(sealed.open(v))).orElseGet(Mono::empty));
    }

    /** The same, locked until the transaction ends, so two status changes cannot interleave. */
    Mono<StoredReport> lockByReference(Reference reference) {
        return db.sql("select " + COLUMNS + " from report where reference = :reference for update")
                .bind("reference", reference.value()).map(ReportRepository::stored).one();
    }

    Flux<ResidentView.HistoryEntry> history(UUID reportId) {
        return db.sql("""
                select occurred_at, status, message_code, public_note from report_event
                 where report_id = :id
                 order by occurred_at, id
                """)
                .bind("id", reportId)
                .map(row -> new ResidentView.HistoryEntry(instant(row, "occurred_at"),
                        ReportStatus.valueOf(row.get("status", String.class)), row.get("message_code", String.class),
                        row.get("public_note", String.class)))
                .all();
    }

    Flux<StoredReport> recent(Optional<ReportStatus> status, int limit) {
        GenericExecuteSpec spec = db.sql("select " + COLUMNS + " from report"
                + (status.isPresent() ? " where status = :status" : "") + " order by received_at desc limit :limit")
                .bind("limit", limit);
        if (status.isPresent()) {
            spec = spec.bind("status", status.get().name());
        }
        return spec.map(ReportRepository::stored).all();
    }

    Mono<NewReport.Contact> contact(UUID contactId) {
        return db.sql("""
                select name_sealed, phone_sealed, email_sealed, home_street_sealed, home_house_number_sealed
                  from reporter_contact where id = :id
                """).bind("id", contactId)
                .map(row -> new NewReport.Contact(open(row, "name_sealed"), open(row, "phone_sealed"),
                        open(row, "email_sealed"), home(open(row, "home_street_sealed"),
                                open(row, "home_house_number_sealed"))))
                .one();
    }

    private String open(Readable row, String column) {
        return sealed.open(row.get(column, String.class));
    }

    private static NewReport.Home home(String street, String houseNumber) {
        return street == null || houseNumber == null ? null : new NewReport.Home(street, houseNumber);
    }

    private static StoredReport stored(Readable row) {
        ByteBuffer hash = row.get("tracking_token_hash", ByteBuffer.class);
        ByteBuffer fingerprint = row.get("request_fingerprint", ByteBuffer.class);
        return new StoredReport(row.get("id", UUID.class), new Reference(row.get("reference", String.class)),
                bytes(hash), row.get("category_code", String.class), row.get("description", String.class),
                row.get("lat", Double.class), row.get("lon", Double.class), row.get("street", String.class),
                row.get("house_number", String.class),
                Channel.valueOf(row.get("channel", String.class).toUpperCase(java.util.Locale.ROOT)),
                ReportStatus.valueOf(row.get("status", String.class)), row.get("language", String.class),
                instant(row, "occurred_at"), instant(row, "received_at"), row.get("reporter_contact_id", UUID.class),
                bytes(fingerprint), Boolean.TRUE.equals(row.get("place_known", Boolean.class)),
                row.get("speech_confidence", Float.class), row.get("problem_street", String.class),
                row.get("problem_house_number", Integer.class), row.get("problem_place_name", String.class),
                row.get("problem_lat", Double.class), row.get("problem_lon", Double.class),
                row.get("problem_source", String.class), Boolean.TRUE.equals(row.get("pin", Boolean.class)));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
