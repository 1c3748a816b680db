package nl.hartslag.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

import nl.hartslag.db.command.OperatorContext;

/**
 * {@code java -jar hartslag-api.jar demo}: fills an EMPTY database with a synthetic half-year (issue 16),
 * so a newcomer sees the coordinator's desk, the problem map, work orders, mediations, a meeting and the
 * figures populated. Refuses a database that already holds a report: demo data never mixes with real data.
 *
 * <p>Like {@code rotate-keys} it runs the application's own context with the service's settings (the same
 * {@code --name=value} arguments and environment) but without the web server. Unlike it, the parts that make
 * the data consistent run too: matching (the Lucene index in the data directory), routing and the
 * escalation rules. What would reach the outside world never runs: the notification dispatcher is not
 * started (whatever {@code hartslag.notifier.dispatch} says) and every notification the seeding wrote is
 * left in a final state, so no text or e-mail goes out, now or at the next start of the service.
 */
public final class DemoCommand implements nl.hartslag.OperatorCommand {

    public static final String NAME = "demo";

    static final int OK = 0;
    static final int FAILED = 1;
    /** The database already holds reports: nothing was changed. */
    static final int NOT_EMPTY = 2;
    static final int USAGE = 64;

    static final String USAGE_TEXT = """
            usage: java -jar hartslag-api.jar demo [--months N] [--seed S] [--name=value ...]
              Fills an EMPTY data directory (or empty external database) with a synthetic half-year of
              reports, problems, work orders, mediations, a meeting and outreach visits. Invented texts,
              people and numbers; streets from the gazetteer. Never sends a text or an e-mail.
              Refuses (exit 2) when the database already holds reports. STOP THE SERVICE FIRST.
              --months N     how many months back from today (1-24, default 6)
              --seed S       the same seed gives the same reports, texts and story (default 16)
              --name=value   any setting of the service (e.g. --hartslag.data-dir=/tmp/demo)
              Exit 0 done, 1 failed, 2 not empty, 64 usage.""";

    /** For {@link java.util.ServiceLoader}: {@code Application.main} finds the command without naming it. */
    public DemoCommand() {
    }

    @Override
    public boolean accepts(String[] args) {
        return handles(args);
    }

    @Override
    public int execute(Class<?> application, String[] args, PrintStream out, PrintStream err) {
        return run(application, args, out, err);
    }

    /** Whether {@code Application.main} should hand these arguments to {@link #run}. */
    public static boolean handles(String[] args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    /** Runs the seeding with {@code application} as the Spring Boot application class; returns the exit status. */
    public static int run(Class<?> application, String[] args, PrintStream out, PrintStream err) {
        return run(application, args, out, err, context -> {
        });
    }

    /** The same; {@code inspect} sees the database before the context closes (tests look at what was made). */
    static int run(Class<?> application, String[] args, PrintStream out, PrintStream err,
            java.util.function.Consumer<ConfigurableApplicationContext> inspect) {
        List<String> springArgs = new ArrayList<>();
        int months = 6;
        long seed = 16;
        List<String> rest = Arrays.asList(args).subList(handles(args) ? 1 : 0, args.length);
        try {
            for (int i = 0; i < rest.size(); i++) {
                String arg = rest.get(i);
                if (arg.equals("--help") || arg.equals("-h")) {
                    out.println(USAGE_TEXT);
                    return OK;
                } else if (arg.equals("--months") && i + 1 < rest.size()) {
                    months = Integer.parseInt(rest.get(++i));
                } else if (arg.startsWith("--months=")) {
                    months = Integer.parseInt(arg.substring("--months=".length()));
                } else if (arg.equals("--seed") && i + 1 < rest.size()) {
                    seed = Long.parseLong(rest.get(++i));
                } else if (arg.startsWith("--seed=")) {
                    seed = Long.parseLong(arg.substring("--seed=".length()));
                } else if (arg.startsWith("--hartslag.notifier.dispatch=")) {
                    err.println("hartslag demo: the demo never dispatches notifications; '" + arg + "' is ignored");
                } else if (arg.startsWith("--") && arg.indexOf('=') > 2) {
                    springArgs.add(arg);
                } else {
                    throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                }
            }
            if (months < 1 || months > 24) {
                throw new IllegalArgumentException("--months must be between 1 and 24");
            }
        } catch (IllegalArgumentException e) {
            err.println("hartslag demo: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        // Never dispatch: the dispatcher is not started below either, this keeps its status honest.
        springArgs.add("--hartslag.notifier.dispatch=false");
        ConfigurableApplicationContext context;
        try {
            context = OperatorContext.builder(application)
                    // Defaults only: the operator's own arguments and environment still win.
                    .properties("logging.level.root=WARN", "hartslag.retention.enabled=false")
                    .run(springArgs.toArray(String[]::new));
        } catch (RuntimeException e) {
            err.println("hartslag demo: cannot reach the database: " + OperatorContext.rootMessage(e));
            err.println("Stop the service first (with the embedded database its data directory is locked while it"
                    + " runs), and give the same settings as the service (--hartslag.data-dir=..., or"
                    + " --spring.r2dbc.url=...).");
            return FAILED;
        }
        try (context) {
            context.getBeanProvider(org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer.class)
                    .ifAvailable(initializer -> {
                    });
            DemoSeeder seeder = new DemoSeeder(context, new DemoPlan(seed, months, java.time.Clock.systemUTC()));
            long reports = seeder.existingReports();
            if (reports > 0) {
                inspect.accept(context);
                err.println("hartslag demo: the database already holds " + reports + " reports. The demo fills only an"
                        + " empty one, so demo data never mixes with real data. Nothing was changed."
                        + " Use a new data directory (--hartslag.data-dir=/tmp/hartslag-demo) to try it.");
                return NOT_EMPTY;
            }
            List<SmartLifecycle> started = startTheSeedingParts(context);
            DemoSeeder.Summary summary;
            try {
                summary = seeder.seed();
            } finally {
                for (int i = started.size() - 1; i >= 0; i--) {
                    started.get(i).stop();
                }
            }
            summary.print(out, context.getEnvironment());
            inspect.accept(context);
            return OK;
        } catch (RuntimeException e) {
            err.println("hartslag demo: seeding failed: " + OperatorContext.rootMessage(e));
            e.printStackTrace(err);
            err.println("The database may now hold part of the demo: start again with an empty data directory.");
            return FAILED;
        }
    }

    /**
     * Matching (and its index), routing, the escalation rules and the place listener: the parts that
     * make the seeded data what the service would have made of it. Never the notification dispatcher,
     * nor any periodic job (offer expiry, retention, sweeps). Started in phase order after the check
     * that the database is empty, so a refused run changes nothing.
     */
    private static List<SmartLifecycle> startTheSeedingParts(ConfigurableApplicationContext context) {
        ConfigurableListableBeanFactory factory = context.getBeanFactory();
        List<SmartLifecycle> parts = new ArrayList<>();
        for (String name : factory.getBeanNamesForType(SmartLifecycle.class, false, false)) {
            Class<?> type = factory.getType(name, false);
            if (type != null && seedingPart(type)) {
                parts.add(factory.getBean(name, SmartLifecycle.class));
            }
        }
        parts.sort(java.util.Comparator.comparingInt(SmartLifecycle::getPhase));
        List<SmartLifecycle> started = new ArrayList<>();
        for (SmartLifecycle part : parts) {
            part.start();
            started.add(part);
        }
        return started;
    }

    static boolean seedingPart(Class<?> type) {
        String name = type.getName();
        boolean periodic = nl.hartslag.Periodic.class.isAssignableFrom(type);
        return !periodic && (name.startsWith("nl.hartslag.cluster.") || name.startsWith("nl.hartslag.routing.")
                || name.startsWith("nl.hartslag.escalation.") || name.startsWith("nl.hartslag.place."));
    }
}
