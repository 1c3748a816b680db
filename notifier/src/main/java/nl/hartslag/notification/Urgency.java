package nl.hartslag.notification;

/**
 * {@code IMMEDIATE} goes out at once at any hour (a confirmation the resident is waiting for);
 * {@code NORMAL} texts wait for the end of quiet hours.
 */
public enum Urgency {
    IMMEDIATE, NORMAL
}
