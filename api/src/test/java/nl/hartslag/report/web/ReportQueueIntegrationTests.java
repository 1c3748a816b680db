package nl.hartslag.report.web;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.TestAccounts;

/** The coordinators' report queue: paged, searched, filtered and sorted, with Dutch labels and the problem badge. */
@IntegrationTest
class ReportQueueIntegrationTests {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient http;

    @Test
    void aReportInTheQueueHasLabelsItsProblemAndItsRouting() {
        String reference = file("dumping", "Oude matrassen en een kast bij de glasbak gezet", "Hulststraat 8");

        // Matching and routing run right after intake: wait until both show.
        Map<String, Object> item = awaitReport(reference, i -> i.get("cluster") != null && i.get("routing") != null);
        // A work order puts the report in progress; whichever it is now, its label says so in Dutch.
        assertThat(item.get("status")).isIn("RECEIVED", "IN_PROGRESS");
        assertThat(item).containsEntry("statusLabel", "RECEIVED".equals(item.get("status")) ? "Ontvangen"
                : "In behandeling");
        assertThat(item).containsEntry("reference", reference).containsEntry("category", "dumping")
                .containsEntry("categoryLabel", "Dumpen van afval").containsEntry("channel", "WEB")
                .containsEntry("channelLabel", "Website").containsEntry("routing", "WORK_ORDER")
                .containsEntry("routingLabel", "Werkopdracht (WOP)").doesNotContainKey("contact");
        assertThat(item.get("cluster")).asInstanceOf(InstanceOfAssertFactories.MAP).containsKey("id")
                .containsEntry("reports", 1);

        Map<String, Object> english = page("q=" + reference, "en");
        assertThat(items(english)).singleElement().satisfies(i -> assertThat(i)
                .containsEntry("statusLabel", "IN_PROGRESS".equals(i.get("status")) ? "In progress" : "Received")
                .containsEntry("categoryLabel", "Dumped waste"));
    }

    @Test
    void theQueueIsPagedSortedAndFiltered() {
        String word = "Kwispel" + Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < 3; i++) {
            file(i == 1 ? "litter" : "animal", "Een hond " + word + " laat poep achter op de stoep, keer " + i,
                    "Hulststraat " + (20 + i));
        }
        Map<String, Object> first = page("q=" + word + "&size=2&sort=received&dir=asc", "nl");
        assertThat(first).containsEntry("page", 0).containsEntry("size", 2).containsEntry("total", 3);
        assertThat(items(first)).hasSize(2).extracting(i -> i.get("description").toString())
                .allSatisfy(d -> assertThat(d).contains(word)).first().asString().endsWith("keer 0");
        Map<String, Object> second = page("q=" + word + "&size=2&page=1&sort=received&dir=asc", "nl");
        assertThat(items(second)).singleElement().satisfies(i -> assertThat(i.get("description").toString())
                .endsWith("keer 2"));
        Map<String, Object> beyond = page("q=" + word + "&size=2&page=5", "nl");
        assertThat(items(beyond)).isEmpty();
        assertThat(beyond).containsEntry("total", 3);

        assertThat(items(page("q=" + word + "&category=litter", "nl"))).singleElement()
                .satisfies(i -> assertThat(i).containsEntry("category", "litter"));
        assertThat(items(page("q=" + word + "&status=CLOSED", "nl"))).isEmpty();
        // Animals and litter go to the WOP: each report moves to IN_PROGRESS when its work order is made.
        String status = "IN_PROGRESS";
        await("three reports " + status).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> ((Number) page("q=" + word + "&status=" + status, "nl").get("total")).intValue() >= 3);
        assertThat(items(page("q=" + word + "&status=" + status, "nl"))).hasSize(3)
                .allSatisfy(i -> assertThat(i).containsEntry("status", status));
        assertThat(items(page("q=" + word + "&status=RECEIVED", "nl"))).isEmpty();
        List<String> categories = items(page("q=" + word + "&sort=category&dir=asc", "nl")).stream()
                .map(i -> (String) i.get("category")).toList();
        assertThat(categories).isSortedAccordingTo(Comparator.naturalOrder()).containsExactly("animal", "animal",
                "litter");
        // The older form still works: a status and a limit.
        assertThat(items(page("status=" + status + "&limit=1", "nl"))).singleElement()
                .satisfies(i -> assertThat(i).containsEntry("status", status));
        assertThat(page("limit=2", "nl")).containsEntry("size", 2);
    }

    @Test
    void badParametersAreProblemsNamingEveryField() {
        http.get().uri("/api/v1/staff/reports?page=x&size=1000&sort=colour&dir=sideways&status=LOST&category=unicorns&q="
                        + "y".repeat(201))
                .headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat(fields)
                        .asInstanceOf(InstanceOfAssertFactories.LIST).containsExactlyInAnyOrder("page", "size", "sort",
                                "dir", "status", "category", "q"));
    }

    // --- helpers

    private String file(String category, String description, String address) {
        return Reports.file(http, category, description, address).reference();
    }

    private Map<String, Object> awaitReport(String reference, java.util.function.Predicate<Map<String, Object>> ready) {
        return await("report " + reference + " ready").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    List<Map<String, Object>> found = items(page("q=" + reference, "nl"));
                    return found.isEmpty() ? null : found.get(0);
                }, last -> last != null && ready.test(last));
    }

    private Map<String, Object> page(String query, String language) {
        return http.get().uri("/api/v1/staff/reports?" + query).headers(TestAccounts::asCoordinator)
                .header("Accept-Language", language).exchange()
                .expectStatus().isOk().expectBody(OBJECT).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }
}
