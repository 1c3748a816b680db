package nl.hartslag.web;

import java.util.List;

/**
 * One thing wrong with a request: the field (as the client named it, e.g. {@code contact.phone})
 * and a message key rendered in the request's language.
 */
public record Violation(String field, String code, List<Object> args) {

    public Violation {
        args = List.copyOf(args);
    }

    public static Violation of(String field, String code, Object... args) {
        return new Violation(field, code, List.of(args));
    }
}
