package nl.hartslag.norms;

import java.time.Instant;

/** A category's norm: a first response within {@code responseDays}, resolved within {@code resolutionDays}. */
public record HandlingNorm(String categoryCode, int responseDays, int resolutionDays, DayKind dayKind) {

    /** The norm of a category that has none stored (a category added later): 5 / 20 working days. */
    public static HandlingNorm fallback(String categoryCode) {
        return new HandlingNorm(categoryCode, 5, 20, DayKind.WORKING);
    }

    /** When something received at {@code start} must have had its first response. */
    public Instant respondBy(Instant start) {
        return WorkingDays.deadline(start, responseDays, dayKind);
    }

    /** When something received at {@code start} must be resolved. */
    public Instant resolveBy(Instant start) {
        return WorkingDays.deadline(start, resolutionDays, dayKind);
    }
}
