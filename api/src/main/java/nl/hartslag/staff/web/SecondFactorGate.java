package nl.hartslag.staff.web;

import java.net.URI;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import nl.hartslag.staff.SecondFactor;
import reactor.core.publisher.Mono;

/**
 * Keeps a login that is half-way (password right, code or enrolment still to come) to that next
 * step: runs before the authorization rules, because such a login is "authenticated" and would pass
 * the rules that only ask for that ({@code /api/v1/staff/me}, {@code /staff/**}). Staff pages are sent
 * to the step's page; API calls get a problem (401 while the code is missing, 403 until enrolled).
 * Public pages are not its business.
 */
final class SecondFactorGate implements WebFilter {

    static final URI CODE_PAGE = URI.create("/login-code.html");
    static final URI ENROL_PAGE = URI.create("/staff/totp.html");

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    interface Problems {
        Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code);
    }

    private final Problems problems;
    private final ServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();

    SecondFactorGate(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!guarded(path)) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext().map(SecurityContext::getAuthentication)
                .mapNotNull(SecondFactor::pending).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(stage -> stage.isEmpty() || (stage.get() == SecondFactor.ENROLMENT_NEEDED && enrolment(path))
                        ? chain.filter(exchange)
                        : refuse(exchange, path, stage.get()));
    }

    private Mono<Void> refuse(ServerWebExchange exchange, String path, SecondFactor stage) {
        if (path.startsWith("/api/") || path.startsWith("/actuator")) {
            return stage == SecondFactor.CODE_NEEDED
                    ? problems.write(exchange, HttpStatus.UNAUTHORIZED, "second-factor")
                    : problems.write(exchange, HttpStatus.FORBIDDEN, "second-factor-enrolment");
        }
        return redirect.sendRedirect(exchange, stage == SecondFactor.CODE_NEEDED ? CODE_PAGE : ENROL_PAGE);
    }

    /** What a login needs to be finished first: everything for staff, except the public health probes. */
    private static boolean guarded(String path) {
        return PATHS.match("/staff/**", path) || PATHS.match("/api/v1/staff/**", path)
                || (PATHS.match("/actuator/**", path) && !PATHS.match("/actuator/health/**", path)
                        && !"/actuator/health".equals(path) && !"/actuator/info".equals(path));
    }

    /** The enrolment page, its scripts and styles, who is logged in, and the enrolment API. */
    private static boolean enrolment(String path) {
        return path.equals(ENROL_PAGE.getPath()) || PATHS.match("/staff/*.js", path) || PATHS.match("/staff/*.css", path)
                || path.equals("/api/v1/staff/me") || PATHS.match("/api/v1/staff/me/totp/**", path)
                || path.equals("/api/v1/staff/me/totp");
    }
}
