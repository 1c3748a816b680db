package nl.hartslag.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TemplatesTests {

    private static final String REFERENCE = "HS-7KQ2-M9";
    private static final String SHORT_NOTE = "De lamp is vervangen.";
    private static final String STATUS_URL = "https://hartslag.example/melding/HS-7KQ2-M9?t=Zq81x";
    /** Templates sent to the resident who made (or supported) a report. */
    private static final Set<Template> RESIDENT = EnumSet.of(Template.REPORT_RECEIVED, Template.SUPPORT_ACKNOWLEDGED,
            Template.STATUS_IN_PROGRESS, Template.STATUS_RESOLVED, Template.STATUS_CLOSED,
            Template.SATISFACTION_QUESTION);

    private final Templates templates = new Templates();

    static Stream<Arguments> everyTemplateInBothLanguages() {
        List<Arguments> all = new ArrayList<>();
        for (Template template : Template.values()) {
            for (String language : List.of("nl", "en")) {
                all.add(Arguments.of(template, language));
            }
        }
        return all.stream();
    }

    /** Every required parameter at its longest allowed value; the note (if any) is 1000 characters. */
    private static Map<String, String> longestParameters(Template template) {
        Map<String, String> parameters = new HashMap<>();
        for (Template.Param p : template.required()) {
            parameters.put(p.key(), switch (p) {
                case REFERENCE -> REFERENCE;
                case NOTE -> longNote();
                default -> "W".repeat(p.maxLength());
            });
        }
        return parameters;
    }

    /** Exactly {@link Template.Param#NOTE}'s maximum of 1000 characters, in words. */
    private static String longNote() {
        String sentence = "De lamp bij de speeltuin aan de Passartstraat is vervangen en de stoep is schoongemaakt. ";
        String note = sentence.repeat(1000 / sentence.length() + 1).substring(0, Template.Param.NOTE.maxLength());
        return note;
    }

    private static Map<String, String> shortParameters(Template template, String note) {
        Map<String, String> parameters = new HashMap<>();
        for (Template.Param p : template.required()) {
            parameters.put(p.key(), switch (p) {
                case REFERENCE -> REFERENCE;
                case NOTE -> note;
                case CASE_NUMBER -> "482";
                case CONFLICT -> "geluidsoverlast";
                case STREET -> "Passartstraat";
                case CATEGORY -> "straatverlichting";
                case PLACE -> "bij de speeltuin";
                case STATUS_URL -> STATUS_URL;
            });
        }
        return parameters;
    }

    private Rendered sms(Template template, Map<String, String> parameters, String language) {
        return templates.render(template, parameters, language, Channel.SMS);
    }

    private Rendered email(Template template, Map<String, String> parameters, String language) {
        return templates.render(template, parameters, language, Channel.EMAIL);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyTemplateInBothLanguages")
    void longestParametersFitOneGsmSegment(Template template, String language) {
        Rendered rendered = sms(template, longestParameters(template), language);

        assertThat(rendered.subject()).isNull();
        assertThat(rendered.html()).isNull();
        assertThat(rendered.text()).isNotBlank();
        assertThat(Gsm7.encodable(rendered.text())).as(rendered.text()).isTrue();
        assertThat(Gsm7.septets(rendered.text())).as(rendered.text()).isLessThanOrEqualTo(Gsm7.SEGMENT);
        assertThat(rendered.text()).doesNotContain("{").doesNotContain("}");
        for (Template.Param p : template.required()) {
            if (p != Template.Param.NOTE) {
                assertThat(rendered.text()).contains(p == Template.Param.REFERENCE ? REFERENCE : "W".repeat(p.maxLength()));
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyTemplateInBothLanguages")
    void longestParametersWithoutNoteFitOneGsmSegment(Template template, String language) {
        Map<String, String> parameters = longestParameters(template);
        parameters.remove(Template.Param.NOTE.key());

        String text = sms(template, parameters, language).text();

        assertThat(Gsm7.encodable(text)).as(text).isTrue();
        assertThat(Gsm7.septets(text)).as(text).isLessThanOrEqualTo(Gsm7.SEGMENT);
        assertThat(text).doesNotContain("{").doesNotEndWith(" ").doesNotContain("  ");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyTemplateInBothLanguages")
    void residentTemplatesShowTheReference(Template template, String language) {
        if (!template.required().contains(Template.Param.REFERENCE)) {
            assertThat(RESIDENT).doesNotContain(template);
            return;
        }
        Map<String, String> parameters = shortParameters(template, SHORT_NOTE);
        assertThat(sms(template, parameters, language).text()).contains(REFERENCE);
        Rendered mail = email(template, parameters, language);
        assertThat(mail.subject()).contains(REFERENCE);
        assertThat(mail.text()).contains(REFERENCE);
        assertThat(mail.html()).contains(REFERENCE);
    }

    @Test
    void everyResidentTemplateTakesTheReference() {
        for (Template template : RESIDENT) {
            assertThat(template.required()).as(template.name()).contains(Template.Param.REFERENCE);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyTemplateInBothLanguages")
    void noPlaceholderIsLeftInAnyOutput(Template template, String language) {
        Map<String, String> parameters = shortParameters(template, SHORT_NOTE);
        parameters.put(Template.Param.STATUS_URL.key(), STATUS_URL);
        Rendered sms = sms(template, parameters, language);
        Rendered mail = email(template, parameters, language);

        assertThat(sms.text()).doesNotContain("{").doesNotContain("}");
        assertThat(mail.subject()).isNotBlank().doesNotContain("{").doesNotContain("}");
        assertThat(mail.text()).doesNotContain("{").doesNotContain("}");
        assertThat(mail.html()).doesNotContain("{").doesNotContain("}");
    }

    @ParameterizedTest
    @ValueSource(strings = { "nl", "en" })
    void shortNoteAppearsInFull(String language) {
        String text = sms(Template.STATUS_RESOLVED, Map.of("reference", REFERENCE, "note", SHORT_NOTE), language).text();

        assertThat(text).contains(SHORT_NOTE).doesNotContain("...");
        assertThat(text).startsWith("nl".equals(language) ? "Uw melding HS-7KQ2-M9 is opgelost. "
                : "Your report HS-7KQ2-M9 has been solved. ");
    }

    @Test
    void dutchResolvedTextReadsAsExpected() {
        String text = sms(Template.STATUS_RESOLVED, Map.of("reference", REFERENCE, "note", SHORT_NOTE), "nl").text();

        assertThat(text).isEqualTo(
                "Uw melding HS-7KQ2-M9 is opgelost. De lamp is vervangen. Niet opgelost? Stuur NIET OPGELOST HS-7KQ2-M9");
    }

    @Test
    void missingNoteLeavesNoDanglingSpace() {
        String text = sms(Template.STATUS_RESOLVED, Map.of("reference", REFERENCE), "nl").text();

        assertThat(text).isEqualTo("Uw melding HS-7KQ2-M9 is opgelost. Niet opgelost? Stuur NIET OPGELOST HS-7KQ2-M9");
    }

    @ParameterizedTest
    @ValueSource(strings = { "nl", "en" })
    void longNoteIsCutAtAWordAndEndsWithEllipsis(String language) {
        String note = longNote();
        assertThat(note).hasSize(1000);

        String text = sms(Template.STATUS_IN_PROGRESS, Map.of("reference", REFERENCE, "note", note), language).text();

        assertThat(Gsm7.septets(text)).isLessThanOrEqualTo(Gsm7.SEGMENT);
        assertThat(text).endsWith("...");
        String intro = sms(Template.STATUS_IN_PROGRESS, Map.of("reference", REFERENCE), language).text() + " ";
        assertThat(text).startsWith(intro);
        String kept = text.substring(intro.length(), text.length() - "...".length());
        // a whole number of words: the note continues with a space right after what was kept
        assertThat(note).startsWith(kept);
        assertThat(kept).doesNotEndWith(" ");
        assertThat(note.charAt(kept.length())).isEqualTo(' ');
        // and the room is used, not thrown away
        assertThat(Gsm7.septets(text)).isGreaterThan(Gsm7.SEGMENT - 20);
    }

    @Test
    void whitespaceInTheNoteIsCollapsedForSms() {
        String text = sms(Template.STATUS_IN_PROGRESS,
                Map.of("reference", REFERENCE, "note", "  Eerste regel.\n\nTweede\tregel.  "), "nl").text();

        assertThat(text).isEqualTo("Uw melding HS-7KQ2-M9 is in behandeling. Eerste regel. Tweede regel.");
    }

    @ParameterizedTest
    @ValueSource(strings = { "nl", "en" })
    void noteWithCharactersOutsideGsmIsFolded(String language) {
        String note = "“Klaar” – de lampen bij Zoë’s huis zijn vervangen 😀…";

        String text = sms(Template.STATUS_RESOLVED, Map.of("reference", REFERENCE, "note", note), language).text();

        assertThat(Gsm7.encodable(text)).as(text).isTrue();
        assertThat(Gsm7.septets(text)).isLessThanOrEqualTo(Gsm7.SEGMENT);
        assertThat(text).contains("\"Klaar\" - de lampen bij Zoe's huis zijn vervangen ...");
    }

    @Test
    void otherParametersAreFoldedToGsmToo() {
        String text = sms(Template.CASE_OFFER,
                Map.of("caseNumber", "482", "conflict", "geluid – buren", "street", "Coëhoornstraat"), "nl").text();

        assertThat(Gsm7.encodable(text)).as(text).isTrue();
        assertThat(text).contains("(geluid - buren, Coehoornstraat)");
    }

    @Test
    void caseOfferTellsTheVolunteerHowToAnswer() {
        Map<String, String> parameters = Map.of("caseNumber", "482", "conflict", "geluidsoverlast", "street",
                "Passartstraat");

        String dutch = sms(Template.CASE_OFFER, parameters, "nl").text();
        String english = sms(Template.CASE_OFFER, parameters, "en").text();

        assertThat(dutch).contains("JA 482").contains("NEE 482").contains("geluidsoverlast").contains("Passartstraat");
        // the English text asks for the same (Dutch) answer keywords
        assertThat(english).contains("JA 482").contains("NEE 482");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyTemplateInBothLanguages")
    void emailHasSubjectPlainTextAndHtml(Template template, String language) {
        Rendered mail = email(template, shortParameters(template, SHORT_NOTE), language);

        assertThat(mail.subject()).isNotBlank().doesNotContain("\n");
        assertThat(mail.text()).isNotBlank();
        assertThat(mail.html()).startsWith("<!doctype html>").contains("<body").endsWith("</html>");
        String footer = "nl".equals(language) ? "Dit bericht komt van Hartslag Passart." : "This message comes from Hartslag Passart.";
        assertThat(mail.text()).contains(footer);
        assertThat(mail.html()).contains(footer);
        if (template.required().contains(Template.Param.NOTE)) {
            assertThat(mail.text()).contains(SHORT_NOTE);
            assertThat(mail.html()).contains(SHORT_NOTE);
        }
    }

    @Test
    void emailKeepsTheWholeLongNoteUnfolded() {
        String note = "“Klaar” – Zoë’s lamp is vervangen. " + longNote();

        Rendered mail = email(Template.STATUS_RESOLVED, Map.of("reference", REFERENCE, "note", note), "nl");

        assertThat(mail.text()).contains(note.strip());
    }

    @Test
    void emailUsesItsLongerTextWhenThereIsOne() {
        Rendered mail = email(Template.REPORT_RECEIVED, Map.of("reference", REFERENCE), "nl");

        assertThat(mail.subject()).isEqualTo("Uw melding HS-7KQ2-M9 is ontvangen");
        assertThat(mail.text()).startsWith("Bedankt voor uw melding. Uw meldingnummer is HS-7KQ2-M9.");
    }

    @Test
    void emailWithoutItsOwnTextFallsBackToTheSmsText() {
        Rendered mail = email(Template.WORK_ORDER,
                Map.of("reference", REFERENCE, "category", "straatverlichting", "place", "bij de speeltuin"), "nl");

        assertThat(mail.text()).startsWith(
                "Nieuwe werkbon HS-7KQ2-M9: straatverlichting, bij de speeltuin. Zie de lijst in Hartslag.");
    }

    @Test
    void emailHtmlEscapesTheNote() {
        String note = "<script>alert('x')</script> & \"meer\"";

        Rendered mail = email(Template.STATUS_RESOLVED, Map.of("reference", REFERENCE, "note", note), "nl");

        assertThat(mail.html()).doesNotContain("<script>").doesNotContain("</script>");
        assertThat(mail.html()).contains("&lt;script&gt;");
        assertThat(mail.html()).contains("&amp;");
        // the plain-text part is not HTML and shows the note as typed
        assertThat(mail.text()).contains(note);
    }

    @ParameterizedTest
    @ValueSource(strings = { "nl", "en" })
    void statusUrlBecomesALinkInBothParts(String language) {
        Rendered mail = email(Template.STATUS_RESOLVED,
                Map.of("reference", REFERENCE, "note", SHORT_NOTE, "statusUrl", STATUS_URL), language);
        String label = "nl".equals(language) ? "Bekijk uw melding" : "See your report";

        assertThat(mail.text()).contains(label + ": " + STATUS_URL);
        assertThat(mail.html()).contains("<a href=\"" + STATUS_URL + "\">" + label + "</a>");
    }

    @Test
    void statusUrlIsEscapedInTheHref() {
        String url = "https://hartslag.example/melding?r=HS-7KQ2-M9&t=\"x\"";

        Rendered mail = email(Template.STATUS_IN_PROGRESS, Map.of("reference", REFERENCE, "statusUrl", url), "nl");

        assertThat(mail.html()).contains("href=\"https://hartslag.example/melding?r=HS-7KQ2-M9&amp;t=&quot;x&quot;\"");
        assertThat(mail.text()).contains(url);
    }

    @Test
    void withoutStatusUrlThereIsNoLink() {
        Rendered mail = email(Template.STATUS_RESOLVED, Map.of("reference", REFERENCE, "note", SHORT_NOTE), "nl");

        assertThat(mail.html()).doesNotContain("<a ");
        assertThat(mail.text()).doesNotContain("Bekijk uw melding").doesNotContain("http");
    }

    @Test
    void englishRenderIsEnglish() {
        Map<String, String> parameters = Map.of("reference", REFERENCE, "note", SHORT_NOTE);

        Rendered sms = sms(Template.STATUS_RESOLVED, parameters, "en");
        Rendered mail = email(Template.STATUS_RESOLVED, parameters, "en");

        assertThat(sms.text()).contains("Your report").doesNotContain("Uw melding");
        assertThat(mail.subject()).isEqualTo("Your report HS-7KQ2-M9 has been solved");
        assertThat(mail.text()).contains("Your report").contains("Not solved?").doesNotContain("Uw melding");
        assertThat(mail.html()).contains("Your report").contains("You cannot reply to this e-mail.");
    }

    @Test
    void dutchRenderIsDutch() {
        Rendered mail = email(Template.STATUS_RESOLVED, Map.of("reference", REFERENCE, "note", SHORT_NOTE), "nl");

        assertThat(mail.subject()).isEqualTo("Uw melding HS-7KQ2-M9 is opgelost");
        assertThat(mail.text()).startsWith("Uw melding HS-7KQ2-M9 is opgelost. De lamp is vervangen. Is het niet opgelost?")
                .doesNotContain("Your report");
    }

    /** Notes that used to overflow: exactly the room left, no space to cut at, two-septet characters. */
    static Stream<Arguments> awkwardNotes() {
        List<Arguments> all = new ArrayList<>();
        for (Template template : List.of(Template.STATUS_IN_PROGRESS, Template.STATUS_RESOLVED, Template.STATUS_CLOSED)) {
            for (String language : List.of("nl", "en")) {
                for (int length = 100; length <= 140; length++) {
                    all.add(Arguments.of(template, language, "x".repeat(length)));
                }
                all.add(Arguments.of(template, language, "W".repeat(1000)));
                all.add(Arguments.of(template, language, "€".repeat(1000)));
                all.add(Arguments.of(template, language, "[meer] ".repeat(140)));
                all.add(Arguments.of(template, language, "…".repeat(1000)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} note of {2}")
    @MethodSource("awkwardNotes")
    void anyNoteIsFittedIntoOneSegment(Template template, String language, String note) {
        String text = sms(template, Map.of("reference", REFERENCE, "note", note), language).text();

        assertThat(Gsm7.encodable(text)).as(text).isTrue();
        assertThat(Gsm7.septets(text)).as(text).isLessThanOrEqualTo(Gsm7.SEGMENT);
        assertThat(text).contains(REFERENCE);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyTemplateInBothLanguages")
    void parametersThatGrowWhenFoldedAreHeldToOneSegment(Template template, String language) {
        Map<String, String> parameters = new HashMap<>();
        for (Template.Param p : template.required()) {
            parameters.put(p.key(), p == Template.Param.REFERENCE ? REFERENCE
                    : p == Template.Param.NOTE ? "€".repeat(1000) : "…".repeat(p.maxLength() - 1) + "€");
        }
        String text = sms(template, parameters, language).text();

        assertThat(Gsm7.encodable(text)).as(text).isTrue();
        assertThat(Gsm7.septets(text)).as(text).isLessThanOrEqualTo(Gsm7.SEGMENT);
    }

    /**
     * Issue 14: "opgelost" and "afgesloten" say how to object, and a long note is what gives way,
     * never the instruction: one segment with the longest reference and a 1000-character note.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("solvedAndClosedInBothLanguages")
    void solvedAndClosedTextsTellHowToObjectWhateverTheNote(Template template, String language) {
        String command = "nl".equals(language) ? "NIET OPGELOST " + REFERENCE : "NOT SOLVED " + REFERENCE;
        for (String note : new String[] { null, SHORT_NOTE, longNote(), "W".repeat(1000) }) {
            Map<String, String> parameters = new HashMap<>(Map.of("reference", REFERENCE));
            if (note != null) {
                parameters.put("note", note);
            }
            String text = sms(template, parameters, language).text();
            assertThat(Gsm7.septets(text)).as(text).isLessThanOrEqualTo(Gsm7.SEGMENT);
            assertThat(text).as(text).endsWith(command).startsWith(
                    "nl".equals(language) ? "Uw melding " + REFERENCE : "Your report " + REFERENCE);
            if (note != null && note.length() > 100) {
                assertThat(text).contains("...");
            }
        }
        // The e-mail sends them to the status page, where "not solved" and the satisfaction question are.
        Rendered mail = email(template, Map.of("reference", REFERENCE, "note", SHORT_NOTE, "statusUrl", STATUS_URL),
                language);
        assertThat(mail.text()).contains(SHORT_NOTE, STATUS_URL).containsAnyOf("niet opgelost", "Not solved");
    }

    static Stream<Arguments> solvedAndClosedInBothLanguages() {
        return Stream.of(Template.STATUS_RESOLVED, Template.STATUS_CLOSED)
                .flatMap(t -> Stream.of(Arguments.of(t, "nl"), Arguments.of(t, "en")));
    }

    @Test
    void theSatisfactionQuestionNamesBothAnswers() {
        String nl = sms(Template.SATISFACTION_QUESTION, Map.of("reference", REFERENCE), "nl").text();
        assertThat(nl).isEqualTo("Bent u tevreden over hoe uw melding HS-7KQ2-M9 is opgepakt? Antwoord TEVREDEN of"
                + " NIET TEVREDEN, met een reden als u wilt.");
        String en = sms(Template.SATISFACTION_QUESTION, Map.of("reference", REFERENCE), "en").text();
        assertThat(en).contains(REFERENCE, "SATISFIED", "NOT SATISFIED");
    }
}
