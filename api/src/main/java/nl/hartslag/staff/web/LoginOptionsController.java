package nl.hartslag.staff.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;
import nl.hartslag.staff.OidcSettings;

/** What the login page offers besides username and password: the municipal login, when configured. */
@RestController
class LoginOptionsController {

    /** {@code oidc}: the link that starts the municipal login, null when there is none. */
    record LoginOptions(String oidc) {
    }

    private final OidcSettings oidc;

    LoginOptionsController(OidcSettings oidc) {
        this.oidc = oidc;
    }

    @Hidden
    @GetMapping("/login/options")
    LoginOptions options() {
        return new LoginOptions(oidc.enabled() ? OidcLoginConfiguration.LOGIN_LINK : null);
    }
}
