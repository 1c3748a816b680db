package nl.hartslag.audit;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * Writes the audit trail (V24, append-only). A plain insert through {@link DatabaseClient}, so it
 * runs in the caller's reactive transaction when there is one: an erasure and its entry commit or
 * roll back together. Callers fail closed: when the entry cannot be written, the data is not shown.
 */
@Service
public class AuditTrail {

    private final DatabaseClient db;

    AuditTrail(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> record(AuditEntry entry) {
        return db.sql("""
                insert into audit_entry (actor, role, subject_type, subject_id, fields, purpose)
                values (:actor, :role, :subjectType, :subjectId, :fields, :purpose)
                """)
                .bind("actor", entry.actor()).bind("role", entry.role()).bind("subjectType", entry.subjectType())
                .bind("subjectId", entry.subjectId()).bind("fields", entry.fields().toArray(String[]::new))
                .bind("purpose", entry.purpose()).then();
    }
}
