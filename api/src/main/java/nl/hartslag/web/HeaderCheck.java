package nl.hartslag.web;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Refuses a request whose header values are not printable ASCII (visible characters, space, tab),
 * or whose {@code Accept} or {@code Content-Type} is not a media type, with a 400 problem naming
 * the header, before anything reads them. (An unreadable {@code Accept} also left the error answer
 * without a body: no format could be agreed on.) HTTP header values are ASCII in
 * practice; a value such as {@code Idempotency-Key: ключ-1} arrives as raw UTF-8 bytes, and Spring
 * Security's firewall would only reject it when some code reads that header, deep inside a handler,
 * which surfaced as a 500. Checked here, first, every header gets the same clear answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class HeaderCheck implements WebFilter {

    private final ApiProblems problems;
    private final ServerCodecConfigurer codecs;

    HeaderCheck(ApiProblems problems, ServerCodecConfigurer codecs) {
        this.problems = problems;
        this.codecs = codecs;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String offending = offendingHeader(exchange);
        if (offending == null) {
            return chain.filter(exchange);
        }
        ProblemDetail problem = problems.invalid(List.of(Violation.of(offending, "validation.header")),
                locale(exchange));
        return EarlyAnswers.afterDroppingBody(exchange, ServerResponse.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).bodyValue(problem)
                .flatMap(response -> response.writeTo(exchange, new ServerResponse.Context() {
                    @Override
                    public List<HttpMessageWriter<?>> messageWriters() {
                        return codecs.getWriters();
                    }

                    @Override
                    public List<ViewResolver> viewResolvers() {
                        return List.of();
                    }
                })));
    }

    /** The name of the first header that is not printable ASCII or not readable; null when all are fine. */
    private static String offendingHeader(ServerWebExchange exchange) {
        AtomicReference<String> offending = new AtomicReference<>();
        HttpHeaders headers = exchange.getRequest().getHeaders();
        try {
            for (String accept : headers.getOrEmpty(HttpHeaders.ACCEPT)) {
                MediaType.parseMediaTypes(accept);
            }
        } catch (InvalidMediaTypeException e) {
            offending.set(HttpHeaders.ACCEPT);
        }
        try {
            headers.getContentType();
        } catch (InvalidMediaTypeException e) {
            offending.set(HttpHeaders.CONTENT_TYPE);
        }
        headers.forEach((name, values) -> {
            if (offending.get() == null && (!printable(name) || !values.stream().allMatch(HeaderCheck::printable))) {
                // The name itself passed Netty's token check; only what we can safely echo is echoed.
                offending.set(printable(name) ? name : "?");
            }
        });
        return offending.get();
    }

    static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static Locale locale(ServerWebExchange exchange) {
        // The language header may be the broken one: then Dutch, as for any request without one.
        Locale locale = printable(String.valueOf(exchange.getRequest().getHeaders().getFirst("Accept-Language")))
                ? exchange.getLocaleContext().getLocale() : null;
        return locale != null ? locale : LocaleConfiguration.DUTCH;
    }
}
