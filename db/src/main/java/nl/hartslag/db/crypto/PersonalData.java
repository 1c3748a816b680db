package nl.hartslag.db.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.prf.PrfSet;

/**
 * Seals personal data before it is written and opens it after it is read; gives the keyed hash that
 * lookups use instead of the plain value.
 *
 * <p>A sealed value is text, {@code <key id>:<base64 of the AES-GCM ciphertext>}: the key id in the
 * clear lets {@link KeyRotation} find the values still sealed with an old key in SQL. Every value gets
 * a fresh nonce, so equal values seal differently and a sealed column cannot be searched or joined:
 * that is what the lookup hash is for. The hash is HMAC-SHA256 under a key of its own (a plain SHA-256
 * of a phone number is undone by trying all 10^9 numbers), over a normalised, typed input
 * ({@link #phoneLookup}, {@link #emailLookup}), and is not rotated with the sealing key.
 */
public final class PersonalData {

    private static final byte[] ASSOCIATED_DATA = "hartslag personal data".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();
    private static final Base64.Encoder HASH_ENCODING = Base64.getUrlEncoder().withoutPadding();

    /** Swapped whole by {@link KeyRotation}, so a running service seals with the new key at once. */
    private volatile Keys keys;

    private record Keys(Aead aead, PrfSet lookup, String primaryKeyPrefix) {
    }

    public PersonalData(Keysets keysets) {
        use(keysets);
    }

    void use(Keysets keysets) {
        try {
            this.keys = new Keys(keysets.aead().getPrimitive(RegistryConfiguration.get(), Aead.class),
                    keysets.lookup().getPrimitive(RegistryConfiguration.get(), PrfSet.class),
                    Integer.toUnsignedString(keysets.aead().getPrimary().getId()) + ":");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The personal-data keysets cannot be used: " + e.getMessage(), e);
        }
    }

    /** The sealed form of {@code plain}; {@code null} stays {@code null}. */
    public String seal(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            Keys now = keys;
            return now.primaryKeyPrefix() + BASE64.encodeToString(now.aead().encrypt(plain.getBytes(StandardCharsets.UTF_8),
                    ASSOCIATED_DATA));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealing failed", e);
        }
    }

    /**
     * The plain value of {@code sealed}; {@code null} stays {@code null}. A value that does not open
     * (another keyset, a damaged row) is an error, never a guess: {@link SealedValueUnreadable}.
     */
    public String open(String sealed) {
        if (sealed == null) {
            return null;
        }
        int colon = sealed.indexOf(':');
        if (colon < 1) {
            throw new SealedValueUnreadable("not a sealed value");
        }
        try {
            byte[] plain = keys.aead().decrypt(BASE64_DECODER.decode(sealed.substring(colon + 1)), ASSOCIATED_DATA);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SealedValueUnreadable("key " + sealed.substring(0, colon) + " does not open it");
        }
    }

    /** Whether {@code sealed} was sealed with the current primary key (rotation skips those). */
    public boolean sealedWithPrimary(String sealed) {
        return sealed != null && sealed.startsWith(keys.primaryKeyPrefix());
    }

    /** The prefix ({@code "<key id>:"}) of values sealed now, for SQL that finds older ones. */
    public String primaryKeyPrefix() {
        return keys.primaryKeyPrefix();
    }

    /** The lookup hash of a phone number in E.164 form ({@code +31612345678}); {@code null} stays {@code null}. */
    public String phoneLookup(String e164) {
        return e164 == null ? null : hash("phone:" + e164.strip());
    }

    /** The lookup hash of an e-mail address, whatever its case; {@code null} stays {@code null}. */
    public String emailLookup(String email) {
        return email == null ? null : hash("email:" + email.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The lookup hash of any other value under its own {@code kind} (e.g. {@code "address"} for a
     * household's address), so equal texts of different kinds never share a hash.
     */
    public String lookup(String kind, String normalised) {
        return normalised == null ? null : hash(kind + ":" + normalised);
    }

    private String hash(String input) {
        try {
            return HASH_ENCODING.encodeToString(keys.lookup().computePrimary(input.getBytes(StandardCharsets.UTF_8), 32));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Lookup hash failed", e);
        }
    }

    /** A sealed value that this keyset cannot open. Its message never holds the value. */
    public static final class SealedValueUnreadable extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        SealedValueUnreadable(String why) {
            super("A sealed personal-data value cannot be opened: " + why
                    + " (are the keys in hartslag.crypto.keys-dir the ones this database was written with?)");
        }
    }
}
