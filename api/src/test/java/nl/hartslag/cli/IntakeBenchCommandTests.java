package nl.hartslag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import nl.hartslag.db.seed.GazetteerCsv.StreetSegment;
import nl.hartslag.matching.IncomingReport;
import tools.jackson.databind.json.JsonMapper;

/** The parts of {@code bench-intake} that need no service: its command line, the bodies it sends, the burst's streets. */
class IntakeBenchCommandTests {

    @Test
    void aWrongOptionIsAUsageErrorWithTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(new String[] { "bench-intake", "--no-such-option", "1", "--jar", "x.jar" },
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(Cli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar hartslag-api.jar bench-intake");
    }

    @Test
    void aBodyIsTheWebFormsJsonWithoutContactDetailsAndAlwaysSaysWhere() throws Exception {
        StreetSegment fallback = GazetteerFiles.load(Optional.empty(), Optional.empty()).streets().get(0);
        IncomingReport spoken = new IncomingReport("r1", Instant.now(), "phone",
                "Hij zei: \"kom maar op\"\ten de\\muziek\nstaat weer hard", null, null, null, null);
        Map<String, Object> body = JsonMapper.builder().build().readValue(IntakeBenchCommand.body(spoken, fallback), new tools.jackson.core.type.TypeReference<Map<String, Object>>() { });
        assertThat(body).containsEntry("description", spoken.text()).containsEntry("category", "other")
                .containsEntry("address", fallback.street() + " " + Math.max(1, fallback.houseFrom()))
                .doesNotContainKey("contact");

        IncomingReport pinned = new IncomingReport("r2", Instant.now(), "web", "Zwerfvuil", 50.9, 5.98, null, "litter");
        Map<String, Object> pin = JsonMapper.builder().build().readValue(IntakeBenchCommand.body(pinned, fallback), new tools.jackson.core.type.TypeReference<Map<String, Object>>() { });
        assertThat(pin).containsEntry("category", "litter").containsEntry("location", Map.of("lat", 50.9, "lon", 5.98))
                .doesNotContainKey("address");
    }

    @Test
    void aBurstLandsOnTheGivenNumberOfStreetsWithAllTheirSegments() throws Exception {
        List<StreetSegment> all = GazetteerFiles.load(Optional.empty(), Optional.empty()).streets();
        List<StreetSegment> burst = IntakeBenchCommand.burstStreets(all, 3);
        var streets = burst.stream().map(StreetSegment::street).collect(Collectors.toSet());
        assertThat(streets).hasSize(3);
        assertThat(burst).containsExactlyElementsOf(all.stream().filter(s -> streets.contains(s.street())).toList());
    }
}
