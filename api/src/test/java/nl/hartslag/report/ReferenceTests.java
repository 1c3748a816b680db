package nl.hartslag.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceTests {

    private static final String FORMAT = "HS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}";

    /** A valid reference: body 7KQ2M, check character computed independently of the class under test. */
    private static final String VALID = "HS-7KQ2-M" + check("7KQ2M");

    @Test
    void theAlphabetHasThirtyOneUnambiguousCharacters() {
        assertThat(Reference.ALPHABET).hasSize(31).doesNotContain("0", "O", "1", "I", "L");
        assertThat(Reference.ALPHABET.chars().distinct().count()).isEqualTo(31);
    }

    @Test
    void randomReferencesAreWellFormedAndFreeOfLookAlikes() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String value = Reference.random(random).value();
            assertThat(value).matches(FORMAT).doesNotContain("0", "O", "1", "I", "L");
            assertThat(Reference.parse(value)).as(value).map(Reference::value).contains(value);
            seen.add(value);
        }
        // 31^5 ≈ 28.6 million possible references: 10 000 draws collide only a handful of times.
        assertThat(seen).hasSizeGreaterThan(9_900);
    }

    @Test
    void theLastCharacterIsAWeightedCheckOverTheOtherFive() {
        assertThat(new Reference(VALID).value()).isEqualTo(VALID);
        assertThat(new Reference("HS-2222-22").value()).isEqualTo("HS-2222-22");
        assertThatIllegalArgumentException().isThrownBy(() -> new Reference("HS-2222-23"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "HS-7kq2-m", "hs-7kq2-m", "HS 7KQ2 M", "hs 7kq2m", "HS7KQ2M", "hs7kq2m", "7KQ2-M",
            "7kq2m", " 7KQ2 M ", "7-K-Q-2-M", "HS–7KQ2–M" })
    void parseReadsAReferenceAsAResidentTypesIt(String typedWithoutCheck) {
        String typed = typedWithoutCheck.endsWith(" ")
                ? typedWithoutCheck.stripTrailing() + check("7KQ2M") + " "
                : typedWithoutCheck + check("7KQ2M");

        assertThat(Reference.parse(typed)).map(Reference::value).contains(VALID);
    }

    @Test
    void parseFindsAReferenceWhoseBodyStartsWithHs() {
        String body = "HS23A";
        String value = "HS-HS23-A" + check(body);

        assertThat(Reference.parse(value)).map(Reference::value).contains(value);
        assertThat(Reference.parse("hshs23a" + check(body))).map(Reference::value).contains(value);
        assertThat(Reference.parse("hs23a" + check(body))).map(Reference::value).contains(value);
    }

    @Test
    void everySingleCharacterSubstitutionIsRecognisedAsATypo() {
        String code = compact(VALID);
        List<String> accepted = new ArrayList<>();
        int tried = 0;
        for (int position = 0; position < code.length(); position++) {
            for (char c : (Reference.ALPHABET + "01OIL").toCharArray()) {
                if (c == code.charAt(position)) {
                    continue;
                }
                String typo = code.substring(0, position) + c + code.substring(position + 1);
                tried++;
                if (Reference.parse("HS-" + typo).isPresent()) {
                    accepted.add(typo);
                }
            }
        }
        assertThat(tried).isEqualTo(6 * 35);
        assertThat(accepted).isEmpty();
    }

    @Test
    void everyAdjacentTranspositionIsRecognisedAsATypo() {
        // A body with six different characters, so every swap really changes the reference.
        String code = compact(VALID);
        assertThat(code.chars().distinct().count()).isEqualTo(6);
        for (int position = 0; position < code.length() - 1; position++) {
            char[] swapped = code.toCharArray();
            swapped[position] = code.charAt(position + 1);
            swapped[position + 1] = code.charAt(position);
            String typo = new String(swapped);

            assertThat(Reference.parse(typo)).as("%s swapped at %d", typo, position).isEmpty();
        }
    }

    @Test
    void theCheckCatchesEverySubstitutionAndSwapForEveryBody() {
        // Exhaustive over the alphabet for the check itself: for any body, changing one body
        // character or swapping two adjacent characters changes the check character.
        String alphabet = Reference.ALPHABET;
        SecureRandom random = new SecureRandom();
        for (int n = 0; n < 200; n++) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                body.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String code = body.toString() + check(body.toString());
            for (int position = 0; position < 6; position++) {
                for (char c : alphabet.toCharArray()) {
                    if (c != code.charAt(position)) {
                        String typo = code.substring(0, position) + c + code.substring(position + 1);
                        assertThat(Reference.parse(typo)).as(typo).isEmpty();
                    }
                }
                if (position < 5 && code.charAt(position) != code.charAt(position + 1)) {
                    String swapped = code.substring(0, position) + code.charAt(position + 1) + code.charAt(position)
                            + code.substring(position + 2);
                    assertThat(Reference.parse(swapped)).as(swapped).isEmpty();
                }
            }
            assertThat(Reference.parse(code)).isPresent();
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { " ", "-", "HS", "HS-", "HS-7KQ2", "HS-7KQ2-M", "7KQ2", "HS-7KQ2-M99", "HS-7KQ2-MAB-X",
            "XX-7KQ2-M", "HS-0KQ2-M9", "HS-OKQ2-M9", "HS-1KQ2-M9", "HS-IKQ2-M9", "HS-LKQ2-M9", "hello world",
            "HS-ABCDEFGH", "🙂🙂🙂🙂🙂🙂" })
    void parseIsEmptyForAnythingThatCannotBeAReference(String typed) {
        assertThat(Reference.parse(typed)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "hs-7kq2-m9", "HS7KQ2M9", "HS-7KQ2-M", "HS-0000-00", "HS-7KQ2-M99" })
    void theConstructorOnlyAcceptsTheCanonicalForm(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Reference(value));
    }

    @Test
    void toStringIsTheValue() {
        assertThat(new Reference(VALID)).hasToString(VALID);
    }

    private static String compact(String reference) {
        return reference.substring(3, 7) + reference.substring(8);
    }

    /** The documented check: sum of (position × alphabet index), positions 1..5, modulo 31. */
    private static char check(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum += (i + 1) * Reference.ALPHABET.indexOf(body.charAt(i));
        }
        return Reference.ALPHABET.charAt(sum % Reference.ALPHABET.length());
    }
}
