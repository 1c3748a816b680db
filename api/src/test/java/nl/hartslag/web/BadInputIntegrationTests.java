package nl.hartslag.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Input that used to end in a 500 now gets a clear 4xx problem naming what is wrong, and nothing is
 * stored: a non-ASCII header value (sent as raw UTF-8 bytes over a plain socket, since Java's HTTP
 * client refuses to), and a NUL character or a lone surrogate in a JSON text field.
 */
@IntegrationTest
class BadInputIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @LocalServerPort
    int port;

    @Test
    void aNonAsciiHeaderValueIsA400NamingTheHeaderAndStoresNothing() throws IOException {
        String body = "{\"category\":\"noise\",\"description\":\"Harde muziek elke nacht\",\"address\":\"Passartweg 14\"}";
        long before = reportsWithDescription("Harde muziek elke nacht");

        Raw answer = raw("POST /api/v1/reports HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Accept-Language: en\r\nIdempotency-Key: ключ-1\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.headers()).containsIgnoringCase("content-type: application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("ASCII");
        assertThat(reportsWithDescription("Harde muziek elke nacht")).isEqualTo(before);
    }

    @Test
    void anyNonAsciiHeaderIsRefusedBeforeAnythingReadsIt() throws IOException {
        Raw answer = raw("GET /api/v1/categories HTTP/1.1\r\nHost: localhost\r\nX-Anything: Ünïcödé ключ\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).get("errors").get(0).get("field").asString()).isEqualTo("X-Anything");
    }

    @Test
    void anUnreadableAcceptHeaderIsA400ThatStillComesAsProblemJson() {
        http.post().uri("/api/v1/reports").header("Accept", "nonsense").contentType(MediaType.TEXT_PLAIN)
                .bodyValue("{}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("Accept");
    }

    @Test
    void aNulCharacterInAnyJsonTextFieldIsA400NamingTheFieldInTheRequestsLanguage() {
        for (String field : List.of("description", "address", "contact.name", "contact.email", "category", "language")) {
            String marker = "nul-" + UUID.randomUUID();
            Map<String, Object> report = report(marker);
            put(report, field, value(field) + "\u0000");

            JsonNode problem = post(report, "en").expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(JsonNode.class).returnResult().getResponseBody();

            assertThat(problem.get("errors")).as(field).hasSize(1);
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
            assertThat(problem.get("errors").get(0).get("message").asString()).contains("NUL");
            assertThat(reportsWithDescription("Harde muziek " + marker)).isZero();
        }
    }

    @Test
    void aLoneSurrogateIsRefusedTooAndTheAnswerIsDutchByDefault() {
        String marker = "surrogate-" + UUID.randomUUID();
        String body = "{\"category\":\"noise\",\"description\":\"Harde muziek " + marker + " \\ud800\","
                + "\"address\":\"Passartweg 14\"}";

        JsonNode problem = http.post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isBadRequest().expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("description");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("NUL-teken");
        assertThat(reportsWithDescription("Harde muziek " + marker + " ?")).isZero();
    }

    @Test
    void aVolunteerNameWithANulIsRefusedLikeAReport() {
        http.post().uri("/api/v1/staff/volunteers").headers(nl.hartslag.support.TestAccounts::asCoordinator)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Anna\\u0000\",\"phone\":\"+31612000999\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
    }

    // --- helpers

    private WebTestClient.ResponseSpec post(Map<String, Object> report, String language) {
        return http.post().uri("/api/v1/reports").header("Accept-Language", language)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(report).exchange();
    }

    private static Map<String, Object> report(String marker) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("name", "Anna");
        contact.put("email", "anna@example.nl");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("category", "noise");
        report.put("description", "Harde muziek " + marker);
        report.put("address", "Passartweg 14");
        report.put("contact", contact);
        report.put("language", "nl");
        return report;
    }

    private static String value(String field) {
        return switch (field) {
            case "contact.name" -> "Anna";
            case "contact.email" -> "anna@example.nl";
            case "category" -> "noise";
            case "language" -> "nl";
            case "address" -> "Passartweg 14";
            default -> "Harde muziek";
        };
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> report, String field, Object value) {
        if (field.startsWith("contact.")) {
            ((Map<String, Object>) report.get("contact")).put(field.substring("contact.".length()), value);
        } else if (field.equals("description")) {
            report.put(field, report.get(field) + "\u0000");
        } else {
            report.put(field, value);
        }
    }

    private long reportsWithDescription(String description) {
        return db.sql("select count(*) as n from report where description = :d").bind("d", description)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    record Raw(int status, String headers, String body) {
    }

    /** One HTTP/1.1 exchange written byte for byte (the request as UTF-8), read until the server closes. */
    private Raw raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            byte[] response = all.toByteArray();
            int split = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
            String head = new String(response, 0, split, StandardCharsets.ISO_8859_1);
            byte[] body = java.util.Arrays.copyOfRange(response, split + 4, response.length);
            if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new Raw(Integer.parseInt(head.split(" ")[1]), head, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
        int at = 0;
        while (true) {
            int eol = indexOf(chunked, crlf, at);
            int size = Integer.parseInt(new String(chunked, at, eol - at, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(chunked, eol + 2, size);
            at = eol + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        for (int i = from; i <= data.length - pattern.length; i++) {
            if (java.util.Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("no " + new String(pattern, StandardCharsets.US_ASCII).replace("\r\n", "CRLF"));
    }
}
