package nl.hartslag.web;

import java.util.List;

/** A request that breaks one or more rules; answered with 400 and every violation listed. */
public class InvalidRequestException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidRequestException(List<Violation> violations) {
        super("invalid request: " + violations.stream().map(Violation::field).toList());
        this.violations = List.copyOf(violations);
    }

    public InvalidRequestException(Violation violation) {
        this(List.of(violation));
    }

    public List<Violation> violations() {
        return violations;
    }
}
