package nl.hartslag.neighbourhood;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

import nl.hartslag.db.command.OperatorContext;
import nl.hartslag.place.ServiceArea;
import nl.hartslag.web.InvalidRequestException;

/**
 * {@code java -jar hartslag-api.jar load-addresses --file F.csv --neighbourhood NAME}: a
 * neighbourhood's addresses (a BAG extract, or house-number ranges, see {@link AddressExtract})
 * become its street segments, in one transaction, with a {@code NOTIFY} that makes every running
 * instance read its places again — no restart (issue 16). Prints what was read and stored.
 *
 * <p>Like {@code rotate-keys} it runs the application's own context (the same settings and
 * database as the service) without anything of the service: no web server, no background job, no
 * start-up runner; only the embedded PostgreSQL's lifecycle is started, and only when no external
 * database is given. With an external database ({@code --spring.r2dbc.url=...}) a running service
 * takes the streets at once. With the embedded default the data directory is locked while the
 * service runs: then use the endpoint {@code POST /api/v1/staff/neighbourhoods/{name}/addresses}.
 */
public final class LoadAddressesCommand {

    public static final String NAME = "load-addresses";

    static final int OK = 0;
    static final int FAILED = 1;
    static final int REFUSED = 2;
    static final int USAGE = 64;

    static final String USAGE_TEXT = """
            usage: java -jar hartslag-api.jar load-addresses --file F.csv [--neighbourhood NAME]
                   [--municipality M] [--residents N] [--households N] [--name=value ...]
              Loads a neighbourhood's addresses: a BAG extract as CSV (one row per address: openbareruimte
              or straat, huisnummer, postcode, lat, lon; separator , or ;) or house-number ranges
              (street,house_from,house_to,postcode,lat,lon,neighbourhood). The neighbourhood's streets
              are replaced in one transaction; any bad row refuses the whole file.
              --neighbourhood NAME  every row belongs to NAME; without it, each row's buurt (or wijk) says
              --municipality M      required for a new neighbourhood unless rows have gemeente/woonplaats
              --residents N, --households N  the neighbourhood's numbers (for rates per 1,000)
              --name=value          any setting of the service (e.g. --spring.r2dbc.url=..., or
                                    --hartslag.data-dir=... with the service stopped)
              With an external database a running service knows the streets at once (no restart). With the
              embedded database (the default) the data directory is locked while the service runs: use
              POST /api/v1/staff/neighbourhoods/{name}/addresses instead, or stop the service first.
              Exit 0 loaded, 1 failed, 2 file refused, 64 usage.""";

    private LoadAddressesCommand() {
    }

    /** Whether {@code Application.main} should hand these arguments to {@link #run}. */
    public static boolean handles(String[] args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    /** Runs the load with {@code application} as the Spring Boot application class; returns the exit status. */
    public static int run(Class<?> application, String[] args, PrintStream out, PrintStream err) {
        List<String> springArgs = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        List<String> rest = Arrays.asList(args).subList(handles(args) ? 1 : 0, args.length);
        List<String> known = List.of("--file", "--neighbourhood", "--municipality", "--residents", "--households");
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE_TEXT);
                return OK;
            } else if (known.contains(arg) && i + 1 < rest.size()) {
                options.put(arg.substring(2), rest.get(++i));
            } else if (arg.indexOf('=') > 2 && known.contains(arg.substring(0, arg.indexOf('=')))) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith("--") && arg.indexOf('=') > 2) {
                springArgs.add(arg);
            } else {
                return usage(err, "unexpected argument '" + arg + "'");
            }
        }
        if (!options.containsKey("file")) {
            return usage(err, "--file is required");
        }
        Integer residents;
        Integer households;
        try {
            residents = options.containsKey("residents") ? Integer.valueOf(options.get("residents")) : null;
            households = options.containsKey("households") ? Integer.valueOf(options.get("households")) : null;
        } catch (NumberFormatException e) {
            return usage(err, "--residents and --households take a whole number");
        }
        // Read and check the file before anything starts: a bad file is refused in a second.
        Path file = Path.of(options.get("file"));
        AddressExtract.Extract extract;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            extract = AddressExtract.read(reader, options.get("neighbourhood"));
        } catch (AddressExtract.Rejected e) {
            err.println("hartslag load-addresses: " + file + " refused, nothing was loaded:");
            e.problems().forEach(p -> err.println("  " + p.describe()));
            return REFUSED;
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("hartslag load-addresses: cannot read " + file + ": " + e.getMessage());
            return FAILED;
        }
        if ((residents != null || households != null) && extract.neighbourhoods().size() > 1) {
            return usage(err, "--residents/--households apply to one neighbourhood; the file has "
                    + extract.neighbourhoods().size() + " (" + String.join(", ", extract.neighbourhoods())
                    + "): give --neighbourhood or load them one by one");
        }
        ConfigurableApplicationContext context;
        try {
            context = OperatorContext.builder(application)
                    // Defaults only: the operator's own arguments and environment still win.
                    .properties("hartslag.notifier.dispatch=false", "logging.level.root=WARN")
                    .run(springArgs.toArray(String[]::new));
        } catch (RuntimeException e) {
            String message = OperatorContext.rootMessage(e);
            err.println("hartslag load-addresses: cannot reach the database: " + message);
            if (message.contains("Another running Hartslag")) {
                err.println("The service is running on this data directory (the embedded database is locked"
                        + " while it runs). Load the file through the running service instead:");
                err.println("  curl -u COORDINATOR -H 'Content-Type: text/csv' --data-binary @" + file
                        + " 'https://HOST/api/v1/staff/neighbourhoods/NAME/addresses?municipality=...'");
                err.println("or stop the service first. Nothing was loaded.");
            } else {
                err.println("Give the same settings as the service (--hartslag.data-dir=..., or"
                        + " --spring.r2dbc.url=...). Nothing was loaded.");
            }
            return FAILED;
        }
        try (context) {
            // Lazy initialisation: ask for the migrations explicitly, so the tables exist.
            context.getBeanProvider(org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer.class)
                    .ifAvailable(initializer -> {
                    });
            Neighbourhoods neighbourhoods = context.getBean(Neighbourhoods.class);
            Neighbourhoods.Loaded loaded = neighbourhoods
                    .load(extract, new Neighbourhoods.Numbers(options.get("municipality"), residents, households))
                    .block(Duration.ofMinutes(30));
            report(file, loaded, neighbourhoods.configuredArea(), context, out);
            return OK;
        } catch (InvalidRequestException e) {
            err.println("hartslag load-addresses: refused, nothing was loaded:");
            e.violations().forEach(v -> err.println("  " + v.field() + ": " + switch (v.code()) {
                case "validation.neighbourhood.municipality" ->
                    "a new neighbourhood needs its municipality: give --municipality (2-100 characters)";
                case "validation.neighbourhood.name" -> "a neighbourhood's name has 2-100 characters: letters,"
                        + " digits, spaces and . , ' - & ( ) /";
                case "validation.neighbourhood.households" -> "more households than residents";
                default -> "out of range (0-10,000,000)";
            }));
            return REFUSED;
        } catch (RuntimeException e) {
            err.println("hartslag load-addresses: loading failed, nothing was loaded: " + OperatorContext.rootMessage(e));
            return FAILED;
        }
    }

    private static void report(Path file, Neighbourhoods.Loaded loaded, ServiceArea configured,
            ConfigurableApplicationContext context, PrintStream out) {
        out.println("Loaded " + file + " (" + loaded.format().name().toLowerCase(java.util.Locale.ROOT) + "): "
                + loaded.rows() + " rows read, " + loaded.segments() + " street segments, " + loaded.streets()
                + " streets.");
        loaded.segmentsPerNeighbourhood().forEach((name, segments) -> out.println("  " + name + ": " + segments
                + " segments"));
        if (loaded.outsideArea() > 0) {
            out.println("Note: " + loaded.outsideArea() + " segments lie outside the configured service area"
                    + " (hartslag.service-area.*: " + configured.minLat() + ".." + configured.maxLat() + " N, "
                    + configured.minLon() + ".." + configured.maxLon() + " E). The area served widens to cover"
                    + " these neighbourhoods' streets plus hartslag.service-area.margin-metres ("
                    + configured.marginMetres() + " m) for map pins and landmarks; set the area in the settings if"
                    + " the map should centre elsewhere.");
        }
        boolean external = !"true".equals(context.getEnvironment().getProperty("hartslag.db.embedded.active"));
        out.println(external ? "A running service takes the streets now (it was notified); no restart needed."
                : "The service knows the streets at its next start (the embedded database is its own).");
    }

    private static int usage(PrintStream err, String why) {
        err.println("hartslag load-addresses: " + why);
        err.println(USAGE_TEXT);
        return USAGE;
    }
}
