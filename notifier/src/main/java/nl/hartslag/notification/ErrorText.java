package nl.hartslag.notification;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one masker for error texts that are stored ({@code notification.last_error},
 * {@code notification_attempt.detail}), logged or shown to staff. Providers echo what we sent them
 * (Twilio: "Invalid 'To' Phone Number: +316…", SMTP: "550 &lt;jan@…&gt; unknown user"), so every text
 * from outside passes here before it is kept anywhere: phone numbers keep their country code and
 * last two digits (as {@link Masking}), e-mail addresses their first letter and domain, a Dutch
 * postcode and a house number after a street name are hidden. The database holds a twin for
 * texts at rest ({@code redact_error_text(text)}, V27: by pattern only, it never sees a plain address),
 * used by the retention job.
 */
public final class ErrorText {

    /**
     * Nine to seventeen digits, optionally after + or 00, with single spaces, dots, dashes or
     * slashes between them; not part of a word, an id (UUID, SID), a date or "400 21211".
     */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+*.\\-])(?!\\d{4}-\\d{2}-\\d{2})(?:\\+|00)?\\d(?:[ .\\-/]?\\d){8,16}(?![\\w*]|:\\d)");
    private static final Pattern EMAIL = Pattern.compile("[\\w.%+\\-]+@(?:[\\w\\-]+\\.)+[A-Za-z]{2,}");
    private static final Pattern POSTCODE = Pattern.compile("\\b[1-9]\\d{3} ?[A-Z]{2}\\b");
    /** A street name (by its Dutch or English ending) and the house number after it. */
    private static final Pattern HOUSE_NUMBER = Pattern.compile("(?iu)(\\b(?:\\p{L}[\\p{L}'.\\-]*)?(?:straat|weg|laan|plein"
            + "|gracht|kade|singel|dijk|hof|pad|steeg|dreef|park|plantsoen|markt|kanaal|wal|erf|baan|brug|veld|dam"
            + "|boulevard|allee|street|road|lane|avenue)\\s+)\\d{1,5}(?:\\s?[a-z](?!\\w))?(?:[-/]\\d{1,4})?(?!\\w)");

    private ErrorText() {
    }

    /** {@code text} with every phone number, e-mail address, postcode and house number masked. */
    public static String redact(String text) {
        return redact(text, null);
    }

    /** The same, and {@code knownAddress} (the recipient) wherever it occurs, in whatever form. */
    public static String redact(String text, String knownAddress) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (knownAddress != null && knownAddress.length() >= 3) {
            out = out.replace(knownAddress, Masking.mask(knownAddress));
        }
        // A form body quoted in an exception: To=%2B316… is a number too.
        out = out.replaceAll("%2[Bb](?=\\d)", "+");
        out = replace(EMAIL, out, m -> Masking.mask(m.group()));
        out = replace(PHONE, out, m -> maskPhone(m.group()));
        out = replace(HOUSE_NUMBER, out, m -> m.group(1) + "**");
        out = replace(POSTCODE, out, m -> "**** **");
        return out;
    }

    private static String maskPhone(String match) {
        String digits = match.replaceAll("[^0-9]", "");
        if (match.startsWith("+")) {
            return Masking.mask("+" + digits);
        }
        if (match.startsWith("00")) {
            return Masking.mask("+" + digits.substring(2));
        }
        return "*".repeat(digits.length() - 2) + digits.substring(digits.length() - 2);
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> mask) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(mask.apply(m)));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
