package nl.hartslag.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A domain refusal that is not about a single field (not found, conflict). The code names the
 * problem type and its message keys ({@code problem.<code>.title} / {@code problem.<code>.detail}).
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<Object> args;

    public ProblemException(HttpStatus status, String code, Object... args) {
        super(code);
        this.status = status;
        this.code = code;
        this.args = List.of(args);
    }

    public static ProblemException notFound() {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found");
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Object> args() {
        return args;
    }
}
