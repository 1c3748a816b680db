package nl.hartslag.mediation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nl.hartslag.mediation.OfferDecision.Standing;

/** What a JA or NEE does, for every standing of the offer, with and without a free place in the duo. */
class OfferDecisionTests {

    @ParameterizedTest(name = "{0}, place free {1}, yes {2} -> {3}")
    @CsvSource({
            // A place in the duo is free.
            "OPEN,     true,  true,  ACCEPT",
            "OPEN,     true,  false, DECLINE",
            "LAPSED,   true,  true,  EXPIRE",
            "LAPSED,   true,  false, EXPIRE",
            "DECLINED, true,  true,  ACCEPT",
            "DECLINED, true,  false, STILL_DECLINED",
            "EXPIRED,  true,  true,  STILL_EXPIRED",
            "EXPIRED,  true,  false, STILL_EXPIRED",
            "TAKEN,    true,  true,  STILL_TAKEN",
            "TAKEN,    true,  false, STILL_TAKEN",
            "ACCEPTED, true,  true,  STILL_TAKEN",
            "ACCEPTED, true,  false, STILL_TAKEN",
            // The duo is complete or the case closed.
            "OPEN,     false, true,  TAKE",
            "OPEN,     false, false, TAKE",
            "LAPSED,   false, true,  TAKE",
            "LAPSED,   false, false, TAKE",
            "DECLINED, false, true,  STILL_TAKEN",
            "DECLINED, false, false, STILL_TAKEN",
            "EXPIRED,  false, true,  STILL_TAKEN",
            "EXPIRED,  false, false, STILL_TAKEN",
            "TAKEN,    false, true,  STILL_TAKEN",
            "TAKEN,    false, false, STILL_TAKEN",
            "ACCEPTED, false, true,  STILL_TAKEN",
            "ACCEPTED, false, false, STILL_TAKEN" })
    void decidesAsTheTableSays(Standing standing, boolean placeFree, boolean yes, OfferDecision expected) {
        OfferDecision decision = OfferDecision.of(standing, placeFree, yes);
        assertThat(decision).isEqualTo(expected);
        // Whatever it writes is a move the offer's own table allows from where it stands.
        if (decision.writes != null) {
            OfferAnswer from = standing == Standing.LAPSED ? OfferAnswer.OPEN : OfferAnswer.valueOf(standing.name());
            assertThat(from.canMoveTo(decision.writes)).as("%s -> %s", from, decision.writes).isTrue();
        }
    }

    @Test
    void whatEachDecisionWritesAndAnswers() {
        assertThat(OfferDecision.ACCEPT.writes).isEqualTo(OfferAnswer.ACCEPTED);
        assertThat(OfferDecision.DECLINE.writes).isEqualTo(OfferAnswer.DECLINED);
        assertThat(OfferDecision.DECLINE.asksNext).isTrue();
        assertThat(OfferDecision.EXPIRE.writes).isEqualTo(OfferAnswer.EXPIRED);
        assertThat(OfferDecision.EXPIRE.answer).isEqualTo(Mediations.Answer.EXPIRED);
        assertThat(OfferDecision.TAKE.writes).isEqualTo(OfferAnswer.TAKEN);
        assertThat(OfferDecision.TAKE.asksNext).isFalse();
        assertThat(OfferDecision.STILL_DECLINED.writes).isNull();
        assertThat(OfferDecision.STILL_EXPIRED.answer).isEqualTo(Mediations.Answer.EXPIRED);
        assertThat(OfferDecision.STILL_TAKEN.answer).isEqualTo(Mediations.Answer.TAKEN);
    }

    @Test
    void anOpenOfferPastItsTimeHasLapsed() {
        assertThat(Standing.of(OfferAnswer.OPEN, true)).isEqualTo(Standing.LAPSED);
        assertThat(Standing.of(OfferAnswer.OPEN, false)).isEqualTo(Standing.OPEN);
        assertThat(Standing.of(OfferAnswer.DECLINED, true)).isEqualTo(Standing.DECLINED);
    }
}
