package nl.hartslag.keys;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

import nl.hartslag.db.command.OperatorContext;
import nl.hartslag.db.crypto.KeyRotation;

/**
 * {@code java -jar hartslag-api.jar rotate-keys}: a new AES-256-GCM key becomes the primary one and
 * every sealed value still sealed with an older key is sealed anew (issue 15). Prints how many
 * values per column were re-sealed (never a value) and where the keyset was written.
 *
 * <p>It runs the application's own context, so it finds every sealed column every feature declares
 * and the database exactly as the service is configured (the same {@code --name=value} arguments and
 * environment), but nothing of the service runs: no web server, no dispatcher or other background
 * job (only the embedded PostgreSQL's lifecycle is started), no start-up runner, and beans are only
 * made when rotation needs them. Migrations run first, as at a start.
 *
 * <p>The service must be stopped: with the embedded database its data directory is locked while it
 * runs; with an external database a running service would go on sealing with the old key (its rows
 * would be left for the next rotation, and a keyset kept in the environment would be out of date).
 */
public final class RotateKeysCommand {

    public static final String NAME = "rotate-keys";

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 64;

    static final String USAGE_TEXT = """
            usage: java -jar hartslag-api.jar rotate-keys [--keyset-out FILE] [--name=value ...]
              Adds a new personal-data key (AES-256-GCM) as the primary one and re-seals every value
              sealed with an older key. STOP THE SERVICE FIRST: with the embedded database (the
              default) its data directory is locked while the service runs.
              --name=value       any setting of the service, as when starting it
                                 (e.g. --hartslag.data-dir=/var/lib/hartslag, --spring.r2dbc.url=...)
              --keyset-out FILE  required when the keyset comes from the environment
                                 (HARTSLAG_CRYPTO_AEAD_KEYSET): the new keyset is written to FILE (0600),
                                 to be put in the environment before the service starts again
              Prints re-sealed counts per column, never values. Exit 0 done, 1 failed, 64 usage.""";

    private RotateKeysCommand() {
    }

    /** Whether {@code Application.main} should hand these arguments to {@link #run}. */
    public static boolean handles(String[] args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    /**
     * Runs the rotation with {@code application} as the Spring Boot application class; returns the
     * exit status.
     */
    public static int run(Class<?> application, String[] args, PrintStream out, PrintStream err) {
        List<String> springArgs = new ArrayList<>();
        Path keysetOut = null;
        List<String> rest = Arrays.asList(args).subList(handles(args) ? 1 : 0, args.length);
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE_TEXT);
                return OK;
            } else if (arg.equals("--keyset-out") && i + 1 < rest.size()) {
                keysetOut = Path.of(rest.get(++i)).toAbsolutePath();
            } else if (arg.startsWith("--") && arg.indexOf('=') > 2) {
                springArgs.add(arg);
            } else {
                err.println("hartslag rotate-keys: unexpected argument '" + arg + "'");
                err.println(USAGE_TEXT);
                return USAGE;
            }
        }
        ConfigurableApplicationContext context;
        try {
            context = OperatorContext.builder(application)
                    // Defaults only: the operator's own arguments and environment still win.
                    .properties("hartslag.notifier.dispatch=false", "logging.level.root=WARN")
                    .run(springArgs.toArray(String[]::new));
        } catch (RuntimeException e) {
            err.println("hartslag rotate-keys: cannot reach the database or the keys: " + OperatorContext.rootMessage(e));
            err.println("Stop the service first (with the embedded database its data directory is locked while it"
                    + " runs), and give the same settings as the service (--hartslag.data-dir=..., or"
                    + " --spring.r2dbc.url=...).");
            return FAILED;
        }
        try (context) {
            String environmentKeyset = context.getEnvironment().getProperty("hartslag.crypto.aead-keyset");
            if (environmentKeyset != null && !environmentKeyset.isBlank() && keysetOut == null) {
                err.println("hartslag rotate-keys: the keyset comes from the environment (HARTSLAG_CRYPTO_AEAD_KEYSET);"
                        + " give --keyset-out FILE to receive the new one. Nothing was changed.");
                return USAGE;
            }
            // Lazy initialisation: ask for the migrations explicitly, so the columns to re-seal exist.
            context.getBeanProvider(org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer.class)
                    .ifAvailable(initializer -> {
                    });
            KeyRotation.Result result = context.getBean(KeyRotation.class).rotate().block(Duration.ofHours(12));
            if (result.writtenTo() == null) {
                writeOwnerOnly(keysetOut, result.aeadKeysetJson());
            }
            report(result, keysetOut, out);
            return OK;
        } catch (RuntimeException | IOException e) {
            err.println("hartslag rotate-keys: rotation failed: " + OperatorContext.rootMessage(e));
            err.println("Run it again to finish: values still sealed with an older key are re-sealed; old keys stay"
                    + " in the keyset, so nothing sealed is lost.");
            return FAILED;
        }
    }

    private static void report(KeyRotation.Result result, Path keysetOut, PrintStream out) {
        Path keyset = result.writtenTo() != null ? result.writtenTo() : keysetOut;
        out.println("Personal-data key rotated. Keyset: " + keyset);
        out.println("Back it up now (with the lookup keyset beside it), apart from the database backups."
                + (result.writtenTo() == null ? " Put it in HARTSLAG_CRYPTO_AEAD_KEYSET before the service starts." : ""));
        out.println("Re-sealed values per column:");
        int width = result.resealed().keySet().stream().mapToInt(String::length).max().orElse(0);
        long total = 0;
        for (Map.Entry<String, Long> column : result.resealed().entrySet()) {
            out.printf("  %-" + width + "s %d%n", column.getKey(), column.getValue());
            total += column.getValue();
        }
        out.println("Total: " + total + " values in " + result.resealed().size() + " columns.");
    }

    private static void writeOwnerOnly(Path file, String json) throws IOException {
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".keyset", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, json, StandardCharsets.UTF_8);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
