package nl.hartslag.norms;

/** How a norm's days are counted. */
public enum DayKind {
    /** Monday to Friday, Dutch public holidays skipped ({@link DutchHolidays}). */
    WORKING,
    /** Every day counts (for worries that do not wait for a weekend, such as a household). */
    CALENDAR
}
