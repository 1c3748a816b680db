package nl.hartslag.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import nl.hartslag.casework.CaseRepository;
import nl.hartslag.casework.CaseStatus;
import nl.hartslag.casework.CaseType;
import nl.hartslag.casework.Outcome;

/** When a closed mediation's parties disappear from its mediators' view (hartslag.privacy.volunteer-grace). */
class VolunteerGraceTests {

    private static final Duration GRACE = Duration.ofDays(14);
    private static final Instant CLOSED = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void anOpenCaseShowsItsPartiesWhateverTheClockSays() {
        CaseRepository.CaseRow open = row(CaseStatus.OPEN, null);
        assertThat(Cases.partiesVisible(open, GRACE, CLOSED.plus(Duration.ofDays(400)))).isTrue();
    }

    @Test
    void aClosedCaseShowsThemUntilTheGraceEndsAndNotAfter() {
        CaseRepository.CaseRow closed = row(CaseStatus.CLOSED, CLOSED);
        assertThat(Cases.partiesVisible(closed, GRACE, CLOSED)).isTrue();
        assertThat(Cases.partiesVisible(closed, GRACE, CLOSED.plus(GRACE))).isTrue();
        assertThat(Cases.partiesVisible(closed, GRACE, CLOSED.plus(GRACE).plusSeconds(1))).isFalse();
        assertThat(Cases.partiesVisible(closed, Duration.ZERO, CLOSED.plusSeconds(1))).isFalse();
    }

    @Test
    void aClosedCaseWithoutAClosingTimeShowsNothing() {
        assertThat(Cases.partiesVisible(row(CaseStatus.CLOSED, null), GRACE, CLOSED)).isFalse();
    }

    @Test
    void aNegativeGraceIsRefusedAtStart() {
        assertThatThrownBy(() -> new VolunteerPrivacySettings(Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("volunteer-grace");
        assertThat(new VolunteerPrivacySettings(Duration.ZERO).volunteerGrace()).isZero();
    }

    private static CaseRepository.CaseRow row(CaseStatus status, Instant closedAt) {
        return new CaseRepository.CaseRow(UUID.randomUUID(), 500, CaseType.MEDIATION, status, "neighbour_dispute",
                "Passartweg", null, false, status == CaseStatus.OPEN ? null : Outcome.PARTY_DECLINED, null, null,
                CLOSED.minus(Duration.ofDays(30)), closedAt, null);
    }
}
