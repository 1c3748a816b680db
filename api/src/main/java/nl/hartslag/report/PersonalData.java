package nl.hartslag.report;

import java.util.Locale;

import nl.hartslag.notification.Masking;

/**
 * What is held about a report's reporter, masked: enough for the resident to recognise their own
 * data, never the full values (a status link may be forwarded or seen over a shoulder). Each field
 * is null when nothing of that kind is held; all null after erasure. What stays with the report
 * (kind, text, place) is the status page's business and answered there.
 */
public record PersonalData(Reference reference, String name, String phone, String email, String home,
        boolean erased) {

    /** Nothing held (an anonymous report, or one whose reporter erased their data). */
    static PersonalData none(Reference reference, boolean erased) {
        return new PersonalData(reference, null, null, null, null, erased);
    }

    static PersonalData of(Reference reference, NewReport.Contact contact) {
        return new PersonalData(reference, maskName(contact.name()), maskPhone(contact.phoneE164()),
                Masking.mask(contact.email()),
                contact.home() == null ? null : contact.home().street() + " **", false);
    }

    public boolean holdsAnything() {
        return name != null || phone != null || email != null || home != null;
    }

    /** {@code Jan de Vries} → {@code J***}. */
    static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return name.strip().substring(0, 1).toUpperCase(Locale.ROOT) + "***";
    }

    /** {@code +31612345678} → {@code +31 6 ** ** ** 78}; other countries keep their first three characters. */
    static String maskPhone(String e164) {
        if (e164 == null) {
            return null;
        }
        String last = e164.substring(e164.length() - 2);
        if (e164.startsWith("+31") && e164.length() >= 8) {
            return "+31 " + e164.charAt(3) + " ** ** ** " + last;
        }
        return e164.substring(0, 3) + " ** ** ** " + last;
    }
}
