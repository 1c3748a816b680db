package nl.hartslag.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import nl.hartslag.figures.Suppression.Draft;

class SuppressionTests {

    private final Suppression suppression = new Suppression(Set.of("domestic", "drugs"), 5);

    private static Draft byCategory() {
        return new Draft("reports_by_category").key("period").category("category").count("reports");
    }

    private static List<List<Object>> rows(Draft draft) {
        return draft.table().rows();
    }

    @Test
    void aSmallSensitiveCountIsHiddenWithTheNextSmallestCategory() {
        Draft d = byCategory().row("Q", "domestic", 3L).row("Q", "noise", 7L).row("Q", "litter", 2L)
                .row("Q", "vandalism", 2L);
        suppression.apply(d, List.of(d));
        assertThat(rows(d)).containsExactly(List.of("Q", "domestic", "<5"), List.of("Q", "noise", 7L),
                List.of("Q", "litter", "x"), List.of("Q", "vandalism", 2L));
    }

    @Test
    void twoHiddenCellsNeedNoThirdAndLargeOrZeroCountsStay() {
        Draft d = byCategory().row("Q", "domestic", 3L).row("Q", "drugs", 1L).row("Q", "noise", 2L)
                .row("Q", "litter", 0L).row("R", "domestic", 5L).row("R", "noise", 1L);
        suppression.apply(d, List.of(d));
        assertThat(rows(d)).containsExactly(List.of("Q", "domestic", "<5"), List.of("Q", "drugs", "<5"),
                List.of("Q", "noise", 2L), List.of("Q", "litter", 0L), List.of("R", "domestic", 5L),
                List.of("R", "noise", 1L));
    }

    @Test
    void aHiddenCategoryStaysHiddenInOtherTablesWhichLoseTheirDerivedCells() {
        Draft d = byCategory().row("Q", "domestic", 2L).row("Q", "noise", 9L).row("Q", "litter", 6L);
        Draft times = new Draft("response_times").key("period").category("category").count("reports")
                .count("responded").value("median").key("norm").row("Q", "domestic", 2L, 0L, 1.5, 1)
                .row("Q", "litter", 6L, 6L, 2.0, 3).row("Q", "noise", 9L, 8L, 3.0, 3);
        Draft late = new Draft("late_work").key("period").category("category").count("late").row("Q", "domestic", 1L)
                .row("R", "drugs", 7L);
        suppression.apply(d, List.of(d, times, late));
        assertThat(rows(times)).containsExactly(Arrays.asList("Q", "domestic", "<5", 0L, null, 1),
                Arrays.asList("Q", "litter", "x", "x", null, 3), Arrays.asList("Q", "noise", 9L, 8L, 3.0, 3));
        assertThat(rows(late)).containsExactly(List.of("Q", "domestic", "<5"), List.of("R", "drugs", 7L));
    }

    @Test
    void whenTheSensitiveCategoryIsThePeriodsOnlyOneItsTotalsAreHidden() {
        Draft d = byCategory().row("W1", "domestic", 1L).row("W2", "noise", 3L);
        Draft channels = new Draft("reports_by_channel").key("period").key("channel").count("reports").totals()
                .row("W1", "web", 1L).row("W2", "web", 3L);
        Draft rate = new Draft("rate").key("period").key("residents").count("reports").value("per_1000").totals()
                .row("W1", 2000, 1L, 0.5).row("W2", 2000, 3L, 1.5);
        suppression.apply(d, List.of(d, channels, rate));
        assertThat(rows(d)).containsExactly(List.of("W1", "domestic", "<5"), List.of("W2", "noise", 3L));
        assertThat(rows(channels)).containsExactly(List.of("W1", "web", "x"), List.of("W2", "web", 3L));
        assertThat(rows(rate)).containsExactly(Arrays.asList("W1", 2000, "x", null), Arrays.asList("W2", 2000, 3L, 1.5));
    }

    @Test
    void bucketsFollowTheCalendarAndAreCutToThePeriod() {
        assertThat(GroupBy.QUARTER.buckets(LocalDate.of(2019, 2, 10), LocalDate.of(2019, 4, 30)))
                .containsExactly(new Bucket("2019-Q1", LocalDate.of(2019, 2, 10), LocalDate.of(2019, 4, 1)),
                        new Bucket("2019-Q2", LocalDate.of(2019, 4, 1), LocalDate.of(2019, 5, 1)));
        assertThat(GroupBy.WEEK.buckets(LocalDate.of(2019, 12, 30), LocalDate.of(2020, 1, 5)))
                .extracting(Bucket::label).containsExactly("2020-W01");
        assertThat(new Bucket("2019-Q2", LocalDate.of(2019, 4, 1), LocalDate.of(2019, 7, 1)).previous().from())
                .isEqualTo(LocalDate.of(2018, 12, 31));
    }

    @Test
    void csvQuotesWhatNeedsItAndLeavesNullEmpty() {
        FigureTable t = new FigureTable("t", List.of("period", "name", "n"),
                List.of(Arrays.asList("Q", "a,b \"c\"", null), Arrays.asList("Q", "<5", 6.5)));
        assertThat(Csv.of(t)).isEqualTo("period,name,n\r\nQ,\"a,b \"\"c\"\"\",\r\nQ,<5,6.5\r\n");
        FigureTable formula = new FigureTable("t", List.of("area", "change"), List.of(Arrays.asList("=1+1", -20.0)));
        assertThat(Csv.of(formula)).isEqualTo("area,change\r\n'=1+1,-20.0\r\n");
    }
}
