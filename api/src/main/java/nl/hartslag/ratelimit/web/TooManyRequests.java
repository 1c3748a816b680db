package nl.hartslag.ratelimit.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;

import nl.hartslag.web.EarlyAnswers;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 429 answer: RFC 9457 problem+json in the request's language (the same {@code problem.*}
 * texts as every other problem), with {@code Retry-After} in seconds. A browser posting the login
 * form gets the same words as a small page instead of JSON.
 */
@Component
class TooManyRequests {

    // The same problem type URIs as nl.hartslag.web.ApiProblems.
    private static final String TYPE = "https://hartslag.nl/problems/rate-limited";

    private final MessageSource messages;
    private final JsonMapper json;

    TooManyRequests(MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    ProblemDetail problem(long retryAfterSeconds, Locale locale, String path) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.TOO_MANY_REQUESTS);
        problem.setType(URI.create(TYPE));
        problem.setTitle(messages.getMessage("problem.rate-limited.title", null, locale));
        problem.setDetail(messages.getMessage("problem.rate-limited.detail", new Object[] { Long.toString(retryAfterSeconds) },
                null, locale));
        problem.setInstance(URI.create(path));
        problem.setProperty("retryAfterSeconds", retryAfterSeconds);
        return problem;
    }

    /** Writes the 429 from a web filter (the request never reaches a controller or the login check). */
    Mono<Void> write(ServerWebExchange exchange, long retryAfterSeconds) {
        Locale locale = locale(exchange);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        byte[] body;
        if (wantsPage(exchange)) {
            response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
            body = page(retryAfterSeconds, locale).getBytes(StandardCharsets.UTF_8);
        } else {
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            body = json.writeValueAsBytes(problem(retryAfterSeconds, locale, exchange.getRequest().getPath().value()));
        }
        return EarlyAnswers.afterDroppingBody(exchange,
                response.writeWith(Mono.just(response.bufferFactory().wrap(body))));
    }

    /** A browser's form post (the login page) asks for HTML first; scripts and our own pages' fetch calls do not. */
    private static boolean wantsPage(ServerWebExchange exchange) {
        var accept = exchange.getRequest().getHeaders().getAccept();
        return accept.stream().anyMatch(MediaType.TEXT_HTML::equalsTypeAndSubtype)
                && accept.stream().noneMatch(m -> m.getSubtype().endsWith("json"));
    }

    private String page(long retryAfterSeconds, Locale locale) {
        String title = HtmlUtils.htmlEscape(messages.getMessage("problem.rate-limited.title", null, locale));
        String detail = HtmlUtils.htmlEscape(messages.getMessage("problem.rate-limited.detail",
                new Object[] { Long.toString(retryAfterSeconds) }, locale));
        String back = HtmlUtils.htmlEscape(messages.getMessage("problem.rate-limited.back", null, locale));
        return "<!doctype html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
                + "</title></head><body><main><h1>" + title + "</h1><p>" + detail + "</p><p><a href=\"/login\">"
                + back + "</a></p></main></body></html>";
    }

    static Locale locale(ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        return locale != null ? locale : Locale.forLanguageTag("nl");
    }
}
