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
    private final PersonalData sealed;

    AuditLog(DatabaseClient db, PersonalData sealed) {
        this.db = db;
        this.sealed = sealed;
    }

    /**
     * How the trail names a person searched for: the keyed lookup hash of their phone number (E.164)
     * or, without one, of their e-mail address; never the number or address itself (issue 15).
     */
    public String personSubject(String phoneE164, String email) {
        return phoneE164 != null && !phoneE164.isEmpty() ? sealed.phoneLookup(phoneE164) : sealed.emailLookup(email);
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
     * e-mail address ("" when not searched for), compared by keyed lookup hash: the reports they filed,
     * the cases of those reports and the cases they are a party of, and entries about the person
     * themselves (whose subject is that hash, see {@link #personSubject}).
     */
    public Flux<Line> ofPerson(String phoneE164, String email, int limit, int offset) {
        // A hash that no row holds stands for "not searched for" (null would need typed binds).
        String phoneHash = phoneE164.isEmpty() ? "-" : sealed.phoneLookup(phoneE164);
        String emailHash = email.isEmpty() ? "-" : sealed.emailLookup(email);
        return db.sql("""
                with reports as (
                    select r.id, r.reference from report r join reporter_contact c on c.id = r.reporter_contact_id
                    where c.phone_hash = :phoneHash or c.email_hash = :emailHash
                ), cases as (
                    select p.case_id::text as id from case_party p where p.phone_hash = :phoneHash
                    union
                    select cr.case_id::text from case_report cr join reports r on r.id = cr.report_id
                )
                select %s from audit_entry a
                where (a.subject_type = 'report' and a.subject_id in (select reference from reports))
                   or (a.subject_type = 'case' and a.subject_id in (select id from cases))
                   or (a.subject_type = 'person' and a.subject_id in (:phoneHash, :emailHash))
                order by a.at desc, a.id desc limit :limit offset :offset
                """.formatted(COLUMNS))
                .bind("phoneHash", phoneHash).bind("emailHash", emailHash)
                .bind("limit", limit).bind("offset", offset)
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
