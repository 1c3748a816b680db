package nl.hartslag.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every move of an escalation proposal, allowed or forbidden, one case each (3 × 3 = 9). */
class ProposalStatusTests {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            // allowed
            "PROPOSED, ON_AGENDA, true", "PROPOSED, DISMISSED, true", "ON_AGENDA, ON_AGENDA, true",
            // forbidden
            "PROPOSED, PROPOSED, false", "ON_AGENDA, PROPOSED, false", "ON_AGENDA, DISMISSED, false",
            "DISMISSED, PROPOSED, false", "DISMISSED, ON_AGENDA, false", "DISMISSED, DISMISSED, false" })
    void move(ProposalStatus from, ProposalStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }
}
