package nl.hartslag.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The hand-written TOTP against the RFCs' own test vectors, and the rules around it (window, replay). */
class TotpTests {

    private static final byte[] SHA1_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_KEY = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_KEY = ("1234567890".repeat(6) + "1234").getBytes(StandardCharsets.US_ASCII);

    /** RFC 4226, appendix D: HOTP values of counters 0 to 9. */
    @ParameterizedTest
    @CsvSource({ "0,755224", "1,287082", "2,359152", "3,969429", "4,338314", "5,254676", "6,287922", "7,162583",
            "8,399871", "9,520489" })
    void hotpMatchesRfc4226(long counter, String expected) {
        assertThat(Totp.code(SHA1_KEY, counter, "HmacSHA1", 6)).isEqualTo(expected);
    }

    /** RFC 6238, appendix B: 8-digit TOTP values for SHA-1, SHA-256 and SHA-512. */
    @ParameterizedTest
    @CsvSource({ "59,94287082,46119246,90693936", "1111111109,07081804,68084774,25091201",
            "1111111111,14050471,67062674,99943326", "1234567890,89005924,91819424,93441116",
            "2000000000,69279037,90698825,38618901", "20000000000,65353130,77737706,47863826" })
    void totpMatchesRfc6238(long seconds, String sha1, String sha256, String sha512) {
        long step = Totp.step(Instant.ofEpochSecond(seconds));
        assertThat(Totp.code(SHA1_KEY, step, "HmacSHA1", 8)).isEqualTo(sha1);
        assertThat(Totp.code(SHA256_KEY, step, "HmacSHA256", 8)).isEqualTo(sha256);
        assertThat(Totp.code(SHA512_KEY, step, "HmacSHA512", 8)).isEqualTo(sha512);
    }

    @Test
    void aCodeOneStepEitherSideIsTakenTwoStepsAwayIsNot() {
        byte[] key = Totp.newSecret();
        Instant now = Instant.parse("2026-12-03T20:00:10Z");
        long step = Totp.step(now);
        assertThat(Totp.match(key, Totp.code(key, step, Totp.ALGORITHM, 6), now, -1)).hasValue(step);
        assertThat(Totp.match(key, Totp.code(key, step - 1, Totp.ALGORITHM, 6), now, -1)).hasValue(step - 1);
        assertThat(Totp.match(key, Totp.code(key, step + 1, Totp.ALGORITHM, 6), now, -1)).hasValue(step + 1);
        assertThat(Totp.match(key, Totp.code(key, step - 2, Totp.ALGORITHM, 6), now, -1)).isEmpty();
        assertThat(Totp.match(key, Totp.code(key, step + 2, Totp.ALGORITHM, 6), now, -1)).isEmpty();
    }

    @Test
    void aCodeOfAStepAlreadyUsedOrEarlierIsRefused() {
        byte[] key = Totp.newSecret();
        Instant now = Instant.parse("2026-12-03T20:00:10Z");
        long step = Totp.step(now);
        String code = Totp.code(key, step, Totp.ALGORITHM, 6);
        assertThat(Totp.match(key, code, now, step)).isEmpty();
        assertThat(Totp.match(key, Totp.code(key, step - 1, Totp.ALGORITHM, 6), now, step)).isEmpty();
        assertThat(Totp.match(key, Totp.code(key, step + 1, Totp.ALGORITHM, 6), now, step)).hasValue(step + 1);
    }

    @Test
    void somethingElseThanSixDigitsIsNoCode() {
        byte[] key = Totp.newSecret();
        Instant now = Instant.now();
        String code = Totp.code(key, Totp.step(now), Totp.ALGORITHM, 6);
        assertThat(Totp.match(key, null, now, -1)).isEmpty();
        assertThat(Totp.match(key, code + "0", now, -1)).isEmpty();
        assertThat(Totp.match(key, " " + code, now, -1)).isEmpty();
        assertThat(Totp.match(key, "abcdef", now, -1)).isEmpty();
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        // RFC 4648, section 10 (without the padding the apps do not want).
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Totp.base32("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        byte[] secret = Totp.newSecret();
        String text = Totp.base32(secret);
        assertThat(text).hasSize(32).matches("[A-Z2-7]+");
        assertThat(Totp.fromBase32(text.toLowerCase())).isEqualTo(secret);
        assertThat(Totp.fromBase32("MZXW 6YTB OI======")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Totp.fromBase32("MZ1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theUriNamesIssuerAccountAndTheSecret() {
        byte[] secret = "foobar".getBytes(StandardCharsets.US_ASCII);
        assertThat(Totp.uri("Hartslag", "coördinator x", secret)).isEqualTo(
                "otpauth://totp/Hartslag:co%C3%B6rdinator%20x?secret=MZXW6YTBOI&issuer=Hartslag&algorithm=SHA1&digits=6&period=30");
    }
}
