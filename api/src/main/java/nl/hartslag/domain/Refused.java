package nl.hartslag.domain;

/**
 * A rule of the approach forbids it in the current state (a household worry stays with the
 * coordinator, a name is taken). For a move of a workflow use {@link IllegalTransition}.
 */
public class Refused extends DomainException {

    public Refused(String code, Object... args) {
        super(code, args);
    }
}
