package nl.hartslag.domain;

/**
 * A workflow was asked to move where its transition table does not allow. The code defaults to
 * {@code illegal-transition} with arguments {@code (from, to)}; a workflow may give a more telling
 * code, e.g. naming the step that is missing.
 */
public class IllegalTransition extends Refused {

    private final Enum<?> from;
    private final Enum<?> to;

    public IllegalTransition(Enum<?> from, Enum<?> to) {
        this("illegal-transition", from, to, from, to);
    }

    public IllegalTransition(String code, Enum<?> from, Enum<?> to, Object... args) {
        super(code, args);
        this.from = from;
        this.to = to;
    }

    public Enum<?> from() {
        return from;
    }

    public Enum<?> to() {
        return to;
    }
}
