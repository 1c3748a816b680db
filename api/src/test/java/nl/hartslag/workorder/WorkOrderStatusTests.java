package nl.hartslag.workorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every move of a work order, allowed or forbidden, one case each (5 × 5 = 25). */
class WorkOrderStatusTests {

    private static final String[] MOVES = {
            // allowed
            "OPEN, UNDERWAY, true", "OPEN, DONE, true", "OPEN, NOT_FOR_US, true", "OPEN, CLOSED, true",
            "UNDERWAY, DONE, true", "UNDERWAY, NOT_FOR_US, true", "UNDERWAY, CLOSED, true",
            "DONE, OPEN, true", "DONE, CLOSED, true",
            "NOT_FOR_US, OPEN, true", "NOT_FOR_US, CLOSED, true",
            // forbidden
            "OPEN, OPEN, false",
            "UNDERWAY, OPEN, false", "UNDERWAY, UNDERWAY, false",
            "DONE, UNDERWAY, false", "DONE, DONE, false", "DONE, NOT_FOR_US, false",
            "NOT_FOR_US, UNDERWAY, false", "NOT_FOR_US, DONE, false", "NOT_FOR_US, NOT_FOR_US, false",
            "CLOSED, OPEN, false", "CLOSED, UNDERWAY, false", "CLOSED, DONE, false", "CLOSED, NOT_FOR_US, false",
            "CLOSED, CLOSED, false" };

    static Stream<Arguments> moves() {
        return Arrays.stream(MOVES).map(m -> m.split(",\\s*"))
                .map(p -> Arguments.of(WorkOrderStatus.valueOf(p[0]), WorkOrderStatus.valueOf(p[1]),
                        Boolean.parseBoolean(p[2])));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("moves")
    void move(WorkOrderStatus from, WorkOrderStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @Test
    void everyPairIsListedOnce() {
        Set<String> listed = new HashSet<>();
        for (String move : MOVES) {
            String[] p = move.split(",\\s*");
            listed.add(p[0] + "->" + p[1]);
        }
        int n = WorkOrderStatus.values().length;
        assertThat(MOVES).hasSize(n * n);
        assertThat(listed).hasSize(n * n);
    }

    @Test
    void onlyOpenAndUnderwayAreWithTheTeam() {
        assertThat(Arrays.stream(WorkOrderStatus.values()).filter(WorkOrderStatus::withTeam))
                .containsExactly(WorkOrderStatus.OPEN, WorkOrderStatus.UNDERWAY);
    }
}
