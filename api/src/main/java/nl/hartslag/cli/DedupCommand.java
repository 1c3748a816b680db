package nl.hartslag.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import nl.hartslag.cli.CommandLine.UsageException;
import nl.hartslag.matching.Assignment;
import nl.hartslag.matching.MatchExplanation;
import nl.hartslag.matching.MatchResult;
import nl.hartslag.matching.MatchingEngine;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code dedup --in REPORTS.jsonl --out CLUSTERS.jsonl [--gazetteer FILE.csv] [--places FILE.csv] [--explain]}:
 * runs the matching engine alone over the reports in the order of {@code received_at}, as if they
 * arrived live, and writes {@code {"id": ..., "cluster": ...}} for each, in input order. Prints
 * nothing but errors, unless {@code --explain}: then every decision, in the order of arrival, with the
 * model's largest contributions (input value × weight) and the reasons in Dutch. The output file
 * appears only when the whole run succeeded.
 */
final class DedupCommand {

    static final String USAGE = """
            usage: java -jar hartslag-api.jar dedup --in REPORTS.jsonl --out CLUSTERS.jsonl [--gazetteer FILE.csv] [--places FILE.csv] [--explain]
              --in         reports, one JSON object a line: id, received_at (ISO-8601 with offset), channel, text,
                           lat, lon, address, category (a 'problem' field and other extra fields are ignored)
              --out        one line a report: {"id": ..., "cluster": ...}
              --gazetteer  street segments (street,house_from,house_to,postcode,lat,lon,neighbourhood); default: the seed gazetteer
              --places     named places (name,lat,lon,neighbourhood); default: the seed places
              --explain    print every decision with its largest contributions (input value x weight) and reasons
            exit status: 0 done, 2 unreadable or malformed input (the message names the file and line), 64 wrong usage""";

    private static final Set<String> OPTIONS = Set.of("in", "out", "gazetteer", "places");
    private static final Set<String> FLAGS = Set.of("explain");
    /** How many contributions --explain prints per decision. */
    static final int TOP = 6;

    int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine options;
        Path in;
        Path target;
        try {
            options = CommandLine.parse(args, OPTIONS, FLAGS);
            if (options.help()) {
                out.println(USAGE);
                return Cli.OK;
            }
            in = Path.of(options.required("in"));
            target = Path.of(options.required("out"));
        } catch (UsageException | java.nio.file.InvalidPathException e) {
            err.println("hartslag dedup: " + e.getMessage());
            err.println(USAGE);
            return Cli.USAGE;
        }
        try {
            checkWritable(target);
            List<ReportsFile.Line> lines = ReportsFile.read(in);
            GazetteerFiles area = GazetteerFiles.load(options.get("gazetteer"), options.get("places"));
            String[] clusters = cluster(lines, area, options.flag("explain") ? out : null);
            write(lines, clusters, target);
            return Cli.OK;
        } catch (InputException e) {
            err.println("hartslag dedup: " + e.getMessage());
            return Cli.BAD_INPUT;
        } catch (IOException e) {
            err.println("hartslag dedup: cannot write " + target + " (" + GazetteerFiles.describe(e) + ")");
            return Cli.FAILED;
        } catch (RuntimeException e) {
            err.println("hartslag dedup: failed: " + e);
            e.printStackTrace(err);
            return Cli.FAILED;
        }
    }

    /** The cluster of each line (same index), deciding in the order of arrival; ties keep the input order. */
    static String[] cluster(List<ReportsFile.Line> lines, GazetteerFiles area) throws IOException {
        return cluster(lines, area, null);
    }

    /** As {@link #cluster(List, GazetteerFiles)}; with {@code explain}, every decision is printed there. */
    static String[] cluster(List<ReportsFile.Line> lines, GazetteerFiles area, PrintStream explain) throws IOException {
        List<Integer> order = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> lines.get(i).report().receivedAt())); // stable
        String[] clusters = new String[lines.size()];
        int[] next = { 0 };
        try (MatchingEngine engine = MatchingEngine.inMemory(area.streets(), area.places())) {
            for (int i : order) {
                ReportsFile.Line line = lines.get(i);
                Assignment assignment;
                try {
                    assignment = engine.matchAndAssign(line.report(), () -> "c" + ++next[0]);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("the engine failed on report '" + line.report().id()
                            + "' (line " + line.number() + ")", e);
                }
                clusters[i] = assignment.clusterId();
                if (explain != null) {
                    explain(explain, assignment);
                }
            }
        }
        return clusters;
    }

    /**
     * {@code id -> cluster SAME_PROBLEM score 0.91 (threshold 0.45): reasons}, then the largest
     * contributions, each {@code input value x weight = effect} on the log-odds; for a new problem the
     * nearest miss, if there was a candidate at all.
     */
    static void explain(PrintStream out, Assignment assignment) {
        MatchExplanation why;
        String head;
        if (assignment.decision() instanceof MatchResult.SameProblem same) {
            why = same.explanation();
            head = "SAME_PROBLEM";
        } else {
            why = ((MatchResult.NewProblem) assignment.decision()).nearestMiss().orElse(null);
            head = "NEW_PROBLEM";
        }
        if (why == null) {
            out.printf(Locale.ROOT, "%s -> %s %s: no live candidate%n", assignment.reportId(), assignment.clusterId(), head);
            return;
        }
        out.printf(Locale.ROOT, "%s -> %s %s score %.3f (threshold %.3f)%s: %s%n", assignment.reportId(),
                assignment.clusterId(), head, why.score(), why.threshold(),
                head.equals("NEW_PROBLEM") ? " nearest " + why.clusterId() : "", String.join(", ", why.reasons()));
        StringBuilder line = new StringBuilder("    ");
        for (MatchExplanation.Contribution c : why.topContributions(TOP)) {
            line.append(String.format(Locale.ROOT, " %s %.2f x %.2f = %+.2f;", c.feature(), c.value(), c.weight(),
                    c.effect()));
        }
        out.println(line);
    }

    private static void checkWritable(Path target) throws InputException {
        Path directory = target.toAbsolutePath().getParent();
        if (Files.isDirectory(target)) {
            throw new InputException(target + ": is a directory, not a file to write");
        }
        if (directory == null || !Files.isDirectory(directory)) {
            throw new InputException(target + ": cannot write, directory " + directory + " does not exist");
        }
        if (!Files.isWritable(directory)) {
            throw new InputException(target + ": cannot write, directory " + directory + " is not writable");
        }
    }

    private static void write(List<ReportsFile.Line> lines, String[] clusters, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try {
            try (BufferedWriter writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                for (int i = 0; i < lines.size(); i++) {
                    ObjectNode row = ReportsFile.JSON.createObjectNode();
                    row.set("id", lines.get(i).id());
                    row.put("cluster", clusters[i]);
                    writer.write(ReportsFile.JSON.writeValueAsString(row));
                    writer.write('\n');
                }
            }
            try {
                Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
