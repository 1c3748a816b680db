package nl.hartslag.intake;

import java.util.Optional;

import nl.hartslag.report.ContactDetails;

/**
 * The sender's number as Twilio gives it ({@code From}), in E.164, or empty when withheld:
 * Twilio sends "anonymous", "restricted", "unknown", "+266696687" or nothing for a hidden caller ID.
 * A withheld number makes an anonymous report.
 */
public final class CallerNumber {

    /** What Twilio puts in From for a caller who hides their number. */
    private static final String TWILIO_ANONYMOUS = "+266696687";

    private CallerNumber() {
    }

    public static Optional<String> of(String from) {
        if (from == null || from.strip().equals(TWILIO_ANONYMOUS)) {
            return Optional.empty();
        }
        return ContactDetails.e164(from);
    }
}
