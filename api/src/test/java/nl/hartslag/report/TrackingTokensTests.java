package nl.hartslag.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrackingTokensTests {

    private static final String SECRET = Base64.getEncoder().encodeToString(bytes(32, 7));
    private static final String OTHER_SECRET = Base64.getEncoder().encodeToString(bytes(32, 8));
    private static final UUID REPORT = UUID.fromString("0b9a6c4e-3f1d-4c55-9a1e-6d2b8f0c7a31");

    @TempDir
    Path dataDir;

    @Test
    void theTokenIsDeterministicPerReportId() {
        String token = new TrackingTokens(SECRET, dataDir).tokenFor(REPORT);

        assertThat(new TrackingTokens(SECRET, dataDir).tokenFor(REPORT)).isEqualTo(token);
        assertThat(new TrackingTokens(" " + SECRET + "\n", dataDir).tokenFor(REPORT)).isEqualTo(token);
        assertThat(new TrackingTokens(OTHER_SECRET, dataDir).tokenFor(REPORT)).isNotEqualTo(token);
        assertThat(dataDir.resolve("keys")).doesNotExist();
    }

    @Test
    void differentReportsGetDifferentTokens() {
        TrackingTokens tokens = new TrackingTokens(SECRET, dataDir);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            seen.add(tokens.tokenFor(UUID.randomUUID()));
        }
        assertThat(seen).hasSize(1_000);
        assertThat(tokens.tokenFor(new UUID(0, 1))).isNotEqualTo(tokens.tokenFor(new UUID(1, 0)));
    }

    @Test
    void aTokenHasAtLeast128BitsInUrlSafeCharacters() {
        TrackingTokens tokens = new TrackingTokens(SECRET, dataDir);
        for (int i = 0; i < 200; i++) {
            String token = tokens.tokenFor(UUID.randomUUID());
            assertThat(token).hasSizeGreaterThanOrEqualTo(22).matches("[A-Za-z0-9_-]+");
            assertThat(Base64.getUrlDecoder().decode(token).length * 8).isGreaterThanOrEqualTo(128);
        }
    }

    @Test
    void aTokenMatchesOnlyItsOwnHash() {
        TrackingTokens tokens = new TrackingTokens(SECRET, dataDir);
        String token = tokens.tokenFor(REPORT);
        byte[] stored = TrackingTokens.hash(token);

        assertThat(stored).hasSize(32);
        assertThat(TrackingTokens.matches(token, stored)).isTrue();
        assertThat(TrackingTokens.matches(tokens.tokenFor(UUID.randomUUID()), stored)).isFalse();
        assertThat(TrackingTokens.matches(token.substring(1), stored)).isFalse();
        assertThat(TrackingTokens.matches(token + "x", stored)).isFalse();
        assertThat(TrackingTokens.matches("", stored)).isFalse();
        assertThat(TrackingTokens.matches(null, stored)).isFalse();
        assertThat(TrackingTokens.matches(token, null)).isFalse();
        assertThat(TrackingTokens.matches(token, new byte[0])).isFalse();
    }

    @Test
    void theStoredHashIsNotTheToken() {
        String token = new TrackingTokens(SECRET, dataDir).tokenFor(REPORT);

        assertThat(new String(TrackingTokens.hash(token), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(token);
        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(TrackingTokens.hash(token)))
                .isNotEqualTo(token);
    }

    @Test
    void withoutASecretAKeyFileIsCreatedAndReused() throws IOException {
        String token = new TrackingTokens("", dataDir).tokenFor(REPORT);

        Path keyFile = dataDir.resolve("keys").resolve("tracking-token.key");
        assertThat(keyFile).isRegularFile();
        assertThat(Files.readAllBytes(keyFile)).hasSize(32);
        byte[] key = Files.readAllBytes(keyFile);

        assertThat(new TrackingTokens("  ", dataDir).tokenFor(REPORT)).isEqualTo(token);
        assertThat(Files.readAllBytes(keyFile)).isEqualTo(key);
        // The generated key is the same HMAC key a configured secret would be.
        assertThat(new TrackingTokens(Base64.getEncoder().encodeToString(key), dataDir).tokenFor(REPORT))
                .isEqualTo(token);
    }

    @Test
    void separateDataDirectoriesGenerateSeparateKeys(@TempDir Path otherDataDir) {
        assertThat(new TrackingTokens("", dataDir).tokenFor(REPORT))
                .isNotEqualTo(new TrackingTokens("", otherDataDir).tokenFor(REPORT));
    }

    @Test
    void theGeneratedKeyFileIsReadableByTheOwnerOnly() throws IOException {
        new TrackingTokens("", dataDir);
        Path keyFile = dataDir.resolve("keys").resolve("tracking-token.key");
        if (Files.getFileStore(keyFile).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                    .isEqualTo("rw-------");
        } else {
            assertThat(keyFile).isRegularFile();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 16, 31 })
    void aSecretShorterThan32BytesIsRefused(int length) {
        String secret = Base64.getEncoder().encodeToString(bytes(length, 3));

        assertThatIllegalStateException().isThrownBy(() -> new TrackingTokens(secret, dataDir))
                .withMessageContaining("hartslag.tracking.secret")
                .withMessageContaining("32 bytes");
    }

    @Test
    void aTooShortKeyFileIsRefused() throws IOException {
        Path keys = Files.createDirectories(dataDir.resolve("keys"));
        Files.write(keys.resolve("tracking-token.key"), bytes(16, 1));

        assertThatIllegalStateException().isThrownBy(() -> new TrackingTokens("", dataDir));
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i * 17);
        }
        return bytes;
    }
}
