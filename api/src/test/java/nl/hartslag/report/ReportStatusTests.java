package nl.hartslag.report;

import static nl.hartslag.report.ReportStatus.CLOSED;
import static nl.hartslag.report.ReportStatus.IN_PROGRESS;
import static nl.hartslag.report.ReportStatus.RECEIVED;
import static nl.hartslag.report.ReportStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ReportStatusTests {

    /** The whole table: every (from, to) pair with whether the move is allowed. */
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(textBlock = """
            RECEIVED,    RECEIVED,    false
            RECEIVED,    IN_PROGRESS, true
            RECEIVED,    RESOLVED,    true
            RECEIVED,    CLOSED,      true
            IN_PROGRESS, RECEIVED,    false
            IN_PROGRESS, IN_PROGRESS, false
            IN_PROGRESS, RESOLVED,    true
            IN_PROGRESS, CLOSED,      true
            RESOLVED,    RECEIVED,    false
            RESOLVED,    IN_PROGRESS, true
            RESOLVED,    RESOLVED,    false
            RESOLVED,    CLOSED,      true
            CLOSED,      RECEIVED,    false
            CLOSED,      IN_PROGRESS, false
            CLOSED,      RESOLVED,    false
            CLOSED,      CLOSED,      false
            """)
    void transitionTable(ReportStatus from, ReportStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @Test
    void aReceivedReportCanBeTakenIntoWork() {
        assertThat(RECEIVED.canMoveTo(IN_PROGRESS)).isTrue();
    }

    @Test
    void aResolvedReportCanBeReopened() {
        assertThat(RESOLVED.canMoveTo(IN_PROGRESS)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ReportStatus.class)
    void aClosedReportIsFinal(ReportStatus next) {
        assertThat(CLOSED.canMoveTo(next)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ReportStatus.class)
    void noStatusMovesToItself(ReportStatus status) {
        assertThat(status.canMoveTo(status)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ReportStatus.class)
    void receivedIsNeverReEntered(ReportStatus from) {
        assertThat(from.canMoveTo(RECEIVED)).isFalse();
    }

    @Test
    void everyStatusOtherThanReceivedIsReachableAndClosedFromEverywhereButItself() {
        assertThat(Arrays.stream(ReportStatus.values()).filter(to -> Arrays.stream(ReportStatus.values())
                .anyMatch(from -> from.canMoveTo(to)))).containsExactlyInAnyOrder(IN_PROGRESS, RESOLVED, CLOSED);
        assertThat(Arrays.stream(ReportStatus.values()).filter(from -> from.canMoveTo(CLOSED)))
                .containsExactlyInAnyOrder(RECEIVED, IN_PROGRESS, RESOLVED);
    }

    @Test
    void messageKeysFollowTheStatusName() {
        assertThat(IN_PROGRESS.labelCode()).isEqualTo("report.status.in_progress");
        assertThat(IN_PROGRESS.messageCode()).isEqualTo("report.status.in_progress.message");
        assertThat(RECEIVED.labelCode()).isEqualTo("report.status.received");
    }
}
