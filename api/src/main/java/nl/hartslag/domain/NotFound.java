package nl.hartslag.domain;

/** The thing asked for does not exist, or the asker may not know that it does. */
public class NotFound extends DomainException {

    public NotFound() {
        super("not-found");
    }

    public NotFound(String code, Object... args) {
        super(code, args);
    }
}
