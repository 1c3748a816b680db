package nl.hartslag.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import nl.hartslag.web.Input;
import nl.hartslag.web.Violation;

/**
 * A reporter's contact details as typed, checked and normalised the same way wherever a report is
 * made (the form, a "me too"): phone numbers to E.164 with libphonenumber (default region NL),
 * e-mail lower case. All blank means anonymous.
 */
public final class ContactDetails {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private ContactDetails() {
    }

    /** The contact, or empty when nothing was given; problems are added to {@code violations}. */
    public static Optional<NewReport.Contact> check(String name, String phone, String email, List<Violation> violations) {
        name = Input.trimmed(name);
        phone = Input.trimmed(phone);
        email = Input.trimmed(email);
        if (name != null && name.length() > 200) {
            violations.add(Violation.of("contact.name", "validation.size.max", 200));
        }
        String e164 = null;
        if (phone != null) {
            e164 = e164(phone).orElse(null);
            if (e164 == null) {
                violations.add(Violation.of("contact.phone", "validation.contact.phone"));
            }
        }
        if (email != null && (email.length() > 320 || !EMAIL.matcher(email).matches())) {
            violations.add(Violation.of("contact.email", "validation.contact.email"));
        }
        if (name == null && phone == null && email == null) {
            return Optional.empty();
        }
        return Optional.of(new NewReport.Contact(name, e164, email == null ? null : email.toLowerCase(Locale.ROOT)));
    }

    /** A valid phone number as typed or as a provider gives it, in E.164 (default region NL). */
    public static Optional<String> e164(String phone) {
        if (phone == null || phone.isBlank() || phone.length() > 30) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = PHONES.parse(phone.strip(), "NL");
            return PHONES.isValidNumber(number)
                    ? Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
