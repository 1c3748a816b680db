package nl.hartslag.ratelimit.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import nl.hartslag.ratelimit.KeyedBuckets;
import nl.hartslag.ratelimit.RateLimitExceeded;
import nl.hartslag.ratelimit.RateLimitSettings;
import reactor.core.publisher.Mono;

/**
 * Throttles password guessing: the staff login form ({@code POST /login}) and every request that
 * carries HTTP Basic credentials (scripts and partners on {@code /api/v1/staff/**}). Each attempt
 * takes a token from its client address's bucket and from its login name's bucket before the
 * password is checked; a success gives both back, so only failures count and a script sending
 * Basic with every call is never slowed down. An empty bucket answers 429 with {@code Retry-After}
 * without checking the password at all, so guessing on through the 429s tells an attacker nothing.
 * <p>
 * Nobody is locked out for good: the buckets refill by themselves (one attempt every period/limit),
 * so the right password works again after the Retry-After. The per-client allowance is smaller than
 * the per-name one, so one client cannot empty a coordinator's bucket; that takes several clients
 * guessing on, and ends one refill period after they stop.
 */
@Component
class LoginThrottle implements WebFilter, Ordered {

    private static final String LOGIN_PATH = "/login";

    private record Attempt(String client, Optional<String> username) {
    }

    private final boolean enabled;
    private final KeyedBuckets perClient;
    private final KeyedBuckets perUsername;
    private final TooManyRequests tooMany;

    LoginThrottle(RateLimitSettings settings, TooManyRequests tooMany) {
        this.enabled = settings.enabled();
        int maxKeys = settings.maxKeysPerRule();
        this.perClient = new KeyedBuckets(settings.login().perClient(), KeyedBuckets.Refill.SMOOTH, maxKeys);
        this.perUsername = new KeyedBuckets(settings.login().perUsername(), KeyedBuckets.Refill.SMOOTH, maxKeys);
        this.tooMany = tooMany;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!enabled) {
            return chain.filter(exchange);
        }
        Optional<String> client = ClientAddress.of(exchange);
        if (client.isEmpty()) {
            return chain.filter(exchange);
        }
        Optional<String> basic = basicUsername(exchange);
        if (basic.isPresent()) {
            return attempt(exchange, chain, new Attempt(client.get(), basic.filter(u -> !u.isEmpty())), false);
        }
        if (isFormLogin(exchange)) {
            // Reading the form here is free for Spring Security: the exchange caches the parsed form.
            return exchange.getFormData()
                    .map(form -> Optional.ofNullable(form.getFirst("username")).filter(u -> !u.isBlank()))
                    .onErrorReturn(Optional.empty())
                    .defaultIfEmpty(Optional.empty())
                    .flatMap(username -> attempt(exchange, chain, new Attempt(client.get(), username), true));
        }
        return chain.filter(exchange);
    }

    private Mono<Void> attempt(ServerWebExchange exchange, WebFilterChain chain, Attempt attempt, boolean form) {
        Optional<Duration> wait = perClient.take(attempt.client());
        if (wait.isPresent()) {
            return tooMany.write(exchange, RateLimitExceeded.seconds(wait.get()));
        }
        Optional<String> name = attempt.username().map(u -> u.strip().toLowerCase(Locale.ROOT));
        if (name.isPresent()) {
            wait = perUsername.take(name.get());
            if (wait.isPresent()) {
                perClient.giveBack(attempt.client());
                return tooMany.write(exchange, RateLimitExceeded.seconds(wait.get()));
            }
        }
        exchange.getResponse().beforeCommit(() -> {
            if (succeeded(exchange, form)) {
                perClient.giveBack(attempt.client());
                name.ifPresent(perUsername::giveBack);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    /**
     * Basic: anything but 401 means the password was right (a 403 is a right password without the
     * role). Form login: Spring Security redirects a success onwards and a failure back to the login
     * page ({@code /login?error}); anything else (a refused CSRF token, an error) counts as a failure.
     */
    private static boolean succeeded(ServerWebExchange exchange, boolean form) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        if (!form) {
            return status == null || status.value() != HttpStatus.UNAUTHORIZED.value();
        }
        URI location = exchange.getResponse().getHeaders().getLocation();
        return status != null && status.is3xxRedirection() && location != null && location.getPath() != null
                && !location.getPath().startsWith(LOGIN_PATH);
    }

    private static boolean isFormLogin(ServerWebExchange exchange) {
        return HttpMethod.POST.equals(exchange.getRequest().getMethod())
                && LOGIN_PATH.equals(exchange.getRequest().getPath().pathWithinApplication().value());
    }

    /** The login name of a Basic header; empty string for a header we cannot read (still an attempt). */
    private static Optional<String> basicUsername(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return Optional.of(colon < 0 ? "" : decoded.substring(0, colon));
        } catch (IllegalArgumentException e) {
            return Optional.of("");
        }
    }

    @Override
    public int getOrder() {
        return PathRateLimitFilter.ORDER + 1;
    }
}
