package nl.hartslag.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;

/** The numbers the resident's pages show, without a login. */
@IntegrationTest
class ServiceIntegrationTests {

    @Autowired
    WebTestClient http;

    @Test
    void anyoneReadsTheNumbersAndTheSmsNumberIsTheNumberOurTextsComeFrom() {
        http.get().uri("/api/v1/service").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.smsNumberE164").isEqualTo(FakeTwilio.SENDER)
                .jsonPath("$.smsNumber").isEqualTo("+31 970 100 00002")
                .jsonPath("$.veiligThuis.phone").isEqualTo("0800-2000")
                .jsonPath("$.veiligThuis.url").isEqualTo("https://veiligthuis.nl");
        // Not configured in the tests: present and null, so a page can tell and hide it.
        String body = http.get().uri("/api/v1/service").exchange().expectBody(String.class).returnResult()
                .getResponseBody();
        assertThat(body).contains("\"phoneNumber\":null", "\"phoneNumberE164\":null");
    }
}
