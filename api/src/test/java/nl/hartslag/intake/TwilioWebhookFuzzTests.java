package nl.hartslag.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.FuzzServer;
import nl.hartslag.support.TwilioWebhooks;

/**
 * The Twilio webhooks ({@code /twilio/sms}, every {@code /twilio/voice/**} step, {@code /twilio/status})
 * under generated requests: mostly correctly signed with the test auth token, so the fuzz reaches
 * the code behind the signature check, with any parameters (known ones with odd values, unknown
 * ones, huge texts, control characters); also unsigned, wrongly signed, and with broken form encoding.
 * Never a 5xx; every 4xx is problem+json and stores nothing; every 200 from the SMS and voice
 * webhooks is TwiML that parses as XML.
 */
class TwilioWebhookFuzzTests {

    private static final List<String> PATHS = List.of("/twilio/sms", "/twilio/voice", "/twilio/voice/menu",
            "/twilio/voice/report", "/twilio/voice/place", "/twilio/voice/confirm", "/twilio/voice/status",
            "/twilio/status");
    /** A few calls and numbers that come back, so that calls go from step to step and texts meet their question. */
    private static final List<String> CALLS = IntStream.range(0, 12).mapToObj(i -> TwilioWebhooks.callSid()).toList();
    private static final List<String> PHONES = IntStream.range(0, 12).mapToObj(i -> FakeTwilio.newPhone()).toList();
    private static final List<String> TABLES = List.of("report", "reporter_contact", "sms_conversation",
            "voice_conversation", "case_offer_reply");

    private static WebTestClient http;
    private static String base;

    @BeforeContainer
    static void start() {
        http = FuzzServer.http();
        base = "http://localhost:" + FuzzServer.context().getEnvironment().getProperty("local.server.port");
    }

    enum Signing {
        SIGNED, UNSIGNED, WRONG, BROKEN_ENCODING
    }

    record Webhook(Signing signing, String pathAndQuery, Map<String, String> form) {

        @Override
        public String toString() {
            Map<String, String> shown = new LinkedHashMap<>();
            form.forEach((k, v) -> shown.put(k, v.length() > 200 ? v.substring(0, 200) + "…(" + v.length() + ")" : v));
            return "Webhook[" + signing + " " + pathAndQuery + " " + shown + "]";
        }
    }

    @Property(tries = 2000)
    void aWebhookNeverFailsOnOurSideAndItsTwimlIsXml(@ForAll("webhooks") Webhook webhook) {
        List<Long> before = FuzzServer.counts(TABLES);

        WebTestClient.RequestBodySpec post = http.post().uri(URI.create(base + webhook.pathAndQuery()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED);
        switch (webhook.signing()) {
            case SIGNED -> post.header("X-Twilio-Signature",
                    TwilioWebhooks.sign(webhook.pathAndQuery(), webhook.form()));
            case WRONG -> post.header("X-Twilio-Signature", "c2lnbmF0dXJl");
            default -> {
                // no signature
            }
        }
        WebTestClient.RequestHeadersSpec<?> sent = webhook.signing() == Signing.BROKEN_ENCODING
                ? post.bodyValue(brokenEncoding(webhook.form()).getBytes(StandardCharsets.UTF_8))
                : post.body(BodyInserters.fromFormData(TwilioWebhooks.multi(webhook.form())));
        EntityExchangeResult<byte[]> result = sent.exchange().expectBody().returnResult();

        int status = result.getStatus().value();
        assertThat(status).as("status for %s", webhook).isLessThan(500);
        if (status >= 400) {
            assertThat(result.getResponseHeaders().getContentType()).as("content type of a %d", status)
                    .isNotNull().matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            assertThat(FuzzServer.counts(TABLES)).as("rows of %s after a refused webhook", TABLES).isEqualTo(before);
        } else if (!webhook.pathAndQuery().startsWith("/twilio/status")) {
            assertThat(status).isEqualTo(200);
            TwiML.parse(new String(result.getResponseBody(), StandardCharsets.UTF_8));
        }
        if (webhook.signing() != Signing.SIGNED) {
            assertThat(status).as("an unverifiable webhook is refused: %s", webhook).isGreaterThanOrEqualTo(400);
        }
    }

    /** The form as Twilio would encode it, with a stray or truncated %-escape put in. */
    private static String brokenEncoding(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
                .append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        int at = body.length() / 2;
        return body.substring(0, at) + (form.size() % 3 == 0 ? "%zz" : form.size() % 3 == 1 ? "%e" : "%") + body.substring(at)
                + (form.size() % 2 == 0 ? "&Body=%" : "");
    }

    @Provide
    Arbitrary<Webhook> webhooks() {
        Arbitrary<Signing> signing = Arbitraries.frequency(Tuple.of(16, Signing.SIGNED), Tuple.of(2, Signing.UNSIGNED),
                Tuple.of(1, Signing.WRONG), Tuple.of(1, Signing.BROKEN_ENCODING));
        Arbitrary<String> path = Arbitraries.frequency(Tuple.of(3, "/twilio/sms"), Tuple.of(1, "/twilio/voice"),
                Tuple.of(2, "/twilio/voice/menu"), Tuple.of(3, "/twilio/voice/report"), Tuple.of(2, "/twilio/voice/place"),
                Tuple.of(2, "/twilio/voice/confirm"), Tuple.of(1, "/twilio/voice/status"), Tuple.of(1, "/twilio/status"));
        Arbitrary<String> query = Combinators.combine(
                Arbitraries.of("nl", "en", "de", "", "EN", "x").injectNull(0.3),
                Arbitraries.of("1", "2", "3", "0", "-1", "x", "99999999999").injectNull(0.3),
                Arbitraries.of("NUISANCE", "MEDIATION", "nuisance", "OTHER", "").injectNull(0.5))
                .as((lang, attempt, purpose) -> {
                    StringBuilder q = new StringBuilder();
                    if (lang != null) {
                        q.append("&lang=").append(lang);
                    }
                    if (attempt != null) {
                        q.append("&try=").append(attempt);
                    }
                    if (purpose != null) {
                        q.append("&purpose=").append(purpose);
                    }
                    return q.isEmpty() ? "" : "?" + q.substring(1);
                });
        Arbitrary<String> pathAndQuery = Combinators.combine(path, query, Arbitraries.integers().between(0, 3))
                .as((p, q, withQuery) -> p.startsWith("/twilio/voice/") && withQuery > 0 ? p + q : p);
        return Combinators.combine(signing, pathAndQuery, form()).as(Webhook::new);
    }

    private Arbitrary<Map<String, String>> form() {
        Arbitrary<String> from = Arbitraries.oneOf(Arbitraries.of(PHONES), Arbitraries.of("anonymous", "+266696687",
                "", "client:anna", "+447911123456", "0612345678", "+31 6 1234 5678"), text());
        Arbitrary<String> messageSid = Arbitraries.oneOf(Arbitraries.just("").map(x -> TwilioWebhooks.messageSid()),
                Arbitraries.of("SM123", "", "SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"), text());
        Arbitrary<String> callSid = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(CALLS)),
                Tuple.of(2, Arbitraries.just("").map(x -> TwilioWebhooks.callSid())),
                Tuple.of(1, Arbitraries.of("CA123", "", "ca" + "0".repeat(32))), Tuple.of(1, text()));
        Arbitrary<String> words = Arbitraries.oneOf(
                Arbitraries.of("Harde muziek bij Passartweg 14", "Vuilniszakken naast de container op de Markt",
                        "De buurman slaat zijn vrouw", "STOP", "START", "HELP", "STATUS HS-7KQ2-M9", "status hs7kq2m9.",
                        "NIET OPGELOST HS-7KQ2-M9", "JA 1", "NEE 99999", "Passartweg 14", "een", "twee", "ja",
                        "klopt", "nee", "English", "", " "),
                text(),
                Arbitraries.integers().between(1500, 5200).map(n -> "Harde muziek Passartweg 14 " + "la ".repeat(n / 3)));
        Arbitrary<String> digits = Arbitraries.oneOf(Arbitraries.of("1", "2", "3", "9", "#", "*", "123456",
                "000000", "", "12"), text());
        Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.of("0", "1", "2", "11", "-1", "x", "0.5", "1e3",
                "99999999999"), text());
        Arbitrary<String> mediaUrl = Arbitraries.oneOf(Arbitraries.of("https://api.twilio.com/media/1.jpg",
                "http://example.com/x.jpg", "javascript:alert(1)", ""), text());
        Arbitrary<String> status = Arbitraries.oneOf(Arbitraries.of("queued", "sent", "delivered", "undelivered",
                "failed", "DELIVERED"), text());
        Arbitrary<Map<String, String>> extra = Combinators.combine(text(), text()).as((k, v) -> Map.of(k, v))
                .list().ofMaxSize(3).map(list -> {
                    Map<String, String> all = new LinkedHashMap<>();
                    list.forEach(all::putAll);
                    return all;
                });
        return Combinators.combine(
                Combinators.combine(from, messageSid, callSid, words, words.injectNull(0.5), digits.injectNull(0.5))
                        .as((f, m, c, b, s, d) -> java.util.Arrays.asList(f, m, c, b, s, d)),
                Combinators.combine(number.injectNull(0.5), number.injectNull(0.6), mediaUrl.injectNull(0.8),
                        status.injectNull(0.7), number.injectNull(0.8), extra).as((c, n, u, s, e, x) -> java.util.Arrays.<Object>asList(c, n, u, s, e, x)),
                Arbitraries.integers().between(0, 4095))
                .as((a, b, leaveOut) -> {
                    Map<String, String> form = new LinkedHashMap<>();
                    form.put("AccountSid", FakeTwilio.ACCOUNT_SID);
                    form.put("To", FakeTwilio.SENDER);
                    String[] names = { "From", "MessageSid", "CallSid", "Body", "SpeechResult", "Digits" };
                    for (int i = 0; i < names.length; i++) {
                        if ((leaveOut & (1 << i)) == 0 || i == 0) {
                            putIfPresent(form, names[i], a.get(i));
                        }
                    }
                    putIfPresent(form, "Confidence", (String) b.get(0));
                    putIfPresent(form, "NumMedia", (String) b.get(1));
                    putIfPresent(form, "MediaUrl0", (String) b.get(2));
                    putIfPresent(form, "MessageStatus", (String) b.get(3));
                    putIfPresent(form, "ErrorCode", (String) b.get(4));
                    @SuppressWarnings("unchecked")
                    Map<String, String> unknown = (Map<String, String>) b.get(5);
                    unknown.forEach(form::putIfAbsent);
                    return form;
                });
    }

    private static void putIfPresent(Map<String, String> form, String name, Object value) {
        if (value != null) {
            form.put(name, (String) value);
        }
    }

    /** What a phone or a fuzzer might send: any unicode except lone surrogates, which no form can carry. */
    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(30),
                Combinators.combine(Arbitraries.of("Harde muziek ", "Passartweg 14 ", ""),
                        Arbitraries.of("\u0000", "\u0001", "\u0007", "\u001b[0m", "\ufffe", "\uffff", "]]>", "<Say>",
                                "&amp;", "😀", "\u202e"),
                        Arbitraries.of("", " bij de school", "x"))
                        .as((x, y, z) -> x + y + z))
                .map(TwilioWebhookFuzzTests::withoutLoneSurrogates);
    }

    private static String withoutLoneSurrogates(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (!Character.isSurrogate(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
