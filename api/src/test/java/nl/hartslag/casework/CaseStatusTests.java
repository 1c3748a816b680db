package nl.hartslag.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nl.hartslag.domain.IllegalTransition;

/** Every move of a case's status, allowed or forbidden, one case each. */
class CaseStatusTests {

    /** The moves the approach allows, written out here apart from the enum's own table. */
    private static final Set<String> ALLOWED = Set.of("OPEN>DONE", "OPEN>CLOSED", "DONE>OPEN");

    static Stream<Arguments> everyMove() {
        return Arrays.stream(CaseStatus.values()).flatMap(from -> Arrays.stream(CaseStatus.values())
                .map(to -> Arguments.of(from, to, ALLOWED.contains(from + ">" + to))));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyMove")
    void movesAsTheTableSays(CaseStatus from, CaseStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
        if (allowed) {
            from.requireMoveTo(to);
        } else if (from == CaseStatus.CLOSED) {
            assertThatThrownBy(() -> from.requireMoveTo(to)).isInstanceOf(CaseClosed.class)
                    .hasMessage("case-closed");
        } else {
            assertThatThrownBy(() -> from.requireMoveTo(to)).isInstanceOf(IllegalTransition.class)
                    .hasMessage("illegal-case-transition");
        }
    }

    @ParameterizedTest(name = "{0} open: {1}")
    @MethodSource("openness")
    void onlyAnOpenCaseIsOpen(CaseStatus status, boolean open) {
        assertThat(status.isOpen()).isEqualTo(open);
    }

    static Stream<Arguments> openness() {
        return Stream.of(Arguments.of(CaseStatus.OPEN, true), Arguments.of(CaseStatus.DONE, false),
                Arguments.of(CaseStatus.CLOSED, false));
    }
}
