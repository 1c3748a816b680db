package nl.hartslag.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import com.twilio.security.RequestValidator;

/**
 * Calls our Twilio webhooks the way Twilio does: form-encoded, signed with {@code X-Twilio-Signature}
 * over the public URL (with its query) and every parameter, with the test auth token. Each signature
 * is checked with the SDK's own {@link RequestValidator}, so a test that passes here proves the
 * production check accepts what Twilio sends.
 */
public final class TwilioWebhooks {

    private TwilioWebhooks() {
    }

    /** Twilio's signature: Base64(HMAC-SHA1(token, URL + each parameter's name and value, sorted by name)). */
    public static String sign(String pathAndQuery, Map<String, String> form) {
        String url = FakeTwilio.PUBLIC_BASE_URL + pathAndQuery;
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(FakeTwilio.AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal(data.toString()
                    .getBytes(StandardCharsets.UTF_8)));
            // The SDK's own validator must agree, or the test proves nothing about production.
            assertThat(new RequestValidator(FakeTwilio.AUTH_TOKEN).validate(url, form, signature)).isTrue();
            return signature;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signed POST of {@code form} to {@code pathAndQuery} (e.g. "/twilio/voice/menu?lang=nl&try=1"). */
    public static WebTestClient.ResponseSpec post(WebTestClient http, String pathAndQuery, Map<String, String> form) {
        return http.post().uri(pathAndQuery).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("X-Twilio-Signature", sign(pathAndQuery, form))
                .body(BodyInserters.fromFormData(multi(form))).exchange();
    }

    /** The same POST without a signature, or with a wrong one when {@code signature} is given. */
    public static WebTestClient.ResponseSpec postUnsigned(WebTestClient http, String pathAndQuery,
            Map<String, String> form, String signature) {
        return http.post().uri(pathAndQuery).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .headers(h -> {
                    if (signature != null) {
                        h.set("X-Twilio-Signature", signature);
                    }
                })
                .body(BodyInserters.fromFormData(multi(form))).exchange();
    }

    public static MultiValueMap<String, String> multi(Map<String, String> form) {
        MultiValueMap<String, String> multi = new LinkedMultiValueMap<>();
        form.forEach(multi::add);
        return multi;
    }

    /** The form of a text message from {@code from} to our number, as Twilio posts it. */
    public static Map<String, String> textForm(String from, String messageSid, String body) {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("MessageSid", messageSid);
        form.put("AccountSid", FakeTwilio.ACCOUNT_SID);
        form.put("From", from);
        form.put("To", FakeTwilio.SENDER);
        form.put("Body", body);
        form.put("NumMedia", "0");
        return form;
    }

    /** A signed text from {@code from}; the TwiML reply as Twilio would get it (200 asserted). */
    public static String text(WebTestClient http, String from, String body) {
        return post(http, "/twilio/sms", textForm(from, messageSid(), body)).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** A fresh Twilio message id (SM + 32 hex). */
    public static String messageSid() {
        return "SM" + hex32();
    }

    /** A fresh Twilio call id (CA + 32 hex). */
    public static String callSid() {
        return "CA" + hex32();
    }

    private static String hex32() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Polls {@code probe} (with Awaitility) until {@code done} or the timeout; returns the last value
     * seen, so that the caller's own assertion on it says what was there instead of a bare timeout.
     */
    public static <T> T await(Supplier<T> probe, Predicate<T> done, Duration timeout) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        T value = probe.get();
                        last.set(value);
                        return done.test(value);
                    });
        } catch (ConditionTimeoutException e) {
            // The caller asserts on the last value.
        }
        return last.get();
    }
}
