package nl.hartslag.domain;

/** Well-formed input that cannot be honoured as sent (an idempotency key reused for another body). */
public class Unprocessable extends DomainException {

    public Unprocessable(String code, Object... args) {
        super(code, args);
    }
}
