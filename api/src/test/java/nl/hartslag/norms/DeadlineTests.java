package nl.hartslag.norms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

/** What a view's deadline says is late, at a chosen moment. */
class DeadlineTests {

    private static final HandlingNorm NOISE = new HandlingNorm("noise", 3, 15, DayKind.WORKING);

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(WorkingDays.LOCAL).toInstant();
    }

    @Test
    void aReportWithoutResponseIsLateFromItsResponseDeadline() {
        // Monday 8 June 2026 + 3 working days: due by the end of Thursday 11 June.
        Instant received = local("2026-06-08T09:00");
        Deadline onTime = Deadline.ofReport(NOISE, received, null, true, local("2026-06-11T23:59"));
        assertThat(onTime.respondBy()).isEqualTo(local("2026-06-12T00:00"));
        assertThat(onTime.late()).isEmpty();
        assertThat(onTime.lateSince()).isNull();
        assertThat(onTime.daysOver()).isZero();

        Deadline late = Deadline.ofReport(NOISE, received, null, true, local("2026-06-12T00:00"));
        assertThat(late.late()).containsExactly(Lateness.RESPONSE);
        assertThat(late.lateSince()).isEqualTo(local("2026-06-12T00:00"));
        assertThat(late.daysOver()).isEqualTo(1);
        // The next Tuesday: Friday, Monday and Tuesday over.
        assertThat(Deadline.ofReport(NOISE, received, null, true, local("2026-06-16T10:00")).daysOver()).isEqualTo(3);
    }

    @Test
    void aResponseStopsTheResponseClockButNotTheResolutionClock() {
        Instant received = local("2026-06-08T09:00");
        Instant response = local("2026-06-09T09:00");
        Deadline answered = Deadline.ofReport(NOISE, received, response, true, local("2026-06-20T12:00"));
        assertThat(answered.late()).isEmpty();
        Instant afterResolution = NOISE.resolveBy(received).plusSeconds(60);
        Deadline unresolved = Deadline.ofReport(NOISE, received, response, true, afterResolution);
        assertThat(unresolved.late()).containsExactly(Lateness.RESOLUTION);
        Deadline neither = Deadline.ofReport(NOISE, received, null, true, afterResolution);
        assertThat(neither.late()).containsExactly(Lateness.RESPONSE, Lateness.RESOLUTION);
        assertThat(neither.lateSince()).isEqualTo(NOISE.respondBy(received));
        // A resolved or closed report is late for nothing.
        assertThat(Deadline.ofReport(NOISE, received, response, false, afterResolution).late()).isEmpty();
    }

    @Test
    void aCaseIsLateAfterItsResolutionNormWhileOpen() {
        HandlingNorm dumping = new HandlingNorm("dumping", 2, 5, DayKind.WORKING);
        Instant opened = local("2026-04-24T10:00"); // Friday before King's Day
        Deadline due = Deadline.ofCase(dumping, opened, true, opened);
        // Tue 28, Wed 29, Thu 30 April, Fri 1 May, Mon 4 May: due by the end of Monday (5 May is a holiday anyway).
        assertThat(due.resolveBy()).isEqualTo(local("2026-05-05T00:00"));
        assertThat(due.respondBy()).isNull();
        assertThat(due.late()).isEmpty();
        assertThat(Deadline.ofCase(dumping, opened, true, local("2026-05-06T08:00")).late())
                .containsExactly(Lateness.RESOLUTION);
        assertThat(Deadline.ofCase(dumping, opened, true, local("2026-05-06T08:00")).daysOver()).isEqualTo(1);
        assertThat(Deadline.ofCase(dumping, opened, false, local("2026-05-06T08:00")).late()).isEmpty();
    }
}
