package nl.hartslag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import nl.hartslag.cli.NuisanceTexts.DutchNumbers;
import nl.hartslag.cli.NuisanceTexts.Kind;
import nl.hartslag.cli.SyntheticReports.Synthetic;
import nl.hartslag.matching.IncomingReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The benchmark's data: deterministic, in time order, shaped like the reports residents send. */
class SyntheticReportsTests {

    private static final int N = 20_000;
    private static GazetteerFiles area;
    private static List<Synthetic> reports;

    @BeforeAll
    static void generate() throws InputException {
        area = GazetteerFiles.load(Optional.empty(), Optional.empty());
        reports = take(stream(42), N);
    }

    @Test
    void theSameSeedGivesTheSameReports() {
        assertThat(take(stream(42), 500)).isEqualTo(reports.subList(0, 500));
        assertThat(take(stream(43), 500)).isNotEqualTo(reports.subList(0, 500));
    }

    @Test
    void reportsArriveInTimeOrderSpreadOverTheSpan() {
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i).report().receivedAt()).isAfterOrEqualTo(reports.get(i - 1).report().receivedAt());
        }
        Instant last = reports.get(N - 1).report().receivedAt();
        // N reports were asked for over 730 days: the N-th arrives near the end of the span
        assertThat(Duration.between(BenchCommand.START, last).toDays()).isBetween(700L, 760L);
    }

    @Test
    void everyReportIsValidWithUniqueIdAndText() {
        Set<String> ids = new HashSet<>();
        Set<String> categories = new HashSet<>();
        Arrays.stream(Kind.values()).forEach(k -> categories.add(k.category));
        for (Synthetic synthetic : reports) {
            IncomingReport report = synthetic.report();
            assertThat(ids.add(report.id())).isTrue();
            assertThat(report.text()).isNotBlank();
            assertThat(report.lat() == null).isEqualTo(report.lon() == null);
            if (report.category() != null) {
                assertThat(categories).contains(report.category());
            }
        }
    }

    @Test
    void mixesChannelsAndPlacesLikeTheDevSet() {
        Map<String, Integer> channels = new HashMap<>();
        int withCoordinates = 0;
        for (Synthetic synthetic : reports) {
            channels.merge(synthetic.report().channel(), 1, Integer::sum);
            withCoordinates += synthetic.report().lat() != null ? 1 : 0;
        }
        assertThat(channels).containsOnlyKeys("web", "sms", "phone", "outreach");
        assertThat(channels.get("web")).isBetween(N * 45 / 100, N * 55 / 100);
        assertThat(withCoordinates).isBetween(N * 35 / 100, N * 60 / 100);
        assertThat(reports).filteredOn(r -> "sms".equals(r.report().channel()))
                .allSatisfy(r -> assertThat(r.report().text()).isEqualTo(r.report().text().toLowerCase()));
    }

    @Test
    void aboutOneInSevenChosenCategoriesIsWrong() {
        // a problem's reports share one kind, so among many reports its most frequent chosen category is the right one
        Map<Integer, Map<String, Integer>> chosen = new HashMap<>();
        for (Synthetic synthetic : reports) {
            if (synthetic.report().category() != null) {
                chosen.computeIfAbsent(synthetic.problem(), p -> new HashMap<>())
                        .merge(synthetic.report().category(), 1, Integer::sum);
            }
        }
        int total = 0;
        int wrong = 0;
        for (Map<String, Integer> counts : chosen.values()) {
            int sum = counts.values().stream().mapToInt(Integer::intValue).sum();
            if (sum < 8) {
                continue; // too few to know the right one by majority
            }
            int majority = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
            total += sum;
            wrong += sum - majority;
        }
        assertThat(total).isGreaterThan(1000);
        assertThat((double) wrong / total).isBetween(0.10, 0.20);
    }

    @Test
    void problemsRecurSoClustersFormWithSeveralReports() {
        Map<Integer, Integer> sizes = new HashMap<>();
        reports.forEach(r -> sizes.merge(r.problem(), 1, Integer::sum));
        long single = sizes.values().stream().filter(s -> s == 1).count();
        long large = sizes.values().stream().filter(s -> s >= 6).count();
        assertThat((double) single / sizes.size()).isBetween(0.35, 0.60);
        assertThat(large).isGreaterThan(sizes.size() / 10);
        assertThat(sizes.values().stream().mapToInt(Integer::intValue).max().orElseThrow()).isGreaterThanOrEqualTo(16);
    }

    @Test
    void aProblemStaysAtOnePlace() {
        Map<Integer, List<IncomingReport>> byProblem = new HashMap<>();
        reports.forEach(r -> byProblem.computeIfAbsent(r.problem(), p -> new ArrayList<>()).add(r.report()));
        for (List<IncomingReport> problem : byProblem.values()) {
            List<IncomingReport> pinned = problem.stream()
                    .filter(r -> r.lat() != null && !"outreach".equals(r.channel()) && r.address() == null).toList();
            for (IncomingReport a : pinned) {
                for (IncomingReport b : pinned) {
                    // pins are 5-60 m (web) or 5-30 m (map links) from the spot
                    assertThat(SyntheticReports.metres(a.lat(), a.lon(), b.lat(), b.lon())).isLessThan(121);
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({ "1, een", "5, vijf", "14, veertien", "20, twintig", "21, eenentwintig", "23, drieëntwintig",
            "42, tweeënveertig", "100, honderd", "118, honderdachttien", "250, tweehonderdvijftig",
            "399, driehonderdnegenennegentig" })
    void spellsHouseNumbersAsASpeechRecogniserDoes(int number, String words) {
        assertThat(DutchNumbers.words(number)).isEqualTo(words);
    }

    @Test
    void callsNamedPlacesByWhatTheyAre() {
        assertThat(NuisanceTexts.commonName("Speeltuin Jasmijnhof")).isEqualTo("de speeltuin");
        assertThat(NuisanceTexts.commonName("Ter Weijerpark")).isEqualTo("het park");
        assertThat(NuisanceTexts.commonName("De Kolonie")).isEqualTo("De Kolonie");
    }

    private static SyntheticReports stream(long seed) {
        return new SyntheticReports(area.streets(), area.places(), seed, N, BenchCommand.START, BenchCommand.SPAN);
    }

    private static List<Synthetic> take(SyntheticReports stream, int n) {
        List<Synthetic> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(stream.next());
        }
        return list;
    }
}
