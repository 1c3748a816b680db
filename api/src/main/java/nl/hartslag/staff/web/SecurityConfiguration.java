package nl.hartslag.staff.web;

import java.net.URI;
import java.util.Locale;
import java.util.function.Predicate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.HttpStatusServerAccessDeniedHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfServerLogoutHandler;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionIdResolver;
import org.springframework.web.server.session.WebSessionManager;

import nl.hartslag.map.MapSettings;
import nl.hartslag.staff.OidcSettings;
import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffSessions;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what. Residents and Twilio need no login. Staff pages ({@code /staff/**}) use form
 * login with a session cookie; their API calls ({@code /api/v1/staff/**}) ride on that session,
 * and scripts and partners use HTTP Basic there. Unauthenticated API calls get 401 and wrong roles
 * 403, both as problem+json; pages redirect to the login page. It writes HTTP responses itself (the
 * filter chain runs before any controller), so it lives in the web adapter, not in the staff feature;
 * passwords and accounts are {@link nl.hartslag.staff.StaffSecurity}'s.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, MessageSource messages, JsonMapper json,
            ReactiveAuthenticationManager authenticationManager, StaffSessions sessions,
            WebSessionManager sessionManager, MapSettings map,
            ObjectProvider<ReactiveClientRegistrationRepository> oidcRegistrations, OidcSettings oidcSettings) {
        ServerWebExchangeMatcher api = ServerWebExchangeMatchers.pathMatchers("/api/**", "/actuator/**");
        Predicate<ServerWebExchange> carriesSession = carriesSession(sessionManager);
        ServerAuthenticationEntryPoint apiUnauthorized = (exchange, e) -> problem(exchange, HttpStatus.UNAUTHORIZED,
                "unauthorized", messages, json, !fromStaffPages(exchange, carriesSession));
        ServerAccessDeniedHandler pagesDenied = new HttpStatusServerAccessDeniedHandler(HttpStatus.FORBIDDEN);
        ServerAccessDeniedHandler accessDenied = (exchange, e) -> api.matches(exchange)
                .flatMap(m -> m.isMatch() ? problem(exchange, HttpStatus.FORBIDDEN, "forbidden", messages, json, false)
                        : pagesDenied.handle(exchange, e));
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegateEntry(api, apiUnauthorized));
        entryPoint.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint("/login"));

        // CSRF is checked after HTTP Basic (not at Spring's usual place before it), so that the
        // exemption for scripts can rest on Basic having authenticated the request, not on the
        // header being there: a session cookie plus "Authorization: Basic !!!" once skipped it.
        CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        CsrfWebFilter csrf = new CsrfWebFilter();
        csrf.setCsrfTokenRepository(csrfTokens);
        csrf.setRequestHandler(new ServerCsrfTokenRequestAttributeHandler());
        csrf.setRequireCsrfProtectionMatcher(exchange -> needsCsrfProtection(exchange, carriesSession));
        csrf.setAccessDeniedHandler(accessDenied);
        // The municipal login (OpenID Connect), only when configured (hartslag.oidc.issuer-uri).
        // (Also checked here: an issuer set to an empty value switches the beans on but is no provider.)
        ReactiveClientRegistrationRepository registrations = oidcRegistrations.getIfAvailable();
        if (registrations != null && oidcSettings.enabled()) {
            http.oauth2Login(oidc -> oidc
                    .clientRegistrationRepository(registrations)
                    .authenticationSuccessHandler(new StartPageAfterLogin())
                    .authenticationFailureHandler(OidcLoginConfiguration.failureHandler()))
                    .addFilterBefore(OidcLoginConfiguration.providerUnavailableToLoginPage(),
                            SecurityWebFiltersOrder.HTTP_BASIC);
        }
        return http
                .authenticationManager(authenticationManager)
                .authorizeExchange(authorize -> authorize
                        // Probes stay public (their details only for coordinators, see application.properties);
                        // anything else the actuator may ever expose is for coordinators.
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .pathMatchers("/actuator", "/actuator/**").hasRole(Role.COORDINATOR.name())
                        .pathMatchers("/api/v1/staff/accounts/**").hasRole(Role.COORDINATOR.name())
                        // The audit trail (issue 15): coordinators only.
                        .pathMatchers("/api/v1/staff/audit", "/api/v1/staff/audit/**").hasRole(Role.COORDINATOR.name())
                        // Retention and a person's formal request (issue 15, h15retention): coordinators only.
                        .pathMatchers("/api/v1/staff/retention", "/api/v1/staff/retention/**", "/api/v1/staff/persons",
                                "/api/v1/staff/persons/**").hasRole(Role.COORDINATOR.name())
                        // Photos of reports: the WOP needs them for its work orders (issue 14).
                        .pathMatchers(HttpMethod.GET, "/api/v1/staff/reports/*/photos/*")
                                .hasAnyRole(Role.WOP.name(), Role.COORDINATOR.name())
                        .pathMatchers("/api/v1/staff/reports/**").hasRole(Role.COORDINATOR.name())
                        .pathMatchers("/api/v1/staff/clusters/**").hasRole(Role.COORDINATOR.name())
                        // The figures (issue 16): partners may read them too, every small cell is suppressed.
                        .pathMatchers(HttpMethod.GET, "/api/v1/staff/figures")
                                .hasAnyRole(Role.PARTNER.name(), Role.COORDINATOR.name())
                        .pathMatchers("/api/v1/staff/figures/**").hasRole(Role.COORDINATOR.name())
                        .pathMatchers("/api/v1/staff/places/**").hasRole(Role.COORDINATOR.name())
                        .pathMatchers("/api/v1/staff/neighbourhoods", "/api/v1/staff/neighbourhoods/**")
                                .hasRole(Role.COORDINATOR.name())
                        .pathMatchers("/api/v1/staff/norms", "/api/v1/staff/norms/**", "/api/v1/staff/late",
                                "/api/v1/staff/late/**").hasRole(Role.COORDINATOR.name())
                        .pathMatchers("/api/v1/staff/notifications/**").hasRole(Role.COORDINATOR.name())
                        .pathMatchers("/api/v1/staff/volunteers/**", "/api/v1/staff/routing/**")
                                .hasRole(Role.COORDINATOR.name())
                        .pathMatchers("/api/v1/staff/work-orders/**")
                                .hasAnyRole(Role.WOP.name(), Role.COORDINATOR.name())
                        .pathMatchers("/api/v1/staff/inbox/**").hasRole(Role.VOLUNTEER.name())
                        .pathMatchers(HttpMethod.POST, "/api/v1/staff/cases/*/done", "/api/v1/staff/cases/*/underway",
                                "/api/v1/staff/cases/*/not-for-us")
                                .hasAnyRole(Role.WOP.name(), Role.COORDINATOR.name())
                        .pathMatchers(HttpMethod.POST, "/api/v1/staff/cases/*/outcome", "/api/v1/staff/cases/*/contacts")
                                .hasAnyRole(Role.VOLUNTEER.name(), Role.COORDINATOR.name())
                        .pathMatchers("/api/v1/staff/cases/**", "/api/v1/staff/escalations/**")
                                .hasRole(Role.COORDINATOR.name())
                        .pathMatchers(HttpMethod.GET, "/api/v1/staff/meetings/**")
                                .hasAnyRole(Role.PARTNER.name(), Role.COORDINATOR.name())
                        .pathMatchers("/api/v1/staff/actions/*/done")
                                .hasAnyRole(Role.PARTNER.name(), Role.COORDINATOR.name())
                        .pathMatchers("/api/v1/staff/meetings/**").hasRole(Role.COORDINATOR.name())
                        // Outreach (issue 16): door-to-door workers file reports and visits; coordinators may too.
                        .pathMatchers("/api/v1/staff/outreach/**")
                                .hasAnyRole(Role.OUTREACH.name(), Role.COORDINATOR.name())
                        .pathMatchers("/api/v1/staff/**", "/staff/**").authenticated()
                        .anyExchange().permitAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(apiUnauthorized))
                .formLogin(form -> form
                        // Our own Dutch login page (web-client login.html), served at GET /login.
                        .loginPage("/login")
                        .authenticationSuccessHandler(new StartPageAfterLogin()))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                // The staff pages' JavaScript reads the XSRF-TOKEN cookie and sends X-XSRF-TOKEN.
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .addFilterAfter(csrf, SecurityWebFiltersOrder.HTTP_BASIC)
                .logout(logout -> logout.logoutHandler(handlers -> handlers.add(new CsrfServerLogoutHandler(csrfTokens))))
                // A disabled account's or an outdated session ends here, before its login is read.
                .addFilterBefore(sessions.guard(), SecurityWebFiltersOrder.REACTOR_CONTEXT)
                // A login half-way (password right, TOTP code or enrolment to come) reaches only that step.
                .addFilterBefore(new SecondFactorGate((exchange, status, code) -> problem(exchange, status, code,
                        messages, json, false)), SecurityWebFiltersOrder.AUTHORIZATION)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src " + imageSources(map) + "; style-src 'self' 'unsafe-inline';"
                                + " script-src 'self'; frame-ancestors 'none'")))
                .build();
    }

    /** Images: ours, data: URLs (Leaflet's), and the map's tile server only (none when offline). */
    static String imageSources(MapSettings map) {
        return "'self' data:" + map.tileOrigin().map(origin -> " " + origin).orElse("");
    }

    /** The CSRF token is only written as a cookie when somebody asks for it; ask on every page load. */
    @Bean
    WebFilter csrfCookieFilter() {
        return (exchange, chain) -> {
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            return (token != null ? token.then() : Mono.<Void>empty()).then(chain.filter(exchange));
        };
    }

    /**
     * Only requests that can carry an ambient credential need a CSRF token. Residents' reports (and
     * "me too"s) and Twilio's webhooks carry none. A script is exempt only when HTTP Basic really
     * authenticated this request (this runs after Basic) and no session cookie came with it: a
     * Basic header alone proves nothing, and a request with the session cookie may ride on it.
     */
    private static Mono<MatchResult> needsCsrfProtection(ServerWebExchange exchange,
            Predicate<ServerWebExchange> carriesSession) {
        HttpMethod method = exchange.getRequest().getMethod();
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                || method == HttpMethod.TRACE;
        boolean noAmbientCredential = PATHS.match("/api/v1/reports/**", path) || PATHS.match("/api/v1/reports", path)
                || PATHS.match("/api/v1/clusters/*/support", path)
                || PATHS.match("/twilio/**", path);
        if (safe || noAmbientCredential) {
            return MatchResult.notMatch();
        }
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (carriesSession.test(exchange) || authorization == null
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return MatchResult.match();
        }
        // Without a session cookie there is no stored login, so an authentication here is Basic's.
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(a -> a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken))
                .flatMap(a -> MatchResult.notMatch())
                .switchIfEmpty(MatchResult.match());
    }

    /** Whether the request came with a session cookie (whatever the session id resolver calls it). */
    private static Predicate<ServerWebExchange> carriesSession(WebSessionManager manager) {
        WebSessionIdResolver resolver = manager instanceof DefaultWebSessionManager d ? d.getSessionIdResolver()
                : new CookieWebSessionIdResolver();
        return exchange -> !resolver.resolveSessionIds(exchange).isEmpty();
    }

    /**
     * The staff pages' own calls (they carry the session cookie, or say X-Requested-With) get a
     * plain 401 without a Basic challenge: a challenge would make the browser pop up its own
     * login dialog over our page when a session has ended.
     */
    private static boolean fromStaffPages(ServerWebExchange exchange, Predicate<ServerWebExchange> carriesSession) {
        return exchange.getRequest().getHeaders().containsHeader("X-Requested-With") || carriesSession.test(exchange);
    }

    static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String code,
            MessageSource messages, JsonMapper json, boolean challenge) {
        Locale locale = exchange.getLocaleContext().getLocale();
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create("https://hartslag.nl/problems/" + code));
        problem.setTitle(messages.getMessage("problem." + code + ".title", null, code, locale));
        problem.setDetail(messages.getMessage("problem." + code + ".detail", null, null, locale));
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (challenge) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Hartslag staff API\", charset=\"UTF-8\"");
        }
        byte[] body = json.writeValueAsBytes(problem);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
