package nl.hartslag.staff.web;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.domain.NotFound;
import nl.hartslag.domain.Refused;
import nl.hartslag.staff.PasswordPolicy;
import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccount;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.staff.StaffSessions;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Who is logged in, and (for coordinators) the staff accounts. */
@RestController
@RequestMapping("/api/v1/staff")
class StaffController {

    record Me(String username, List<String> roles) {
    }

    record NewAccountRequest(String username, String displayName, String password, Set<Role> roles, String agency) {

        @Override
        public String toString() {
            return "NewAccountRequest[" + username + ", " + roles + "]";
        }
    }

    record PasswordChangeRequest(String currentPassword, String newPassword) {

        @Override
        public String toString() {
            return "PasswordChangeRequest[redacted]";
        }
    }

    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9._@-]{3,100}$");
    private static final List<String> AGENCIES = List.of("POLICE", "HOUSING", "WELFARE", "ENFORCEMENT");

    private final StaffAccounts accounts;
    private final PasswordPolicy policy;
    private final StaffSessions sessions;

    StaffController(StaffAccounts accounts, PasswordPolicy policy, StaffSessions sessions) {
        this.accounts = accounts;
        this.policy = policy;
        this.sessions = sessions;
    }

    @Operation(summary = "The logged-in staff member and their roles")
    @GetMapping("/me")
    Mono<Me> me(Mono<Authentication> authentication) {
        return authentication.map(a -> new Me(a.getName(), a.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).map(r -> r.replaceFirst("^ROLE_", "")).sorted().toList()));
    }

    @Operation(summary = "Change your own password (the current one is required); your other sessions end")
    @PostMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> changePassword(@RequestBody PasswordChangeRequest request, Principal principal,
            ServerWebExchange exchange) {
        List<Violation> violations = new java.util.ArrayList<>();
        if (request.currentPassword() == null || request.currentPassword().isEmpty()) {
            violations.add(Violation.of("currentPassword", "validation.password.current"));
        }
        String next = request.newPassword();
        Optional<String> weak = policy.check(next);
        if (weak.isPresent()) {
            violations.add(Violation.of("newPassword", weak.get()));
        } else if (next.equals(request.currentPassword())
                || next.toLowerCase(Locale.ROOT).contains(principal.getName().toLowerCase(Locale.ROOT))) {
            violations.add(Violation.of("newPassword", "validation.password.new"));
        }
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        }
        return accounts.changePassword(principal.getName(), request.currentPassword(), next)
                .switchIfEmpty(Mono.error(() -> new InvalidRequestException(Violation.of("currentPassword",
                        "validation.password.current"))))
                .flatMap(generation -> sessions.renew(exchange, generation));
    }

    @Operation(summary = "All staff accounts (coordinators only)")
    @GetMapping("/accounts")
    Flux<StaffAccount> accounts() {
        return accounts.all();
    }

    @Operation(summary = "Create a staff account (coordinators only)")
    @PostMapping("/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<StaffAccount> create(@RequestBody NewAccountRequest request, Principal principal) {
        List<Violation> violations = new java.util.ArrayList<>();
        String username = request.username() == null ? "" : request.username().trim().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(username).matches()) {
            violations.add(Violation.of("username", "validation.username"));
        }
        if (request.displayName() == null || request.displayName().isBlank() || request.displayName().length() > 200) {
            violations.add(Violation.of("displayName", "validation.display-name"));
        }
        policy.check(request.password()).ifPresent(rule -> violations.add(Violation.of("password", rule)));
        if (request.password() != null && !username.isEmpty()
                && request.password().toLowerCase(Locale.ROOT).contains(username)) {
            violations.add(Violation.of("password", "validation.password.new"));
        }
        if (request.roles() == null || request.roles().isEmpty()) {
            violations.add(Violation.of("roles", "validation.roles"));
        }
        // A partner account works for one agency: only that agency closes its agreed actions.
        String agency = request.agency() == null ? null : request.agency().trim().toUpperCase(Locale.ROOT);
        boolean partner = request.roles() != null && request.roles().contains(Role.PARTNER);
        if (partner ? agency == null || !AGENCIES.contains(agency) : agency != null) {
            violations.add(Violation.of("agency", "validation.account.agency"));
        }
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        }
        return accounts.create(username, request.displayName().trim(), request.password(), request.roles(), agency);
    }

    record AgencyRequest(String agency) {
    }

    @Operation(summary = "Set the agency a partner account works for: POLICE, HOUSING, WELFARE or ENFORCEMENT (coordinators)")
    @PutMapping("/accounts/{username}/agency")
    Mono<StaffAccount> agency(@PathVariable String username, @RequestBody AgencyRequest request) {
        String agency = request.agency() == null ? null : request.agency().trim().toUpperCase(Locale.ROOT);
        if (agency == null || !AGENCIES.contains(agency)) {
            return Mono.error(new InvalidRequestException(Violation.of("agency", "validation.account.agency")));
        }
        return accounts.setAgency(username, agency).switchIfEmpty(Mono.error(NotFound::new));
    }

    @Operation(summary = "Disable a staff account: it cannot log in and its sessions end at once (coordinators)")
    @PostMapping("/accounts/{username}/disable")
    Mono<StaffAccount> disable(@PathVariable String username, Principal principal) {
        if (username.equalsIgnoreCase(principal.getName())) {
            // Keeps at least the coordinator who is doing this able to undo it.
            return Mono.error(new Refused("own-account"));
        }
        return accounts.setEnabled(username, false, "staff:" + principal.getName())
                .switchIfEmpty(Mono.error(NotFound::new));
    }

    @Operation(summary = "Enable a disabled staff account again; its old sessions stay ended (coordinators)")
    @PostMapping("/accounts/{username}/enable")
    Mono<StaffAccount> enable(@PathVariable String username, Principal principal) {
        return accounts.setEnabled(username, true, "staff:" + principal.getName())
                .switchIfEmpty(Mono.error(NotFound::new));
    }
}
