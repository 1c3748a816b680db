package nl.hartslag.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileSystems;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A resident's tracking token: 192 bits, derived as HMAC-SHA256(secret key, report id) so that a
 * retried submission (same Idempotency-Key) can be answered with the same token although only its
 * SHA-256 hash is stored. A database copy alone therefore reveals no token; the key lives outside
 * the database: {@code hartslag.tracking.secret} (base64, shared by all instances) or, by default,
 * a key generated once under {@code <data-dir>/keys}.
 */
@Component
class TrackingTokens {

    private static final Logger log = LoggerFactory.getLogger(TrackingTokens.class);
    private static final int TOKEN_BYTES = 24;

    private final SecretKeySpec key;

    TrackingTokens(@Value("${hartslag.tracking.secret:}") String secret, @Value("${hartslag.data-dir}") Path dataDir) {
        byte[] bytes = secret.isBlank() ? keyFile(dataDir.resolve("keys").resolve("tracking-token.key"))
                : Base64.getDecoder().decode(secret.trim());
        if (bytes.length < 32) {
            throw new IllegalStateException("hartslag.tracking.secret must be at least 32 bytes (base64)");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    String tokenFor(UUID reportId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(asBytes(reportId));
            byte[] full = mac.doFinal();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, TOKEN_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time, so response timing does not leak how much of a guessed token was right. */
    static boolean matches(String token, byte[] storedHash) {
        return token != null && storedHash != null && MessageDigest.isEqual(hash(token), storedHash);
    }

    private static byte[] asBytes(UUID id) {
        return java.nio.ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array();
    }

    private static byte[] keyFile(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length < 32) {
                    throw new IllegalStateException("The tracking-token key " + file + " is damaged (" + bytes.length
                            + " bytes). Restore it from a backup; a new key would invalidate every resident's status link.");
                }
                return bytes;
            }
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            // Write to a private temporary file, then move it in place: never a half-written key.
            Path temporary = Files.createTempFile(file.getParent(), "tracking-token", ".tmp", privateFile());
            Files.write(temporary, bytes);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            log.info("Generated a new tracking-token key in {}; set hartslag.tracking.secret to share one between instances", file);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the tracking-token key " + file, e);
        }
    }

    private static FileAttribute<?>[] privateFile() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
                : new FileAttribute<?>[0];
    }
}
