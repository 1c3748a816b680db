package nl.hartslag.staff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebSession;

import reactor.core.publisher.Mono;

/**
 * Logged-in staff sessions follow their account on every request, not only at login: a session
 * from before the account's last password change or disable (an older session generation), or
 * of an account that is disabled or gone, is invalidated before anything else looks at it, so the
 * request goes on as anonymous (401 for the API, the login page for pages). The session in which
 * the password was changed is renewed to the new generation and so stays.
 */
@Component
public class StaffSessions {

    private static final Logger log = LoggerFactory.getLogger(StaffSessions.class);
    private static final String CONTEXT = WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME;

    private final StaffAccounts accounts;

    StaffSessions(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    /** The check, for the security filter chain (before the session's login is read). */
    public WebFilter guard() {
        return (exchange, chain) -> exchange.getSession().flatMap(session -> {
            Login login = login(session);
            if (login == null) {
                return chain.filter(exchange);
            }
            return accounts.sessionGeneration(login.username()).defaultIfEmpty(-1)
                    .flatMap(current -> {
                        if (current == login.generation()) {
                            return chain.filter(exchange);
                        }
                        log.info("Ended a session of staff account '{}': {}", login.username(),
                                current < 0 ? "the account is disabled or gone" : "its password changed or it was disabled");
                        return session.invalidate().then(chain.filter(exchange));
                    });
        });
    }

    /** Who a session is logged in as, with the generation it was logged in under. */
    private record Login(String username, int generation) {
    }

    /** A password login or one through the municipality's identity provider; null when there is none. */
    private static Login login(WebSession session) {
        Object context = session.getAttribute(CONTEXT);
        if (context instanceof SecurityContext c && c.getAuthentication() != null) {
            Object principal = c.getAuthentication().getPrincipal();
            if (principal instanceof StaffUser user) {
                return new Login(user.getUsername(), user.sessionGeneration());
            }
            if (principal instanceof StaffOidcUser user) {
                return new Login(user.getName(), user.sessionGeneration());
            }
        }
        return null;
    }

    /**
     * After the staff member changed their password in this session: this session moves to the
     * account's new generation (with a new session id), every other one ends on its next request.
     */
    public Mono<Void> renew(ServerWebExchange exchange, int generation) {
        return exchange.getSession().flatMap(session -> {
            StaffUser user = user(session);
            if (user == null) {
                return Mono.empty();
            }
            StaffUser next = user.withGeneration(generation);
            Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(next, null,
                    next.getAuthorities());
            session.getAttributes().put(CONTEXT, new SecurityContextImpl(authentication));
            return session.changeSessionId();
        });
    }

    /**
     * After the second step of a login (the code, or enrolment when it was required): the session's
     * login gets the account's roles, under a new session id.
     */
    public Mono<Void> complete(ServerWebExchange exchange) {
        return exchange.getSession().flatMap(session -> {
            StaffUser user = user(session);
            if (user == null) {
                return Mono.empty();
            }
            Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(user, null,
                    user.getAuthorities());
            session.getAttributes().put(CONTEXT, new SecurityContextImpl(authentication));
            return session.changeSessionId();
        });
    }

    private static StaffUser user(WebSession session) {
        Object context = session.getAttribute(CONTEXT);
        if (context instanceof SecurityContext c && c.getAuthentication() != null
                && c.getAuthentication().getPrincipal() instanceof StaffUser user) {
            return user;
        }
        return null;
    }
}
