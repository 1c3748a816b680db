package nl.hartslag.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Asking whether a report is in the index (every live decision does) reopens no near-real-time
 * reader: that reopen per decision made matching fall behind a flood. The answer stays right for
 * reports written since the last reopen and for reports no longer held in memory.
 */
class EngineRefreshTests {

    private static final Instant T0 = Instant.parse("2026-03-02T20:00:00Z");

    @Test
    void containsAnswersWithoutReopeningTheReader(@TempDir Path dir) throws IOException {
        Engine engine = Engine.onDisk(dir, SeedGazetteer.STREETS, SeedGazetteer.PLACES);
        try {
            engine.assign(report("a", T0, "Een kapotte lantaarnpaal, het is daar 's avonds aardedonker"), "c-1");
            engine.commit();
            long version = engine.searcherVersion();

            engine.assign(report("b", T0.plusSeconds(60), "Overvolle vuilnisbakken, het zwerfafval waait de straat op"),
                    "c-2");
            assertThat(engine.contains("b")).isTrue();
            assertThat(engine.contains("a")).isTrue();
            assertThat(engine.contains("not-a-report")).isFalse();

            assertThat(engine.searcherVersion()).isEqualTo(version);
        } finally {
            engine.close();
        }
    }

    @Test
    void reportsNoLongerInMemoryAreStillKnown(@TempDir Path dir) throws IOException {
        Engine engine = Engine.onDisk(dir, SeedGazetteer.STREETS, SeedGazetteer.PLACES);
        engine.assign(report("old", T0, "Een fietswrak zonder wielen staat al maanden tegen het hek"), "c-old");
        engine.assign(report("new", T0.plus(Duration.ofDays(60)), "Graffiti op de muur van de garageboxen"), "c-new");
        engine.close();

        // Opened again: the quiet cluster is not loaded into memory, its document stays in the index.
        engine = Engine.onDisk(dir, SeedGazetteer.STREETS, SeedGazetteer.PLACES);
        try {
            assertThat(engine.cluster("c-old")).isEmpty();
            long version = engine.searcherVersion();
            engine.assign(report("newer", T0.plus(Duration.ofDays(60)).plusSeconds(60),
                    "Weer nieuwe graffiti op de garagedeuren"), "c-new");

            assertThat(engine.contains("old")).isTrue();
            assertThat(engine.contains("newer")).isTrue();
            assertThat(engine.contains("never-seen")).isFalse();
            assertThat(engine.searcherVersion()).isEqualTo(version);

            engine.commit();
            assertThat(engine.contains("old")).isTrue();
            assertThat(engine.contains("newer")).isTrue();
            assertThat(engine.contains("never-seen")).isFalse();
        } finally {
            engine.close();
        }
    }

    private static IncomingReport report(String id, Instant at, String text) {
        return new IncomingReport(id, at, "web", text, null, null, null, "other");
    }
}
