package nl.hartslag.domain;

import java.util.List;

/**
 * A refusal by the domain, not about a single input field. Subclasses say what kind of refusal it
 * is; the web layer maps the kind to a status.
 */
public abstract class DomainException extends RuntimeException {

    private final String code;
    private final List<Object> args;

    protected DomainException(String code, Object... args) {
        super(code);
        this.code = code;
        this.args = List.of(args);
    }

    /** The problem type, e.g. {@code case-closed}; also the message key stem. */
    public String code() {
        return code;
    }

    /** Arguments for the detail message, in order. */
    public List<Object> args() {
        return args;
    }

    // A refusal is an answer, not a failure: no stack trace to fill (they are thrown on hot paths).
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
