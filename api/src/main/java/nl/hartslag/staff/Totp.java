package nl.hartslag.staff;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time codes as authenticator apps make them: RFC 6238 TOTP over RFC 4226 HOTP,
 * HMAC-SHA1, 30-second steps, 6 digits, and the secret in Base32 (RFC 4648) for the app. Written
 * out here (some forty lines) rather than taken from a library: none of the small TOTP libraries
 * is well kept, and the algorithm is short and fixed by the RFCs' test vectors (TotpTests).
 */
final class Totp {

    static final int STEP_SECONDS = 30;
    static final int DIGITS = 6;
    /** Steps accepted either side of now: a phone clock a little off, a code typed as it changes. */
    static final int WINDOW = 1;
    static final String ALGORITHM = "HmacSHA1";

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int[] POWERS = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000 };
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {
    }

    /** RFC 4226 HOTP: the {@code digits}-digit code of {@code counter} under {@code key}. */
    static String code(byte[] key, long counter, String algorithm, int digits) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, "RAW"));
            hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(counter).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
        // Dynamic truncation: four bytes at the offset the last nibble names, without the sign bit.
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        String code = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    /** The 30-second step {@code time} falls in (RFC 6238: T0 = 0). */
    static long step(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
    }

    /**
     * The step whose code {@code presented} is, within {@link #WINDOW} steps of {@code now} and
     * later than {@code lastUsedStep} (so a code once taken, or an older one, is refused); empty if none.
     */
    static OptionalLong match(byte[] key, String presented, Instant now, long lastUsedStep) {
        if (presented == null || !presented.matches("[0-9]{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long current = step(now);
        for (long s = current - WINDOW; s <= current + WINDOW; s++) {
            boolean same = MessageDigest.isEqual(code(key, s, ALGORITHM, DIGITS).getBytes(StandardCharsets.US_ASCII),
                    presented.getBytes(StandardCharsets.US_ASCII));
            if (same && s > lastUsedStep) {
                return OptionalLong.of(s);
            }
        }
        return OptionalLong.empty();
    }

    /** A new secret of 160 bits, the HMAC-SHA1 block RFC 4226 recommends. */
    static byte[] newSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The {@code otpauth://} URI authenticator apps read (as a QR code or pasted). */
    static String uri(String issuer, String account, byte[] secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** RFC 4648 Base32 without padding, as the apps expect. */
    static String base32(byte[] data) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /** Reads Base32 as people type it: any case, spaces and padding ignored. */
    static byte[] fromBase32(String text) {
        String s = text.replaceAll("[\\s=]", "").toUpperCase(Locale.ROOT);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            int value = BASE32.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("Not Base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
