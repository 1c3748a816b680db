package nl.hartslag.outreach;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import nl.hartslag.report.Reference;

/**
 * A recorded visit. {@code houseNumber} is null unless whoever asked may see it (the worker who made
 * the visit; a coordinator only when asked for and recorded in the audit trail); {@code report} is
 * null when no report came out of the visit.
 */
public record Visit(UUID id, LocalDate visitedOn, String street, String houseNumber, String neighbourhood,
        List<String> topics, boolean followUp, Reference report, String worker, Instant recordedAt) {

    public Visit {
        topics = List.copyOf(topics);
    }

    @Override
    public String toString() {
        return "Visit[" + id + ", " + visitedOn + ", " + street + ", redacted]";
    }
}
