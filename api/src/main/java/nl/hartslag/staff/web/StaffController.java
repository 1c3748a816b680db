package nl.hartslag.staff.web;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccount;
import nl.hartslag.staff.StaffAccounts;
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

    record NewAccountRequest(String username, String displayName, String password, Set<Role> roles) {

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

    private final StaffAccounts accounts;

    StaffController(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @Operation(summary = "The logged-in staff member and their roles")
    @GetMapping("/me")
    Mono<Me> me(Mono<Authentication> authentication) {
        return authentication.map(a -> new Me(a.getName(), a.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).map(r -> r.replaceFirst("^ROLE_", "")).sorted().toList()));
    }

    @Operation(summary = "Change your own password (the current one is required)")
    @PostMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> changePassword(@RequestBody PasswordChangeRequest request, Principal principal) {
        List<Violation> violations = new java.util.ArrayList<>();
        if (request.currentPassword() == null || request.currentPassword().isEmpty()) {
            violations.add(Violation.of("currentPassword", "validation.password.current"));
        }
        String next = request.newPassword();
        if (next == null || next.length() < 12 || next.length() > 200) {
            violations.add(Violation.of("newPassword", "validation.password"));
        } else if (next.equals(request.currentPassword())
                || next.toLowerCase(Locale.ROOT).contains(principal.getName().toLowerCase(Locale.ROOT))) {
            violations.add(Violation.of("newPassword", "validation.password.new"));
        }
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        }
        return accounts.changePassword(principal.getName(), request.currentPassword(), next)
                .flatMap(changed -> changed ? Mono.<Void>empty()
                        : Mono.error(new InvalidRequestException(Violation.of("currentPassword",
                                "validation.password.current"))));
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
        if (request.password() == null || request.password().length() < 12 || request.password().length() > 200) {
            violations.add(Violation.of("password", "validation.password"));
        }
        if (request.roles() == null || request.roles().isEmpty()) {
            violations.add(Violation.of("roles", "validation.roles"));
        }
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        }
        return accounts.create(username, request.displayName().trim(), request.password(), request.roles());
    }
}
