package nl.hartslag.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * What every endpoint that takes an {@code Idempotency-Key} shares: which keys are acceptable
 * (long enough not to collide by accident) and the fingerprint that tells a retry from a different
 * request under the same key.
 */
public final class Idempotency {

    private static final Pattern KEY = Pattern.compile("^[A-Za-z0-9._:-]{8,200}$");

    private Idempotency() {
    }

    public static boolean isValidKey(String key) {
        return KEY.matcher(key).matches();
    }

    /** SHA-256 over the request's parts in a fixed order: same request, same fingerprint. */
    public static byte[] fingerprint(String... parts) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
