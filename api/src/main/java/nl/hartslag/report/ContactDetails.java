package nl.hartslag.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import nl.hartslag.web.Input;
import nl.hartslag.web.Violation;

/**
 * A reporter's contact details as typed, checked and normalised the same way wherever a report is
 * made (the form, a "me too", a text or call): phone numbers to E.164 with libphonenumber, e-mail
 * lower case. All blank means anonymous.
 * <p>
 * A phone number we keep is a number we will text, so it must be an ordinary mobile or fixed-line
 * number of one of the allowed countries ({@code hartslag.contact.phone-countries}, default NL):
 * never premium-rate, shared-cost, toll-free, VoIP, pager or personal ranges, never abroad unless
 * configured. Otherwise anyone could make Hartslag text any number at our cost. The countries are
 * set once at start-up by {@link ContactSettings}; the rule is static because every intake path
 * (web, "me too", SMS and voice through {@code CallerNumber}, staff entering a party or volunteer)
 * already asks it here.
 */
public final class ContactDetails {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** Numbers that can receive a text or a call from us as from anyone else. */
    private static final Set<PhoneNumberType> TEXTABLE = Set.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE,
            PhoneNumberType.FIXED_LINE_OR_MOBILE);

    /** The allowed countries (ISO 3166 region codes); the first also reads numbers typed without +. */
    private static volatile List<String> countries = List.of("NL");

    private ContactDetails() {
    }

    /** Why a phone number is not used. */
    public enum PhoneProblem {
        /** Not a phone number at all. */
        INVALID,
        /** A real number, but abroad or of a kind we never text (premium-rate, toll-free…). */
        NOT_ALLOWED
    }

    /** Sets the allowed countries (from {@link ContactSettings}, at start-up). */
    static void allowCountries(List<String> regionCodes) {
        if (regionCodes.isEmpty()) {
            throw new IllegalArgumentException("at least one country");
        }
        countries = List.copyOf(regionCodes);
    }

    /** The region codes libphonenumber knows (to validate settings). */
    static Set<String> knownCountries() {
        return PHONES.getSupportedRegions();
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
                violations.add(problem(phone) == PhoneProblem.NOT_ALLOWED
                        ? Violation.of("contact.phone", "validation.contact.phone.not-allowed", callingCodes())
                        : Violation.of("contact.phone", "validation.contact.phone"));
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

    /**
     * A number as typed or as a provider gives it, in E.164, if it is one we may text: valid, of an
     * allowed country, mobile or fixed line. Empty otherwise.
     */
    public static Optional<String> e164(String phone) {
        return parse(phone).filter(ContactDetails::allowed)
                .map(number -> PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    /** Why {@link #e164} refused a number (null when it did not). */
    public static PhoneProblem problem(String phone) {
        Optional<PhoneNumber> number = parse(phone);
        if (number.isEmpty()) {
            return PhoneProblem.INVALID;
        }
        return allowed(number.get()) ? null : PhoneProblem.NOT_ALLOWED;
    }

    private static Optional<PhoneNumber> parse(String phone) {
        if (phone == null || phone.isBlank() || phone.length() > 30) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = PHONES.parse(phone.strip(), countries.get(0));
            return PHONES.isValidNumber(number) ? Optional.of(number) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static boolean allowed(PhoneNumber number) {
        return countries.contains(PHONES.getRegionCodeForNumber(number))
                && TEXTABLE.contains(PHONES.getNumberType(number));
    }

    /** "+31" (or "+31, +32"): what the resident is told numbers must start with. */
    private static String callingCodes() {
        return String.join(", ", countries.stream().map(c -> "+" + PHONES.getCountryCodeForRegion(c)).distinct().toList());
    }
}
