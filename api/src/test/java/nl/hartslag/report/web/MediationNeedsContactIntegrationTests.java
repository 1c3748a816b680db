package nl.hartslag.report.web;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;

/**
 * A request for Buurtbemiddeling is useless when the mediators cannot reach the resident: without
 * a phone number or e-mail address it is refused on the field {@code contact}, saying why.
 */
@IntegrationTest
class MediationNeedsContactIntegrationTests {

    @Autowired
    WebTestClient http;

    @Test
    void aMediationRequestWithoutContactIsRefusedOnContactSayingWhy() {
        Map<String, Object> anonymous = Reports.report("neighbour_dispute",
                "De bovenburen schuiven elke avond met stoelen en willen er niet over praten", "Passartweg 31");
        http.post().uri("/api/v1/reports").header("Accept-Language", "nl").bodyValue(anonymous).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("contact")
                .jsonPath("$.errors[0].message").value(String.class,
                        m -> org.assertj.core.api.Assertions.assertThat(m).contains("bemiddelaars", "bellen of mailen"));
        http.post().uri("/api/v1/reports").header("Accept-Language", "en").bodyValue(anonymous).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("contact")
                .jsonPath("$.errors[0].message").value(String.class,
                        m -> org.assertj.core.api.Assertions.assertThat(m).contains("mediators", "call or e-mail"));
    }

    @Test
    void aNameAloneIsNoWayToReachSomeone() {
        Map<String, Object> nameOnly = Reports.report("neighbour_dispute",
                "Onze buurvrouw zet haar vuilniszakken steeds tegen onze voordeur", "Passartweg 33",
                Reports.contact(null, "Mila"));
        http.post().uri("/api/v1/reports").bodyValue(nameOnly).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("contact");
    }

    @Test
    void withAPhoneNumberOrAnEmailAddressItIsAccepted() {
        Reports.file(http, "neighbour_dispute", "De buren knippen de heg steeds over onze kant van de grens",
                "Passartweg 35", Reports.contact(FakeTwilio.newPhone(), null));
        Reports.file(http, "neighbour_dispute", "De overbuurman parkeert zijn aanhanger steeds voor ons raam",
                "Passartweg 37", Map.of("email", "buur37@example.nl"));
    }

    @Test
    void anInvalidNumberIsNamedOnItsOwnFieldNotAsMissingContact() {
        Map<String, Object> typo = Reports.report("neighbour_dispute",
                "De kat van de buren komt steeds bij ons binnen en de buren lachen erom", "Passartweg 39",
                Reports.contact("06 12", null));
        http.post().uri("/api/v1/reports").bodyValue(typo).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("contact.phone");
    }

    @Test
    void otherCategoriesStayAnonymousIfTheResidentWishes() {
        Reports.file(http, "litter", "Overal zwerfvuil rond de glasbak sinds het weekend", "Passartweg 41");
    }
}
