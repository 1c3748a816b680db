package nl.hartslag.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * WireMock as Twilio's REST API for every integration test: started once per test JVM (before
 * Spring, by {@link TestDataDirListener}) and handed to the application as
 * {@code hartslag.twilio.api-base-url} with test credentials. By default it accepts every text
 * like Twilio does; a test that needs an error stubs it for its own number.
 */
public final class FakeTwilio {

    public static final String ACCOUNT_SID = "AC00000000000000000000000000000002";
    public static final String AUTH_TOKEN = "api-test-auth-token";
    public static final String SENDER = "+3197010000002";
    public static final String PUBLIC_BASE_URL = "https://hartslag.example.nl";
    /** The team numbers case work announces to: the WOP, the police liaison, the coordinators. */
    public static final String WOP_PHONE = "+31612000222";
    public static final String POLICE_PHONE = "+31612000111";
    public static final String COORDINATOR_PHONE = "+31612000333";
    public static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

    private static WireMockServer server;

    private FakeTwilio() {
    }

    static synchronized void start() {
        if (server != null) {
            return;
        }
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        server.stubFor(post(urlEqualTo(MESSAGES)).atPriority(10).willReturn(accepted()));
        // Asked after a send whose answer was lost (a timeout on a busy machine): nothing listed, so
        // the notifier sends again, as Twilio would answer for a request that never arrived.
        server.stubFor(get(urlPathEqualTo(MESSAGES)).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"messages\": [], \"end\": 0,"
                        + " \"first_page_uri\": \"" + MESSAGES + "?PageSize=50&Page=0\", \"next_page_uri\": null,"
                        + " \"page\": 0, \"page_size\": 50, \"previous_page_uri\": null, \"start\": 0,"
                        + " \"uri\": \"" + MESSAGES + "?PageSize=50&Page=0\"}")));
        System.setProperty("hartslag.twilio.account-sid", ACCOUNT_SID);
        System.setProperty("hartslag.twilio.auth-token", AUTH_TOKEN);
        System.setProperty("hartslag.twilio.phone-number", SENDER);
        System.setProperty("hartslag.twilio.api-base-url", server.baseUrl());
        System.setProperty("hartslag.public-base-url", PUBLIC_BASE_URL);
        // Tests run at any hour; holding texts until 08:00 is tested in the notifier module.
        System.setProperty("hartslag.notifier.quiet-hours.enabled", "false");
        System.setProperty("hartslag.casework.wop-addresses", WOP_PHONE);
        System.setProperty("hartslag.casework.police-addresses", POLICE_PHONE);
        System.setProperty("hartslag.casework.coordinator-addresses", COORDINATOR_PHONE);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    }

    public static WireMockServer server() {
        start();
        return server;
    }

    /** A Dutch mobile number no other test uses. */
    public static String newPhone() {
        return "+3161" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }

    /** Twilio refuses texts to {@code phone} with this error until the returned stub is removed. */
    public static StubMapping failFor(String phone, int status, int code, String message) {
        return server().stubFor(post(urlEqualTo(MESSAGES)).atPriority(1)
                .withRequestBody(containing("To=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": " + code + ", \"message\": \"" + message + "\", \"status\": " + status
                                + "}")));
    }

    /** The form bodies of the texts Twilio was asked to send to {@code phone}, oldest first. */
    public static List<Map<String, String>> textsTo(String phone) {
        return server().findAll(postRequestedFor(urlEqualTo(MESSAGES))
                .withRequestBody(containing("To=" + URLEncoder.encode(phone, StandardCharsets.UTF_8))))
                .stream().map(FakeTwilio::form).toList();
    }

    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private static ResponseDefinitionBuilder accepted() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"SM{{randomValue length=32 type='HEXADECIMAL' lowercase=true}}\","
                        + " \"account_sid\": \"" + ACCOUNT_SID + "\", \"status\": \"queued\"}")
                .withTransformers("response-template");
    }
}
