package nl.hartslag.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import io.r2dbc.spi.Readable;
import nl.hartslag.db.crypto.PersonalData;
import reactor.core.publisher.Flux;

/** Reads the audit trail for coordinators: per report, per case, or per person; newest first. */
@Service
public class AuditLog {

    /** One entry as read back. */
    public record Line(long id, Instant at, String actor, String role, String subjectType, String subjectId,
            List<String> fields, String purpose) {
    }

    private static final String COLUMNS = "a.id, a.at, a.actor, a.role, a.subject_type, a.subject_id, a.fields,"
            + " a.purpose";

    private final DatabaseClient db;
    private final PersonalData personalData;

    AuditLog(DatabaseClient db, PersonalData personalData) {
        this.db = db;
        this.personalData = personalData;
    }

    public Flux<Line> ofReport(String reference, int limit, int offset) {
        return subject("report", reference, limit, offset);
    }

    public Flux<Line> ofCase(UUID caseId, int limit, int offset) {
        return subject("case", caseId.toString(), limit, offset);
    }

    private Flux<Line> subject(String type, String id, int limit, int offset) {
        return db.sql("select " + COLUMNS + " from audit_entry a where a.subject_type = :type and a.subject_id = :id"
                + " order by a.at desc, a.id desc limit :limit offset :offset")
                .bind("type", type).bind("id", id).bind("limit", limit).bind("offset", offset)
                .map(AuditLog::line).all();
    }

    /**
     * Entries about a person, found through the records that hold their phone number (E.164) or
     * e-mail address (lower case; "" when not searched for): the reports they filed, the cases of
     * those reports and the cases they are a party of, and entries about the person themselves.
     */
    public Flux<Line> ofPerson(String phoneE164, String email, int limit, int offset) {
        return db.sql("""
                with reports as (
                    select r.id, r.reference from report r join reporter_contact c on c.id = r.reporter_contact_id
                    where c.phone_e164 = :phone or lower(c.email) = :email
                ), cases as (
                    select p.case_id::text as id from case_party p where p.phone_hash = :phoneHash
                    union
                    select cr.case_id::text from case_report cr join reports r on r.id = cr.report_id
                )
                select %s from audit_entry a
                where (a.subject_type = 'report' and a.subject_id in (select reference from reports))
                   or (a.subject_type = 'case' and a.subject_id in (select id from cases))
                   or (a.subject_type = 'person' and a.subject_id in (:phone, :email))
                order by a.at desc, a.id desc limit :limit offset :offset
                """.formatted(COLUMNS))
                .bind("phone", phoneE164).bind("phoneHash", personalData.phoneLookup(phoneE164)).bind("email", email).bind("limit", limit).bind("offset", offset)
                .map(AuditLog::line).all();
    }

    private static Line line(Readable row) {
        String[] fields = row.get("fields", String[].class);
        return new Line(row.get("id", Long.class), row.get("at", OffsetDateTime.class).toInstant(),
                row.get("actor", String.class), row.get("role", String.class), row.get("subject_type", String.class),
                row.get("subject_id", String.class), fields == null ? List.of() : Arrays.asList(fields),
                row.get("purpose", String.class));
    }
}
