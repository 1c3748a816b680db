package nl.hartslag.report;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A report's public reference, e.g. {@code HS-7KQ2-M9}: short enough to read aloud or type on a
 * phone keypad, with no 0/O, 1/I/L to confuse. The last character is a check character over the
 * five before it, so a mistyped reference is recognised as such instead of finding another report.
 */
public record Reference(String value) {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final Pattern FORMAT = Pattern.compile("HS-[" + ALPHABET + "]{4}-[" + ALPHABET + "]{2}");

    public Reference {
        if (!FORMAT.matcher(value).matches() || checkChar(value.substring(3, 7) + value.charAt(8)) != value.charAt(9)) {
            throw new IllegalArgumentException("not a reference: " + value);
        }
    }

    static Reference random(SecureRandom random) {
        StringBuilder body = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            body.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String s = body.toString();
        return new Reference("HS-" + s.substring(0, 4) + "-" + s.charAt(4) + checkChar(s));
    }

    /**
     * Reads a reference as a resident may type or say it: any case, with or without "HS" and
     * dashes or spaces. Empty when it cannot be one of ours.
     */
    public static Optional<Reference> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String compact = typed.toUpperCase(Locale.ROOT).replaceAll("[^0-9A-Z]", "");
        if (compact.startsWith("HS") && compact.length() == 8) {
            compact = compact.substring(2);
        }
        if (compact.length() != 6) {
            return Optional.empty();
        }
        String candidate = "HS-" + compact.substring(0, 4) + "-" + compact.substring(4);
        try {
            return Optional.of(new Reference(candidate));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Weighted sum modulo the alphabet size (prime, 31): catches every single-character typo and swap. */
    private static char checkChar(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int v = ALPHABET.indexOf(body.charAt(i));
            if (v < 0) {
                return '?';
            }
            sum += (i + 1) * v;
        }
        return ALPHABET.charAt(sum % ALPHABET.length());
    }

    @Override
    public String toString() {
        return value;
    }
}
