package nl.hartslag.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Reports per ISO week for a problem's chart: every week from the first to the last, in Dutch local time. */
class ClusterDeskWeeksTests {

    @Test
    void weeksWithoutReportsAreZeroAndTheOrderIsTheCalendars() {
        List<ClusterDesk.Week> weeks = ClusterDesk.weeks(List.of(Instant.parse("2026-12-09T10:00:00Z"),
                Instant.parse("2026-11-24T08:00:00Z"), Instant.parse("2026-11-26T20:00:00Z")));
        assertThat(weeks).containsExactly(new ClusterDesk.Week("2026-W48", 2), new ClusterDesk.Week("2026-W49", 0),
                new ClusterDesk.Week("2026-W50", 1));
    }

    @Test
    void theWeekIsTheIsoWeekOfTheLocalDate() {
        // Sunday 23:30 UTC is already Monday in Amsterdam; 1 January 2027 is in week 53 of 2026.
        assertThat(ClusterDesk.weeks(List.of(Instant.parse("2026-11-29T23:30:00Z"))))
                .containsExactly(new ClusterDesk.Week("2026-W49", 1));
        assertThat(ClusterDesk.weeks(List.of(Instant.parse("2027-01-01T12:00:00Z"))))
                .containsExactly(new ClusterDesk.Week("2026-W53", 1));
        assertThat(ClusterDesk.weeks(List.of())).isEmpty();
    }
}
