package nl.hartslag.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/** A staff member logged in through the login form, as the staff pages do: a session and its CSRF token. */
public record StaffLogin(String session, String xsrf) {

    public static StaffLogin as(WebTestClient http, String username, String password) {
        ResponseCookie xsrf = http.get().uri("/login").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseCookies().getFirst("XSRF-TOKEN");
        assertThat(xsrf).as("CSRF cookie from the login page").isNotNull();
        var form = new LinkedMultiValueMap<String, String>();
        form.add("username", username);
        form.add("password", password);
        form.add("_csrf", xsrf.getValue());
        ResponseCookie session = http.post().uri("/login").cookie("XSRF-TOKEN", xsrf.getValue())
                .body(BodyInserters.fromFormData(form)).exchange()
                .expectStatus().isFound().expectHeader().location("/staff/")
                .expectBody().returnResult().getResponseCookies().getFirst("SESSION");
        assertThat(session).as("session cookie after login").isNotNull();
        return new StaffLogin(session.getValue(), xsrf.getValue());
    }

    /** For {@code .cookies(login::cookies)}: the session cookie and the CSRF cookie. */
    public void cookies(org.springframework.util.MultiValueMap<String, String> cookies) {
        cookies.add("SESSION", session);
        cookies.add("XSRF-TOKEN", xsrf);
    }

    /** For {@code .headers(login::csrf)}: the CSRF header the staff pages send. */
    public void csrf(org.springframework.http.HttpHeaders headers) {
        headers.set("X-XSRF-TOKEN", xsrf);
    }

    public StaffLogin withSession(String newSession) {
        return new StaffLogin(newSession, xsrf);
    }
}
