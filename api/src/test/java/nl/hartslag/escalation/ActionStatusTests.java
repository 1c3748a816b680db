package nl.hartslag.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every move of an agreed action, allowed or forbidden, one case each (2 × 2 = 4). */
class ActionStatusTests {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            // allowed
            "OPEN, DONE, true",
            // forbidden
            "OPEN, OPEN, false", "DONE, OPEN, false", "DONE, DONE, false" })
    void move(ActionStatus from, ActionStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }
}
