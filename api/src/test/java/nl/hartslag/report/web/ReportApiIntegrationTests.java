package nl.hartslag.report.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports.Created;

/** The residents' report API end to end: real HTTP, real PostgreSQL, real migrations. */
@IntegrationTest
class ReportApiIntegrationTests {

    private static final String REFERENCE = "HS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}";

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    static Map<String, Object> validReport() {
        return new java.util.HashMap<>(Map.of(
                "category", "noise",
                "description", "Harde muziek tot 4 uur 's nachts bij nummer 14",
                "address", "Passartweg 14"));
    }

    @Test
    void residentFilesAReportAndFollowsIt() {
        var result = http.post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                // Noise waits for the coordinator's triage: nothing moves the report on while this test reads it.
                .bodyValue(Map.of("category", "noise", "description", "Harde muziek uit een tuin, elke nacht tot laat",
                        "location", Map.of("lat", 50.9069, "lon", 5.9636),
                        "occurredAt", OffsetDateTime.now(ZoneOffset.ofHours(1)).minusHours(2).toString()))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/v1/reports/" + REFERENCE)
                .expectBody(Created.class).returnResult();
        Created created = result.getResponseBody();
        assertThat(created.reference()).matches(REFERENCE);
        assertThat(created.status()).isEqualTo("RECEIVED");
        assertThat(created.trackingToken()).hasSizeGreaterThanOrEqualTo(22).matches("[A-Za-z0-9_-]+");
        assertThat(created.statusUrl()).endsWith("/m/" + created.reference() + "?t=" + created.trackingToken());
        assertThat(result.getResponseHeaders().getLocation().getPath()).isEqualTo("/api/v1/reports/" + created.reference());

        http.get().uri("/api/v1/reports/{ref}?token={token}", created.reference(), created.trackingToken())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.reference").isEqualTo(created.reference())
                .jsonPath("$.category.code").isEqualTo("noise")
                .jsonPath("$.category.label").isEqualTo("Geluidsoverlast")
                .jsonPath("$.status").isEqualTo("RECEIVED")
                .jsonPath("$.statusLabel").isEqualTo("Ontvangen")
                // The pin is on the square: named after it (issue 14), at its one gazetteer point (three
                // decimals); never the pin itself, never a house number.
                .jsonPath("$.location.street").isEqualTo("Passartplein")
                .jsonPath("$.location.name").isEqualTo("Passartplein")
                .jsonPath("$.location.label").isEqualTo("Bij Passartplein, Passartweg")
                .jsonPath("$.location.lat").isEqualTo(50.907)
                .jsonPath("$.location.lon").isEqualTo(5.964)
                .jsonPath("$.receivedAt").value(String.class, day -> assertThat(day).matches("\\d{4}-\\d{2}-\\d{2}"))
                .jsonPath("$.history.length()").isEqualTo(1)
                .jsonPath("$.history[0].status").isEqualTo("RECEIVED")
                .jsonPath("$.history[0].message").isEqualTo("We hebben uw melding ontvangen. We kijken er zo snel mogelijk naar.");

        http.get().uri("/api/v1/reports/{ref}?token={token}", created.reference(), created.trackingToken())
                .header("Accept-Language", "en-GB,en;q=0.9")
                .exchange()
                .expectBody()
                .jsonPath("$.category.label").isEqualTo("Noise")
                .jsonPath("$.statusLabel").isEqualTo("Received");
    }

    @Test
    void aClientThatAcceptsNoJsonIsAnsweredBeforeAnythingIsStored() {
        String description = "Geen JSON gevraagd " + UUID.randomUUID();
        Map<String, Object> body = Map.of("category", "noise", "description", description, "address", "Passartweg 14");

        http.post().uri("/api/v1/reports").accept(MediaType.TEXT_HTML).bodyValue(body).exchange()
                .expectStatus().isEqualTo(HttpStatus.NOT_ACCEPTABLE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(db.sql("select count(*) as n from report where description = :d").bind("d", description)
                .map(row -> row.get("n", Long.class)).one().block()).isZero();
    }

    @Test
    void anAddressIsStoredWithTheGazetteersCoordinates() {
        Created created = create(validReport());
        Map<String, Object> row = db.sql("select lat, lon, street, house_number, address_text, channel, language"
                        + " from report where reference = :r")
                .bind("r", created.reference()).fetch().one().block();
        assertThat(row).containsEntry("street", "Passartweg").containsEntry("house_number", "14")
                .containsEntry("address_text", "Passartweg 14").containsEntry("channel", "web")
                .containsEntry("language", "nl");
        assertThat((Double) row.get("lat")).isBetween(50.895, 50.935);
        assertThat((Double) row.get("lon")).isBetween(5.915, 5.985);
    }

    @Test
    void theTrackingTokenIsStoredOnlyAsAHash() {
        Created created = create(validReport());
        Map<String, Object> row = db.sql("select * from report where reference = :r").bind("r", created.reference())
                .fetch().one().block();
        assertThat(row.values()).noneMatch(v -> String.valueOf(v).contains(created.trackingToken()));
    }

    @Test
    void aWrongOrMissingTokenLooksExactlyLikeAnUnknownReference() {
        Created created = create(validReport());
        byte[] wrongToken = http.get().uri("/api/v1/reports/{ref}?token=not-the-token", created.reference())
                .exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody();
        byte[] noToken = http.get().uri("/api/v1/reports/{ref}", created.reference())
                .exchange().expectStatus().isNotFound().expectBody().returnResult().getResponseBody();
        byte[] unknown = http.get().uri("/api/v1/reports/HS-2222-22?token=x")
                .exchange().expectStatus().isNotFound().expectBody().returnResult().getResponseBody();
        assertThat(normalise(wrongToken, created.reference())).isEqualTo(normalise(unknown, "HS-2222-22"));
        assertThat(normalise(noToken, created.reference())).isEqualTo(normalise(unknown, "HS-2222-22"));
    }

    private static String normalise(byte[] body, String reference) {
        return new String(body).replace(reference, "REF");
    }

    @Test
    void theReferenceCanBeTypedLoosely() {
        Created created = create(validReport());
        String loose = created.reference().toLowerCase().replace("-", " ");
        http.get().uri("/api/v1/reports/{ref}?token={token}", loose, created.trackingToken())
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.reference").isEqualTo(created.reference());
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheOriginalReport() {
        String key = UUID.randomUUID().toString();
        Created first = http.post().uri("/api/v1/reports").header("Idempotency-Key", key).bodyValue(validReport())
                .exchange().expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();
        Created retry = http.post().uri("/api/v1/reports").header("Idempotency-Key", key).bodyValue(validReport())
                .exchange().expectStatus().isOk().expectBody(Created.class).returnResult().getResponseBody();
        assertThat(retry).isEqualTo(first);
        assertThat(reportsWithKey(key)).isEqualTo(1);
    }

    @Test
    void concurrentSubmissionsWithTheSameKeyMakeOneReport() {
        String key = UUID.randomUUID().toString();
        List<Created> answers = reactor.core.publisher.Flux.range(0, 8)
                .flatMap(i -> reactor.core.publisher.Mono.fromCallable(() -> http.post().uri("/api/v1/reports")
                                .header("Idempotency-Key", key).bodyValue(validReport())
                                .exchange().expectStatus().is2xxSuccessful()
                                .expectBody(Created.class).returnResult().getResponseBody())
                        .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()), 8)
                .collectList().block();
        assertThat(answers).hasSize(8);
        assertThat(answers.stream().map(Created::reference).distinct()).hasSize(1);
        assertThat(answers.stream().map(Created::trackingToken).distinct()).hasSize(1);
        assertThat(reportsWithKey(key)).isEqualTo(1);
        assertThat(db.sql("select count(*) as n from report_event e join report r on r.id = e.report_id"
                + " where r.idempotency_key = :k").bind("k", key).map(r -> r.get("n", Long.class)).one().block())
                .isEqualTo(1);
    }

    @Test
    void theSameKeyWithADifferentReportIsRefused() {
        String key = UUID.randomUUID().toString();
        create(validReport(), key);
        Map<String, Object> other = validReport();
        other.put("description", "Iets heel anders");
        http.post().uri("/api/v1/reports").header("Idempotency-Key", key).bodyValue(other)
                .exchange().expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://hartslag.nl/problems/idempotency-key-reused");
        assertThat(reportsWithKey(key)).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyMustBeLongEnoughToBeUnique() {
        http.post().uri("/api/v1/reports").header("Idempotency-Key", "1").bodyValue(validReport())
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key");
    }

    static Stream<Arguments> invalidReports() {
        return Stream.of(
                Arguments.of("category missing", Map.of("category", ""), "category",
                        "Kies waar uw melding over gaat."),
                Arguments.of("unknown category", Map.of("category", "fireworks"), "category",
                        "Deze soort melding kennen we niet: fireworks. Kies een soort uit de lijst."),
                Arguments.of("description missing", Map.of("description", "  "), "description",
                        "Beschrijf wat er aan de hand is (minstens 3 tekens)."),
                Arguments.of("description too short", Map.of("description", "ab"), "description",
                        "Uw beschrijving moet tussen 3 en 4.000 tekens lang zijn."),
                Arguments.of("description too long", Map.of("description", "x".repeat(4001)), "description",
                        "Uw beschrijving moet tussen 3 en 4.000 tekens lang zijn."),
                Arguments.of("no place", Map.of("address", ""), "location",
                        "Geef aan waar het is: gebruik uw locatie of vul een straat en huisnummer in."),
                Arguments.of("outside the area", Map.of("location", Map.of("lat", 52.37, "lon", 4.89)), "location",
                        "Deze plek ligt buiten ons werkgebied (Passart en omgeving)."),
                Arguments.of("latitude out of range", Map.of("location", Map.of("lat", 123.0, "lon", 5.95)),
                        "location.lat", "De breedtegraad is geen geldig getal tussen -90 en 90."),
                Arguments.of("unknown street", Map.of("address", "Nergensstraat 999"), "address",
                        "Deze straat kennen we niet in ons werkgebied. Controleer de straatnaam."),
                Arguments.of("no house number", Map.of("address", "Passartweg"), "address",
                        "Vul ook het huisnummer in, bijvoorbeeld: Passartweg 14."),
                Arguments.of("number not on the street", Map.of("address", "Passartweg 9999"), "address",
                        "Dit huisnummer bestaat niet in deze straat. Controleer het nummer."),
                Arguments.of("in the future", Map.of("occurredAt", OffsetDateTime.now().plusDays(1).toString()),
                        "occurredAt", "Dit tijdstip ligt in de toekomst. Kies een tijd die al geweest is."),
                Arguments.of("bad phone", Map.of("contact", Map.of("phone", "12345")), "contact.phone",
                        "Dit telefoonnummer klopt niet. Bijvoorbeeld: 06 12345678."),
                Arguments.of("bad e-mail", Map.of("contact", Map.of("email", "jan@")), "contact.email",
                        "Dit e-mailadres klopt niet. Bijvoorbeeld: naam@voorbeeld.nl."),
                Arguments.of("unknown language", Map.of("language", "fr"), "language", "Kies de taal nl of en."),
                Arguments.of("wrong type", Map.of("location", Map.of("lat", "hier", "lon", 5.9)), "location.lat",
                        "Deze waarde heeft niet de goede vorm."),
                Arguments.of("unparseable time", Map.of("occurredAt", "gisteren"), "occurredAt",
                        "Deze waarde heeft niet de goede vorm."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidReports")
    void everyRuleAnswersWithAProblemNamingTheField(String name, Map<String, Object> change, String field,
            String message) {
        Map<String, Object> body = validReport();
        body.putAll(change);
        if (change.containsKey("location") || change.containsKey("address")) {
            body.remove("address");
            body.putAll(change);
        }
        http.post().uri("/api/v1/reports").bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.type").isEqualTo("https://hartslag.nl/problems/invalid-request")
                .jsonPath("$.title").isEqualTo("Er klopt iets niet in uw melding")
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].message").isEqualTo(message);
    }

    @Test
    void problemsAreInEnglishWhenAskedFor() {
        http.post().uri("/api/v1/reports").header("Accept-Language", "en").bodyValue(Map.of("category", "noise"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.title").isEqualTo("Something in your report is not right")
                .jsonPath("$.errors[?(@.field == 'description')].message")
                .isEqualTo("Describe what is going on (at least 3 characters).")
                .jsonPath("$.errors[?(@.field == 'location')].message")
                .isEqualTo("Tell us where it is: use your location or enter a street and house number.");
    }

    @Test
    void malformedJsonIsA400Problem() {
        http.post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"category\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://hartslag.nl/problems/malformed-json");
    }

    @Test
    void aBodyOver64KibIsRefusedWith413() {
        String big = "{\"category\":\"noise\",\"description\":\"" + "a".repeat(70 * 1024) + "\",\"address\":\"Passartweg 14\"}";
        http.post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON).bodyValue(big)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("Het verzoek is te groot");
    }

    @Test
    void categoriesAreListedInTheReadersLanguage() {
        http.get().uri("/api/v1/categories").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(12)
                .jsonPath("$[0].code").isEqualTo("noise")
                .jsonPath("$[0].label").isEqualTo("Geluidsoverlast")
                .jsonPath("$[?(@.code == 'neighbour_dispute')].kind").isEqualTo("MEDIATION")
                .jsonPath("$[?(@.code == 'domestic')].kind").isEqualTo("NUISANCE");
        http.get().uri("/api/v1/categories").header("Accept-Language", "en").exchange()
                .expectBody().jsonPath("$[0].label").isEqualTo("Noise");
    }

    @Test
    void placesAreSuggestedFromTheGazetteer() {
        http.get().uri("/api/v1/places?q=passartw").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].name").isEqualTo("Passartweg")
                .jsonPath("$[0].kind").isEqualTo("STREET");
    }

    @Test
    void healthIncludesTheDatabase() {
        // The components are for a logged-in coordinator only (issue 10 item 18).
        http.get().uri("/actuator/health").headers(nl.hartslag.support.TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP");
    }

    @Test
    void theApiIsDescribedInOpenApi() {
        // The description (about 80 KB) is larger than the server's 64 KB codec limit the client inherits,
        // and built on first use (seconds on a busy machine).
        http.mutate().responseTimeout(java.time.Duration.ofMinutes(1))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build()
                .get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.openapi").value(v -> assertThat((String) v).startsWith("3."))
                .jsonPath("$.paths['/api/v1/reports'].post").exists()
                .jsonPath("$.paths['/api/v1/reports/{reference}'].get").exists()
                .jsonPath("$.paths['/api/v1/staff/reports'].get").exists();
    }

    @Test
    void historyIsAppendOnly() {
        Created created = create(validReport());
        var update = db.sql("update report_event set public_note = 'changed' where report_id ="
                + " (select id from report where reference = :r)").bind("r", created.reference()).then();
        reactor.test.StepVerifier.create(update)
                .expectErrorMatches(e -> e.getMessage().contains("append-only"))
                .verify();
    }

    private Created create(Map<String, Object> body) {
        return create(body, null);
    }

    private Created create(Map<String, Object> body, String key) {
        var request = http.post().uri("/api/v1/reports");
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.bodyValue(body).exchange().expectStatus().isCreated()
                .expectBody(Created.class).returnResult().getResponseBody();
    }

    private long reportsWithKey(String key) {
        return db.sql("select count(*) as n from report where idempotency_key = :k").bind("k", key)
                .map(r -> r.get("n", Long.class)).one().block();
    }
}
