package nl.hartslag.intake;

import static nl.hartslag.support.TwilioWebhooks.await;
import static nl.hartslag.support.TwilioWebhooks.callSid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.w3c.dom.Element;

import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.TwilioWebhooks;

/**
 * The phone line through its signed webhooks, step by step as Twilio would follow the TwiML: each
 * answer is parsed as XML, every spoken line and every question must be Dutch (nl-NL, Polly's
 * Lotte) unless the caller chose English, and each next step is the URL the previous answer named.
 */
@IntegrationTest
class VoiceIntakeIntegrationTests {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    /** One caller's call: its id and number, and the answers they got, each checked for language. */
    private final class Call {
        final String sid = callSid();
        final String from;
        final String language;

        Call(String from, String language) {
            this.from = from;
            this.language = language;
        }

        TwiML step(String pathAndQuery, Map<String, String> input) {
            return step(pathAndQuery, input, language);
        }

        /** A step whose answer is in {@code expected} (the caller just switched language). */
        TwiML step(String pathAndQuery, Map<String, String> input, String expected) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("CallSid", sid);
            form.put("AccountSid", FakeTwilio.ACCOUNT_SID);
            form.put("From", from);
            form.put("To", FakeTwilio.SENDER);
            form.put("CallStatus", "in-progress");
            form.putAll(input);
            String xml = TwilioWebhooks.post(http, pathAndQuery, form).expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_XML)
                    .expectBody(String.class).returnResult().getResponseBody();
            TwiML twiml = TwiML.parse(xml);
            assertSpokenIn(twiml, expected);
            return twiml;
        }
    }

    @Test
    void aCallerReportsNuisanceByVoiceConfirmsAndHearsTheReferenceWhichAlsoComesByText() {
        String phone = FakeTwilio.newPhone();
        Call call = new Call(phone, "nl");

        TwiML welcome = call.step("/twilio/voice", Map.of());
        List<Element> says = welcome.all("Say");
        assertThat(says.get(0).getTextContent()).isEqualTo("Bij spoed of gevaar: hang op en bel 112.");
        // Spoken "een een twee", not "honderdtwaalf".
        Element emergencyNumber = (Element) says.get(0).getElementsByTagName("say-as").item(0);
        assertThat(emergencyNumber.getTextContent()).isEqualTo("112");
        assertThat(emergencyNumber.getAttribute("interpret-as")).isEqualTo("digits");
        Element menu = welcome.one("Gather");
        assertThat(menu.getAttribute("input")).isEqualTo("dtmf speech");
        assertThat(menu.getAttribute("numDigits")).isEqualTo("1");
        assertThat(menu.getTextContent()).contains("Wilt u overlast melden? Toets 1.")
                .contains("conflict met de buren? Toets 2").contains("Toets 3").contains("press 9");
        assertThat(welcome.nextStep()).isEqualTo("/twilio/voice/menu?lang=nl&try=1");

        TwiML describe = call.step(welcome.nextStep(), Map.of("Digits", "1"));
        Element speech = describe.one("Gather");
        assertThat(speech.getAttribute("input")).isEqualTo("speech");
        assertThat(speech.getAttribute("speechTimeout")).isEqualTo("auto");
        assertThat(speech.getAttribute("hints")).contains("Passartweg");
        assertThat(speech.getTextContent()).contains("wat er aan de hand is").contains("de straat en het huisnummer");

        String said = "Er ligt al dagen grofvuil en een oude bank op de stoep bij Passartweg 14";
        TwiML readBack = call.step(describe.nextStep(), Map.of("SpeechResult", said, "Confidence", "0.87"));
        assertThat(readBack.spoken()).startsWith("U zei: " + said + ".").contains("Klopt dit? Toets 1.");
        assertThat(readBack.one("Gather").getAttribute("input")).isEqualTo("dtmf speech");

        TwiML stored = call.step(readBack.nextStep(), Map.of("Digits", "1"));
        assertThat(stored.spoken()).startsWith("Dank u wel. Uw melding is opgeslagen. Uw meldingnummer is:")
                .contains("U krijgt het meldingnummer ook per sms.").endsWith("Tot ziens.");
        assertThat(stored.hangsUp()).isTrue();
        // Spoken slowly and character by character, twice: H S / 7 K Q 2 / M 9.
        List<Element> spelled = stored.all("say-as");
        assertThat(spelled).allSatisfy(e -> assertThat(e.getAttribute("interpret-as")).isEqualTo("characters"));
        assertThat(stored.all("prosody")).hasSize(2)
                .allSatisfy(e -> assertThat(e.getAttribute("rate")).isEqualTo("slow"));
        String reference = spelled.subList(0, 3).stream().map(Element::getTextContent)
                .collect(Collectors.joining("-"));
        assertThat(spelled.subList(3, 6).stream().map(Element::getTextContent).collect(Collectors.joining("-")))
                .isEqualTo(reference);

        Map<String, Object> report = db.sql("select * from report where reference = :r").bind("r", reference)
                .fetch().one().block();
        assertThat(report).containsEntry("channel", "phone").containsEntry("category_code", "dumping")
                .containsEntry("street", "Passartweg").containsEntry("house_number", "14")
                .containsEntry("description", said).containsEntry("idempotency_key", "call:" + call.sid);
        assertThat(((Number) report.get("speech_confidence")).doubleValue()).isEqualTo(0.87, within());
        assertThat(conversations(call.sid)).isZero();
        // The reference by text as well, through the notifier's outbox.
        // The confirmation, once (routing may add "in behandeling" after it).
        List<String> confirmations = await(() -> FakeTwilio.textsTo(phone).stream().map(t -> t.get("Body"))
                .filter(body -> body.startsWith("Bedankt.")).toList(), t -> !t.isEmpty(), Duration.ofSeconds(10));
        assertThat(confirmations).singleElement().satisfies(body -> assertThat(body).contains(reference)
                .contains("Bel 112"));
        // Matched like every other report.
        assertThat(await(() -> clusterOf(reference), Optional::isPresent, Duration.ofSeconds(10))).isPresent();

        // Twilio repeating the confirmation makes no second report.
        TwiML again = call.step(readBack.nextStep(), Map.of("Digits", "1"));
        assertThat(again.all("say-as").get(0).getTextContent()).isEqualTo("HS");
        assertThat(db.sql("select count(*) as n from report where idempotency_key = :k").bind("k", "call:" + call.sid)
                .map(r -> r.get("n", Long.class)).one().block()).isOne();
    }

    @Test
    void aMediationRequestWithoutAPlaceIsAskedWhereThenStoredAsANeighbourDispute() {
        Call call = new Call(FakeTwilio.newPhone(), "nl");
        TwiML describe = call.step(call.step("/twilio/voice", Map.of()).nextStep(), Map.of("SpeechResult", "twee"));
        assertThat(describe.one("Gather").getTextContent()).contains("conflict met uw buren");

        TwiML where = call.step(describe.nextStep(),
                Map.of("SpeechResult", "De buurman zet zijn auto steeds voor mijn deur", "Confidence", "0.9"));
        assertThat(where.one("Gather").getTextContent()).isEqualTo("Waar is het? Zeg de straat en het huisnummer.");
        assertThat(where.nextStep()).startsWith("/twilio/voice/place?lang=nl");

        TwiML readBack = call.step(where.nextStep(), Map.of("SpeechResult", "pas hart weg achtentwintig",
                "Confidence", "0.6"));
        assertThat(readBack.spoken()).startsWith(
                "U zei: De buurman zet zijn auto steeds voor mijn deur. pas hart weg achtentwintig.");

        TwiML stored = call.step(readBack.nextStep(), Map.of("SpeechResult", "Ja, dat klopt."));
        String reference = stored.all("say-as").subList(0, 3).stream().map(Element::getTextContent)
                .collect(Collectors.joining("-"));
        Map<String, Object> report = db.sql("select * from report where reference = :r").bind("r", reference)
                .fetch().one().block();
        assertThat(report).containsEntry("category_code", "neighbour_dispute").containsEntry("street", "Passartweg")
                .containsEntry("house_number", "28").containsEntry("place_known", true);
        // The lowest confidence of the two answers is the honest one for the whole text.
        assertThat(((Number) report.get("speech_confidence")).doubleValue()).isEqualTo(0.6, within());
    }

    @Test
    void pressingTwoLetsTheCallerSayItAgainAndOnlyTheNewWordsAreStored() {
        Call call = new Call(FakeTwilio.newPhone(), "nl");
        TwiML describe = call.step(call.step("/twilio/voice", Map.of()).nextStep(), Map.of("Digits", "1"));
        TwiML readBack = call.step(describe.nextStep(), Map.of("SpeechResult", "harde muziek bij passartweg dertig"));
        TwiML describeAgain = call.step(readBack.nextStep(), Map.of("Digits", "2"));
        assertThat(describeAgain.one("Gather").getAttribute("input")).isEqualTo("speech");

        TwiML readBackAgain = call.step(describeAgain.nextStep(),
                Map.of("SpeechResult", "lachgas en jongeren bij Passartweg 30"));
        assertThat(readBackAgain.spoken()).startsWith("U zei: lachgas en jongeren bij Passartweg 30.");
        TwiML stored = call.step(readBackAgain.nextStep(), Map.of("Digits", "1"));
        String reference = stored.all("say-as").subList(0, 3).stream().map(Element::getTextContent)
                .collect(Collectors.joining("-"));
        assertThat(db.sql("select description, category_code from report where reference = :r").bind("r", reference)
                .fetch().one().block()).containsEntry("description", "lachgas en jongeren bij Passartweg 30")
                .containsEntry("category_code", "youth_nuisance");
    }

    @Test
    void silenceGetsOneRetryThenAPoliteGoodbyeNeverAnError() {
        Call call = new Call(FakeTwilio.newPhone(), "nl");
        TwiML welcome = call.step("/twilio/voice", Map.of());

        TwiML retry = call.step(welcome.nextStep(), Map.of());
        assertThat(retry.spoken()).startsWith("Dat heb ik niet goed verstaan.");
        assertThat(retry.nextStep()).isEqualTo("/twilio/voice/menu?lang=nl&try=2");
        TwiML unknownKey = call.step(retry.nextStep(), Map.of("Digits", "7"));
        assertThat(unknownKey.all("Gather")).isEmpty();
        assertThat(unknownKey.spoken()).isEqualTo(
                "Ik heb u niet goed gehoord. U kunt ook een sms sturen naar dit nummer. Tot ziens.");
        assertThat(unknownKey.hangsUp()).isTrue();

        // The same at the speech question: one more chance, then goodbye, and nothing is stored.
        Call quiet = new Call(FakeTwilio.newPhone(), "nl");
        TwiML describe = quiet.step(quiet.step("/twilio/voice", Map.of()).nextStep(), Map.of("Digits", "1"));
        TwiML describeAgain = quiet.step(describe.nextStep(), Map.of("SpeechResult", ""));
        assertThat(describeAgain.spoken()).startsWith("Ik heb niets gehoord.");
        TwiML bye = quiet.step(describeAgain.nextStep(), Map.of());
        assertThat(bye.hangsUp()).isTrue();
        assertThat(bye.spoken()).contains("Tot ziens.");
        assertThat(db.sql("select count(*) as n from report where idempotency_key = :k").bind("k", "call:" + quiet.sid)
                .map(r -> r.get("n", Long.class)).one().block()).isZero();
    }

    @Test
    void aCallerWithAWithheldNumberMakesAnAnonymousReportAndHearsTheReferenceOnly() {
        Call call = new Call("anonymous", "nl");
        TwiML describe = call.step(call.step("/twilio/voice", Map.of()).nextStep(), Map.of("Digits", "1"));
        TwiML readBack = call.step(describe.nextStep(),
                Map.of("SpeechResult", "De straatlantaarn bij Passartweg 40 is kapot", "Confidence", "0.8"));
        TwiML stored = call.step(readBack.nextStep(), Map.of("Digits", "1"));

        assertThat(stored.spoken()).doesNotContain("per sms");
        String reference = stored.all("say-as").subList(0, 3).stream().map(Element::getTextContent)
                .collect(Collectors.joining("-"));
        Map<String, Object> report = db.sql("select * from report where reference = :r").bind("r", reference)
                .fetch().one().block();
        assertThat(report).containsEntry("channel", "phone").containsEntry("category_code", "public_lighting");
        assertThat(report.get("reporter_contact_id")).isNull();
        assertThat(db.sql("select count(*) as n from notification where reference = :r").bind("r", reference)
                .map(r -> r.get("n", Long.class)).one().block()).isZero();

        // Status by phone needs a visible number: which reports are "yours" is unknown otherwise.
        Call asking = new Call("+266696687", "nl");
        TwiML ask = asking.step(asking.step("/twilio/voice", Map.of()).nextStep(), Map.of("Digits", "3"));
        TwiML answer = asking.step(ask.nextStep(), Map.of("SpeechResult", reference));
        assertThat(answer.spoken()).startsWith("Uw nummer is afgeschermd.");
        assertThat(answer.hangsUp()).isTrue();
    }

    @Test
    void menuThreeTellsACallerTheStatusOfTheirOwnReportByKeypadOrVoice() {
        String phone = FakeTwilio.newPhone();
        String reference = smsReport(phone, "Elke nacht harde muziek bij Passartweg 14");
        Call call = new Call(phone, "nl");
        TwiML ask = call.step(call.step("/twilio/voice", Map.of()).nextStep(), Map.of("Digits", "3"));
        Element gather = ask.one("Gather");
        assertThat(gather.getAttribute("input")).isEqualTo("dtmf speech");
        assertThat(gather.getAttribute("finishOnKey")).isEqualTo("#");
        assertThat(gather.getTextContent()).contains("meldingnummer");

        TwiML byKeys = call.step(ask.nextStep(), Map.of("Digits", keypad(reference)));
        assertThat(byKeys.spoken()).startsWith("Uw melding").contains("is ontvangen.").endsWith("Tot ziens.");
        assertThat(byKeys.all("say-as").stream().map(Element::getTextContent).collect(Collectors.joining("-")))
                .isEqualTo(reference);

        String spoken = String.join(" ", reference.replace("-", "").split(""));
        TwiML byVoice = call.step(ask.nextStep(), Map.of("SpeechResult", spoken));
        assertThat(byVoice.spoken()).contains("is ontvangen.");

        // A reference that is not this caller's: one more try, then goodbye.
        TwiML unknown = call.step(ask.nextStep(), Map.of("Digits", "222222"));
        assertThat(unknown.spoken()).startsWith("Ik vind geen melding met dat nummer bij uw telefoonnummer.");
        assertThat(unknown.nextStep()).isEqualTo("/twilio/voice/status?lang=nl&try=2");
        TwiML stillUnknown = new Call(FakeTwilio.newPhone(), "nl").step(unknown.nextStep(),
                Map.of("Digits", keypad(reference)));
        assertThat(stillUnknown.spoken()).startsWith("Ik vind geen melding").endsWith("Tot ziens.");
        assertThat(stillUnknown.hangsUp()).isTrue();
    }

    @Test
    void nineSwitchesTheWholeCallToEnglish() {
        Call dutch = new Call(FakeTwilio.newPhone(), "nl");
        TwiML english = dutch.step(dutch.step("/twilio/voice", Map.of()).nextStep(), Map.of("Digits", "9"), "en");
        assertThat(english.spoken()).startsWith("In an emergency or danger: hang up and call 112.");
        assertThat(english.nextStep()).isEqualTo("/twilio/voice/menu?lang=en&try=1");

        Call caller = new Call(dutch.from, "en");
        TwiML describe = caller.step(english.nextStep(), Map.of("Digits", "1"));
        assertThat(describe.one("Gather").getTextContent()).startsWith("Tell me in a few sentences what is going on.");
        TwiML readBack = caller.step(describe.nextStep(), Map.of("SpeechResult", "Loud music at Passartweg 14 every night"));
        assertThat(readBack.spoken()).startsWith("You said: Loud music at Passartweg 14 every night.");
        TwiML stored = caller.step(readBack.nextStep(), Map.of("Digits", "1"));
        assertThat(stored.spoken()).startsWith("Thank you. Your report has been saved.").endsWith("Goodbye.");
        String reference = stored.all("say-as").subList(0, 3).stream().map(Element::getTextContent)
                .collect(Collectors.joining("-"));
        assertThat(db.sql("select language from report where reference = :r").bind("r", reference)
                .map(r -> r.get("language", String.class)).one().block()).isEqualTo("en");
        // ... and 9 from the English menu goes back to Dutch.
        TwiML backToDutch = caller.step(english.nextStep(), Map.of("Digits", "9"), "nl");
        assertThat(backToDutch.nextStep()).isEqualTo("/twilio/voice/menu?lang=nl&try=1");
    }

    @Test
    void aCallWebhookWithoutAValidSignatureIsRefused() {
        Map<String, String> form = Map.of("CallSid", callSid(), "From", FakeTwilio.newPhone(), "To",
                FakeTwilio.SENDER);
        TwilioWebhooks.postUnsigned(http, "/twilio/voice", form, null).expectStatus().isForbidden();
        TwilioWebhooks.postUnsigned(http, "/twilio/voice/confirm?lang=nl&try=1", Map.of("CallSid", callSid(),
                "Digits", "1"), TwilioWebhooks.sign("/twilio/voice/confirm?lang=nl&try=2", Map.of()))
                .expectStatus().isForbidden();
        // Signed, but without a call id: a problem naming the field, not TwiML.
        TwilioWebhooks.post(http, "/twilio/voice", Map.of("From", FakeTwilio.newPhone())).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("CallSid");
    }

    // --- helpers

    /** Every spoken line and every question in the caller's language, with the matching Polly voice. */
    private static void assertSpokenIn(TwiML twiml, String language) {
        String tag = language.equals("en") ? "en-GB" : "nl-NL";
        String voice = language.equals("en") ? "Polly.Amy" : "Polly.Lotte";
        assertThat(twiml.all("Say")).isNotEmpty().allSatisfy(say -> {
            assertThat(say.getAttribute("language")).isEqualTo(tag);
            assertThat(say.getAttribute("voice")).isEqualTo(voice);
        });
        assertThat(twiml.all("Gather")).allSatisfy(g -> assertThat(g.getAttribute("language")).isEqualTo(tag));
        assertThat(twiml.all("Gather")).allSatisfy(g -> assertThat(g.getAttribute("actionOnEmptyResult"))
                .isEqualTo("true"));
    }

    private String smsReport(String phone, String body) {
        String xml = TwilioWebhooks.text(http, phone, body);
        String message = TwiML.parse(xml).message();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("HS-[0-9A-Z]{4}-[0-9A-Z]{2}").matcher(message);
        assertThat(m.find()).isTrue();
        return m.group();
    }

    /** The keys a caller presses for a reference: letters by the key they are printed on. */
    private static String keypad(String reference) {
        String[] keys = { "", "", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ" };
        StringBuilder out = new StringBuilder();
        for (char c : reference.substring(3).replace("-", "").toCharArray()) {
            if (Character.isDigit(c)) {
                out.append(c);
            } else {
                for (int k = 2; k < keys.length; k++) {
                    if (keys[k].indexOf(c) >= 0) {
                        out.append(k);
                    }
                }
            }
        }
        return out.toString();
    }

    private long conversations(String sid) {
        return db.sql("select count(*) as n from voice_conversation where call_sid = :s").bind("s", sid)
                .map(r -> r.get("n", Long.class)).one().block();
    }

    private Optional<UUID> clusterOf(String reference) {
        return db.sql("select cluster_id from report where reference = :r").bind("r", reference)
                .map(row -> Optional.ofNullable(row.get("cluster_id", UUID.class))).one().block();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(0.001);
    }
}
