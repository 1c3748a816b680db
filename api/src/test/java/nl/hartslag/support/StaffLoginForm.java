package nl.hartslag.support;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The staff login page in a browser, used as a person does: open the staff pages, be sent to the
 * form, type the name and password, press the button. The browser tests' one copy of these steps
 * ({@link StaffLogin} is the same login over HTTP, without a browser).
 */
public final class StaffLoginForm {

    private StaffLoginForm() {
    }

    /**
     * Opens {@code baseUrl + "/staff/"}, waits for the redirect to the login form, logs in and waits
     * until the browser has left the form (where it lands depends on the account's role).
     */
    public static void logIn(WebDriver driver, WebDriverWait wait, String baseUrl, String username, String password) {
        driver.get(baseUrl + "/staff/");
        wait.until(ExpectedConditions.urlContains("/login"));
        submit(driver, username, password);
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    /** Types {@code username} and {@code password} into the login form on screen and sends it. */
    public static void submit(WebDriver driver, String username, String password) {
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
    }
}
