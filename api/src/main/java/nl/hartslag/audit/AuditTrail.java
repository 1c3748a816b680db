package nl.hartslag.audit;

import java.security.Principal;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
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

    /**
     * Records a look by the signed-in staff member {@code who}: actor their username, role their
     * roles ("COORDINATOR", or "VOLUNTEER,WOP" for more than one). Callers chain the data after this
     * Mono, so that an entry that cannot be written means no data shown (fail closed).
     */
    public Mono<Void> record(Principal who, String subjectType, String subjectId, List<String> fields,
            String purpose) {
        return record(new AuditEntry(who.getName(), roles(who), subjectType, subjectId, fields, purpose));
    }

    static String roles(Principal who) {
        if (who instanceof Authentication authentication) {
            String roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .filter(a -> a != null && a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length()))
                    .sorted().collect(Collectors.joining(","));
            if (!roles.isEmpty()) {
                return roles;
            }
        }
        return "UNKNOWN";
    }
}
