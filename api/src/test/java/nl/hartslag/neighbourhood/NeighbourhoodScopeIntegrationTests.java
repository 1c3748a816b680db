package nl.hartslag.neighbourhood;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.TestAccounts;

/**
 * A coordinator scoped to some neighbourhoods ({@code staff_neighbourhood}) sees only their
 * reports in the queue and problems on the desk; without rows, every neighbourhood. {@link NeighbourhoodScope#of} says the same.
 */
@IntegrationTest
class NeighbourhoodScopeIntegrationTests {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };

    WebTestClient http;

    /** A load reads the places again before it answers: on a busy machine that takes more than 5 s. */
    @Autowired
    void client(WebTestClient client) {
        this.http = client.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
    }

    @Autowired
    NeighbourhoodScope scope;

    @Autowired
    org.springframework.r2dbc.core.DatabaseClient db;

    @Test
    void aScopedCoordinatorSeesOnlyTheirNeighbourhoodsReportsAndAnUnscopedOneSeesAll() {
        load("Duizendbladhof", "Duizendbladstraat,1,41,6417 DA,50.8972,5.9180,Duizendbladhof");
        // Far apart, and another kind of problem: two problems, not one.
        load("Hertshooiveld", "Hertshooiweg,2,30,6417 DB,50.9335,5.9450,Hertshooiveld");
        String token = "kenmerk" + UUID.randomUUID().toString().substring(0, 8);
        String mine = Reports.file(http, "litter", "Zwerfafval langs de stoep, " + token, "Duizendbladstraat 11")
                .reference();
        String theirs = Reports.file(http, "public_lighting", "De lantaarnpaal is kapot, het is er donker, " + token,
                "Hertshooiweg 12")
                .reference();

        String username = "wijk." + UUID.randomUUID().toString().substring(0, 6);
        String password = "lang-genoeg-wachtwoord-" + UUID.randomUUID().toString().substring(0, 4);
        http.post().uri("/api/v1/staff/accounts").headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("username", username, "displayName", "Coordinator Duizendblad", "password", password,
                        "roles", List.of("COORDINATOR")))
                .exchange().expectStatus().isCreated();
        assertThat(queue(username, password, token)).containsExactlyInAnyOrder(mine, theirs);

        // Unknown neighbourhoods are named by position, in the request's language.
        http.put().uri("/api/v1/staff/accounts/{u}/neighbourhoods", username).headers(TestAccounts::asCoordinator)
                .header("Accept-Language", "en").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("neighbourhoods", List.of("duizendbladhof", "Nergenswijk"))).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("neighbourhoods[1]")
                .jsonPath("$.errors[0].message").isEqualTo("We do not know this neighbourhood. Choose one from the list.");

        Map<String, Object> set = http.put().uri("/api/v1/staff/accounts/{u}/neighbourhoods", username)
                .headers(TestAccounts::asCoordinator).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("neighbourhoods", List.of("duizendbladhof"))).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
        assertThat(set.get("neighbourhoods")).isEqualTo(List.of("Duizendbladhof"));
        assertThat(scope.of(username).block()).isEqualTo(Set.of("Duizendbladhof"));
        assertThat(scope.of(TestAccounts.COORDINATOR).block()).isEmpty();

        assertThat(queue(username, password, token)).containsExactly(mine);
        assertThat(queue(TestAccounts.COORDINATOR, TestAccounts.PASSWORD, token)).containsExactlyInAnyOrder(mine,
                theirs);
        // The problem desk likewise.
        UUID myProblem = new Reports(http, db).clusterOf(mine);
        UUID theirProblem = new Reports(http, db).clusterOf(theirs);
        assertThat(desk(username, password, token)).containsExactly(myProblem.toString());
        assertThat(desk(TestAccounts.COORDINATOR, TestAccounts.PASSWORD, token))
                .containsExactlyInAnyOrder(myProblem.toString(), theirProblem.toString());

        // An empty list: every neighbourhood again.
        http.put().uri("/api/v1/staff/accounts/{u}/neighbourhoods", username).headers(TestAccounts::asCoordinator)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("neighbourhoods", List.of())).exchange()
                .expectStatus().isOk();
        assertThat(queue(username, password, token)).containsExactlyInAnyOrder(mine, theirs);
        http.put().uri("/api/v1/staff/accounts/{u}/neighbourhoods", "niemand.hier")
                .headers(TestAccounts::asCoordinator).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("neighbourhoods", List.of())).exchange().expectStatus().isNotFound();
    }

    private void load(String neighbourhood, String row) {
        http.post().uri("/api/v1/staff/neighbourhoods/{n}/addresses?municipality=Heerlen", neighbourhood)
                .headers(TestAccounts::asCoordinator).contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("street,house_from,house_to,postcode,lat,lon,neighbourhood\n" + row + "\n").exchange()
                .expectStatus().isOk();
    }

    @SuppressWarnings("unchecked")
    private List<String> desk(String username, String password, String token) {
        Map<String, Object> page = http.get().uri(u -> u.path("/api/v1/staff/clusters").queryParam("q", token).build())
                .headers(h -> h.setBasicAuth(username, password)).exchange().expectStatus().isOk().expectBody(MAP)
                .returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("items")).stream().map(i -> (String) i.get("id")).toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> queue(String username, String password, String token) {
        Map<String, Object> page = http.get().uri(u -> u.path("/api/v1/staff/reports").queryParam("q", token).build())
                .headers(h -> h.setBasicAuth(username, password)).exchange().expectStatus().isOk().expectBody(MAP)
                .returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("items")).stream().map(i -> (String) i.get("reference")).toList();
    }
}
