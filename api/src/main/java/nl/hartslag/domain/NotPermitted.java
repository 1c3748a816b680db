package nl.hartslag.domain;

/** The asker is known but this is not theirs to see or change (another volunteer's case, another agency's action). */
public class NotPermitted extends DomainException {

    public NotPermitted(String code, Object... args) {
        super(code, args);
    }
}
