package nl.hartslag.audit;

import java.util.List;

/**
 * One look at (or change of) personal data: who ({@code actor}, a username, or "resident"), in which
 * {@code role} (e.g. "COORDINATOR", "VOLUNTEER", "RESIDENT"), which record ({@code subjectType}
 * report|case|person|volunteer and {@code subjectId}, e.g. HS-7KQ2-M9 or a case UUID), which
 * {@code fields} (names, never values) and why ({@code purpose}: "view", "export", "erase", "audit").
 */
public record AuditEntry(String actor, String role, String subjectType, String subjectId, List<String> fields,
        String purpose) {

    public AuditEntry {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
