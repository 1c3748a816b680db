package nl.hartslag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A small benchmark run, in-process: the table has its rows (no timing is asserted). */
class BenchCommandTests {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int bench(String... args) {
        return Cli.run(DedupCommandTests.prepend("bench", args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheTableForASmallRun() throws IOException {
        Path index = dir.resolve("index");

        int status = bench("--reports", "2000", "--live-reports", "500", "--latency-samples", "200", "--warmup", "50",
                "--seed", "3", "--index-dir", index.toString());

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(Cli.OK);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("|")).toList();
        assertThat(lines.get(0)).matches("\\| figure +\\| value +\\|");
        assertThat(lines.get(1)).matches("\\|-+\\|-+\\|");
        assertThat(lines.subList(2, lines.size())).extracting(l -> l.split("\\|")[1].trim()).containsExactly(
                "synthetic reports", "service area", "JVM", "live matching: matchAndAssign + commit",
                "live rate by index size (10% steps)", "clusters formed live", "rebuild: assign + commit (all reports)",
                "rebuild rate by index size (10% steps)",
                "match latency p50", "match latency p90", "match latency p99", "match latency max",
                "match latency mean", "heap used after GC", "index on disk");
        assertThat(row(lines, "synthetic reports")).contains("2,000 over 2 years", "seed 3");
        assertThat(row(lines, "live matching: matchAndAssign + commit")).matches("[\\d,]+ reports/s \\(500 reports: .*")
                .doesNotContain("STOPPED");
        assertThat(row(lines, "rebuild: assign + commit (all reports)")).contains("(2,000 reports: ");
        assertThat(row(lines, "match latency p50")).matches("\\d+\\.\\d\\d ms \\(200 fresh reports after 50 warm-up, index 2,000 reports\\)");
        assertThat(row(lines, "match latency p99")).matches("\\d+\\.\\d\\d ms");
        assertThat(row(lines, "heap used after GC")).matches("[\\d,]+ MB at full size .*");
        assertThat(row(lines, "live rate by index size (10% steps)").split(" / ")).hasSize(10);
        assertThat(row(lines, "rebuild rate by index size (10% steps)").split(" / ")).hasSize(10);
        // --index-dir is kept, with both indexes in it
        assertThat(index.resolve("bulk")).isNotEmptyDirectory();
        assertThat(index.resolve("replay")).isNotEmptyDirectory();
    }

    @Test
    void aTimeLimitStopsIndexingAndTheRestIsMeasuredAtTheSizeReached() {
        int status = bench("--reports", "200000", "--time-limit", "1", "--latency-samples", "20", "--warmup", "0");

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(Cli.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("STOPPED by the time limit at ",
                "200,000 planned over 2 years, ", "reports/s (of what was indexed)");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bulk stopped by the time limit");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no reports     | --reports 0              | option --reports must be at least 1
            not a number   | --reports many           | option --reports needs a whole number
            unknown option | --threads 4              | unknown option --threads
            """)
    void wrongUsageExits64(String problem, String args, String message) {
        assertThat(bench(args.split(" "))).isEqualTo(Cli.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("hartslag bench: " + message).contains("usage:");
    }

    @Test
    void refusesAnIndexDirectoryThatIsNotEmpty() throws IOException {
        Files.writeString(dir.resolve("something"), "x");

        assertThat(bench("--reports", "10", "--index-dir", dir.toString())).isEqualTo(Cli.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not empty");
    }

    private static String row(List<String> lines, String figure) {
        return lines.stream().map(l -> l.split("\\|"))
                .filter(cells -> cells[1].trim().equals(figure))
                .map(cells -> cells[2].trim())
                .findFirst().orElseThrow();
    }
}
