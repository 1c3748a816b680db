package nl.hartslag.intake;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * The sender's number as Twilio gives it ({@code From}), in E.164, or empty when withheld:
 * Twilio sends "anonymous", "restricted", "unknown", "+266696687" or nothing for a hidden caller ID.
 * A withheld number makes an anonymous report.
 */
public final class CallerNumber {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** What Twilio puts in From for a caller who hides their number. */
    private static final String TWILIO_ANONYMOUS = "+266696687";

    private CallerNumber() {
    }

    public static Optional<String> of(String from) {
        if (from == null || from.isBlank() || from.equals(TWILIO_ANONYMOUS) || from.length() > 30) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = PHONES.parse(from.trim(), "NL");
            return PHONES.isValidNumber(number)
                    ? Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
