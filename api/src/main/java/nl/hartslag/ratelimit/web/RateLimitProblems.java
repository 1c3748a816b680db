package nl.hartslag.ratelimit.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

import nl.hartslag.ratelimit.RateLimitExceeded;
import reactor.core.publisher.Mono;

/**
 * A limit reached inside a request (per contact, known only after the body was read): 429 with
 * {@code Retry-After}. Ordered first, ahead of the catch-all of the shared problem handler.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RateLimitProblems {

    private final TooManyRequests tooMany;

    RateLimitProblems(TooManyRequests tooMany) {
        this.tooMany = tooMany;
    }

    @ExceptionHandler(RateLimitExceeded.class)
    Mono<ResponseEntity<ProblemDetail>> limited(RateLimitExceeded ex, ServerWebExchange exchange) {
        long seconds = ex.retryAfterSeconds();
        return Mono.just(ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(tooMany.problem(seconds, TooManyRequests.locale(exchange),
                        exchange.getRequest().getPath().value())));
    }
}
