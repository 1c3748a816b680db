package nl.hartslag.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases found while reviewing the engine, kept so they stay fixed. */
class EngineRegressionTests {

    private static final Instant NOW = Instant.parse("2025-11-10T21:00:00Z");
    private final FeatureExtractor extractor = SeedGazetteer.extractor();

    private Features extract(String text) {
        return extractor.extract(new IncomingReport("r", NOW, "sms", text, null, null, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = { "er wordt te hard gereden in mijn straat", "graffiti op de school. lelijke woorden",
            "mijn hoofd barst van de herrie" })
    void everydayWordsAreNotStreets(String text) {
        assertThat(extract(text).places()).noneMatch(p -> p.street() != null);
    }

    @Test
    void aStreetNamedWithoutStraatCountsAtACorner() {
        assertThat(extract("hoek linde/populier ligt een hele inboedel op straat").places())
                .extracting(Place::street).contains("Lindestraat", "Populierstraat");
    }

    @Test
    void aMapLinkIsAPlaceNotWords() {
        Features f = extract("zitte wr 10 man bij de bushalte https://maps.google.com/?q=50.90688,5.95621");
        assertThat(f.terms().keySet()).noneMatch(t -> t.contains("http") || t.contains("google"));
        assertThat(f.places()).anyMatch(p -> p.source() == Place.Source.MAP_LINK);
    }

    @Test
    void capitalsInSpelledNumbersAreRead() {
        assertThat(DutchNumbers.parse("DRIEËNTWINTIG")).isEqualTo(23);
    }

    @Test
    void aDamagedSegmentFileStillGivesAWorkingEmptyEngine(@TempDir Path dir) throws IOException {
        try (MatchingEngine engine = MatchingEngine.onDisk(dir, SeedGazetteer.STREETS, SeedGazetteer.PLACES)) {
            for (int i = 0; i < 5; i++) {
                engine.assign(new IncomingReport("r" + i, NOW.plusSeconds(i), "sms", "herrie op beukstraat 23 nummer " + i,
                        null, null, null, null), "C1");
            }
            engine.commit();
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".fdt") || f.toString().endsWith(".cfs")).toList()) {
                Files.write(file, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
            }
        }
        try (MatchingEngine reopened = MatchingEngine.onDisk(dir, SeedGazetteer.STREETS, SeedGazetteer.PLACES)) {
            assertThat(reopened.isEmpty()).isTrue();
            reopened.assign(new IncomingReport("again", NOW, "sms", "herrie beukstraat 23", null, null, null, null), "C9");
            reopened.commit();
            assertThat(reopened.contains("again")).isTrue();
        }
    }

    @Test
    void aForbiddenClusterStaysForbiddenAfterAReopen(@TempDir Path dir) throws IOException {
        IncomingReport first = new IncomingReport("sms1", NOW, "sms", "herrie op beukstraat 23 al sinds 11 uur", null,
                null, null, null);
        IncomingReport second = new IncomingReport("sms2", NOW.plusSeconds(600), "sms",
                "beukstraat 23 weer harde muziek en feest", null, null, null, null);
        try (MatchingEngine engine = MatchingEngine.onDisk(dir, SeedGazetteer.STREETS, SeedGazetteer.PLACES)) {
            engine.assign(first, "C1");
            engine.assign(second, "C2");
            engine.forbid("sms2", "C1");
            engine.commit();
        }
        try (MatchingEngine reopened = MatchingEngine.onDisk(dir, SeedGazetteer.STREETS, SeedGazetteer.PLACES)) {
            IncomingReport replayed = new IncomingReport("sms2", second.receivedAt(), "sms", second.text(), null, null,
                    null, null);
            assertThat(List.of(reopened.match(replayed)))
                    .noneMatch(r -> r instanceof MatchResult.SameProblem same && same.clusterId().equals("C1"));
        }
    }
}
