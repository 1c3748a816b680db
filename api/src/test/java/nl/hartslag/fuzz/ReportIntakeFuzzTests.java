package nl.hartslag.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import nl.hartslag.support.FuzzServer;

/**
 * The residents' JSON intake, {@code POST /api/v1/reports}, under generated input: plausible
 * reports with one field gone wrong, wrong types, huge and unicode strings with NUL and lone
 * surrogates, nested junk, broken JSON, and odd headers (non-ASCII values sent as raw UTF-8 bytes).
 * Whatever comes in: never a 5xx, every 4xx is problem+json, and a refused request stores nothing.
 */
class ReportIntakeFuzzTests {

    private static final List<String> TABLES = List.of("report", "reporter_contact");

    private static WebTestClient http;

    @BeforeContainer
    static void start() {
        http = FuzzServer.http();
    }

    /** One request: its body, content type, headers, and the Idempotency-Key if one was sent. */
    record Request(String body, String contentType, Map<String, String> headers) {

        @Override
        public String toString() {
            return "Request[" + contentType + ", " + headers + ", "
                    + (body.length() > 300 ? body.substring(0, 300) + "…(" + body.length() + ")" : body) + "]";
        }
    }

    @Property(tries = 2000)
    void aReportRequestNeverFailsOnOurSideAndARefusedOneStoresNothing(@ForAll("requests") Request request) {
        List<Long> before = FuzzServer.counts(TABLES);

        WebTestClient.RequestBodySpec post = http.post().uri("/api/v1/reports");
        if (request.contentType() != null) {
            post.header("Content-Type", request.contentType());
        }
        // Netty writes each char of a header value as one byte: Latin-1 of the UTF-8 bytes puts raw UTF-8 on the wire.
        request.headers().forEach((name, value) -> post.header(name,
                new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)));
        EntityExchangeResult<byte[]> result = post.bodyValue(request.body().getBytes(StandardCharsets.UTF_8))
                .exchange().expectBody().returnResult();

        int status = result.getStatus().value();
        assertThat(status).as("status for %s", request).isLessThan(500);
        if (status >= 400) {
            assertThat(result.getResponseHeaders().getContentType()).as("content type of a %d", status)
                    .isNotNull().matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            assertThat(FuzzServer.counts(TABLES)).as("reports and contacts after a refused request").isEqualTo(before);
        } else {
            assertThat(status).isIn(200, 201);
        }
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<String> body = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, reports().map(Json::write)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(300)),
                net.jqwik.api.Tuple.of(1, reports().map(Json::write).flatMap(json -> Arbitraries.integers()
                        .between(0, Math.max(0, json.length() - 1)).map(cut -> json.substring(0, cut)))),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 3000).flatMap(depth -> Arbitraries
                        .of("[", "{\"a\":", "[{\"description\":").map(open -> open.repeat(depth)))),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(60_000, 70_000)
                        .map(n -> "{\"description\":\"" + "x".repeat(n) + "\"}")));
        Arbitrary<String> contentType = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just("application/json")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("application/json;charset=UTF-8", "application/json; charset=latin1",
                        "text/plain", "application/x-www-form-urlencoded",
                        "application/xml", "multipart/form-data", "application/*", "*/*")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)));
        return Combinators.combine(body, contentType, headers()).as(Request::new);
    }

    private Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> anyValue = Arbitraries.strings().all().ofMaxLength(40)
                // Netty's client will not send control characters, nor a value that starts or ends with white
                // space (it refuses to build the request); the server's Netty refuses them in any case.
                .map(s -> s.replaceAll("[\\p{Cntrl}\\p{Cs}]", "").strip()).filter(s -> !s.isBlank());
        Arbitrary<String> key = Arbitraries.oneOf(
                Arbitraries.just("fuzz-").map(p -> p + UUID.randomUUID()),
                anyValue,
                Arbitraries.of("ключ-1", "sleutel-één-1", "k", "x".repeat(201), "key with spaces 1"));
        Arbitrary<String> language = Arbitraries.oneOf(Arbitraries.of("nl", "en", "en-GB,en;q=0.9", "de", "*", "zz-ZZ",
                "nl;q=abc", ",,,", "en;q=2"), anyValue);
        Arbitrary<String> accept = Arbitraries.of("application/json", "application/problem+json", "*/*", "text/html",
                "application/xml", "application/json;q=0", "nonsense");
        return Combinators.combine(key.injectNull(0.3), language.injectNull(0.5), accept.injectNull(0.7),
                anyValue.injectNull(0.6), anyValue.injectNull(0.8)).as((k, l, a, x, c) -> {
                    Map<String, String> headers = new LinkedHashMap<>();
                    put(headers, "Idempotency-Key", k);
                    put(headers, "Accept-Language", l);
                    put(headers, "Accept", a);
                    put(headers, "X-Fuzz", x);
                    put(headers, "Cookie", c == null ? null : "SESSION=" + c);
                    return headers;
                });
    }

    private static void put(Map<String, String> headers, String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
    }

    /** A plausible report with any of its fields replaced by something else. */
    private Arbitrary<Map<String, Object>> reports() {
        Arbitrary<Object> category = Arbitraries.oneOf(Arbitraries.of("noise", "litter", "dumping", "public_lighting",
                "domestic", "neighbour_dispute", "other", "Noise", " noise "), text(), junk());
        Arbitrary<Object> description = Arbitraries.oneOf(
                Arbitraries.of("Harde muziek elke nacht tot 4 uur", "Vuilniszakken naast de container",
                        "Loud music every night"), text(),
                Arbitraries.integers().between(3990, 4010).map("a"::repeat), junk());
        Arbitrary<Object> address = Arbitraries.oneOf(Arbitraries.of("Passartweg 14", "Passartweg", "Passartweg 99999",
                "Markt 1, Hoensbroek", "Kerkstraat 1"), text(), junk());
        Arbitrary<Object> location = Arbitraries.oneOf(
                Combinators.combine(coordinate(50.90, 50.93), coordinate(5.92, 5.98))
                        .as((lat, lon) -> (Object) map("lat", lat, "lon", lon)),
                Combinators.combine(junk(), junk()).as((lat, lon) -> (Object) map("lat", lat, "lon", lon)),
                junk());
        Arbitrary<Object> occurredAt = Arbitraries.oneOf(
                Arbitraries.integers().between(-500, 5).map(d -> (Object) OffsetDateTime.now().plusDays(d).toString()),
                Arbitraries.of("2026-13-45T99:99:99Z", "yesterday", "", "2026-11-27T23:30:00"), junk());
        Arbitrary<Object> contact = Arbitraries.oneOf(
                Combinators.combine(text().injectNull(0.5), Arbitraries.oneOf(Arbitraries.of("+31612345678",
                        "06 12345678", "+447911123456", "+31900123456", "112").map(s -> (Object) s), text())
                        .injectNull(0.3), Arbitraries.oneOf(Arbitraries.of("a@example.nl", "a@b", "not-an-email")
                                .map(s -> (Object) s), text()).injectNull(0.5))
                        .as((n, p, e) -> (Object) map("name", n, "phone", p, "email", e)),
                junk());
        Arbitrary<Object> language = Arbitraries.oneOf(Arbitraries.of("nl", "en", "de", "NL"), text(), junk());
        Arbitrary<Map<String, Object>> fields = Combinators.combine(category, description, address, location,
                occurredAt, contact, language).as((c, d, a, l, o, p, g) -> {
                    Map<String, Object> report = new LinkedHashMap<>();
                    report.put("category", c);
                    report.put("description", d);
                    report.put("address", a);
                    report.put("location", l);
                    report.put("occurredAt", o);
                    report.put("contact", p);
                    report.put("language", g);
                    return report;
                });
        // Leave out some fields, and now and then add one we do not know.
        return Combinators.combine(fields, Arbitraries.integers().between(0, 127), text().injectNull(0.8), junk())
                .as((report, keep, extraName, extraValue) -> {
                    Map<String, Object> sent = new LinkedHashMap<>();
                    int i = 0;
                    for (Map.Entry<String, Object> e : report.entrySet()) {
                        if ((keep & (1 << i++)) != 0 || e.getKey().equals("description") || e.getKey().equals("category")) {
                            sent.put(e.getKey(), e.getValue());
                        }
                    }
                    if (extraName != null) {
                        sent.put((String) extraName, extraValue);
                    }
                    return sent;
                });
    }

    private static Arbitrary<Object> coordinate(double min, double max) {
        return Arbitraries.doubles().between(min, max).map(d -> (Object) d);
    }

    /** Strings a person or a fuzzer might type: any unicode, some with NUL or other controls in them. */
    static Arbitrary<Object> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(30),
                Combinators.combine(Arbitraries.of("Passartweg 14 ", "Harde muziek ", ""),
                        Arbitraries.of("\u0000", "\u0001", "\u001b[0m", "\ud800", "\udfff", "\ufffe", "\u202e", "😀"),
                        Arbitraries.of("", " bij de school", "x"))
                        .as((a, b, c) -> a + b + c))
                .map(s -> (Object) s);
    }

    /** Any JSON value of any type, nested a little. */
    static Arbitrary<Object> junk() {
        return Arbitraries.lazyOf(
                () -> Arbitraries.just((Object) null),
                () -> Arbitraries.of(true, false).map(b -> (Object) b),
                () -> Arbitraries.integers().map(n -> (Object) n),
                () -> Arbitraries.of("1e999", "-0", "12345678901234567890123", "1.5e-400", "NaN", "0x10", "01")
                        .map(Json.Raw::new).map(r -> (Object) r),
                () -> Arbitraries.doubles().map(d -> (Object) d),
                () -> text(),
                () -> junk().list().ofMaxSize(3).map(l -> (Object) l),
                () -> Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(5), junk())
                        .as((k, v) -> (Object) map(k, v)));
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static List<Object> list(Object... values) {
        return List.of(values);
    }
}
