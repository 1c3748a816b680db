package nl.hartslag.staff;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * What a staff password must be, on every set (own change, an account made by a coordinator, the
 * bootstrap coordinator): 12 to 200 characters, not only whitespace, and not one of the bundled
 * common passwords, also not dressed up as one ({@code Wachtwoord2026!}, {@code P@ssw0rd1234},
 * {@code welkomwelkom}). A length rule alone lets those through, and they are the first an
 * attacker tries. Emits the message key of the first rule broken, empty when the password is fine.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 200;

    private static final String[] LISTS = { "staff/common-passwords.txt", "staff/common-passwords-nl.txt" };

    private final Set<String> common;

    public PasswordPolicy() {
        Set<String> words = new HashSet<>();
        for (String list : LISTS) {
            words.addAll(read(list));
        }
        this.common = Set.copyOf(words);
    }

    /** The message key of what is wrong with {@code password}; empty when it may be used. */
    public Optional<String> check(String password) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            return Optional.of("validation.password");
        }
        if (password.codePoints().allMatch(PasswordPolicy::invisible)) {
            return Optional.of("validation.password.blank");
        }
        if (isCommon(password)) {
            return Optional.of("validation.password.common");
        }
        return Optional.empty();
    }

    boolean isCommon(String password) {
        String lower = password.strip().toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return true;
        }
        // The word people start from, without the digits and symbols they add around it.
        String core = lower.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
        String plain = unLeet(lower).replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
        for (String candidate : new String[] { core, plain, unLeet(core) }) {
            if (!candidate.isEmpty() && (common.contains(candidate) || repeatsCommon(candidate))) {
                return true;
            }
        }
        return repeatsUnit(lower) || isRun(lower);
    }

    /** Spaces of any kind (also non-breaking), tabs, line breaks, zero-width and other control characters. */
    private static boolean invisible(int c) {
        int type = Character.getType(c);
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || type == Character.CONTROL
                || type == Character.FORMAT;
    }

    /** {@code welkomwelkom}, {@code passwordpassword}: a listed word said twice or more. */
    private boolean repeatsCommon(String s) {
        for (int unit = 1; unit <= s.length() / 2; unit++) {
            if (s.length() % unit == 0 && s.substring(0, unit).repeat(s.length() / unit).equals(s)
                    && common.contains(s.substring(0, unit))) {
                return true;
            }
        }
        return false;
    }

    /** {@code aaaaaaaaaaaa}, {@code abcabcabcabc}, {@code 121212121212}: one short piece repeated. */
    private static boolean repeatsUnit(String s) {
        for (int unit = 1; unit <= 4 && unit <= s.length() / 2; unit++) {
            if (s.length() % unit == 0 && s.substring(0, unit).repeat(s.length() / unit).equals(s)) {
                return true;
            }
        }
        return false;
    }

    /** {@code 123456789012}, {@code abcdefghijklm}, {@code 987654321098}: counting up or down. */
    private static boolean isRun(String s) {
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < s.length(); i++) {
            int step = s.charAt(i) - s.charAt(i - 1);
            up &= step == 1 || (s.charAt(i) == '0' && s.charAt(i - 1) == '9');
            down &= step == -1 || (s.charAt(i) == '9' && s.charAt(i - 1) == '0');
        }
        return up || down;
    }

    private static String unLeet(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(switch (c) {
                case '0' -> 'o';
                case '1', '!' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                default -> c;
            });
        }
        return out.toString();
    }

    private static Set<String> read(String resource) {
        InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Missing password list " + resource);
        }
        Set<String> words = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String word = line.strip().toLowerCase(Locale.ROOT);
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }
}
