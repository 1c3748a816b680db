package nl.hartslag.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * A decision explains only the best candidate (explaining all of them was the engine's largest own
 * cost under a flood): it must still pick the candidate a full explanation of every candidate puts
 * first, with the same explanation, and start a new problem exactly when that one is below the threshold.
 */
class EngineDecisionTests {

    private static final Instant T0 = Instant.parse("2026-10-05T19:00:00Z");

    private static final List<String> TEXTS = List.of(
            "Harde muziek bij de buren tot diep in de nacht",
            "Weer die harde muziek, nu tot drie uur",
            "Grofvuil en een matras naast de container",
            "De lantaarnpaal is kapot, het is aardedonker",
            "Nog steeds die bank en matras bij de container",
            "Jongeren met scooters bij het pleintje, veel lawaai",
            "Muziek en feest tot laat, niemand kan slapen",
            "Lantaarnpaal doet het nog steeds niet",
            "Scooters racen over de stoep bij het plein",
            "Hondenpoep overal op het grasveld");

    private static final List<String> STREETS = List.of("Passartweg 14", "Passartweg 16", "Lindestraat 12",
            "Populierstraat 3", "Lindestraat 14");

    @Test
    void theDecisionIsTheBestOfAllExplainedCandidates() {
        // Twins fed the same reports: reading a report counts its words, so each engine reads each report once.
        Engine engine = Engine.inMemory(SeedGazetteer.STREETS, SeedGazetteer.PLACES);
        Engine twin = Engine.inMemory(SeedGazetteer.STREETS, SeedGazetteer.PLACES);
        int joined = 0;
        for (int i = 0; i < 40; i++) {
            IncomingReport report = new IncomingReport("r" + i, T0.plus(Duration.ofHours(7L * i)), "web",
                    TEXTS.get(i % TEXTS.size()), null, null, STREETS.get((i * 3) % STREETS.size()), null);
            List<MatchExplanation> all = twin.explainCandidates(report);
            MatchResult decided = engine.match(report);
            Optional<MatchExplanation> first = all.stream().findFirst();
            if (decided instanceof MatchResult.SameProblem same) {
                joined++;
                assertThat(first).isPresent();
                assertThat(same.clusterId()).isEqualTo(first.get().clusterId());
                assertThat(same.explanation()).isEqualTo(first.get());
                engine.assign(report, same.clusterId());
                twin.assign(report, same.clusterId());
            } else {
                MatchResult.NewProblem fresh = (MatchResult.NewProblem) decided;
                assertThat(fresh.nearestMiss()).isEqualTo(first);
                first.ifPresent(best -> assertThat(best.score()).isLessThan(best.threshold()));
                engine.assign(report, "c" + i);
                twin.assign(report, "c" + i);
            }
        }
        // The stream repeats its problems: some reports must have joined, or nothing was compared.
        assertThat(joined).isGreaterThan(5);
    }
}
