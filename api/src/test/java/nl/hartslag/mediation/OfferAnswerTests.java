package nl.hartslag.mediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every move of an offer's answer, allowed or forbidden, one case each. */
class OfferAnswerTests {

    private static final Set<String> ALLOWED = Set.of("OPEN>ACCEPTED", "OPEN>DECLINED", "OPEN>EXPIRED", "OPEN>TAKEN",
            "DECLINED>ACCEPTED");

    static Stream<Arguments> everyMove() {
        return Arrays.stream(OfferAnswer.values()).flatMap(from -> Arrays.stream(OfferAnswer.values())
                .map(to -> Arguments.of(from, to, ALLOWED.contains(from + ">" + to))));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyMove")
    void movesAsTheTableSays(OfferAnswer from, OfferAnswer to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @Test
    void anUnansweredOfferIsStoredAsNull() {
        assertThat(OfferAnswer.stored(null)).isEqualTo(OfferAnswer.OPEN);
        assertThat(OfferAnswer.OPEN.column()).isNull();
        for (OfferAnswer answered : Set.of(OfferAnswer.ACCEPTED, OfferAnswer.DECLINED, OfferAnswer.EXPIRED,
                OfferAnswer.TAKEN)) {
            assertThat(OfferAnswer.stored(answered.column())).isEqualTo(answered);
        }
    }
}
