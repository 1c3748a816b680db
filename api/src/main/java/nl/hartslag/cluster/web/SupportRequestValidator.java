package nl.hartslag.cluster.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import nl.hartslag.report.NewReport;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;

/**
 * The rules for a "me too", the same as for a report where they overlap (contact details,
 * language, Idempotency-Key), all checked at once.
 */
@Component
class SupportRequestValidator {

    static final int DESCRIPTION_MIN = 3;
    static final int DESCRIPTION_MAX = 1000;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[A-Za-z0-9._:-]{8,200}$");

    /** A valid "me too". */
    record Support(Optional<String> description, Optional<NewReport.Contact> contact, String language,
            Optional<String> idempotencyKey) {
    }

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    Support validate(SupportRequest request, String idempotencyKey) {
        SupportRequest r = request == null ? new SupportRequest(null, null, null) : request;
        List<Violation> violations = new ArrayList<>();

        String key = trim(idempotencyKey);
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            violations.add(Violation.of("Idempotency-Key", "validation.idempotency-key"));
        }
        String description = trim(r.description());
        if (description != null && (description.length() < DESCRIPTION_MIN || description.length() > DESCRIPTION_MAX)) {
            violations.add(Violation.of("description", "validation.description.size", DESCRIPTION_MIN, DESCRIPTION_MAX));
        }
        Optional<NewReport.Contact> contact = contact(r.contact(), violations);
        String language = trim(r.language());
        if (language == null) {
            language = "nl";
        } else if (!language.equals("nl") && !language.equals("en")) {
            violations.add(Violation.of("language", "validation.language"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new Support(Optional.ofNullable(description), contact, language, Optional.ofNullable(key));
    }

    /** Same cluster and same request, same fingerprint: what makes a retry a retry. */
    static byte[] fingerprint(UUID clusterId, SupportRequest request) {
        SupportRequest r = request == null ? new SupportRequest(null, null, null) : request;
        SupportRequest.Contact c = r.contact();
        String canonical = String.join("\u0000", "support", clusterId.toString(), Objects.toString(r.description()),
                c == null ? "" : c.name() + "|" + c.phone() + "|" + c.email(), Objects.toString(r.language()));
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<NewReport.Contact> contact(SupportRequest.Contact c, List<Violation> violations) {
        if (c == null) {
            return Optional.empty();
        }
        String name = trim(c.name());
        String phone = trim(c.phone());
        String email = trim(c.email());
        if (name != null && name.length() > 200) {
            violations.add(Violation.of("contact.name", "validation.size.max", 200));
        }
        String e164 = null;
        if (phone != null) {
            e164 = e164(phone);
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

    private String e164(String phone) {
        if (phone.length() > 30) {
            return null;
        }
        try {
            PhoneNumber number = phones.parse(phone, "NL");
            return phones.isValidNumber(number) ? phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
