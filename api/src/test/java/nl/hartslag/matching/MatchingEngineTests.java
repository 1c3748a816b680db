package nl.hartslag.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The public API, in memory, with the real gazetteer, analysis and fitted model. */
class MatchingEngineTests {

    /** Saturday night, 02:47 in Heerlen. */
    private static final Instant NIGHT = Instant.parse("2025-11-08T01:47:00Z");

    private static final IncomingReport PARTY_SMS = new IncomingReport("sms-1", NIGHT, "sms",
            "herrie op beukstraat 23 al sinds 11 uur", null, null, null, null);
    private static final IncomingReport PARTY_WEB = new IncomingReport("web-2", NIGHT.plus(Duration.ofDays(1)), "web",
            "feest bij de buren op nummer 23", null, null, "Beukstraat 25", "noise");

    private MatchingEngine engine;
    private final AtomicInteger clusters = new AtomicInteger();
    private final Supplier<String> newClusterId = () -> "C" + clusters.incrementAndGet();

    @BeforeEach
    void startEngine() {
        engine = SeedGazetteer.inMemoryEngine();
    }

    @AfterEach
    void closeEngine() throws IOException {
        engine.close();
    }

    @Test
    void anEmptyEngineStartsANewProblem() {
        Assignment first = engine.matchAndAssign(PARTY_SMS, newClusterId);

        assertThat(first.decision()).isEqualTo(new MatchResult.NewProblem(Optional.empty()));
        assertThat(first.startedNewCluster()).isTrue();
        assertThat(first.clusterId()).isEqualTo("C1");
        assertThat(first.reportId()).isEqualTo("sms-1");
        assertThat(engine.contains("sms-1")).isTrue();
        assertThat(engine.reportCount()).isEqualTo(1);
        assertThat(engine.isEmpty()).isFalse();
    }

    @Test
    void aPartyReportedInOtherWordsADayLaterJoinsTheSameCluster() {
        engine.matchAndAssign(PARTY_SMS, newClusterId);

        Assignment second = engine.matchAndAssign(PARTY_WEB, newClusterId);

        assertThat(second.startedNewCluster()).isFalse();
        assertThat(second.clusterId()).isEqualTo("C1");
        MatchResult.SameProblem same = (MatchResult.SameProblem) second.decision();
        MatchExplanation why = same.explanation();
        assertThat(why.clusterId()).isEqualTo("C1");
        assertThat(why.score()).isGreaterThanOrEqualTo(why.threshold());
        assertThat(why.placeBasis()).isEqualTo("Beukstraat 23");
        assertThat(why.timeGap()).isEqualTo(Duration.ofDays(1));
        assertThat(why.describe()).contains("Beukstraat 23").contains("drempel").contains("1 dagen");
        assertThat(engine.cluster("C1")).get().satisfies(view -> {
            assertThat(view.reports()).isEqualTo(2);
            assertThat(view.firstReport()).isEqualTo(NIGHT);
            assertThat(view.lastReport()).isEqualTo(PARTY_WEB.receivedAt());
            assertThat(view.street()).isEqualTo("Beukstraat");
            assertThat(view.kind()).isEqualTo("noise");
            assertThat(view.lat()).isEqualTo(50.9092);
        });
    }

    @Test
    void aThirdReportSharingWordsIsExplainedByThem() {
        engine.matchAndAssign(PARTY_SMS, newClusterId);
        engine.matchAndAssign(PARTY_WEB, newClusterId);

        Assignment third = engine.matchAndAssign(new IncomingReport("sms-3", NIGHT.plus(Duration.ofDays(8)), "sms",
                "kan echt nie meer. beukstraat 23 lawaai tot nu toe. politie bellen heeft geen zin zeggen ze", null,
                null, null, null), newClusterId);

        assertThat(third.clusterId()).isEqualTo("C1");
        MatchExplanation why = ((MatchResult.SameProblem) third.decision()).explanation();
        assertThat(why.matchedTerms()).contains("noise");
        assertThat(why.describe()).contains("noise").contains("7 dagen");
    }

    @Test
    void theSameKindOfProblemAtAFarStreetIsANewProblem() {
        engine.matchAndAssign(PARTY_SMS, newClusterId);
        engine.matchAndAssign(PARTY_WEB, newClusterId);

        Assignment hoensbroek = engine.matchAndAssign(new IncomingReport("sms-4", NIGHT.plus(Duration.ofDays(1)), "sms",
                "herrie op kouvenderstraat 10 in hoensbroek, al sinds 11 uur", null, null, null, null), newClusterId);

        assertThat(hoensbroek.startedNewCluster()).isTrue();
        assertThat(hoensbroek.clusterId()).isEqualTo("C2");
        assertThat(engine.cluster("C1")).get().extracting(ClusterView::reports).isEqualTo(2);
    }

    @Test
    void junkInTheFrontGardenDoesNotJoinAPartyReportedTwiceAtThatAddress() {
        engine.matchAndAssign(PARTY_SMS, newClusterId);
        engine.matchAndAssign(PARTY_WEB, newClusterId);

        Assignment junk = engine.matchAndAssign(new IncomingReport("web-5", NIGHT.plus(Duration.ofDays(2)), "web",
                "Er ligt al dagen grofvuil in de voortuin van Beukstraat 23: een matras en een bankstel.", null, null,
                "Beukstraat 21", "dumping"), newClusterId);

        assertThat(junk.startedNewCluster()).isTrue();
        MatchResult.NewProblem decision = (MatchResult.NewProblem) junk.decision();
        assertThat(decision.nearestMiss()).get().satisfies(miss -> {
            assertThat(miss.clusterId()).isEqualTo("C1");
            assertThat(miss.score()).isLessThan(miss.threshold());
        });
        assertThat(engine.cluster("C1")).get().extracting(ClusterView::reports).isEqualTo(2);
        assertThat(engine.cluster(junk.clusterId())).get().extracting(ClusterView::reports, ClusterView::kind)
                .containsExactly(1, "dumping");
    }

    @Test
    void theSameProblemAfterMoreThanThirtyDaysOfQuietIsANewProblem() {
        engine.matchAndAssign(PARTY_SMS, newClusterId);

        MatchResult after31 = engine.match(sms("sms-6", NIGHT.plus(Duration.ofDays(31)),
                "herrie op beukstraat 23 al sinds 11 uur"));
        MatchResult after29 = engine.match(sms("sms-6", NIGHT.plus(Duration.ofDays(29)),
                "herrie op beukstraat 23 al sinds 11 uur"));

        assertThat(after31).isEqualTo(new MatchResult.NewProblem(Optional.empty()));
        assertThat(after29).isInstanceOfSatisfying(MatchResult.SameProblem.class,
                same -> assertThat(same.clusterId()).isEqualTo("C1"));
    }

    @Test
    void matchDecidesWithoutRecording() {
        engine.matchAndAssign(PARTY_SMS, newClusterId);

        engine.match(PARTY_WEB);

        assertThat(engine.contains("web-2")).isFalse();
        assertThat(engine.reportCount()).isEqualTo(1);
        assertThat(engine.cluster("C1")).get().extracting(ClusterView::reports).isEqualTo(1);
    }

    @Test
    void aCoordinatorsSplitIsNeverUndone() {
        engine.matchAndAssign(PARTY_SMS, newClusterId);
        engine.matchAndAssign(PARTY_WEB, newClusterId);

        engine.moveOut("web-2", "C9");

        assertThat(engine.cluster("C1")).get().extracting(ClusterView::reports).isEqualTo(1);
        assertThat(engine.cluster("C9")).get().extracting(ClusterView::reports).isEqualTo(1);
        assertThat(engine.reportCount()).isEqualTo(2);

        // A near-identical report of the party still joins the old cluster ...
        Assignment next = engine.matchAndAssign(sms("sms-7", NIGHT.plus(Duration.ofDays(2)),
                "herrie op beukstraat 23, al sinds 11 uur"), newClusterId);
        assertThat(next.clusterId()).isEqualTo("C1");
        // ... and the moved report stays where the coordinator put it.
        assertThat(engine.cluster("C1")).get().extracting(ClusterView::reports).isEqualTo(2);
        assertThat(engine.cluster("C9")).get().extracting(ClusterView::reports).isEqualTo(1);
        assertThat(engine.match(PARTY_WEB)).isInstanceOfSatisfying(MatchResult.SameProblem.class,
                same -> assertThat(same.clusterId()).isEqualTo("C9"));
        engine.assign(PARTY_WEB, "C1");
        assertThat(engine.cluster("C1")).get().extracting(ClusterView::reports).isEqualTo(2);
        assertThat(engine.cluster("C9")).get().extracting(ClusterView::reports).isEqualTo(1);
    }

    @Test
    void movingOutTheLastReportEndsTheOldCluster() {
        engine.matchAndAssign(PARTY_SMS, newClusterId);

        engine.moveOut("sms-1", "C9");

        assertThat(engine.cluster("C1")).isEmpty();
        assertThat(engine.cluster("C9")).get().extracting(ClusterView::reports).isEqualTo(1);
        assertThat(engine.liveClusters(NIGHT)).extracting(ClusterView::clusterId).containsExactly("C9");
    }

    @Test
    void aReportSplitOutAfterItsCategoryWasCorrectedIsReadWithTheCorrectedCategory() {
        engine.matchAndAssign(PARTY_SMS, newClusterId);
        engine.matchAndAssign(PARTY_WEB, newClusterId);
        IncomingReport corrected = new IncomingReport(PARTY_WEB.id(), PARTY_WEB.receivedAt(), PARTY_WEB.channel(),
                PARTY_WEB.text(), PARTY_WEB.lat(), PARTY_WEB.lon(), PARTY_WEB.address(), "litter");

        engine.moveOut(corrected, "C9");

        // As a rebuild from PostgreSQL would read it: the coordinator's category, not the first one.
        assertThat(engine.cluster("C9")).get().extracting(ClusterView::kind).isEqualTo("litter");
        assertThat(engine.cluster("C1")).get().extracting(ClusterView::reports).isEqualTo(1);
    }

    @Test
    void onlyARecordedReportCanBeMovedOut() {
        assertThatIllegalArgumentException().isThrownBy(() -> engine.moveOut("nope", "C9"));
    }

    @Test
    void aForbiddenClusterIsNeverJoined() {
        engine.matchAndAssign(PARTY_SMS, newClusterId);
        assertThat(engine.match(PARTY_WEB)).isInstanceOf(MatchResult.SameProblem.class);

        engine.forbid("web-2", "C1");

        assertThat(engine.match(PARTY_WEB)).isEqualTo(new MatchResult.NewProblem(Optional.empty()));
        Assignment assignment = engine.matchAndAssign(PARTY_WEB, newClusterId);
        assertThat(assignment.clusterId()).isEqualTo("C2");
        assertThat(engine.cluster("C1")).get().extracting(ClusterView::reports).isEqualTo(1);
    }

    @Test
    void aMergeCombinesTheClusters() {
        engine.matchAndAssign(PARTY_SMS, newClusterId);
        engine.assign(PARTY_WEB, "C7");
        engine.assign(sms("sms-8", NIGHT.plus(Duration.ofDays(3)), "beukstr 23 wr los. boem boem boem. pfff"), "C7");

        engine.merge("C7", "C1");

        assertThat(engine.cluster("C1")).get().satisfies(view -> {
            assertThat(view.reports()).isEqualTo(3);
            assertThat(view.firstReport()).isEqualTo(NIGHT);
            assertThat(view.lastReport()).isEqualTo(NIGHT.plus(Duration.ofDays(3)));
        });
        // The merged id answers for the cluster it went into; it is no longer a cluster of its own.
        assertThat(engine.cluster("C7")).get().extracting(ClusterView::clusterId).isEqualTo("C1");
        assertThat(engine.liveClusters(NIGHT)).extracting(ClusterView::clusterId).containsExactly("C1");
        engine.assign(sms("sms-9", NIGHT.plus(Duration.ofDays(4)), "beukstraat 23 weer feest"), "C7");
        assertThat(engine.cluster("C1")).get().extracting(ClusterView::reports).isEqualTo(4);
        assertThat(engine.reportCount()).isEqualTo(4);
    }

    @Test
    void similarFindsTheClusterNearAProbeAndNothingFarAway() {
        engine.matchAndAssign(PARTY_SMS, newClusterId);
        engine.matchAndAssign(PARTY_WEB, newClusterId);

        var near = engine.similar(new IncomingReport("probe-1", NIGHT.plus(Duration.ofDays(3)), "web",
                "Harde muziek bij de buren", 50.90921, 5.96160, "Beukstraat 25", "noise"), 5);
        var far = engine.similar(new IncomingReport("probe-2", NIGHT.plus(Duration.ofDays(3)), "web",
                "Harde muziek bij de buren", 50.925112, 5.921371, "Kouvenderstraat 12", "noise"), 5);

        assertThat(near).hasSize(1).first().satisfies(scored -> {
            assertThat(scored.cluster().clusterId()).isEqualTo("C1");
            assertThat(scored.cluster().reports()).isEqualTo(2);
            assertThat(scored.explanation().clusterId()).isEqualTo("C1");
        });
        assertThat(far).isEmpty();
        assertThat(engine.contains("probe-1")).isFalse();
        assertThat(engine.reportCount()).isEqualTo(2);
    }

    @Test
    void liveClustersDropClustersQuietForMoreThanThirtyDays() {
        engine.assign(PARTY_SMS, "C1");
        engine.assign(new IncomingReport("web-10", NIGHT.plus(Duration.ofDays(20)), "web",
                "Rommel in de voortuin van Olmstraat 12: matrassen en een bankstel.", null, null, null, "dumping"), "C2");

        assertThat(engine.liveClusters(NIGHT.plus(Duration.ofDays(21)))).extracting(ClusterView::clusterId)
                .containsExactly("C2", "C1");
        assertThat(engine.liveClusters(NIGHT.plus(Duration.ofDays(30)))).extracting(ClusterView::clusterId)
                .containsExactly("C2", "C1");
        assertThat(engine.liveClusters(NIGHT.plus(Duration.ofDays(31)))).extracting(ClusterView::clusterId)
                .containsExactly("C2");
        assertThat(engine.liveClusters(NIGHT.plus(Duration.ofDays(51)))).isEmpty();
        // Quiet is not forgotten: the report is still known.
        assertThat(engine.contains("sms-1")).isTrue();
    }

    @Test
    void aReplayedAssignmentIsRecordedOnce() {
        engine.assign(PARTY_SMS, "C1");
        engine.assign(PARTY_SMS, "C1");

        assertThat(engine.reportCount()).isEqualTo(1);
        assertThat(engine.cluster("C1")).get().extracting(ClusterView::reports).isEqualTo(1);
    }

    private static IncomingReport sms(String id, Instant at, String text) {
        return new IncomingReport(id, at, "sms", text, null, null, null, null);
    }
}
