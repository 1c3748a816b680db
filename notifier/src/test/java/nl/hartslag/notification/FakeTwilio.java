package nl.hartslag.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * WireMock playing Twilio's Messages API: answers like Twilio (201 with a fresh SID, or Twilio's
 * error JSON) for one recipient number at a time, so tests sharing the fake do not see each other.
 */
final class FakeTwilio {

    static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    static final String AUTH_TOKEN = "test-auth-token";
    static final String SENDER = "+3197010000001";
    static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

    private FakeTwilio() {
    }

    static MappingBuilder messageTo(String phone) {
        return post(urlEqualTo(MESSAGES)).withRequestBody(containing("To=" + encode(phone)));
    }

    static RequestPatternBuilder requestsTo(String phone) {
        return postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(containing("To=" + encode(phone)));
    }

    static List<LoggedRequest> sentTo(WireMockExtension wireMock, String phone) {
        return wireMock.findAll(requestsTo(phone));
    }

    /** Twilio's 201: a message resource with a new SID (response templating makes it unique). */
    static ResponseDefinitionBuilder accepted() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"SM{{randomValue length=32 type='HEXADECIMAL' lowercase=true}}\","
                        + " \"account_sid\": \"" + ACCOUNT_SID + "\", \"status\": \"queued\","
                        + " \"num_segments\": \"1\", \"direction\": \"outbound-api\"}")
                .withTransformers("response-template");
    }

    /** The same, with a SID chosen by the test (to let a receipt arrive before the answer). */
    static ResponseDefinitionBuilder accepted(String sid) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"" + sid + "\", \"account_sid\": \"" + ACCOUNT_SID + "\", \"status\": \"queued\"}");
    }

    /** Twilio's error body: {@code {"code": 21211, "message": ..., "status": 400}}. */
    static ResponseDefinitionBuilder error(int status, int code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"code\": " + code + ", \"message\": \"" + message + "\", \"more_info\":"
                        + " \"https://www.twilio.com/docs/errors/" + code + "\", \"status\": " + status + "}");
    }

    /** Twilio's message list ({@code GET Messages.json}) filtered to one recipient. */
    static MappingBuilder listTo(String phone) {
        return get(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo(phone));
    }

    static List<LoggedRequest> listsTo(WireMockExtension wireMock, String phone) {
        return wireMock.findAll(getRequestedFor(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo(phone)));
    }

    /** A page of Twilio's message list holding these messages (see {@link #message}). */
    static ResponseDefinitionBuilder listed(String... messages) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"messages\": [" + String.join(", ", messages) + "], \"end\": " + Math.max(0,
                        messages.length - 1) + ", \"first_page_uri\": \"" + MESSAGES + "?PageSize=50&Page=0\","
                        + " \"next_page_uri\": null, \"page\": 0, \"page_size\": 50, \"previous_page_uri\": null,"
                        + " \"start\": 0, \"uri\": \"" + MESSAGES + "?PageSize=50&Page=0\"}");
    }

    /** One message resource as Twilio lists it; {@code from} or {@code messagingServiceSid} may be null. */
    static String message(String sid, String to, String from, String messagingServiceSid, String body) {
        return "{\"sid\": \"" + sid + "\", \"account_sid\": \"" + ACCOUNT_SID + "\", \"to\": \"" + to + "\","
                + " \"from\": " + quoted(from) + ", \"messaging_service_sid\": " + quoted(messagingServiceSid) + ","
                + " \"body\": " + quoted(body) + ", \"status\": \"delivered\", \"direction\": \"outbound-api\","
                + " \"num_segments\": \"1\", \"date_created\": \"Thu, 03 Dec 2026 06:22:28 +0000\","
                + " \"date_sent\": \"Thu, 03 Dec 2026 06:22:29 +0000\", \"api_version\": \"2010-04-01\"}";
    }

    static String newSid() {
        return "SM" + java.util.UUID.randomUUID().toString().replace("-", "");
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
