package nl.hartslag.ratelimit.web;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import nl.hartslag.ratelimit.KeyedBuckets;
import nl.hartslag.ratelimit.RateLimitExceeded;
import nl.hartslag.ratelimit.RateLimitSettings;
import reactor.core.publisher.Mono;

/**
 * Limits the public endpoints per client address, by the rules in {@code hartslag.rate-limit.paths}
 * (filing reports, "similar problems", "me too", the status API and page). Runs before security and
 * before any controller, so a refused request costs a map lookup and nothing else: no body is read,
 * no database is asked. When several rules match, the most specific path pattern decides
 * ({@code /api/v1/reports/similar} before {@code /api/v1/reports/{reference}/**}).
 */
@Component
class PathRateLimitFilter implements WebFilter, Ordered {

    /** Before Spring Security's chain (-100): a flood is turned away before anything else runs. */
    static final int ORDER = -200;

    private record Rule(String name, HttpMethod method, List<PathPattern> patterns, KeyedBuckets buckets) {

        Optional<PathPattern> match(HttpMethod requestMethod, PathContainer path) {
            if (method != null && !method.equals(requestMethod)) {
                return Optional.empty();
            }
            return patterns.stream().filter(p -> p.matches(path)).min(PathPattern.SPECIFICITY_COMPARATOR);
        }
    }

    private record Match(Rule rule, PathPattern pattern) {
    }

    private final boolean enabled;
    private final List<Rule> rules;
    private final TooManyRequests tooMany;

    PathRateLimitFilter(RateLimitSettings settings, TooManyRequests tooMany) {
        this.enabled = settings.enabled();
        this.tooMany = tooMany;
        this.rules = settings.paths().entrySet().stream().map(e -> rule(e, settings.maxKeysPerRule())).toList();
    }

    private static Rule rule(Map.Entry<String, RateLimitSettings.PathRule> entry, int maxKeys) {
        RateLimitSettings.PathRule rule = entry.getValue();
        List<PathPattern> patterns = rule.paths().stream().map(PathPatternParser.defaultInstance::parse).toList();
        return new Rule(entry.getKey(), rule.method().isEmpty() ? null : HttpMethod.valueOf(rule.method()), patterns,
                new KeyedBuckets(rule.allowance(), KeyedBuckets.Refill.WHOLE, maxKeys));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!enabled) {
            return chain.filter(exchange);
        }
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        HttpMethod method = exchange.getRequest().getMethod();
        Optional<Match> match = rules.stream()
                .flatMap(rule -> rule.match(method, path).map(pattern -> new Match(rule, pattern)).stream())
                .min(Comparator.comparing(Match::pattern, PathPattern.SPECIFICITY_COMPARATOR));
        if (match.isEmpty()) {
            return chain.filter(exchange);
        }
        Optional<String> client = ClientAddress.of(exchange);
        if (client.isEmpty()) {
            return chain.filter(exchange);
        }
        Optional<Duration> wait = match.get().rule().buckets().take(client.get());
        if (wait.isPresent()) {
            return tooMany.write(exchange, RateLimitExceeded.seconds(wait.get()));
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
