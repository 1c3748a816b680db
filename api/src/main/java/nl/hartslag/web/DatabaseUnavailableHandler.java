package nl.hartslag.web;

import java.net.URI;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer while PostgreSQL is unreachable: {@code 503} problem+json in the request's language,
 * with {@code Retry-After}. Controllers' failures reach it through {@link ApiProblems}; as a
 * {@link WebExceptionHandler} ahead of Boot's own (order -1) it also answers failures outside the
 * controllers, such as the security filters looking up a staff account. Nothing is logged per
 * request: {@link DatabaseAvailability} logs the outage once.
 */
@Component
@Order(-2)
class DatabaseUnavailableHandler implements WebExceptionHandler {

    static final String CODE = "database-unavailable";

    private final DatabaseAvailability availability;
    private final MessageSource messages;
    private final JsonMapper json;

    DatabaseUnavailableHandler(DatabaseAvailability availability, MessageSource messages, JsonMapper json) {
        this.availability = availability;
        this.messages = messages;
        this.json = json;
    }

    /** Whether {@code failure} means the database is unreachable (and, if so, records it). */
    boolean applies(Throwable failure) {
        return availability.failed(failure);
    }

    /** The 503 for a controller's failure that {@link #applies}. */
    ResponseEntity<ProblemDetail> respond(ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(availability.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(exchange));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        var response = exchange.getResponse();
        if (response.isCommitted() || !availability.failed(failure)) {
            return Mono.error(failure);
        }
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(availability.retryAfterSeconds()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = json.writeValueAsBytes(problem(exchange));
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    private ProblemDetail problem(ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        if (locale == null) {
            locale = LocaleConfiguration.DUTCH;
        }
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.SERVICE_UNAVAILABLE);
        problem.setType(URI.create(ApiProblems.TYPE_PREFIX + CODE));
        problem.setTitle(messages.getMessage("problem." + CODE + ".title", null, CODE, locale));
        problem.setDetail(messages.getMessage("problem." + CODE + ".detail", null, null, locale));
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return problem;
    }
}
