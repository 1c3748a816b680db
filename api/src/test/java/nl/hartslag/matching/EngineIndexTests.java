package nl.hartslag.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's Lucene index on disk: what survives a restart, what a damaged index turns into,
 * and that replaying the system of record rebuilds the same clusters.
 */
class EngineIndexTests {

    /** Three problems from the development set, in time order: drugs at the playground, a party house, dumped furniture. */
    private static final List<IncomingReport> FEED = List.of(
            report("d-0011", "2025-11-07T23:12:00+01:00", "sms",
                    "wr die gasten bij de speeltuin jasmijnhof. auto met duits kenteken lichten uit. 3 man ingestapt en weer uit. dit is toch gwn handel",
                    null, null, null, null),
            report("d-0012", "2025-11-08T02:47:00+01:00", "sms",
                    "herrie op beukstraat 23 al sinds 11 uur. bas dreunt door tot in mn slaapkamer. kan iemand langs?",
                    null, null, null, null),
            report("d-0015", "2025-11-09T10:15:00+01:00", "web",
                    "Vannacht weer een feest bij de buren op nummer 23, muziek tot ongeveer half vijf. Dit is het derde weekend op rij.",
                    50.909294, 5.961835, "Beukstraat 25", "noise"),
            report("d-0018", "2025-11-10T08:20:00+01:00", "web",
                    "Op de hoek Lindestraat/Populierstraat is vannacht een bankstel en een matras neergezet. Ligt half op de stoep.",
                    50.907991, 5.961272, "lindestraat 16", "dumping"),
            report("d-0019", "2025-11-10T10:05:00+01:00", "phone",
                    "ja goedemorgen ik bel over de speeltuin bij de jasmijn straat daar wordt volgens mij gedeeld eh elke avond staan er jongens bij de schommels",
                    null, null, null, null),
            report("d-0021", "2025-11-11T17:30:00+01:00", "sms",
                    "hoek linde/populier ligt een hele inboedel op straat. wie ruimt dit op", null, null, null, null),
            report("d-0037", "2025-11-15T22:50:00+01:00", "sms",
                    "ich zeen ze weer bij de speeltuin, scooter rijdt af en aan. waat doet de politie hieraan??", null,
                    null, null, null),
            report("d-0038", "2025-11-16T03:20:00+01:00", "phone",
                    "ja hallo ik bel over de beukstraat drieëntwintig daar is weer een feest aan de gang keiharde muziek mensen die op straat staan te schreeuwen",
                    null, null, "Beukstraat 23", null),
            report("d-0042", "2025-11-17T09:40:00+01:00", "phone",
                    "ja goedemorgen ik bel over de rommel op de hoek van de linde straat en de populier straat daar staat al een week een bank en een matras",
                    null, null, null, null),
            report("d-0045", "2025-11-18T14:20:00+01:00", "outreach",
                    "Huisbezoek Jasmijnstraat. Bewoonster meldt dat er 's avonds bij speeltuin Jasmijnhof gehandeld wordt. Ze ziet auto's stoppen, korte contacten, daarna weer weg.",
                    50.909244, 5.965616, "Jasmijnstraat 31", "drugs"),
            report("d-0052", "2025-11-20T16:10:00+01:00", "web",
                    "De berg grofvuil op de hoek wordt steeds groter. Nu ook zakken met kleding en een fietswrak.",
                    50.907763, 5.960932, "Populierstraat 12", "dumping"),
            report("d-0053", "2025-11-20T21:15:00+01:00", "web",
                    "Op het pleintje met de schommels (achter de Lindestraat) weer verdachte auto's. Zwarte Golf staat met draaiende motor.",
                    50.908184, 5.966169, null, "drugs"),
            report("d-0059", "2025-11-22T11:00:00+01:00", "web",
                    "Overburen (nr. 23) houden structureel feestjes. Vrijdag en zaterdag tot diep in de nacht gebonk.",
                    50.909085, 5.961705, "Beukstraat 24", "neighbour_dispute"),
            report("d-0067", "2025-11-24T19:58:00+01:00", "web",
                    "Drug dealing at the playground again (Jasmijnhof). Cars stop, someone gets in for two minutes, gets out.",
                    50.908439, 5.966952, null, "drugs"),
            report("d-0077", "2025-11-27T19:45:00+01:00", "sms",
                    "nog altijd die rotzooi op de hoek van de linde en de populier. schandalig. bijna 3 weken!!", null, null,
                    null, null),
            report("d-0081", "2025-11-28T23:40:00+01:00", "sms", "weer handel speeltuin. zelfde zwarte golf", null, null,
                    null, null),
            report("d-0084", "2025-11-30T01:55:00+01:00", "sms", "beukstr 23 wr los. boem boem boem. pfff", null, null,
                    null, null),
            report("d-0088", "2025-12-01T08:55:00+01:00", "web",
                    "The pile of furniture at the corner of Lindestraat and Populierstraat is still there after three weeks.",
                    50.907801, 5.960619, null, "dumping"),
            report("d-0119", "2025-12-06T23:30:00+01:00", "web",
                    "Again super loud music from nr 23 Beukstraat. The bass is so strong my windows vibrate.", 50.909364,
                    5.961151, null, "noise"),
            report("d-0124", "2025-12-08T21:30:00+01:00", "outreach",
                    "Avondronde met wijkagent. Bewoner Eikstraat bevestigt dat er nog dagelijks auto's stoppen bij de speeltuin; vermoedt handel in coke en wiet.",
                    50.908372, 5.968146, "Eikstraat 17", "drugs"));

    private static final Instant AFTER_FEED = FEED.get(FEED.size() - 1).receivedAt().plus(Duration.ofDays(1));

    @TempDir
    Path temp;

    @Test
    void aReopenedIndexHasTheSameReportsAndLiveClusters() throws IOException {
        Path index = temp.resolve("index");
        List<ClusterView> before;
        List<Assignment> assignments;
        try (MatchingEngine engine = open(index)) {
            assignments = feed(engine);
            before = engine.liveClusters(AFTER_FEED);
            engine.commit();
        }
        // The three problems are three different clusters, holding every report between them.
        assertThat(List.of("d-0011", "d-0012", "d-0018"))
                .map(id -> assignments.get(FEED.indexOf(byId(id))).clusterId()).doesNotHaveDuplicates();
        assertThat(before.stream().mapToInt(ClusterView::reports).sum()).isEqualTo(FEED.size());

        try (MatchingEngine reopened = open(index)) {
            assertThat(reopened.isEmpty()).isFalse();
            assertThat(reopened.reportCount()).isEqualTo(FEED.size());
            assertThat(FEED).allSatisfy(r -> assertThat(reopened.contains(r.id())).as(r.id()).isTrue());
            assertThat(reopened.contains("d-9999")).isFalse();
            assertThat(reopened.liveClusters(AFTER_FEED)).isEqualTo(before);
        }
    }

    @Test
    void aMatchAfterReopeningJoinsTheExistingCluster() throws IOException {
        Path index = temp.resolve("index");
        String party;
        int partySize;
        try (MatchingEngine engine = open(index)) {
            party = feed(engine).get(FEED.indexOf(byId("d-0012"))).clusterId();
            partySize = engine.cluster(party).orElseThrow().reports();
        }

        try (MatchingEngine reopened = open(index)) {
            Assignment next = reopened.matchAndAssign(report("d-0173", "2025-12-21T04:05:00+01:00", "sms",
                    "kan echt nie meer. beukstraat 23 lawaai tot nu toe. politie bellen heeft geen zin zeggen ze", null,
                    null, null, null), () -> "new-cluster");

            assertThat(next.clusterId()).isEqualTo(party);
            assertThat(next.startedNewCluster()).isFalse();
            assertThat(reopened.cluster(party)).get().extracting(ClusterView::reports).isEqualTo(partySize + 1);
            assertThat(reopened.reportCount()).isEqualTo(FEED.size() + 1);
        }
    }

    @Test
    void aSplitSurvivesReopening() throws IOException {
        Path index = temp.resolve("index");
        String party;
        int partySize;
        try (MatchingEngine engine = open(index)) {
            party = feed(engine).get(FEED.indexOf(byId("d-0015"))).clusterId();
            engine.moveOut("d-0015", "split");
            partySize = engine.cluster(party).orElseThrow().reports();
        }

        try (MatchingEngine reopened = open(index)) {
            assertThat(reopened.cluster("split")).get().extracting(ClusterView::reports).isEqualTo(1);
            assertThat(reopened.cluster(party)).get().extracting(ClusterView::reports).isEqualTo(partySize);
            // Seen again, the moved report goes where the coordinator put it, never back.
            assertThat(reopened.match(byId("d-0015"))).isInstanceOfSatisfying(MatchResult.SameProblem.class,
                    same -> assertThat(same.clusterId()).isEqualTo("split"));
            reopened.assign(byId("d-0015"), party);
            assertThat(reopened.cluster("split")).get().extracting(ClusterView::reports).isEqualTo(1);
        }
    }

    @Test
    void aMergeSurvivesReopening() throws IOException {
        Path index = temp.resolve("index");
        String party;
        String dumping;
        int together;
        try (MatchingEngine engine = open(index)) {
            List<Assignment> assignments = feed(engine);
            party = assignments.get(FEED.indexOf(byId("d-0012"))).clusterId();
            dumping = assignments.get(FEED.indexOf(byId("d-0018"))).clusterId();
            together = engine.cluster(party).orElseThrow().reports() + engine.cluster(dumping).orElseThrow().reports();
            engine.merge(dumping, party);
        }

        try (MatchingEngine reopened = open(index)) {
            assertThat(reopened.cluster(party)).get().extracting(ClusterView::reports).isEqualTo(together);
            assertThat(reopened.liveClusters(AFTER_FEED)).extracting(ClusterView::clusterId).doesNotContain(dumping);
            assertThat(reopened.reportCount()).isEqualTo(FEED.size());
        }
    }

    @Test
    void garbageOverEveryFileGivesAnEmptyEngineToReplayInto() throws IOException {
        Path index = temp.resolve("index");
        try (MatchingEngine engine = open(index)) {
            feed(engine);
        }
        try (Stream<Path> files = Files.list(index)) {
            for (Path file : files.toList()) {
                Files.write(file, "not a lucene file".getBytes(StandardCharsets.UTF_8));
            }
        }

        try (MatchingEngine reopened = open(index)) {
            assertThat(reopened.isEmpty()).isTrue();
            assertThat(reopened.reportCount()).isZero();
            assertThat(reopened.contains("d-0012")).isFalse();
            assertThat(reopened.liveClusters(AFTER_FEED)).isEmpty();
            reopened.assign(byId("d-0012"), "replayed");
        }
        try (MatchingEngine again = open(index)) {
            assertThat(again.reportCount()).isEqualTo(1);
            assertThat(again.cluster("replayed")).get().extracting(ClusterView::reports).isEqualTo(1);
        }
    }

    @Test
    void aMissingSegmentsFileGivesAnEmptyEngine() throws IOException {
        Path index = temp.resolve("index");
        try (MatchingEngine engine = open(index)) {
            feed(engine);
        }
        try (Stream<Path> files = Files.list(index)) {
            List<Path> segments = files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList();
            assertThat(segments).isNotEmpty();
            for (Path file : segments) {
                Files.delete(file);
            }
        }

        try (MatchingEngine reopened = open(index)) {
            assertThat(reopened.isEmpty()).isTrue();
            assertThat(reopened.contains("d-0012")).isFalse();
            assertThat(reopened.liveClusters(AFTER_FEED)).isEmpty();
        }
    }

    @Test
    void aMissingDirectoryIsCreatedEmpty() throws IOException {
        Path index = temp.resolve("not").resolve("yet").resolve("there");

        try (MatchingEngine engine = open(index)) {
            assertThat(engine.isEmpty()).isTrue();
        }
        assertThat(index).isDirectory();
    }

    @Test
    void replayingTheAssignmentsIntoAnEmptyDirectoryRebuildsIdentically() throws IOException {
        Path index = temp.resolve("index");
        List<Assignment> assignments;
        List<ClusterView> before;
        try (MatchingEngine engine = open(index)) {
            assignments = feed(engine);
            before = engine.liveClusters(AFTER_FEED);
        }
        deleteRecursively(index);

        try (MatchingEngine rebuilt = open(index)) {
            assertThat(rebuilt.isEmpty()).isTrue();
            for (int i = 0; i < FEED.size(); i++) {
                rebuilt.assign(FEED.get(i), assignments.get(i).clusterId());
            }
            assertThat(rebuilt.liveClusters(AFTER_FEED)).isEqualTo(before);
            assertThat(rebuilt.reportCount()).isEqualTo(FEED.size());
            rebuilt.commit();
        }
        try (MatchingEngine reopened = open(index)) {
            assertThat(reopened.liveClusters(AFTER_FEED)).isEqualTo(before);
        }
    }

    @Test
    void theInMemoryEngineDecidesAsTheOnDiskOne() throws IOException {
        List<String> onDisk;
        try (MatchingEngine engine = open(temp.resolve("index"))) {
            onDisk = feed(engine).stream().map(Assignment::clusterId).toList();
        }
        try (MatchingEngine engine = SeedGazetteer.inMemoryEngine()) {
            assertThat(feed(engine)).extracting(Assignment::clusterId).isEqualTo(onDisk);
        }
    }

    private static MatchingEngine open(Path index) throws IOException {
        return MatchingEngine.onDisk(index, SeedGazetteer.STREETS, SeedGazetteer.PLACES);
    }

    private static List<Assignment> feed(MatchingEngine engine) {
        AtomicInteger n = new AtomicInteger();
        List<Assignment> assignments = new ArrayList<>();
        for (IncomingReport r : FEED) {
            assignments.add(engine.matchAndAssign(r, () -> "K" + n.incrementAndGet()));
        }
        return assignments;
    }

    private static IncomingReport byId(String id) {
        return FEED.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static IncomingReport report(String id, String at, String channel, String text, Double lat, Double lon,
            String address, String category) {
        return new IncomingReport(id, OffsetDateTime.parse(at).toInstant(), channel, text, lat, lon, address, category);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        assertThat(dir).doesNotExist();
    }
}
