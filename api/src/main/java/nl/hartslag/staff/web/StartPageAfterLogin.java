package nl.hartslag.staff.web;

import java.net.URI;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.security.web.server.savedrequest.WebSessionServerRequestCache;

import nl.hartslag.staff.Role;
import reactor.core.publisher.Mono;

/**
 * Where a login lands: back on the staff page that asked for it, else the role's first screen. For a
 * coordinator that is the problem desk ("Problemen"); the others start at {@code /staff/}, whose script
 * sends them on to their own page.
 */
final class StartPageAfterLogin implements ServerAuthenticationSuccessHandler {

    static final URI COORDINATOR_START = URI.create("/staff/problems.html");
    static final URI STAFF_START = URI.create("/staff/");

    private final ServerRequestCache requestCache = new WebSessionServerRequestCache();
    private final ServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();

    @Override
    public Mono<Void> onAuthenticationSuccess(WebFilterExchange webFilterExchange, Authentication authentication) {
        var exchange = webFilterExchange.getExchange();
        boolean coordinator = authentication.getAuthorities().stream()
                .anyMatch(a -> Role.COORDINATOR.authority().equals(a.getAuthority()));
        return requestCache.getRedirectUri(exchange)
                .defaultIfEmpty(coordinator ? COORDINATOR_START : STAFF_START)
                .flatMap(location -> redirect.sendRedirect(exchange, location));
    }
}
