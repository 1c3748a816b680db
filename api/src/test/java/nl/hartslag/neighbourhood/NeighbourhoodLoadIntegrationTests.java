package nl.hartslag.neighbourhood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.Application;
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.TestAccounts;
import nl.hartslag.support.TwilioWebhooks;

/**
 * Issue 16's acceptance check: a BAG-style address file for a neighbourhood the gazetteer does not
 * know (invented streets, inside the service area) makes its streets known to the report form,
 * the text reader and the matching engine of the running service, without a restart — loaded
 * through the endpoint, and through the {@code load-addresses} command run in-process against
 * this test's own database (as an operator runs it against an external database while the service
 * runs: the service hears the {@code NOTIFY}).
 */
@IntegrationTest
class NeighbourhoodLoadIntegrationTests {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };

    WebTestClient http;

    /** A load reads the places again before it answers: on a busy machine that takes more than 5 s. */
    @Autowired
    void client(WebTestClient client) {
        this.http = client.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
    }

    @Autowired
    DatabaseClient db;

    @Autowired
    Environment environment;

    /** Per-address rows as NLExtract writes them (separator ;, RD and WGS84 both), in the north-east of the area. */
    private static final String ZILVERSCHOON = """
            openbareruimte;huisnummer;huisletter;huisnummertoevoeging;postcode;woonplaats;gemeente;x;y;lon;lat
            Klaproosstraat;1;;;6419 KA;Heerlen;Heerlen;199100.1;322900.4;5.97810;50.93110
            Klaproosstraat;3;;;6419 KA;Heerlen;Heerlen;199110.2;322905.3;5.97825;50.93115
            Klaproosstraat;5;a;;6419 KA;Heerlen;Heerlen;199120.0;322910.1;5.97840;50.93120
            Klaproosstraat;9;;;6419 KA;Heerlen;Heerlen;199135.5;322915.9;5.97860;50.93125
            Klaproosstraat;2;;;6419 KB;Heerlen;Heerlen;199100.8;322930.0;5.97815;50.93140
            Klaproosstraat;14;;2;6419 KB;Heerlen;Heerlen;199150.3;322950.2;5.97880;50.93160
            Vlasbloemlaan;2;;;6419 KC;Heerlen;Heerlen;199300.0;323050.0;5.98050;50.93250
            Vlasbloemlaan;8;;;6419 KC;Heerlen;Heerlen;199310.0;323060.0;5.98060;50.93260
            Vlasbloemlaan;14;;;6419 KC;Heerlen;Heerlen;199320.0;323070.0;5.98070;50.93270
            Vlasbloemlaan;20;b;;6419 KC;Heerlen;Heerlen;199330.0;323080.0;5.98080;50.93280
            """;

    /** The same kind of file as bag-extract tools write it (separator ,), in the south-east of the area. */
    private static final String BOTERBLOEM = """
            straatnaam,huisnummer,huisletter,postcode,woonplaatsnaam,gemeentenaam,buurtnaam,lat,lon
            Boterbloemweg,1,,6418 ZA,Heerlen,Heerlen,Boterbloemhof,50.89710,5.97810
            Boterbloemweg,7,,6418 ZA,Heerlen,Heerlen,Boterbloemhof,50.89720,5.97840
            Boterbloemweg,13,,6418 ZA,Heerlen,Heerlen,Boterbloemhof,50.89730,5.97870
            Boterbloemweg,21,,6418 ZA,Heerlen,Heerlen,Boterbloemhof,50.89740,5.97900
            Ratelaarpad,3,,6418 ZB,Heerlen,Heerlen,Boterbloemhof,50.89810,5.98010
            Ratelaarpad,5,,6418 ZB,Heerlen,Heerlen,Boterbloemhof,50.89815,5.98020
            Ratelaarpad,11,,6418 ZB,Heerlen,Heerlen,Boterbloemhof,50.89830,5.98050
            """;

    @Test
    void addressesLoadedThroughTheEndpointAreKnownToTheFormTheTextReaderAndTheMatchingWithoutARestart() {
        assertUnknown("Klaproos");

        Map<String, Object> loaded = http.post()
                .uri("/api/v1/staff/neighbourhoods/Zilverschoonwijk/addresses?municipality=Heerlen&residents=1800"
                        + "&households=820")
                .headers(TestAccounts::asCoordinator).contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(ZILVERSCHOON).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
        assertThat(loaded).containsEntry("neighbourhood", "Zilverschoonwijk").containsEntry("format", "addresses")
                .containsEntry("rows", 10).containsEntry("segments", 3).containsEntry("streets", 2);

        // Known to this instance before the answer: the form's lookup, without waiting.
        assertThat(suggestions("Klaproos")).contains("Klaproosstraat");
        assertThat(neighbourhood("Zilverschoonwijk")).containsEntry("municipality", "Heerlen")
                .containsEntry("residents", 1800).containsEntry("households", 820).containsEntry("streets", 2);

        assertKnownEverywhere("Zilverschoonwijk", "Klaproosstraat", "Vlasbloemlaan");
    }

    @Test
    void addressesLoadedByTheCommandAgainstTheRunningDatabaseReachTheRunningServiceByNotify(@TempDir Path dir)
            throws Exception {
        assertUnknown("Boterbloem");
        Path file = dir.resolve("bag-boterbloemhof.csv");
        Files.writeString(file, BOTERBLOEM, StandardCharsets.UTF_8);

        // The command's own context, on this test's database: no second embedded PostgreSQL (the URL is
        // given), no web server, no background job.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LoadAddressesCommand.run(Application.class, new String[] { LoadAddressesCommand.NAME,
                "--file", file.toString(), "--residents", "950", "--households=430",
                "--spring.r2dbc.url=" + environment.getProperty("spring.r2dbc.url"),
                "--spring.r2dbc.username=" + environment.getProperty("spring.r2dbc.username"),
                "--spring.r2dbc.password=" + environment.getProperty("spring.r2dbc.password"),
                "--hartslag.data-dir=" + environment.getProperty("hartslag.data-dir"),
                // The test JVM's logging stays as it was.
                "--logging.level.root=INFO" },
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed).contains("7 rows read, 2 street segments, 2 streets").contains("Boterbloemhof: 2 segments")
                .contains("A running service takes the streets now");
        // The neighbourhood came from the rows' buurt column, the municipality from gemeentenaam.
        await("the running service heard the NOTIFY").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100)).until(() -> suggestions("Boterbloem").contains("Boterbloemweg"));
        assertThat(neighbourhood("Boterbloemhof")).containsEntry("municipality", "Heerlen")
                .containsEntry("residents", 950).containsEntry("households", 430);

        assertKnownEverywhere("Boterbloemhof", "Boterbloemweg", "Ratelaarpad");
    }

    @Test
    void aBadRowRefusesTheWholeFileByLineInTheRequestLanguageAndNothingIsLoaded() {
        String bad = """
                openbareruimte,huisnummer,postcode,lat,lon
                Pimpernelhof,4,6419 PA,50.9330,5.9790
                Pimpernelhof,vier,6419 PA,50.9331,5.9791
                Pimpernelhof,8,6419,50.9332,5.9792
                """;
        http.post().uri("/api/v1/staff/neighbourhoods/Pimpernelwijk/addresses?municipality=Heerlen")
                .headers(TestAccounts::asCoordinator).header("Accept-Language", "en")
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(bad).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("csv")
                .jsonPath("$.errors[0].message").isEqualTo("Line 3: not a house number: 'vier'.")
                .jsonPath("$.errors[1].message").isEqualTo("Line 4: not a Dutch postcode: '6419'.");
        http.post().uri("/api/v1/staff/neighbourhoods/Pimpernelwijk/addresses?municipality=Heerlen")
                .headers(TestAccounts::asCoordinator).header("Accept-Language", "nl")
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(bad).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].message").isEqualTo("Regel 3: geen huisnummer: 'vier'.");
        assertThat(suggestions("Pimpernel")).isEmpty();
        assertThat(http.get().uri("/api/v1/staff/neighbourhoods").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody())
                .extracting(n -> n.get("name")).doesNotContain("Pimpernelwijk").contains("Passart");
    }

    @Test
    void aCoordinatorSetsANeighbourhoodsNumbersAndWrongOnesAreNamedByField() {
        http.put().uri("/api/v1/staff/neighbourhoods/Kamilleveld").headers(TestAccounts::asCoordinator)
                .header("Accept-Language", "en").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("residents", -1, "households", 5)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat(fields)
                        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                        .containsExactlyInAnyOrder("municipality", "residents"));
        Map<String, Object> set = http.put().uri("/api/v1/staff/neighbourhoods/Kamilleveld")
                .headers(TestAccounts::asCoordinator).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("municipality", "Heerlen", "residents", 1200, "households", 540)).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
        assertThat(set).containsEntry("name", "Kamilleveld").containsEntry("residents", 1200)
                .containsEntry("streets", 0);
        http.get().uri("/api/v1/staff/neighbourhoods").exchange().expectStatus().isUnauthorized();
    }

    // --- what "known everywhere" means

    private void assertKnownEverywhere(String neighbourhood, String street, String otherStreet) {
        Reports reports = new Reports(http, db);
        // The form: an address on the new street is accepted, and the report is in the new neighbourhood.
        Reports.Created first = reports.file(Reports.report("dumping",
                "Naast de glasbak ligt een oude bank met een matras en een paar vuilniszakken", street + " 3"));
        Map<String, Object> stored = row(first.reference());
        assertThat(stored).containsEntry("street", street).containsEntry("neighbourhood", neighbourhood);

        // The work order opened for it (routing, after the matching) is in the neighbourhood too.
        String caseNeighbourhood = await("the report's case").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100)).until(() -> db.sql("""
                        select c.neighbourhood from case_file c join case_report cr on cr.case_id = c.id
                          join report r on r.id = cr.report_id where r.reference = :r
                        """).bind("r", first.reference()).map(row -> Optional.ofNullable(row.get("neighbourhood",
                        String.class))).one().blockOptional().flatMap(o -> o), Optional::isPresent).get();
        assertThat(caseNeighbourhood).isEqualTo(neighbourhood);

        // The matching: the same problem in other words, by a neighbour a few doors on, joins it.
        UUID cluster = reports.clusterOf(first.reference());
        UUID second = reports.fileAndMatch(Reports.report("dumping",
                "Iemand heeft bij de glasbak een bank, een matras en zakken met afval neergezet", street + " 5"));
        assertThat(second).isEqualTo(cluster);

        // The text reader: an SMS naming the other new street is placed there, by intake and by the matching.
        String sid = TwilioWebhooks.messageSid();
        TwilioWebhooks.post(http, "/twilio/sms", TwilioWebhooks.textForm(FakeTwilio.newPhone(), sid,
                "Elke nacht harde muziek en geschreeuw uit een woning aan de " + otherStreet + " 8"))
                .expectStatus().isOk();
        Map<String, Object> text = await("the text's report").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50)).until(() -> rowByKey("sms:" + sid), Optional::isPresent).get();
        assertThat(text).containsEntry("street", otherStreet).containsEntry("house_number", "8")
                .containsEntry("place_known", true).containsEntry("neighbourhood", neighbourhood);
        reports.clusterOf((String) text.get("reference"));
        assertThat(row((String) text.get("reference"))).containsEntry("problem_street", otherStreet);
    }

    private void assertUnknown(String typed) {
        assertThat(suggestions(typed)).isEmpty();
    }

    private List<String> suggestions(String q) {
        List<Map<String, Object>> found = http.get().uri(u -> u.path("/api/v1/places").queryParam("q", q).build())
                .exchange().expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
        return found.stream().map(s -> String.valueOf(s.get("street") != null ? s.get("street") : s.get("name")))
                .filter(s -> s.toLowerCase(java.util.Locale.ROOT).startsWith(q.toLowerCase(java.util.Locale.ROOT)))
                .toList();
    }

    private Map<String, Object> neighbourhood(String name) {
        return http.get().uri("/api/v1/staff/neighbourhoods").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody().stream()
                .filter(n -> name.equals(n.get("name"))).findFirst().orElseThrow();
    }

    private Map<String, Object> row(String reference) {
        return db.sql("select * from report where reference = :r").bind("r", reference).fetch().one().block();
    }

    private Optional<Map<String, Object>> rowByKey(String key) {
        return db.sql("select * from report where idempotency_key = :k").bind("k", key).fetch().one().blockOptional();
    }
}
