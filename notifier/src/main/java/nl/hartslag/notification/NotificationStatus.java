package nl.hartslag.notification;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a notification is. {@code SENT} means the provider accepted it; {@code DELIVERED} and
 * {@code UNDELIVERED} come from Twilio's receipts. {@code FAILED} (a permanent refusal),
 * {@code DEAD} (out of attempts) and {@code UNDELIVERED} need a coordinator's eye;
 * {@code SUPPRESSED} means the number is on the opt-out list and was not texted.
 */
public enum NotificationStatus {
    PENDING, SENDING, SENT, DELIVERED, UNDELIVERED, FAILED, DEAD, SUPPRESSED;

    /** The states a coordinator is shown and may send again. */
    public static final Set<NotificationStatus> TROUBLE = EnumSet.of(FAILED, DEAD, UNDELIVERED);

    public boolean canBeRetried() {
        return TROUBLE.contains(this);
    }
}
