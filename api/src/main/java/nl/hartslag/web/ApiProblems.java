package nl.hartslag.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nl.hartslag.domain.DomainException;
import nl.hartslag.domain.NotFound;
import nl.hartslag.domain.NotPermitted;
import nl.hartslag.domain.Unprocessable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Every error an API client sees is RFC 9457 {@code application/problem+json}, titled and explained
 * in the request's language, with an {@code errors} list of {@code {field, message}} when input was
 * at fault. Spring's own web exceptions get their texts from the same message bundle
 * ({@code problemDetail.*} keys), our domain exceptions from {@code problem.*} and {@code validation.*}.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
    static final String TYPE_PREFIX = "https://hartslag.nl/problems/";

    private final MessageSource messages;
    private final DatabaseUnavailableHandler databaseUnavailable;

    ApiProblems(MessageSource messages, DatabaseUnavailableHandler databaseUnavailable) {
        this.messages = messages;
        this.databaseUnavailable = databaseUnavailable;
        setMessageSource(messages);
    }

    @ExceptionHandler(InvalidRequestException.class)
    Mono<ResponseEntity<ProblemDetail>> invalid(InvalidRequestException ex, ServerWebExchange exchange) {
        return Mono.just(respond(invalid(ex.violations(), locale(exchange))));
    }

    /** The 400 problem listing {@code violations}; also for refusals made before a handler runs. */
    ProblemDetail invalid(List<Violation> violations, Locale locale) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", List.of(), locale);
        problem.setProperty("errors", render(violations, locale));
        return problem;
    }

    /** Features refuse with domain exceptions; the status is chosen here, the only place that knows HTTP. */
    @ExceptionHandler(DomainException.class)
    Mono<ResponseEntity<ProblemDetail>> refused(DomainException ex, ServerWebExchange exchange) {
        return Mono.just(respond(problem(statusOf(ex), ex.code(), ex.args(), locale(exchange))));
    }

    static HttpStatus statusOf(DomainException ex) {
        if (ex instanceof NotFound) {
            return HttpStatus.NOT_FOUND;
        }
        if (ex instanceof NotPermitted) {
            return HttpStatus.FORBIDDEN;
        }
        if (ex instanceof Unprocessable) {
            return HttpStatus.UNPROCESSABLE_CONTENT;
        }
        return HttpStatus.CONFLICT;
    }

    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<ProblemDetail>> unexpected(Exception ex, ServerWebExchange exchange) {
        // PostgreSQL unreachable: 503 with Retry-After, logged once per outage, not per request.
        if (databaseUnavailable.applies(ex)) {
            return Mono.just(databaseUnavailable.respond(exchange));
        }
        // Log the type and stack, never the request: bodies may carry a reporter's contact details.
        log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        return Mono.just(respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", List.of(), locale(exchange))));
    }

    /** Malformed JSON or a value of the wrong type: name the field when Jackson knows it. */
    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        Locale locale = locale(exchange);
        DatabindException databind = findCause(ex, DatabindException.class);
        if (databind != null && !databind.getPath().isEmpty()) {
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", List.of(), locale);
            String code = databind instanceof TextFields.UnstorableTextException ? "validation.text.unstorable"
                    : "validation.wrong-type";
            problem.setProperty("errors", render(List.of(Violation.of(jsonPath(databind), code)), locale));
            return Mono.just(ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem));
        }
        if (findCause(ex, DecodingException.class) != null) {
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-json", List.of(), locale);
            return Mono.just(ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem));
        }
        return super.handleServerWebInputException(ex, headers, status, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode status, ServerWebExchange exchange) {
        return super.handleExceptionInternal(ex, body, headers, status, exchange).map(response -> {
            if (response.getBody() instanceof ProblemDetail problem && problem.getStatus() >= 500) {
                log.error("Server error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
            }
            return response;
        });
    }

    private ProblemDetail problem(HttpStatusCode status, String code, List<Object> args, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(messages.getMessage("problem." + code + ".title", null, code, locale));
        problem.setDetail(messages.getMessage("problem." + code + ".detail", args.toArray(), null, locale));
        return problem;
    }

    private List<Map<String, String>> render(List<Violation> violations, Locale locale) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (Violation v : violations) {
            errors.add(Map.of("field", v.field(),
                    "message", messages.getMessage(v.code(), v.args().toArray(), v.code(), locale)));
        }
        return errors;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static Locale locale(ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        return locale != null ? locale : LocaleConfiguration.DUTCH;
    }

    private static String jsonPath(DatabindException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
