package nl.hartslag.staff.web;

import java.net.URI;
import java.security.Principal;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.domain.NotFound;
import nl.hartslag.domain.Refused;
import nl.hartslag.staff.Role;
import nl.hartslag.staff.SecondFactor;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.staff.StaffAccounts.TotpEnrolment;
import nl.hartslag.staff.StaffSessions;
import nl.hartslag.staff.StaffSettings;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/**
 * The second factor: the code step of a login (the form on {@code /login-code.html}) and switching
 * TOTP on and off for one's own account ({@code /staff/totp.html}).
 */
@RestController
class SecondFactorController {

    /** Wrong codes one half-way login may send before it has to start again with the password. */
    static final int MAX_WRONG_CODES = 5;
    private static final String WRONG_CODES = "hartslag.login.wrong-codes";

    record TotpState(boolean enabled, boolean required) {
    }

    record CodeRequest(String code) {

        @Override
        public String toString() {
            return "CodeRequest[redacted]";
        }
    }

    private final StaffAccounts accounts;
    private final StaffSessions sessions;
    private final StaffSettings settings;
    private final ServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();

    SecondFactorController(StaffAccounts accounts, StaffSessions sessions, StaffSettings settings) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.settings = settings;
    }

    /**
     * The code after the password. Right: the login gets its roles (new session id) and goes where the
     * password step would have gone. Wrong: back to the code page; after {@value #MAX_WRONG_CODES}
     * wrong codes the half-way login ends, so guessing codes costs password attempts too (which the
     * login throttle counts). Without a half-way login: the login page.
     */
    @Hidden
    @PostMapping(path = "/login/code", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<Void> code(ServerWebExchange exchange) {
        return ReactiveSecurityContextHolder.getContext().map(SecurityContext::getAuthentication)
                .filter(a -> SecondFactor.pending(a) == SecondFactor.CODE_NEEDED)
                .flatMap(login -> exchange.getFormData()
                        .flatMap(form -> accounts.checkTotp(login.getName(), digits(form.getFirst("code"))))
                        .flatMap(right -> right
                                ? sessions.complete(exchange).then(StartPageAfterLogin.startPage(exchange,
                                        StartPageAfterLogin.roles(login)))
                                : wrongCode(exchange)))
                .defaultIfEmpty(URI.create("/login"))
                .flatMap(location -> redirect.sendRedirect(exchange, location));
    }

    private static Mono<URI> wrongCode(ServerWebExchange exchange) {
        return exchange.getSession().flatMap(session -> {
            int wrong = session.getAttributeOrDefault(WRONG_CODES, 0) + 1;
            if (wrong >= MAX_WRONG_CODES) {
                return session.invalidate().thenReturn(URI.create("/login?error"));
            }
            session.getAttributes().put(WRONG_CODES, wrong);
            return Mono.just(URI.create(SecondFactorGate.CODE_PAGE + "?error"));
        });
    }

    /** A code as people type or paste it: "123 456" is 123456. */
    private static String digits(String code) {
        return code == null ? null : code.replaceAll("[\\s-]", "");
    }

    @Operation(summary = "Your second factor (TOTP): whether it is on, and whether your role must have it")
    @GetMapping("/api/v1/staff/me/totp")
    Mono<TotpState> totp(Authentication authentication) {
        return accounts.totpEnabled(authentication.getName())
                .map(on -> new TotpState(on, required(authentication)));
    }

    @Operation(summary = "Start switching on the second factor: a new secret and its otpauth:// URI for an"
            + " authenticator app; it takes effect once confirmed with a code")
    @PostMapping("/api/v1/staff/me/totp")
    Mono<TotpEnrolment> enrol(Principal principal) {
        // Accounts of the municipality's identity provider have no password here; their provider
        // decides about second factors.
        return accounts.startTotp(principal.getName()).switchIfEmpty(Mono.error(() -> new Refused("totp-not-local")));
    }

    @Operation(summary = "Confirm the second factor with a code from the app: from now on logins need a code;"
            + " your other sessions end")
    @PostMapping("/api/v1/staff/me/totp/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> confirm(@RequestBody CodeRequest request, Principal principal, ServerWebExchange exchange) {
        return accounts.confirmTotp(principal.getName(), digits(request.code()))
                .switchIfEmpty(Mono.error(() -> new InvalidRequestException(Violation.of("code", "validation.totp.code"))))
                // This session stays (and, when enrolment was required, now gets its roles).
                .flatMap(generation -> sessions.renew(exchange, generation));
    }

    @Operation(summary = "Switch the second factor off with a current code (not when your role must have it)")
    @PostMapping("/api/v1/staff/me/totp/off")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> off(@RequestBody CodeRequest request, Authentication authentication) {
        if (required(authentication)) {
            return Mono.error(new Refused("totp-required"));
        }
        return accounts.disableTotp(authentication.getName(), digits(request.code()))
                .flatMap(done -> done ? Mono.<Void>empty()
                        : Mono.error(new InvalidRequestException(Violation.of("code", "validation.totp.code"))));
    }

    @Operation(summary = "Switch another account's second factor off, e.g. after a lost phone; its sessions end"
            + " (coordinators)")
    @PostMapping("/api/v1/staff/accounts/{username}/totp/reset")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> reset(@PathVariable String username, Principal principal) {
        return accounts.resetTotp(username, "staff:" + principal.getName())
                .flatMap(found -> found ? Mono.<Void>empty() : Mono.error(new NotFound()));
    }

    private boolean required(Authentication authentication) {
        return settings.requireTotpForCoordinators()
                && StartPageAfterLogin.roles(authentication).contains(Role.COORDINATOR.authority());
    }
}
