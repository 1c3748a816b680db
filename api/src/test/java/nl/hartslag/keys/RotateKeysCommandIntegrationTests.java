package nl.hartslag.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.hartslag.Application;

/**
 * {@code java -jar hartslag-api.jar rotate-keys} as an operator runs it, in-process: against a data
 * directory of its own (its own embedded PostgreSQL, migrated at start), with the service stopped.
 */
class RotateKeysCommandIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void theCommandAddsAKeyReSealsAndPrintsCountsPerColumnAndTheKeysetPath() throws Exception {
        Result first = run("--hartslag.data-dir=" + dataDir);
        assertThat(first.status()).as(first.err()).isZero();
        Path keyset = dataDir.resolve("keys").resolve("personal-data.aead.json").toAbsolutePath().normalize();
        assertThat(first.out()).contains("Keyset: " + keyset).contains("notification_recipient.address_sealed")
                .contains("notification.parameters_sealed").contains("Total: ");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset.getParent())))
                .isEqualTo("rwx------");
        String afterFirst = Files.readString(keyset);

        Result second = run("--hartslag.data-dir=" + dataDir);
        assertThat(second.status()).as(second.err()).isZero();
        // One more key each time; the old ones stay to open what they sealed.
        assertThat(keyIds(Files.readString(keyset))).isEqualTo(keyIds(afterFirst) + 1);
    }

    @Test
    void aWrongArgumentIsAUsageErrorAndHelpSaysToStopTheServiceFirst() {
        Result wrong = run("--hartslag.data-dir");
        assertThat(wrong.status()).isEqualTo(RotateKeysCommand.USAGE);
        assertThat(wrong.err()).contains("unexpected argument").contains("STOP THE SERVICE FIRST");
        Result help = run("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("usage: java -jar hartslag-api.jar rotate-keys");
    }

    private static int keyIds(String json) {
        return json.split("\"keyId\"", -1).length - 1;
    }

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = RotateKeysCommand.NAME;
        System.arraycopy(args, 0, all, 1, args.length);
        int status = RotateKeysCommand.run(Application.class, all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
