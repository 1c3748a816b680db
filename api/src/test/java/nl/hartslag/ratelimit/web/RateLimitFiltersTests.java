package nl.hartslag.ratelimit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import nl.hartslag.ratelimit.RateLimitSettings;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filters without a server: which client a request counts against, and that
 * {@code hartslag.rate-limit.enabled=false} lets everything through (the load-benchmark switch).
 */
class RateLimitFiltersTests {

    private static final WebFilterChain OK = exchange -> {
        exchange.getResponse().setStatusCode(HttpStatus.CREATED);
        return Mono.empty();
    };

    private final TooManyRequests tooMany = new TooManyRequests(messages(), JsonMapper.builder().build());

    @Test
    void aReportRuleRefusesTheSecondReportFromOneClientAndNotFromAnother() {
        PathRateLimitFilter filter = new PathRateLimitFilter(settings(true), tooMany);
        assertThat(status(filter, report("192.0.2.1"))).isEqualTo(HttpStatus.CREATED);
        MockServerWebExchange second = report("192.0.2.1");
        assertThat(status(filter, second)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(second.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).matches("[1-9][0-9]*");
        assertThat(status(filter, report("192.0.2.2"))).isEqualTo(HttpStatus.CREATED);
        // Other methods are not under the rule.
        assertThat(status(filter, MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/reports")
                .remoteAddress(new InetSocketAddress("192.0.2.1", 5000))))).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void anIpv6ClientCountsByItsSlash64SoANewAddressPerRequestDoesNotHelp() {
        PathRateLimitFilter filter = new PathRateLimitFilter(settings(true), tooMany);
        assertThat(status(filter, report("2001:db8:1:2::1"))).isEqualTo(HttpStatus.CREATED);
        assertThat(status(filter, report("2001:db8:1:2:ffff::7"))).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(status(filter, report("2001:db8:1:3::1"))).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void theSwitchLetsEveryReportAndEveryLoginAttemptThrough() {
        RateLimitSettings off = settings(false);
        PathRateLimitFilter paths = new PathRateLimitFilter(off, tooMany);
        LoginThrottle logins = new LoginThrottle(off, tooMany);
        for (int i = 0; i < 5; i++) {
            assertThat(status(paths, report("192.0.2.1"))).isEqualTo(HttpStatus.CREATED);
            MockServerWebExchange basic = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/staff/me")
                    .header(HttpHeaders.AUTHORIZATION, "Basic Y29vcmRpbmF0b3I6d3Jvbmc=")
                    .remoteAddress(new InetSocketAddress("192.0.2.1", 5000)));
            assertThat(status(logins, basic)).isEqualTo(HttpStatus.CREATED);
        }
    }

    private static RateLimitSettings settings(boolean enabled) {
        RateLimitSettings.Allowance one = new RateLimitSettings.Allowance(1, Duration.ofHours(1));
        return new RateLimitSettings(enabled, 100,
                Map.of("reports", new RateLimitSettings.PathRule("POST", List.of("/api/v1/reports"), 1,
                        Duration.ofMinutes(1))),
                one, new RateLimitSettings.Login(one, one));
    }

    private static MockServerWebExchange report(String address) {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/reports")
                .remoteAddress(new InetSocketAddress(address, 5000)));
    }

    private static HttpStatus status(WebFilter filter, ServerWebExchange exchange) {
        filter.filter(exchange, OK).block();
        return HttpStatus.valueOf(exchange.getResponse().getStatusCode().value());
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
