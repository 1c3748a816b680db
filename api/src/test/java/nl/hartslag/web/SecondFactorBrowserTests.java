package nl.hartslag.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.StaffLoginForm;

/**
 * Two-step verification in Chromium, as a coordinator does it: switch it on from the secret shown on
 * the page (the codes made here as an authenticator app would, independently of the server's code),
 * log in again and be asked for the code. Axe finds nothing serious on the enrolment and code pages.
 */
@IntegrationTest
class SecondFactorBrowserTests extends StaffBrowserTest {

    private static final String PASSWORD = "browser-Tweede-Stap-2026";

    @Autowired
    StaffAccounts accounts;

    @Test
    void aCoordinatorSwitchesOnTwoStepVerificationAndThenLogsInWithACode() throws Exception {
        String user = "totp.browser-" + UUID.randomUUID().toString().substring(0, 6);
        accounts.create(user, "Coördinator met app", PASSWORD, EnumSet.of(Role.COORDINATOR)).block();
        logIn(user, PASSWORD);

        driver.get(url("/staff/totp.html"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("start"))).click();
        String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secret"))).getText();
        assertThat(driver.findElement(By.id("uri")).getDomAttribute("href")).startsWith("otpauth://totp/Hartslag:");
        assertNoSeriousAccessibilityProblems();
        byte[] key = base32(secret);
        long step = Instant.now().getEpochSecond() / 30;
        type("confirm-code", code(key, step));
        driver.findElement(By.cssSelector("#confirm-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("on")));

        driver.manage().deleteAllCookies();
        driver.get(url("/staff/"));
        wait.until(ExpectedConditions.urlContains("/login"));
        StaffLoginForm.submit(driver, user, PASSWORD);
        wait.until(ExpectedConditions.urlContains("/login-code.html"));
        assertNoSeriousAccessibilityProblems();
        type("code", code(key, step + 1));
        driver.findElement(By.cssSelector("#code-form button[type=submit]")).click();
        // Logged in: back on the staff page that asked for the login.
        wait.until(ExpectedConditions.urlToBe(url("/staff/")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), user));
    }

    /** RFC 6238 with SHA-1, 6 digits: what an authenticator app shows for {@code step}. */
    private static String code(byte[] key, long step) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "RAW"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        int offset = hash[hash.length - 1] & 0xf;
        int binary = ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
        return String.format("%06d", binary % 1_000_000);
    }

    /** The secret as the page shows it (Base32 in groups of four). */
    private static byte[] base32(String text) {
        String s = text.replace(" ", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(s.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            buffer = (buffer << 5) | "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
