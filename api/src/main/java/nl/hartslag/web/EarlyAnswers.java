package nl.hartslag.web;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * For web filters that answer a request themselves, before any handler read it (a refused header, a
 * rate limit). Answering while the request body is still on its way left the connection in a state
 * where a client reusing it waited for an answer that never came, so the body is read and dropped first.
 */
public final class EarlyAnswers {

    private EarlyAnswers() {
    }

    /** {@code answer}, subscribed once the request body (if any) has been read and released. */
    public static Mono<Void> afterDroppingBody(ServerWebExchange exchange, Mono<Void> answer) {
        return exchange.getRequest().getBody().map(DataBufferUtils::release)
                // Already read (e.g. the login form for its username): nothing is left to drop.
                .onErrorResume(IllegalStateException.class, alreadyRead -> Mono.empty())
                .then(answer);
    }
}
