package nl.hartslag.staff.web;

import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.security.web.server.savedrequest.WebSessionServerRequestCache;
import org.springframework.web.server.ServerWebExchange;

import nl.hartslag.staff.Role;
import nl.hartslag.staff.SecondFactor;
import reactor.core.publisher.Mono;

/**
 * Where a login lands: back on the staff page that asked for it, else the role's first screen. For a
 * coordinator that is the problem desk ("Problemen"); the others start at {@code /staff/}, whose script
 * sends them on to their own page. A login that is only half-way (a code or enrolment still to come,
 * {@link SecondFactor}) goes to that step first; the page that asked waits until then.
 */
final class StartPageAfterLogin implements ServerAuthenticationSuccessHandler {

    static final URI COORDINATOR_START = URI.create("/staff/problems.html");
    static final URI STAFF_START = URI.create("/staff/");

    private static final ServerRequestCache REQUEST_CACHE = new WebSessionServerRequestCache();
    private final ServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();

    @Override
    public Mono<Void> onAuthenticationSuccess(WebFilterExchange webFilterExchange, Authentication authentication) {
        var exchange = webFilterExchange.getExchange();
        SecondFactor stage = SecondFactor.pending(authentication);
        Mono<URI> location = stage == SecondFactor.CODE_NEEDED ? Mono.just(SecondFactorGate.CODE_PAGE)
                : stage == SecondFactor.ENROLMENT_NEEDED ? Mono.just(SecondFactorGate.ENROL_PAGE)
                : startPage(exchange, roles(authentication));
        return location.flatMap(uri -> redirect.sendRedirect(exchange, uri));
    }

    /** The saved page, else the first screen for these roles. */
    static Mono<URI> startPage(ServerWebExchange exchange, Set<String> roles) {
        boolean coordinator = roles.contains(Role.COORDINATOR.authority());
        return REQUEST_CACHE.getRedirectUri(exchange).defaultIfEmpty(coordinator ? COORDINATOR_START : STAFF_START);
    }

    /** The account's roles (authorities), also while the login itself does not carry them yet. */
    static Set<String> roles(Authentication authentication) {
        var authorities = authentication.getPrincipal() instanceof UserDetails user ? user.getAuthorities()
                : authentication.getAuthorities();
        return authorities.stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
    }
}
