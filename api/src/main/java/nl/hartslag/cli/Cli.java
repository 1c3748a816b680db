package nl.hartslag.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Set;

/**
 * The sub-commands of {@code java -jar hartslag-api.jar} that run the matching engine alone: no
 * Spring, no web server, no database, no logging; and {@code bench-intake}, which starts the
 * service as a child process and measures it ({@link IntakeBenchCommand}). {@code Application.main} hands them over before
 * Spring starts and turns the returned exit status into {@code System.exit}; nothing here exits.
 */
public final class Cli {

    /** Success. */
    public static final int OK = 0;
    /** A failure that is not the input's fault (a bug, an I/O error writing the output). */
    public static final int FAILED = 1;
    /** Malformed or unreadable input: the message names the file and, where there is one, the line. */
    public static final int BAD_INPUT = 2;
    /** The command line itself is wrong (EX_USAGE of sysexits.h). */
    public static final int USAGE = 64;

    private static final Set<String> COMMANDS = Set.of("dedup", "bench", "bench-intake");

    static final String USAGE_TEXT = """
            usage: java -jar hartslag-api.jar dedup --in REPORTS.jsonl --out CLUSTERS.jsonl [--gazetteer FILE.csv] [--places FILE.csv]
                   java -jar hartslag-api.jar bench [--reports N] [--seed S] [--latency-samples N] [--warmup N] [--index-dir DIR] [--time-limit SECONDS]
                   java -jar hartslag-api.jar bench-intake [--clients N] [--seconds S] [--rounds R] [--jvm-options "..."]
                   java -jar hartslag-api.jar rotate-keys [--keyset-out FILE] [--name=value ...]   (service stopped; --help)
                   java -jar hartslag-api.jar            (no command: starts the service)""";

    private Cli() {
    }

    /** Whether {@code Application.main} should hand these arguments to {@link #run} instead of starting Spring. */
    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs the command named by {@code args[0]}; returns the process exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) {
            err.println("hartslag: unknown command" + (args.length == 0 ? "" : " '" + args[0] + "'"));
            err.println(USAGE_TEXT);
            return USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "dedup" -> new DedupCommand().run(rest, out, err);
                case "bench" -> new BenchCommand().run(rest, out, err);
                case "bench-intake" -> new IntakeBenchCommand().run(rest, out, err);
                default -> throw new IllegalStateException(args[0]);
            };
        } finally {
            out.flush();
            err.flush();
        }
    }
}
