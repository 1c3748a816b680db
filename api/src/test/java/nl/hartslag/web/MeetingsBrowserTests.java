package nl.hartslag.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;


import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.TestAccounts;

/**
 * The meetings page in Chromium (issue 13): a partner gets a "Klaar" button only for their own
 * agency's open actions; the coordinator's new-action form does not offer a due date before the
 * meeting. Axe finds nothing serious.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeetingsBrowserTests extends StaffBrowserTest {

    private static final String PASSWORD = "browser-Overleg-zin-2026";
    private static final String POLICE = "politie.overleg.browser";
    private static final String HOUSING = "corporatie.overleg.browser";

    @Autowired
    StaffAccounts accounts;

    @BeforeAll
    void accounts() {
        accounts.create(POLICE, "Politie Overleg", PASSWORD, EnumSet.of(Role.PARTNER), "POLICE").block();
        accounts.create(HOUSING, "Corporatie Overleg", PASSWORD, EnumSet.of(Role.PARTNER), "HOUSING").block();
    }

    @Test
    void aPartnerClosesOnlyTheirOwnActionsAndNoActionIsDueBeforeTheMeeting() {
        LocalDate heldOn = LocalDate.now().plusDays(5);
        String meeting = meetingWithACase(heldOn);
        Map<String, Object> item = agendaItem(meeting);
        String police = action(meeting, item.get("caseId"), "POLICE", "Extra rondes in de avond", heldOn.plusDays(7));
        String housing = action(meeting, item.get("caseId"), "HOUSING", "Gesprek met de bewoners", heldOn.plusDays(14));

        logIn(HOUSING, PASSWORD);
        // A partner is sent on from /staff/ to the meetings page: wait until that has happened, or it can
        // overtake the page opened next. Then open the meeting; the page reads the hash when it loads, and
        // a change of hash alone on the same page does not load it again, hence the refresh.
        wait.until(ExpectedConditions.urlContains("/staff/meetings.html"));
        driver.get(url("/staff/meetings.html#" + meeting));
        driver.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done-" + housing)));
        assertThat(driver.findElements(By.id("done-" + police))).as("not their agency's action").isEmpty();
        assertThat(driver.findElement(By.id("items")).getText()).contains("Politie: Extra rondes in de avond");
        assertNoSeriousAccessibilityProblems();

        driver.manage().deleteAllCookies();
        logIn(TestAccounts.COORDINATOR, TestAccounts.PASSWORD);
        driver.get(url("/staff/meetings.html#" + meeting));
        String due = "a-" + item.get("number") + "-due";
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id(due)));
        assertThat(driver.findElement(By.id(due)).getAttribute("min")).isEqualTo(heldOn.toString());
        assertThat(driver.findElement(By.id("done-" + police)).isDisplayed()).as("the coordinator closes any").isTrue();
        assertNoSeriousAccessibilityProblems();
    }

    /** A meeting with both partners and one problem on its agenda (proposed directly: the rules are tested elsewhere). */
    private String meetingWithACase(LocalDate heldOn) {
        UUID cluster = new Reports(http, db).clusterOf(Reports.file(http, "youth_nuisance",
                "Elke avond een groep met scooters en harde muziek bij de ingang van Vlierstraat 4", "Vlierstraat 4")
                .reference());
        db.sql("insert into escalation_proposal (id, cluster_id, rule, reason) values (:id, :c, 'REPEATED_REPORTS',"
                + " 'test') on conflict (cluster_id) do nothing").bind("id", UUID.randomUUID()).bind("c", cluster)
                .then().block();
        UUID proposal = db.sql("select id from escalation_proposal where cluster_id = :c").bind("c", cluster)
                .map(row -> row.get("id", UUID.class)).one().block();
        String meeting = (String) http.post().uri("/api/v1/staff/meetings").headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("heldOn", heldOn.toString(), "title", "Overleg Vlierstraat", "participants",
                        List.of(POLICE, HOUSING)))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("id");
        http.post().uri("/api/v1/staff/meetings/{id}/agenda", meeting).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("proposalId", proposal)).exchange().expectStatus().isOk();
        return meeting;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> agendaItem(String meeting) {
        Map<String, Object> agenda = http.get().uri("/api/v1/staff/meetings/{id}", meeting)
                .headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) agenda.get("items")).get(0);
    }

    private String action(String meeting, Object caseId, String partner, String description, LocalDate dueOn) {
        return (String) http.post().uri("/api/v1/staff/meetings/{id}/actions", meeting)
                .headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("caseId", caseId, "partner", partner, "description", description, "owner",
                        "Contact " + partner, "dueOn", dueOn.toString()))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("id");
    }
}
