package nl.hartslag.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The options of one sub-command: {@code --name value} or {@code --name=value}, each at most once; {@code --help}. */
final class CommandLine {

    /** The command line is wrong; the message says how. Maps to exit status {@link Cli#USAGE}. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values = new LinkedHashMap<>();
    private final boolean help;

    private CommandLine(Map<String, String> values, boolean help) {
        this.values.putAll(values);
        this.help = help;
    }

    static CommandLine parse(String[] args, Set<String> known) throws UsageException {
        return parse(args, known, Set.of());
    }

    /** As {@link #parse(String[], Set)}, with {@code flags}: options without a value ({@code --explain}). */
    static CommandLine parse(String[] args, Set<String> known, Set<String> flags) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (arg.startsWith("--") && flags.contains(arg.substring(2))) {
                if (values.putIfAbsent(arg.substring(2), "true") != null) {
                    throw new UsageException("option " + arg + " given twice");
                }
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.length || (args[i + 1].startsWith("--") && args[i + 1].length() > 2)) {
                    if (!known.contains(name)) {
                        throw new UsageException("unknown option --" + name);
                    }
                    throw new UsageException("option --" + name + " needs a value");
                }
                value = args[++i];
            }
            if (!known.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            if (values.putIfAbsent(name, value) != null) {
                throw new UsageException("option --" + name + " given twice");
            }
        }
        return new CommandLine(values, help);
    }

    boolean help() {
        return help;
    }

    /** Whether a flag ({@code --explain}) was given. */
    boolean flag(String name) {
        return values.containsKey(name);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String required(String name) throws UsageException {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("option --" + name + " is required");
        }
        return value;
    }

    /** A whole number, {@code 1000000} or {@code 1_000_000}, at least {@code min}. */
    long number(String name, long fallback, long min) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.replace("_", "").trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs a whole number, not '" + value + "'");
        }
        if (parsed < min) {
            throw new UsageException("option --" + name + " must be at least " + min + ", not " + parsed);
        }
        return parsed;
    }
}
