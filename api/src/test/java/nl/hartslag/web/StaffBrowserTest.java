package nl.hartslag.web;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.StaffLoginForm;

/**
 * A browser test of the staff pages against the started server (subclasses are
 * {@code @IntegrationTest}s): the server's port, HTTP and database clients for setting the scene,
 * every test starting logged out, and logging in through the login page.
 */
abstract class StaffBrowserTest extends BrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    /** Every test starts logged out. */
    @BeforeEach
    void loggedOut() {
        driver.get(url("/login"));
        driver.manage().deleteAllCookies();
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Logs in through the staff login page; returns once the browser has left the login form. */
    void logIn(String username, String password) {
        StaffLoginForm.logIn(driver, wait, url(""), username, password);
    }
}
