package nl.hartslag.workorder;

import static nl.hartslag.db.SqlParams.nullable;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import nl.hartslag.photo.ProcessedPhoto;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for work orders: the {@code case_file} rows of type {@code WORK_ORDER}, their moves
 * ({@code work_order_event}) and what their reports say. Reads the report table for the team's list
 * (words, the problem's house number, photos), never who reported; changes reports only through the
 * report feature. Transactions are {@link WorkOrders}' business.
 */
@Repository
class WorkOrderRepository {

    record WorkOrderRow(UUID id, int number, WorkOrderStatus status, String categoryCode, String street,
            UUID clusterId, boolean informPolice, String closingNote, String donePhotoUrl, Instant createdAt,
            Instant closedAt, String closedBy) {
    }

    /** A move of a work order: who, when, why. */
    record Move(WorkOrderStatus from, WorkOrderStatus to, String reason, String actor, Instant at) {
    }

    /**
     * The work orders, to be narrowed with {@code and ...}. Worries about a household never reach the
     * WOP: the table forbids a domestic work order, and every query of this feature leaves the category
     * out again (the safeguard is enforced thrice).
     */
    private static final String SELECT_WORK_ORDERS = """
            select c.id, c.number, c.status, c.category_code, c.street, c.cluster_id, c.inform_police,
                   c.closing_note, c.done_photo_url, c.created_at, c.closed_at, c.closed_by
              from case_file c
             where c.type = 'WORK_ORDER' and c.category_code <> 'domestic'
            """;

    private final DatabaseClient db;

    WorkOrderRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<WorkOrderRow> workOrder(UUID id) {
        return db.sql(SELECT_WORK_ORDERS + " and c.id = :id").bind("id", id).map(row -> row(row)).one();
    }

    /** The work order, locked until the transaction ends: moves of one work order queue up. */
    Mono<WorkOrderRow> lock(UUID id) {
        return db.sql(SELECT_WORK_ORDERS + " and c.id = :id for update of c").bind("id", id)
                .map(row -> row(row)).one();
    }

    /** Work orders in one of these states, oldest first. */
    Flux<WorkOrderRow> inStatus(List<WorkOrderStatus> statuses) {
        return db.sql(SELECT_WORK_ORDERS + " and c.status = any(:s) order by c.created_at")
                .bind("s", statuses.stream().map(Enum::name).toArray(String[]::new)).map(row -> row(row)).all();
    }

    /** The other work orders of the problem that are still the team's, locked. */
    Flux<WorkOrderRow> otherWithTeamOfCluster(UUID clusterId, UUID except, List<WorkOrderStatus> withTeam) {
        return db.sql(SELECT_WORK_ORDERS + """
                   and c.status = any(:s) and c.cluster_id = :cl and c.id <> :e
                 order by c.created_at
                   for update of c
                """).bind("cl", clusterId).bind("e", except)
                .bind("s", withTeam.stream().map(Enum::name).toArray(String[]::new)).map(row -> row(row)).all();
    }

    /** The work orders holding this report. */
    Flux<WorkOrderRow> ofReport(UUID reportId) {
        return db.sql(SELECT_WORK_ORDERS + """
                   and c.id in (select cr.case_id from case_report cr where cr.report_id = :r)
                 order by c.created_at
                """).bind("r", reportId).map(row -> row(row)).all();
    }

    Flux<UUID> reportsOf(UUID caseId) {
        return db.sql("select report_id from case_report where case_id = :c order by added_at").bind("c", caseId)
                .map(row -> row.get("report_id", UUID.class)).all();
    }

    /** Done: the note (public: the residents get it) and the photo, closed by whom and when. */
    Mono<Void> markDone(UUID caseId, String note, String photoUrl, String by) {
        return db.sql("""
                update case_file
                   set status = :s, closing_note = :note, done_photo_url = :photo, closed_at = now(), closed_by = :by,
                       updated_at = now()
                 where id = :id
                """)
                .bind("s", WorkOrderStatus.DONE.name()).bind("note", note)
                .bind("photo", nullable(photoUrl, String.class)).bind("by", by).bind("id", caseId)
                .then();
    }

    /** A move that is not "done": the status, and no longer closed when it goes back to work. */
    Mono<Void> setStatus(UUID caseId, WorkOrderStatus status) {
        String closed = status.withTeam() ? ", closed_at = null, closed_by = null" : "";
        return db.sql("update case_file set status = :s" + closed + ", updated_at = now() where id = :id")
                .bind("s", status.name()).bind("id", caseId).then();
    }

    Mono<Void> appendMove(UUID caseId, WorkOrderStatus from, WorkOrderStatus to, String reason, String actor) {
        return db.sql("""
                insert into work_order_event (case_id, from_status, to_status, reason, actor)
                values (:c, :f, :t, :reason, :a)
                """)
                .bind("c", caseId).bind("f", from.name()).bind("t", to.name())
                .bind("reason", nullable(reason, String.class)).bind("a", actor)
                .then();
    }

    /** The team's photo of a finished job (already without metadata), in the done move's transaction. */
    Mono<Void> insertPhoto(UUID caseId, ProcessedPhoto photo, String by) {
        return db.sql("""
                insert into case_photo (case_id, content_type, data, thumbnail, width, height, added_by)
                values (:c, :type, :data, :thumbnail, :width, :height, :by)
                """)
                .bind("c", caseId).bind("type", photo.contentType()).bind("data", ByteBuffer.wrap(photo.data()))
                .bind("thumbnail", nullable(photo.thumbnail() == null ? null : ByteBuffer.wrap(photo.thumbnail()),
                        ByteBuffer.class))
                .bind("width", nullable(photo.width(), Integer.class))
                .bind("height", nullable(photo.height(), Integer.class))
                .bind("by", by).then();
    }

    /** How many photos the team added to a work order. */
    Mono<Long> photoCount(UUID caseId) {
        return db.sql("select count(*) as n from case_photo where case_id = :c").bind("c", caseId)
                .map(row -> row.get("n", Long.class)).one();
    }

    /** The {@code n}-th (from 1) photo the team added, or its thumbnail. */
    Mono<WorkOrders.Photo> photo(UUID caseId, int n, boolean thumbnail) {
        return db.sql("""
                select content_type, %s as bytes from case_photo where case_id = :c order by id offset :skip limit 1
                """.formatted(thumbnail ? "thumbnail" : "data"))
                .bind("c", caseId).bind("skip", n - 1)
                .map(row -> {
                    ByteBuffer bytes = row.get("bytes", ByteBuffer.class);
                    byte[] data = new byte[bytes == null ? 0 : bytes.remaining()];
                    if (bytes != null) {
                        bytes.get(data);
                    }
                    return new WorkOrders.Photo(thumbnail ? "image/jpeg" : row.get("content_type", String.class), data);
                })
                .one()
                .filter(p -> p.data().length > 0);
    }

    /** The latest move into {@code to}, if any. */
    Mono<Move> lastMoveTo(UUID caseId, WorkOrderStatus to) {
        return db.sql("select * from work_order_event where case_id = :c and to_status = :t order by id desc limit 1")
                .bind("c", caseId).bind("t", to.name())
                .map(row -> new Move(WorkOrderStatus.of(row.get("from_status", String.class)),
                        WorkOrderStatus.of(row.get("to_status", String.class)), row.get("reason", String.class),
                        row.get("actor", String.class), instant(row, "occurred_at")))
                .one();
    }

    private static WorkOrderRow row(Readable row) {
        return new WorkOrderRow(row.get("id", UUID.class), row.get("number", Integer.class),
                WorkOrderStatus.of(row.get("status", String.class)), row.get("category_code", String.class),
                row.get("street", String.class), row.get("cluster_id", UUID.class),
                Boolean.TRUE.equals(row.get("inform_police", Boolean.class)), row.get("closing_note", String.class),
                row.get("done_photo_url", String.class), instant(row, "created_at"), instant(row, "closed_at"),
                row.get("closed_by", String.class));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
