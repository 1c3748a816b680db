package nl.hartslag.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TestAccounts;

/**
 * The coordinator's "Te laat" page in Chromium (issue 16): a report past its response norm is in
 * the table with what is late, linked to its problem, and the queue shows its "Te laat" badge while a
 * fresh report shows "Reageren uiterlijk …"; a norm is changed through the form. In English too; axe
 * finds nothing serious.
 */
@IntegrationTest
class LateListBrowserTests extends StaffBrowserTest {

    @AfterEach
    void putBack() {
        db.sql("update handling_norm set response_days = 5, resolution_days = 20, day_kind = 'WORKING'"
                + " where category_code = 'animal'").then().block();
    }

    @Test
    void theCoordinatorSeesWhatIsLateAndWhereToHandleIt() {
        Created late = Reports.file(http, "noise",
                "Een hond die elke avond uren jankt in een lege bovenwoning aan de Ligusterstraat 5", "Ligusterstraat 5");
        Created fresh = Reports.file(http, "noise",
                "Een luidspreker op een balkon die de hele zondagmiddag dreunt bij Ligusterstraat 12",
                "Ligusterstraat 12");
        new Reports(http, db).clusterOf(late.reference());
        new Reports(http, db).clusterOf(fresh.reference());
        db.sql("update report set received_at = received_at - interval '25 days' where reference = :r")
                .bind("r", late.reference()).then().block();

        logIn(TestAccounts.COORDINATOR, TestAccounts.PASSWORD);
        driver.get(url("/staff/late.html"));
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.id("late-REPORT-" + late.reference())));
        assertThat(row.getText()).contains("Melding " + late.reference(), "Geluidsoverlast", "Ligusterstraat",
                "Nog geen reactie, Nog niet opgelost");
        assertThat(row.findElement(By.tagName("a")).getAttribute("href")).contains("/staff/problem.html?id=");
        assertThat(driver.findElements(By.id("late-REPORT-" + fresh.reference()))).isEmpty();
        assertThat(driver.findElement(By.id("late-table")).getText()).doesNotContain("jankt");
        assertNoSeriousAccessibilityProblems();

        // The norms: the form shows the chosen category's norm and stores a change.
        new Select(driver.findElement(By.id("n-category"))).selectByValue("animal");
        WebElement response = driver.findElement(By.id("n-response"));
        assertThat(response.getAttribute("value")).isEqualTo("5");
        response.clear();
        response.sendKeys("4");
        WebElement resolution = driver.findElement(By.id("n-resolution"));
        resolution.clear();
        resolution.sendKeys("12");
        new Select(driver.findElement(By.id("n-kind"))).selectByValue("CALENDAR");
        driver.findElement(By.cssSelector("#norm-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "is opgeslagen"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("norm-animal"), "12"));
        assertThat(driver.findElement(By.id("norm-animal")).getText()).contains("4", "12", "kalenderdagen");

        // In English.
        driver.findElement(By.id("lang-switch")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("late-REPORT-" + late.reference()),
                "No response yet, Not resolved yet"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Late");
        assertNoSeriousAccessibilityProblems();
        // Back to Dutch: the choice is remembered for the next tests in this browser.
        driver.findElement(By.id("lang-switch")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Te laat"));
    }

    @Test
    void theQueueShowsTheDeadlineBadges() {
        Created late = Reports.file(http, "noise",
                "Een compressor van een koelwagen die 's nachts blijft draaien voor Schoolstraat 3", "Schoolstraat 3");
        Created fresh = Reports.file(http, "noise",
                "Een fitnessgroep met harde muziek om zeven uur 's ochtends op het veld bij Schoolstraat 8",
                "Schoolstraat 8");
        new Reports(http, db).clusterOf(late.reference());
        new Reports(http, db).clusterOf(fresh.reference());
        db.sql("update report set received_at = received_at - interval '10 days' where reference = :r")
                .bind("r", late.reference()).then().block();

        logIn(TestAccounts.COORDINATOR, TestAccounts.PASSWORD);
        driver.get(url("/staff/?q=" + late.reference()));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("due-" + late.reference()),
                "Te laat: nog geen reactie"));
        driver.get(url("/staff/?q=" + fresh.reference()));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("due-" + fresh.reference()),
                "Reageren uiterlijk"));
        assertNoSeriousAccessibilityProblems();
    }
}
