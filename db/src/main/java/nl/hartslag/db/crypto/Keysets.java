package nl.hartslag.db.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Set;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;

/**
 * The two keysets: AES-256-GCM for sealing, HMAC-SHA256 (as a PRF) for lookup hashes. Given by the
 * environment they are used as they are; otherwise they live as Tink JSON files in the keys
 * directory (0700, files 0600), generated once on first start. Losing those files makes every sealed
 * value unreadable and every lookup hash unmatchable: they are backed up together with the database.
 */
public final class Keysets {

    static final String AEAD_FILE = "personal-data.aead.json";
    static final String LOOKUP_FILE = "personal-data.lookup.json";

    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    static {
        try {
            AeadConfig.register();
            PrfConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink cannot register AEAD and PRF", e);
        }
    }

    private final KeysetHandle aead;
    private final KeysetHandle lookup;
    /** The file the AEAD keyset came from, or null when the environment gave it (rotation then prints it). */
    private final Path aeadFile;

    private Keysets(KeysetHandle aead, KeysetHandle lookup, Path aeadFile) {
        this.aead = aead;
        this.lookup = lookup;
        this.aeadFile = aeadFile;
    }

    /** Loads the keysets from {@code properties}, generating missing files in {@code defaultKeysDir}. */
    public static Keysets load(CryptoProperties properties, Path defaultKeysDir) {
        Path dir = properties.keysDir() == null || properties.keysDir().isBlank() ? defaultKeysDir
                : Path.of(properties.keysDir());
        try {
            boolean aeadGiven = properties.aeadKeyset() != null && !properties.aeadKeyset().isBlank();
            boolean lookupGiven = properties.lookupKeyset() != null && !properties.lookupKeyset().isBlank();
            if (!aeadGiven || !lookupGiven) {
                ownerOnlyDirectory(dir);
            }
            KeysetHandle aead = aeadGiven ? parse(properties.aeadKeyset())
                    : fileOrNew(dir.resolve(AEAD_FILE), PredefinedAeadParameters.AES256_GCM);
            KeysetHandle lookup = lookupGiven ? parse(properties.lookupKeyset())
                    : fileOrNew(dir.resolve(LOOKUP_FILE), PredefinedPrfParameters.HMAC_SHA256_PRF);
            return new Keysets(aead, lookup, aeadGiven ? null : dir.resolve(AEAD_FILE));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The personal-data keysets in " + dir + " (or hartslag.crypto.*-keyset)"
                    + " cannot be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("The personal-data keys directory " + dir + " cannot be used", e);
        }
    }

    KeysetHandle aead() {
        return aead;
    }

    KeysetHandle lookup() {
        return lookup;
    }

    /**
     * A copy with a new AES-256-GCM key as primary (old keys stay, to open what they sealed), written
     * back to its file when it came from one. Returns the new keyset's JSON for an operator who keeps
     * the keyset in the environment.
     */
    Rotated rotate() throws GeneralSecurityException, IOException {
        KeysetHandle rotated = KeysetHandle.newBuilder(aead)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                        .withRandomId()
                        .makePrimary())
                .build();
        String json = TinkJsonProtoKeysetFormat.serializeKeyset(rotated, InsecureSecretKeyAccess.get());
        if (aeadFile != null) {
            writeOwnerOnly(aeadFile, json);
        }
        return new Rotated(new Keysets(rotated, lookup, aeadFile), json, aeadFile);
    }

    record Rotated(Keysets keysets, String aeadJson, Path writtenTo) {
    }

    private static KeysetHandle parse(String json) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    }

    private static KeysetHandle fileOrNew(Path file, com.google.crypto.tink.Parameters parameters)
            throws GeneralSecurityException, IOException {
        if (Files.exists(file)) {
            // Someone may have copied the file in with a looser mode; it holds the keys to everyone's data.
            Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        }
        KeysetHandle fresh = KeysetHandle.generateNew(parameters);
        String json = TinkJsonProtoKeysetFormat.serializeKeyset(fresh, InsecureSecretKeyAccess.get());
        try {
            createOwnerOnly(file, json);
        } catch (FileAlreadyExistsException raced) {
            // Another process started at the same moment and won: use its keys, never two sets.
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        }
        return fresh;
    }

    private static void ownerOnlyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        }
        Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
    }

    /** Creates {@code file} with mode 0600 from the first byte on (never briefly readable by others). */
    private static void createOwnerOnly(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), ".keyset", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            // createLink fails when the file exists: the first writer wins, atomically.
            Files.createLink(file, temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), ".keyset", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
