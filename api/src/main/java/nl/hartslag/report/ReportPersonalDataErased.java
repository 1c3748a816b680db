package nl.hartslag.report;

import java.util.UUID;

/**
 * A reporter erased their contact data (after commit). {@code clusterId} is the problem the report
 * belongs to (null when not yet matched): its household count no longer counts this reporter.
 */
public record ReportPersonalDataErased(UUID reportId, Reference reference, UUID clusterId) {
}
