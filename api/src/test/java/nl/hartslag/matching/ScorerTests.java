package nl.hartslag.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The model's inputs and the explanation for one report against one cluster, with the fitted model. */
class ScorerTests {

    private static final FeatureExtractor extractor = SeedGazetteer.extractor();
    private static final Scorer scorer = new Scorer(Scorer.Settings.defaults(), term -> 1.0);
    private static final Instant SATURDAY = Instant.parse("2025-11-08T01:47:00Z");

    private static final IncomingReport PARTY_SMS = report("sms-1", SATURDAY, "sms",
            "herrie op beukstraat 23 al sinds 11 uur", null, null, null, null);
    private static final IncomingReport PARTY_WEB = report("web-2", SATURDAY.plus(Duration.ofDays(1)), "web",
            "feest bij de buren op nummer 23", null, null, "Beukstraat 25", "noise");

    @ParameterizedTest(name = "{0} m scores {1}")
    @CsvSource({ "0, 1.0", "40, 1.0", "150, 0.65", "300, 0.2", "500, 0.0", "2000, 0.0" })
    void distanceScoreFallsFromOneAtFortyMetresToZeroAtFiveHundred(double metres, double score) {
        assertThat(Scorer.distanceScore(metres)).isCloseTo(score, within(1e-9));
    }

    @Test
    void distanceScoreNeverRisesWithDistance() {
        double previous = Double.MAX_VALUE;
        for (int d = 0; d <= 600; d += 5) {
            double s = Scorer.distanceScore(d);
            assertThat(s).isBetween(0.0, 1.0).isLessThanOrEqualTo(previous);
            previous = s;
        }
    }

    @Test
    void metresBetweenCoordinates() {
        // A thousandth of a degree of latitude is about 111 m.
        assertThat(Scorer.metres(50.9092, 5.961579, 50.9102, 5.961579)).isCloseTo(111.2, within(0.5));
        // Beukstraat (Passart) to Kouvenderstraat (Hoensbroek): well over two kilometres.
        assertThat(Scorer.metres(50.9092, 5.961579, 50.925112, 5.921371)).isGreaterThan(2_000);
    }

    @Test
    void theSameAddressInDifferentWordsIsTheSamePlaceAndTheSameFamilyOfProblem() {
        Map<String, Double> x = scorer.features(extractor.extract(PARTY_WEB), cluster("C1", PARTY_SMS));

        assertThat(x).containsEntry("place", 1.0).containsEntry("sameNumber", 1.0).containsEntry("sameStreet", 1.0)
                .containsEntry("streetConflict", 0.0).containsEntry("numberConflict", 0.0)
                // "herrie" (noise) and "feest" (party) are different concepts of one family.
                .containsEntry("kind", 0.0).containsEntry("family", 1.0).containsEntry("familyConflict", 0.0)
                .containsEntry("near3days", 1.0);
        assertThat(x.get("gap")).isCloseTo(1 / 30.0, within(1e-9));
        assertThat(x).containsOnlyKeys(Scorer.FEATURES);
        assertThat(x.values()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
    }

    @Test
    void theSameAddressInDifferentWordsScoresAboveTheThreshold() {
        MatchExplanation why = scorer.score(extractor.extract(PARTY_WEB), cluster("C1", PARTY_SMS));

        assertThat(why.clusterId()).isEqualTo("C1");
        assertThat(why.score()).isGreaterThan(why.threshold());
        assertThat(why.placeBasis()).isEqualTo("Beukstraat 23");
        assertThat(why.timeGap()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void anotherStreetInTheTextIsAConflict() {
        IncomingReport hoensbroek = report("sms-3", SATURDAY.plusSeconds(3600), "sms", "herrie kouvenderstraat 10", null,
                null, null, null);

        Map<String, Double> x = scorer.features(extractor.extract(hoensbroek), cluster("C1", PARTY_SMS));

        assertThat(x).containsEntry("streetConflict", 1.0).containsEntry("place", 0.0).containsEntry("kind", 1.0);
        // A conflict lowers the score (by at most the cap); it is no veto.
        Scorer.Settings defaults = Scorer.Settings.defaults();
        Scorer withoutConflict = new Scorer(defaults.with("streetConflict", 0.0), term -> 1.0);
        double with = scorer.score(extractor.extract(hoensbroek), cluster("C1", PARTY_SMS)).score();
        double without = withoutConflict.score(extractor.extract(hoensbroek), cluster("C1", PARTY_SMS)).score();
        assertThat(with).isLessThan(without);
        assertThat(Math.log(without / (1 - without)) - Math.log(with / (1 - with)))
                .isCloseTo(-defaults.weights().get("streetConflict"), within(1e-6))
                .isLessThanOrEqualTo(MatchModelTool.CAP + 1e-9);
    }

    @Test
    void aTypedHomeAddressOnAnotherStreetIsNoConflict() {
        // The reporter lives in the Kouvenderstraat; the text names no street.
        IncomingReport fromHome = report("web-4", SATURDAY.plusSeconds(3600), "web", "weer herrie bij de buren", null,
                null, "Kouvenderstraat 10", "noise");

        Map<String, Double> x = scorer.features(extractor.extract(fromHome), cluster("C1", PARTY_SMS));

        assertThat(x).containsEntry("streetConflict", 0.0).containsEntry("sameStreet", 0.0);
    }

    @Test
    void anotherKindOfProblemAtTheSameAddressIsAFamilyConflict() {
        IncomingReport junk = report("web-5", SATURDAY.plus(Duration.ofDays(2)), "web",
                "Er ligt al dagen grofvuil in de voortuin van Beukstraat 23: een matras en een bankstel.", null, null,
                "Beukstraat 21", "dumping");

        Map<String, Double> x = scorer.features(extractor.extract(junk), cluster("C1", PARTY_SMS));

        assertThat(x).containsEntry("sameNumber", 1.0).containsEntry("kind", 0.0).containsEntry("family", 0.0)
                .containsEntry("familyConflict", 1.0).containsEntry("text", 0.0);
    }

    @Test
    void twoPinsCloseTogetherArePreciseAndNear() {
        IncomingReport first = report("web-6", SATURDAY, "web", "Jongeren met lachgas bij het bushokje", 50.906328,
                5.956549, null, "youth_nuisance");
        IncomingReport second = report("web-7", SATURDAY.plusSeconds(7200), "web", "Weer die jongeren met lachgas",
                50.906400, 5.956600, null, "youth_nuisance");

        Map<String, Double> x = scorer.features(extractor.extract(second), cluster("C2", first));

        assertThat(x).containsEntry("distance", 1.0).containsEntry("sameCategory", 1.0);
        MatchExplanation why = scorer.score(extractor.extract(second), cluster("C2", first));
        assertThat(why.distanceMetres()).isLessThan(40);
        assertThat(why.matchedTerms()).contains("youth", "nitrous", "lachgas");
        assertThat(why.sameKind()).isTrue();
    }

    @Test
    void sharedWordsAreExplained() {
        IncomingReport again = report("sms-8", SATURDAY.plus(Duration.ofDays(6)), "sms",
                "beukstraat 23 weer herrie, bas dreunt", null, null, null, null);

        MatchExplanation why = scorer.score(extractor.extract(again), cluster("C1", PARTY_SMS));

        assertThat(why.matchedTerms()).containsExactly("noise", "herrie");
        assertThat(why.textScore()).isPositive();
        assertThat(why.timeGap()).isEqualTo(Duration.ofDays(6));
    }

    @Test
    void aLongGapCountsAgainst() {
        IncomingReport later = report("sms-9", SATURDAY.plus(Duration.ofDays(15)), "sms",
                "herrie op beukstraat 23 al sinds 11 uur", null, null, null, null);

        Map<String, Double> x = scorer.features(extractor.extract(later), cluster("C1", PARTY_SMS));

        assertThat(x).containsEntry("gap", 0.5).containsEntry("near3days", 0.0);
    }

    @Test
    void aVagueReportSaysLittle() {
        IncomingReport vague = report("web-10", SATURDAY, "web", "Weer!!", null, null, null, null);

        assertThat(extractor.extract(vague).informativeness()).isZero();
        assertThat(extractor.extract(PARTY_WEB).informativeness()).isPositive();
    }

    @Test
    void settingsCanBeVariedOneAtATime() {
        Scorer.Settings defaults = Scorer.Settings.defaults();

        assertThat(defaults.threshold()).isStrictlyBetween(0.0, 1.0);
        assertThat(defaults.weights()).containsOnlyKeys(Scorer.FEATURES);
        assertThat(defaults.with("threshold", 0.6).threshold()).isEqualTo(0.6);
        Scorer.Settings noKind = defaults.with("kind", 0.0);
        assertThat(noKind.weights().get("kind")).isZero();
        assertThat(noKind.weights()).containsEntry("text", defaults.weights().get("text"));
        assertThat(defaults.weights().get("kind")).isPositive();
        assertThat(defaults.with("bias", -1.0).bias()).isEqualTo(-1.0);
    }

    @Test
    void aBareFollowUpAtTheSamePlaceIsAFollowUpOfTheProblemThere() {
        IncomingReport again = report("sms-11", SATURDAY.plus(Duration.ofDays(2)), "sms", "beukstraat 23 weer!!", null,
                null, null, null);

        Map<String, Double> x = scorer.features(extractor.extract(again), cluster("C1", PARTY_SMS));

        assertThat(x.get("followUp")).isEqualTo(1.0);
        assertThat(x.get("followUpLatest")).isEqualTo(1.0);
        assertThat(x.get("followUpXplace")).isCloseTo(1.0 - 2 / 14.0, within(0.01));
        assertThat(scorer.features(extractor.extract(PARTY_WEB), cluster("C1", PARTY_SMS)))
                .containsEntry("followUp", 0.0).containsEntry("followUpLatest", 0.0);
    }

    @Test
    void onlyTheMostRecentProblemAtThePlaceTakesTheFollowUp() {
        IncomingReport junk = report("web-12", SATURDAY.plus(Duration.ofDays(1)), "web",
                "grofvuil in de voortuin van beukstraat 23", null, null, null, "dumping");
        IncomingReport again = report("sms-13", SATURDAY.plus(Duration.ofDays(3)), "sms", "beukstraat 23: nog steeds!",
                null, null, null, null);
        Features f = extractor.extract(again);
        Cluster party = cluster("C1", PARTY_SMS);
        Cluster dumping = cluster("C2", junk);
        List<Map<String, Double>> inputs = List.of(scorer.features(f, party), scorer.features(f, dumping));

        Scorer.keepLatestFollowUp(List.of(party, dumping), inputs);

        assertThat(inputs.get(0)).containsEntry("followUpLatest", 0.0);
        assertThat(inputs.get(1)).containsEntry("followUpLatest", 1.0);
    }

    @Test
    void bothPartiesOfANeighbourDisputeNextDoorAreNeighbours() {
        IncomingReport one = report("web-14", SATURDAY, "web", "De buren klagen steeds over mijn hond, ruzie", null, null,
                "Beukstraat 12", "neighbour_dispute");
        IncomingReport other = report("web-15", SATURDAY.plus(Duration.ofDays(3)), "web",
                "Ruzie met de buurman over zijn blaffende hond", null, null, "Beukstraat 14", "neighbour_dispute");
        IncomingReport farther = report("web-16", SATURDAY.plus(Duration.ofDays(3)), "web",
                "Ruzie met de buurman over zijn blaffende hond", null, null, "Beukstraat 40", "neighbour_dispute");

        assertThat(scorer.features(extractor.extract(other), cluster("C3", one))).containsEntry("disputeNeighbours", 1.0);
        assertThat(scorer.features(extractor.extract(farther), cluster("C3", one))).containsEntry("disputeNeighbours", 0.0);
        assertThat(scorer.features(extractor.extract(PARTY_WEB), cluster("C1", PARTY_SMS)))
                .containsEntry("disputeNeighbours", 0.0);
    }

    @Test
    void anotherKindOfProblemAtTheSameAddressIsAnAddressConflict() {
        IncomingReport junk = report("web-17", SATURDAY.plus(Duration.ofDays(2)), "web",
                "Er ligt al dagen grofvuil in de voortuin van Beukstraat 23: een matras en een bankstel.", null, null,
                null, "dumping");

        assertThat(scorer.features(extractor.extract(junk), cluster("C1", PARTY_SMS)))
                .containsEntry("addressKindConflict", 1.0);
        assertThat(scorer.features(extractor.extract(PARTY_WEB), cluster("C1", PARTY_SMS)))
                .containsEntry("addressKindConflict", 0.0);
    }

    @Test
    void theExplanationListsContributionsAndDutchReasons() {
        MatchExplanation why = scorer.score(extractor.extract(PARTY_WEB), cluster("C1", PARTY_SMS));

        assertThat(why.contributions()).isNotEmpty();
        assertThat(why.contributions()).allSatisfy(c -> assertThat(c.effect()).isEqualTo(c.value() * c.weight()));
        double log = Math.log(why.score() / (1 - why.score()));
        double sum = Scorer.Settings.defaults().bias()
                + why.contributions().stream().mapToDouble(MatchExplanation.Contribution::effect).sum();
        assertThat(sum).isCloseTo(log, within(1e-6));
        assertThat(why.topContributions(3)).hasSize(3).isSortedAccordingTo(
                (a, b) -> Double.compare(Math.abs(b.effect()), Math.abs(a.effect())));
        assertThat(why.reasons()).contains("zelfde adres: Beukstraat 23", "1 dag later");
    }

    @Test
    void aTypedAddressBesideAPlaceInTheWordsIsTheReportersHomeNotTheProblemsPlace() {
        // Two neighbours who typed the same home address report problems in two other streets.
        IncomingReport lamp = report("web-30", SATURDAY, "web", "Kapotte lantaarnpaal in de Lindestraat, al dagen donker",
                null, null, "Jasmijnstraat 8", "public_lighting");
        IncomingReport other = report("web-31", SATURDAY.plus(Duration.ofDays(1)), "web",
                "Lantaarnpaal in de Olmstraat doet het niet meer", null, null, "Jasmijnstraat 8", "public_lighting");

        Map<String, Double> x = scorer.features(extractor.extract(other), cluster("C7", lamp));

        assertThat(x).containsEntry("place", 0.0).containsEntry("sameNumber", 0.0).containsEntry("sameStreet", 0.0);
        assertThat(x.get("homePlace")).isEqualTo(0.9);
    }

    @Test
    void aTypedAddressIsTheProblemsPlaceWhenNothingElseSaysWhere() {
        IncomingReport first = report("web-32", SATURDAY, "web", "Harde muziek tot diep in de nacht", null, null,
                "Jasmijnstraat 8", "noise");
        IncomingReport second = report("web-33", SATURDAY.plus(Duration.ofDays(1)), "web",
                "Weer harde muziek, ik kan niet slapen", null, null, "Jasmijnstraat 8", "noise");

        Map<String, Double> x = scorer.features(extractor.extract(second), cluster("C8", first));

        assertThat(x.get("place")).isGreaterThanOrEqualTo(0.9);
        assertThat(x).containsEntry("sameNumber", 1.0).containsEntry("homePlace", 0.0);
    }

    @Test
    void placeShareIsTheShareOfTheClustersRecentReportsAtTheReportsPlace() {
        IncomingReport olm1 = report("sms-34", SATURDAY, "sms", "grofvuil olmstraat 5", null, null, null, null);
        IncomingReport olm2 = report("sms-35", SATURDAY.plus(Duration.ofDays(1)), "sms", "matras olmstraat 5", null, null,
                null, null);
        IncomingReport linde = report("sms-36", SATURDAY.plus(Duration.ofDays(2)), "sms", "grofvuil lindestraat 30", null,
                null, null, null);
        Cluster cluster = cluster("C9", olm1, olm2, linde);
        IncomingReport atLinde = report("sms-37", SATURDAY.plus(Duration.ofDays(3)), "sms", "bankstel lindestraat 30",
                null, null, null, null);
        IncomingReport atOlm = report("sms-38", SATURDAY.plus(Duration.ofDays(3)), "sms", "bankstel olmstraat 5", null,
                null, null, null);

        assertThat(scorer.features(extractor.extract(atLinde), cluster).get("placeShare")).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(scorer.features(extractor.extract(atOlm), cluster).get("placeShare")).isCloseTo(2 / 3.0, within(1e-9));
    }

    @Test
    void aPinBesideWordsThatSayWhereIsNoEvidenceOfThePlaceNorOfBeingApart() {
        // Two neighbours pin from home, 20 m apart, about lamps in two other streets.
        IncomingReport lamp = report("web-48", SATURDAY, "web", "Lantaarnpaal kapot in de Lindestraat", 50.906328, 5.956549,
                null, "public_lighting");
        IncomingReport other = report("web-49", SATURDAY.plusSeconds(3600), "web", "Lantaarnpaal kapot in de Olmstraat",
                50.906328 + 0.00018, 5.956549, null, "public_lighting");
        // Two reporters of racing in one street, pinned from homes 600 m apart.
        IncomingReport racing = report("web-50", SATURDAY, "web", "Auto's racen elke avond door de Beukstraat", 50.906328,
                5.956549, null, "traffic");
        IncomingReport racingToo = report("web-51", SATURDAY.plusSeconds(3600), "web",
                "Weer racende auto's in de Beukstraat", 50.906328 + 600 / 111_200.0, 5.956549, null, "traffic");

        Map<String, Double> x = scorer.features(extractor.extract(other), cluster("C14", lamp));
        Map<String, Double> street = scorer.features(extractor.extract(racingToo), cluster("C15", racing));

        assertThat(x).containsEntry("place", 0.0).containsEntry("distance", 0.0).containsEntry("homePlace", 1.0);
        assertThat(street).containsEntry("pinsApart", 0.0).containsEntry("sameStreet", 1.0);
    }

    // --- the fitted model keeps to what is known about place, kind and conflicts

    @Test
    void theModelsConflictsLowerTheScoreButVetoNothing() {
        Map<String, Double> w = Scorer.Settings.defaults().weights();
        for (String conflict : MatchModelTool.CAPPED_NEGATIVE) {
            assertThat(w.get(conflict)).as(conflict).isBetween(-MatchModelTool.CAP, 0.0);
        }
        for (String evidence : MatchModelTool.NON_NEGATIVE) {
            assertThat(w.get(evidence)).as(evidence).isGreaterThanOrEqualTo(0.0);
        }
    }

    @Test
    void twoPinsTwentyMetresApartScoreAtLeastAsHighAsNamingTheSameStreet() {
        // The same words; once placed by two pins 20 m apart, once by the street named in both texts.
        IncomingReport pinned = report("web-20", SATURDAY, "web", "Jongeren met lachgas en harde muziek", 50.906328,
                5.956549, null, null);
        IncomingReport pinnedToo = report("web-21", SATURDAY.plusSeconds(7200), "web",
                "Jongeren met lachgas en harde muziek", 50.906328 + 0.00018, 5.956549, null, null);
        IncomingReport named = report("sms-22", SATURDAY, "sms", "Jongeren met lachgas en harde muziek in de Beukstraat",
                null, null, null, null);
        IncomingReport namedToo = report("sms-23", SATURDAY.plusSeconds(7200), "sms",
                "Jongeren met lachgas en harde muziek in de Beukstraat", null, null, null, null);

        double byPins = scorer.score(extractor.extract(pinnedToo), cluster("C4", pinned)).score();
        double byStreet = scorer.score(extractor.extract(namedToo), cluster("C5", named)).score();

        // The model's constraint holds with equality at best (the solver's tolerance: 1e-6).
        assertThat(byPins).isGreaterThanOrEqualTo(byStreet - 1e-6);
    }

    @Test
    void closerNeverLowersTheScore() {
        IncomingReport first = report("web-24", SATURDAY, "web", "Vuilniszakken en een kapotte stoel naast de container",
                50.906328, 5.956549, null, "dumping");
        Cluster cluster = cluster("C6", first);
        double previous = 1;
        for (int metres = 0; metres <= 600; metres += 20) {
            IncomingReport other = report("web-25", SATURDAY.plusSeconds(3600), "web",
                    "Vuilniszakken en een kapotte stoel naast de container", 50.906328 + metres / 111_200.0, 5.956549,
                    null, "dumping");
            double score = scorer.score(extractor.extract(other), cluster).score();
            assertThat(score).as(metres + " m").isLessThanOrEqualTo(previous + 1e-12);
            previous = score;
        }
    }

    private static Cluster cluster(String id, IncomingReport... reports) {
        Cluster cluster = new Cluster(id);
        for (IncomingReport r : reports) {
            cluster.add(extractor.extract(r));
        }
        return cluster;
    }

    private static IncomingReport report(String id, Instant at, String channel, String text, Double lat, Double lon,
            String address, String category) {
        return new IncomingReport(id, at, channel, text, lat, lon, address, category);
    }
}
