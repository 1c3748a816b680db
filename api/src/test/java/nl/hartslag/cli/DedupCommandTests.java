package nl.hartslag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The offline command end to end, in-process: files in, files out, exit status and messages. */
class DedupCommandTests {

    private static final String REPORTS = """
            {"id": "r-1", "received_at": "2025-11-03T22:15:00+01:00", "channel": "web", "text": "Harde muziek bij Passartweg 14, al sinds 23:00.", "lat": 50.90641, "lon": 5.95901, "address": null, "category": "noise", "problem": "P1"}
            {"id": "r-2", "received_at": "2025-11-03T23:05:00+01:00", "channel": "sms", "text": "weer herrie passartweg 14!!", "lat": null, "lon": null, "address": null, "category": null, "problem": "P1"}
            {"id": "r-3", "received_at": "2025-11-03T21:40:00+01:00", "channel": "phone", "text": "ja hallo ik bel over lawaai in de passart weg bij nummer veertien", "lat": null, "lon": null, "address": "Passartweg 14", "category": null}

            {"id": "r-4", "received_at": "2025-11-05T09:00:00+01:00", "channel": "web", "text": "Grofvuil gedumpt bij Lindestraat 8.", "lat": null, "lon": null, "address": "Lindestr. 8", "category": "dumping", "reporter_age": 71}
            {"id": "r-5", "received_at": "2025-11-05T10:30:00Z", "channel": "outreach", "text": "Huisbezoek Lindestraat. Bewoner meldt een matras op de stoep.", "lat": 50.90781, "lon": 5.96158, "address": "Lindestraat 10", "category": "dumping"}
            {"id": "r-6", "received_at": "2025-12-24T18:00:00+01:00", "text": "Lantaarnpaal kapot bij het Passartplein"}
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int dedup(String... args) {
        return Cli.run(prepend("dedup", args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesOneClusterForEveryReportAndPrintsNothing() throws IOException {
        Path in = write("reports.jsonl", REPORTS);
        Path target = dir.resolve("clusters.jsonl");

        assertThat(dedup("--in", in.toString(), "--out", target.toString())).isEqualTo(Cli.OK);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        Map<String, String> clusters = clusters(target);
        assertThat(clusters.keySet()).containsExactly("r-1", "r-2", "r-3", "r-4", "r-5", "r-6"); // input order
        assertThat(clusters.values()).allSatisfy(cluster -> assertThat(cluster).matches("c\\d+"));
        // r-3 arrived first (21:40), so it started the first cluster
        assertThat(clusters.get("r-3")).isEqualTo("c1");
        assertThat(Files.list(dir)).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("reports.jsonl", "clusters.jsonl");
    }

    @Test
    void explainPrintsEveryDecisionWithItsLargestContributions() throws IOException {
        Path in = write("reports.jsonl", REPORTS);
        Path target = dir.resolve("clusters.jsonl");

        assertThat(dedup("--in", in.toString(), "--out", target.toString(), "--explain")).isEqualTo(Cli.OK);

        String printed = out.toString(StandardCharsets.UTF_8);
        List<String> decisions = printed.lines().filter(l -> !l.startsWith(" ")).toList();
        // One decision a report, in the order of arrival: r-3 (21:40) first.
        assertThat(decisions).hasSize(6);
        assertThat(decisions.get(0)).startsWith("r-3 -> c1 NEW_PROBLEM");
        Map<String, String> clusters = clusters(target);
        String joined = decisions.stream().filter(l -> l.startsWith("r-2 ")).findFirst().orElseThrow();
        assertThat(joined).startsWith("r-2 -> " + clusters.get("r-2") + " SAME_PROBLEM score ").contains("threshold");
        // The contributions: input value x weight = effect on the log-odds, largest first.
        String contributions = printed.lines().dropWhile(l -> !l.equals(joined)).skip(1).findFirst().orElseThrow();
        assertThat(contributions).matches("\\s+( \\w+ \\d\\.\\d\\d x -?\\d+\\.\\d\\d = [+-]\\d+\\.\\d\\d;)+");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void keepsNumericIdsAsNumbersSoTheScorerFindsThem() throws IOException {
        Path in = write("numbers.jsonl", """
                {"id": 17, "received_at": "2025-11-03T22:15:00+01:00", "text": "herrie"}
                {"id": "17b", "received_at": "2025-11-03T22:16:00+01:00", "text": "herrie"}
                """);
        Path target = dir.resolve("out.jsonl");

        assertThat(dedup("--in=" + in, "--out=" + target)).isEqualTo(Cli.OK);

        List<String> lines = Files.readAllLines(target);
        assertThat(lines).hasSize(2);
        assertThat(ReportsFile.JSON.readTree(lines.get(0)).get("id").isNumber()).isTrue();
        assertThat(ReportsFile.JSON.readTree(lines.get(1)).get("id").stringValue()).isEqualTo("17b");
    }

    @Test
    void anEmptyFileGivesAnEmptyResult() throws IOException {
        Path in = write("empty.jsonl", "\n\n");
        Path target = dir.resolve("out.jsonl");

        assertThat(dedup("--in", in.toString(), "--out", target.toString())).isEqualTo(Cli.OK);

        assertThat(Files.readString(target)).isEmpty();
    }

    @Test
    void clustersSyntheticReportsWrittenAsJsonLines() throws Exception {
        GazetteerFiles area = GazetteerFiles.load(java.util.Optional.empty(), java.util.Optional.empty());
        SyntheticReports stream = new SyntheticReports(area.streets(), area.places(), 7, 300, BenchCommand.START,
                java.time.Duration.ofDays(60));
        StringBuilder jsonl = new StringBuilder();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            var report = stream.next().report();
            ids.add(report.id());
            var node = ReportsFile.JSON.createObjectNode();
            node.put("id", report.id());
            node.put("received_at", report.receivedAt().toString());
            node.put("channel", report.channel());
            node.put("text", report.text());
            node.put("lat", report.lat());
            node.put("lon", report.lon());
            node.put("address", report.address());
            node.put("category", report.category());
            jsonl.append(ReportsFile.JSON.writeValueAsString(node)).append('\n');
        }
        Path in = write("synthetic.jsonl", jsonl.toString());
        Path target = dir.resolve("out.jsonl");

        assertThat(dedup("--in", in.toString(), "--out", target.toString())).isEqualTo(Cli.OK);

        assertThat(clusters(target).keySet()).containsExactlyElementsOf(ids);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad JSON            | {"id": "x", "received_at": "2025-11-03T22:15:00+01:00"     | invalid JSON
            trailing garbage    | {"id": "x", "received_at": "2025-11-03T22:15:00+01:00"} }  | invalid JSON
            not an object       | ["x", "2025-11-03T22:15:00+01:00"]                          | expected a JSON object
            missing id          | {"received_at": "2025-11-03T22:15:00+01:00"}                | missing field 'id'
            empty id            | {"id": " ", "received_at": "2025-11-03T22:15:00+01:00"}     | field 'id' is empty
            missing received_at | {"id": "x", "text": "herrie"}                               | missing field 'received_at'
            no offset           | {"id": "x", "received_at": "2025-11-03T22:15:00"}           | not an ISO-8601 timestamp with offset
            not a timestamp     | {"id": "x", "received_at": "gisteravond"}                   | not an ISO-8601 timestamp with offset
            lat without lon     | {"id": "x", "received_at": "2025-11-03T22:15:00Z", "lat": 50.9}              | lat without lon
            lon without lat     | {"id": "x", "received_at": "2025-11-03T22:15:00Z", "lat": null, "lon": 5.9}  | lon without lat
            lat as text         | {"id": "x", "received_at": "2025-11-03T22:15:00Z", "lat": "50.9", "lon": 5.9} | field 'lat' must be a number
            lat out of range    | {"id": "x", "received_at": "2025-11-03T22:15:00Z", "lat": 150, "lon": 5.9}   | field 'lat' out of range
            text as number      | {"id": "x", "received_at": "2025-11-03T22:15:00Z", "text": 42}               | field 'text' must be a string
            duplicate field     | {"id": "x", "id": "y", "received_at": "2025-11-03T22:15:00Z"}                | invalid JSON
            duplicate id        | {"id": "r-1", "received_at": "2025-11-03T22:15:00Z"}                         | duplicate id 'r-1' (first on line 1)
            """)
    void rejectsAMalformedLineNamingFileAndLine(String problem, String badLine, String message) throws IOException {
        Path in = write("reports.jsonl", """
                {"id": "r-1", "received_at": "2025-11-03T22:15:00+01:00", "text": "herrie"}

                %s
                {"id": "r-4", "received_at": "2025-11-03T22:16:00+01:00", "text": "herrie"}
                """.formatted(badLine));
        Path target = dir.resolve("out.jsonl");

        assertThat(dedup("--in", in.toString(), "--out", target.toString())).isEqualTo(Cli.BAD_INPUT);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("hartslag dedup: " + in + ":3: ").contains(message);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(target).doesNotExist();
    }

    @Test
    void rejectsBytesThatAreNotUtf8NamingTheLine() throws IOException {
        Path in = dir.resolve("latin1.jsonl");
        Files.write(in, ("{\"id\": \"r-1\", \"received_at\": \"2025-11-03T22:15:00Z\"}\n"
                + "{\"id\": \"r-2\", \"received_at\": \"2025-11-03T22:15:00Z\", \"text\": \"caf\u00e9\"}\n")
                .getBytes(StandardCharsets.ISO_8859_1));

        assertThat(dedup("--in", in.toString(), "--out", dir.resolve("out.jsonl").toString())).isEqualTo(Cli.BAD_INPUT);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains(in + ":2: not valid UTF-8");
    }

    @Test
    void acceptsWindowsLineEndsAndAByteOrderMark() throws IOException {
        Path in = write("crlf.jsonl", "\uFEFF{\"id\": \"r-1\", \"received_at\": \"2025-11-03T22:15:00Z\"}\r\n"
                + "{\"id\": \"r-2\", \"received_at\": \"2025-11-03T22:16:00Z\"}\r\n");
        Path target = dir.resolve("out.jsonl");

        assertThat(dedup("--in", in.toString(), "--out", target.toString())).isEqualTo(Cli.OK);

        assertThat(clusters(target)).containsOnlyKeys("r-1", "r-2");
    }

    @Test
    void aMissingInputFileIsBadInput() {
        Path missing = dir.resolve("nope.jsonl");

        assertThat(dedup("--in", missing.toString(), "--out", dir.resolve("out.jsonl").toString())).isEqualTo(Cli.BAD_INPUT);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("hartslag dedup: " + missing + ": no such file\n");
    }

    @Test
    void anOutputInAMissingDirectoryIsBadInput() throws IOException {
        Path in = write("reports.jsonl", REPORTS);

        assertThat(dedup("--in", in.toString(), "--out", dir.resolve("no/such/dir/out.jsonl").toString()))
                .isEqualTo(Cli.BAD_INPUT);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("does not exist");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no options       | ''                                       | option --in is required
            no --out         | --in x.jsonl                             | option --out is required
            unknown option   | --in x.jsonl --out y.jsonl --fast yes    | unknown option --fast
            option twice     | --in x.jsonl --in z.jsonl --out y.jsonl  | option --in given twice
            value missing    | --in x.jsonl --out                       | option --out needs a value
            stray argument   | x.jsonl                                  | unexpected argument 'x.jsonl'
            """)
    void wrongUsageExits64WithUsage(String problem, String args, String message) {
        String[] split = args.isBlank() ? new String[0] : args.trim().split("\\s+");

        assertThat(dedup(split)).isEqualTo(Cli.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("hartslag dedup: " + message).contains("usage:");
    }

    @Test
    void helpGoesToStdout() {
        assertThat(dedup("--help")).isEqualTo(Cli.OK);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--gazetteer");
    }

    @Test
    void readsTheGivenGazetteerAndPlaces() throws Exception {
        Path streets = write("streets.csv", """
                street,house_from,house_to,postcode,lat,lon,neighbourhood
                Dorpsstraat,1,40,1234 AB,52.1,5.1,Centrum
                Kerkpad,1,12,1234 AC,52.101,5.102,Centrum
                """);
        Path places = write("places.csv", """
                name,lat,lon,neighbourhood
                Dorpsplein,52.1005,5.1005,Centrum
                """);
        Path in = write("reports.jsonl", """
                {"id": "a", "received_at": "2025-11-03T22:15:00+01:00", "text": "herrie Dorpsstraat 12", "address": "Dorpsstraat 12"}
                {"id": "b", "received_at": "2025-11-03T22:20:00+01:00", "text": "lawaai bij het Dorpsplein"}
                """);
        Path target = dir.resolve("out.jsonl");

        assertThat(dedup("--in", in.toString(), "--out", target.toString(), "--gazetteer", streets.toString(),
                "--places", places.toString())).isEqualTo(Cli.OK);

        assertThat(clusters(target)).containsOnlyKeys("a", "b");
        GazetteerFiles area = GazetteerFiles.load(java.util.Optional.of(streets.toString()),
                java.util.Optional.of(places.toString()));
        assertThat(area.streets()).extracting(s -> s.street()).containsExactly("Dorpsstraat", "Kerkpad");
        assertThat(area.places()).extracting(p -> p.name()).containsExactly("Dorpsplein");
    }

    @Test
    void aMalformedGazetteerIsBadInputNamingFileAndLine() throws IOException {
        Path streets = write("streets.csv", """
                street,house_from,house_to,postcode,lat,lon,neighbourhood
                Dorpsstraat,1,40,1234 AB,52.1,5.1,Centrum
                Kerkpad,1,twaalf,1234 AC,52.101,5.102,Centrum
                """);
        Path in = write("reports.jsonl", REPORTS);

        assertThat(dedup("--in", in.toString(), "--out", dir.resolve("out.jsonl").toString(), "--gazetteer",
                streets.toString())).isEqualTo(Cli.BAD_INPUT);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("hartslag dedup: " + streets + ": ")
                .contains("line 3");
    }

    @Test
    void placesWithTheWrongHeaderAreBadInput() throws IOException {
        Path places = write("places.csv", "naam,lat,lon\nDorpsplein,52.1,5.1\n");
        Path in = write("reports.jsonl", REPORTS);

        assertThat(dedup("--in", in.toString(), "--out", dir.resolve("out.jsonl").toString(), "--places",
                places.toString())).isEqualTo(Cli.BAD_INPUT);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains(places + ": line 1: expected header");
    }

    @Test
    void aMissingGazetteerIsBadInput() throws IOException {
        Path in = write("reports.jsonl", REPORTS);
        Path missing = dir.resolve("missing.csv");

        assertThat(dedup("--in", in.toString(), "--out", dir.resolve("out.jsonl").toString(), "--gazetteer",
                missing.toString())).isEqualTo(Cli.BAD_INPUT);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains(missing + ": no such file");
    }

    /** Every id exactly once, in file order, with its cluster. */
    private static Map<String, String> clusters(Path file) throws IOException {
        Map<String, String> clusters = new java.util.LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode node = ReportsFile.JSON.readTree(line);
            assertThat(node.properties()).hasSize(2);
            String id = node.get("id").asString();
            assertThat(seen.merge(id, 1, Integer::sum)).as("times id %s appears", id).isEqualTo(1);
            assertThat(node.get("cluster").isString()).isTrue();
            assertThat(node.get("cluster").stringValue()).isNotBlank();
            clusters.put(id, node.get("cluster").stringValue());
        }
        return clusters;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
