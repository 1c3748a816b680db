package nl.hartslag.mediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import nl.hartslag.casework.Outcome;

/**
 * The mediation method's three tables, every entry one case: which step may follow which, where a
 * recorded conversation takes the case, and which outcome may close it from which step.
 */
class MediationStepTests {

    private static final Set<String> ALLOWED = Set.of(
            "INTAKE>OFFERED", "INTAKE>CLOSED",
            "OFFERED>ASSIGNED", "OFFERED>TALK_A", "OFFERED>TALK_B", "OFFERED>JOINT", "OFFERED>CLOSED",
            "ASSIGNED>TALK_A", "ASSIGNED>TALK_B", "ASSIGNED>JOINT", "ASSIGNED>CLOSED",
            "TALK_A>TALK_B", "TALK_A>JOINT", "TALK_A>CLOSED",
            "TALK_B>JOINT", "TALK_B>CLOSED",
            "JOINT>CLOSED");

    static Stream<Arguments> everyMove() {
        return Arrays.stream(MediationStep.values()).flatMap(from -> Arrays.stream(MediationStep.values())
                .map(to -> Arguments.of(from, to, ALLOWED.contains(from + ">" + to))));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyMove")
    void movesAsTheTableSays(MediationStep from, MediationStep to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "in {0} a {1} conversation -> {2}")
    @CsvSource({
            "INTAKE,   PARTY_A, -", "INTAKE,   PARTY_B, -", "INTAKE,   JOINT, -", "INTAKE,   OTHER, -",
            "OFFERED,  PARTY_A, TALK_A", "OFFERED,  PARTY_B, TALK_B", "OFFERED,  JOINT, JOINT", "OFFERED,  OTHER, OFFERED",
            "ASSIGNED, PARTY_A, TALK_A", "ASSIGNED, PARTY_B, TALK_B", "ASSIGNED, JOINT, JOINT", "ASSIGNED, OTHER, ASSIGNED",
            "TALK_A,   PARTY_A, TALK_A", "TALK_A,   PARTY_B, TALK_B", "TALK_A,   JOINT, JOINT", "TALK_A,   OTHER, TALK_A",
            "TALK_B,   PARTY_A, TALK_B", "TALK_B,   PARTY_B, TALK_B", "TALK_B,   JOINT, JOINT", "TALK_B,   OTHER, TALK_B",
            "JOINT,    PARTY_A, JOINT", "JOINT,    PARTY_B, JOINT", "JOINT,    JOINT, JOINT", "JOINT,    OTHER, JOINT",
            "CLOSED,   PARTY_A, -", "CLOSED,   PARTY_B, -", "CLOSED,   JOINT, -", "CLOSED,   OTHER, -" })
    void aConversationMovesTheCaseForwardNeverBack(MediationStep step, Conversation kind, String expected) {
        Optional<MediationStep> next = step.afterConversation(kind);
        if (expected.equals("-")) {
            assertThat(next).isEmpty();
        } else {
            assertThat(next).contains(MediationStep.valueOf(expected));
            // Each move it makes is one the step table allows (or no move at all).
            assertThat(next.get() == step || step.canMoveTo(next.get())).isTrue();
        }
    }

    /** Outcomes that end a mediation because it cannot happen: known before any talk. */
    private static final Set<Outcome> BEFORE_ANY_TALK = Set.of(Outcome.PARTY_DECLINED, Outcome.NOT_SUITABLE,
            Outcome.REFERRED);
    private static final Set<MediationStep> TALKED = Set.of(MediationStep.TALK_A, MediationStep.TALK_B,
            MediationStep.JOINT);

    static Stream<Arguments> everyClosing() {
        return Arrays.stream(MediationStep.values()).flatMap(step -> Arrays.stream(Outcome.values())
                .map(outcome -> Arguments.of(step, outcome, step != MediationStep.CLOSED
                        && (TALKED.contains(step) || BEFORE_ANY_TALK.contains(outcome)))));
    }

    @ParameterizedTest(name = "close {0} with {1}: {2}")
    @MethodSource("everyClosing")
    void closesOnlyAsTheTableSays(MediationStep step, Outcome outcome, boolean allowed) {
        assertThat(step.canCloseWith(outcome)).isEqualTo(allowed);
        if (allowed || step == MediationStep.CLOSED) {
            assertThat(step.missingBefore(outcome)).isEmpty();
        } else {
            // Nobody talked yet: what is missing is the conversation with party A.
            assertThat(step.missingBefore(outcome)).contains(MediationStep.TALK_A);
        }
    }

    @ParameterizedTest(name = "duo complete in {0} -> {1}")
    @CsvSource({ "INTAKE, INTAKE", "OFFERED, ASSIGNED", "ASSIGNED, ASSIGNED", "TALK_A, TALK_A", "TALK_B, TALK_B",
            "JOINT, JOINT", "CLOSED, CLOSED" })
    void aSecondMediatorNeverMovesTheCaseBack(MediationStep step, MediationStep expected) {
        assertThat(step.afterDuoComplete()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "offered in {0} -> {1}")
    @CsvSource({ "INTAKE, OFFERED", "OFFERED, OFFERED", "ASSIGNED, ASSIGNED", "TALK_A, TALK_A", "CLOSED, CLOSED" })
    void offeringMovesOnlyFromIntake(MediationStep step, MediationStep expected) {
        assertThat(step.afterOffer()).isEqualTo(expected);
    }
}
