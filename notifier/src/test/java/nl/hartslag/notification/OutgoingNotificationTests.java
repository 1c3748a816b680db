package nl.hartslag.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutgoingNotificationTests {

    private static final String PHONE = "+31612345678";
    private static final String EMAIL = "jan.jansen@example.nl";
    private static final Map<String, String> RESOLVED = Map.of("reference", "HS-7KQ2-M9", "note", "De lamp is vervangen.");

    private static OutgoingNotification sms(String address) {
        return new OutgoingNotification("report:1:event:2", Channel.SMS, address, Audience.RESIDENT,
                Template.STATUS_RESOLVED, RESOLVED, "nl", Urgency.NORMAL, "HS-7KQ2-M9");
    }

    private static OutgoingNotification email(String address) {
        return new OutgoingNotification("report:1:event:2", Channel.EMAIL, address, Audience.RESIDENT,
                Template.STATUS_RESOLVED, RESOLVED, "nl", Urgency.NORMAL, "HS-7KQ2-M9");
    }

    private static OutgoingNotification caseOffer(Map<String, String> parameters) {
        return new OutgoingNotification("case:482:offer:7", Channel.SMS, PHONE, Audience.VOLUNTEER,
                Template.CASE_OFFER, parameters, "nl", Urgency.NORMAL, null);
    }

    private static OutgoingNotification resolved(Map<String, String> parameters, String language) {
        return new OutgoingNotification("report:1:event:2", Channel.SMS, PHONE, Audience.RESIDENT,
                Template.STATUS_RESOLVED, parameters, language, Urgency.NORMAL, "HS-7KQ2-M9");
    }

    @Test
    void validSmsAndEmailAreAccepted() {
        assertThat(sms(PHONE).address()).isEqualTo(PHONE);
        assertThat(sms("+3197010000001").address()).isEqualTo("+3197010000001");
        assertThat(email(EMAIL).address()).isEqualTo(EMAIL);
        assertThat(email("x@example.org").channel()).isEqualTo(Channel.EMAIL);
    }

    @ParameterizedTest
    @ValueSource(strings = { "0612345678", "31612345678", "+31 6 12345678", "+31-612345678", "+0612345678",
            "+31612345678901234", "+12345", "", "jan@example.nl", "+3161234567a" })
    void invalidPhoneForSmsIsRejected(String address) {
        assertThatIllegalArgumentException().isThrownBy(() -> sms(address))
                .withMessage("not a valid SMS address");
    }

    @ParameterizedTest
    @ValueSource(strings = { "jan", "jan@example", "@example.nl", "jan@@example.nl", "jan@exa@mple.nl",
            "jan jansen@example.nl", "jan@example .nl", "", "+31612345678" })
    void invalidEmailIsRejected(String address) {
        assertThatIllegalArgumentException().isThrownBy(() -> email(address))
                .withMessage("not a valid EMAIL address");
    }

    @Test
    void overlongEmailIsRejected() {
        String local = "a".repeat(65);

        assertThatIllegalArgumentException().isThrownBy(() -> email(local + "@example.nl"));
        assertThatIllegalArgumentException().isThrownBy(() -> email("a@" + "b".repeat(320) + ".nl"));
    }

    @Test
    void rejectionDoesNotRevealTheAddress() {
        String badPhone = "0612345678";
        String badEmail = "jan.jansen@example";

        assertThatThrownBy(() -> sms(badPhone)).message().doesNotContain(badPhone).doesNotContain("12345678");
        assertThatThrownBy(() -> email(badEmail)).message().doesNotContain(badEmail).doesNotContain("jan.jansen");
    }

    @Test
    void missingRequiredParameterIsRejected() {
        Map<String, String> parameters = Map.of("caseNumber", "482", "conflict", "geluidsoverlast");

        assertThatIllegalArgumentException().isThrownBy(() -> caseOffer(parameters))
                .withMessage("CASE_OFFER needs parameter street");
    }

    @Test
    void blankRequiredParameterIsRejected() {
        Map<String, String> parameters = Map.of("caseNumber", "482", "conflict", " ", "street", "Passartstraat");

        assertThatIllegalArgumentException().isThrownBy(() -> caseOffer(parameters))
                .withMessage("CASE_OFFER needs parameter conflict");
    }

    @Test
    void noteMayBeLeftOut() {
        OutgoingNotification notification = resolved(Map.of("reference", "HS-7KQ2-M9"), "nl");

        assertThat(notification.parameters()).containsOnlyKeys("reference");
    }

    @Test
    void allParametersPresentIsAccepted() {
        OutgoingNotification notification = caseOffer(
                Map.of("caseNumber", "482", "conflict", "geluidsoverlast", "street", "Passartstraat"));

        assertThat(notification.template()).isEqualTo(Template.CASE_OFFER);
        assertThat(notification.parameters()).containsEntry("caseNumber", "482");
    }

    @Test
    void parameterAtItsMaximumIsAccepted() {
        Map<String, String> parameters = Map.of("caseNumber", "123456", "conflict", "W".repeat(30), "street", "W".repeat(30));

        assertThat(caseOffer(parameters).parameters()).containsEntry("street", "W".repeat(30));
        assertThat(resolved(Map.of("reference", "HS-7KQ2-M9", "note", "n".repeat(1000)), "nl").parameters().get("note"))
                .hasSize(1000);
    }

    @Test
    void overlongParameterIsRejected() {
        Map<String, String> parameters = Map.of("caseNumber", "482", "conflict", "geluidsoverlast", "street",
                "W".repeat(31));

        assertThatIllegalArgumentException().isThrownBy(() -> caseOffer(parameters))
                .withMessage("street is longer than 30");
    }

    @Test
    void overlongReferenceNoteOrStatusUrlIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> resolved(Map.of("reference", "HS-7KQ2-M9X"), "nl"))
                .withMessage("reference is longer than 10");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> resolved(Map.of("reference", "HS-7KQ2-M9", "note", "n".repeat(1001)), "nl"))
                .withMessage("note is longer than 1000");
        // optional parameters are limited too
        assertThatIllegalArgumentException()
                .isThrownBy(() -> resolved(Map.of("reference", "HS-7KQ2-M9", "statusUrl", "https://x/" + "a".repeat(300)), "nl"))
                .withMessage("statusUrl is longer than 300");
    }

    @Test
    void dutchAndEnglishAreAccepted() {
        assertThat(resolved(RESOLVED, "nl").language()).isEqualTo("nl");
        assertThat(resolved(RESOLVED, "en").language()).isEqualTo("en");
    }

    @ParameterizedTest
    @ValueSource(strings = { "de", "fr", "NL", "EN", "nl-NL", "en_GB", "" })
    void otherLanguagesAreRejected(String language) {
        assertThatIllegalArgumentException().isThrownBy(() -> resolved(RESOLVED, language))
                .withMessageContaining("language must be nl or en");
    }

    @Test
    void missingLanguageIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> resolved(RESOLVED, null));
    }

    @Test
    void shortOrOverlongIdempotencyKeyIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new OutgoingNotification("ab", Channel.SMS, PHONE,
                Audience.RESIDENT, Template.STATUS_RESOLVED, RESOLVED, "nl", Urgency.NORMAL, null));
        assertThatIllegalArgumentException().isThrownBy(() -> new OutgoingNotification("k".repeat(201), Channel.SMS,
                PHONE, Audience.RESIDENT, Template.STATUS_RESOLVED, RESOLVED, "nl", Urgency.NORMAL, null));
    }

    @Test
    void missingRequiredFieldsAreRejected() {
        assertThatNullPointerException().isThrownBy(() -> new OutgoingNotification("report:1", Channel.SMS, null,
                Audience.RESIDENT, Template.STATUS_RESOLVED, RESOLVED, "nl", Urgency.NORMAL, null)).withMessage("address");
        assertThatNullPointerException().isThrownBy(() -> new OutgoingNotification("report:1", null, PHONE,
                Audience.RESIDENT, Template.STATUS_RESOLVED, RESOLVED, "nl", Urgency.NORMAL, null)).withMessage("channel");
    }

    @Test
    void parametersAreCopied() {
        Map<String, String> parameters = new HashMap<>(RESOLVED);
        OutgoingNotification notification = resolved(parameters, "nl");

        parameters.put("note", "changed");

        assertThat(notification.parameters()).containsEntry("note", "De lamp is vervangen.");
        assertThatThrownBy(() -> notification.parameters().put("note", "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringNeverContainsTheAddress() {
        OutgoingNotification bySms = sms(PHONE);
        OutgoingNotification byEmail = email(EMAIL);

        assertThat(bySms.toString()).doesNotContain(PHONE).doesNotContain("612345678").contains("address redacted")
                .contains("report:1:event:2").contains("SMS").contains("STATUS_RESOLVED");
        assertThat(byEmail.toString()).doesNotContain(EMAIL).doesNotContain("jan.jansen").doesNotContain("example.nl")
                .contains("address redacted").contains("EMAIL");
    }
}
