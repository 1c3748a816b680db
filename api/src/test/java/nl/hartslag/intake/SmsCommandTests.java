package nl.hartslag.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SmsCommandTests {

    @ParameterizedTest
    @CsvSource({ "STOP,nl", "stop,nl", "Stop.,nl", " afmelden ,nl", "STOPALL,en", "unsubscribe,en", "Cancel,en",
            "END,en", "quit!,en" })
    void optOutKeywordsInAnyCase(String body, String language) {
        assertThat(SmsCommand.parse(body)).isEqualTo(new SmsCommand.Stop(language));
    }

    @ParameterizedTest
    @ValueSource(strings = { "START", "start", "Aanmelden", "UNSTOP" })
    void optInKeywords(String body) {
        assertThat(SmsCommand.parse(body)).isInstanceOf(SmsCommand.Start.class);
    }

    @ParameterizedTest
    @ValueSource(strings = { "HELP", "help", "Info", "INFO.", "", "   " })
    void helpKeywordsAndAnEmptyText(String body) {
        assertThat(SmsCommand.parse(body)).isEqualTo(new SmsCommand.Help("nl"));
    }

    @Test
    void verwijderOrDeleteWithAReferenceAsksForErasure() {
        assertThat(SmsCommand.parse("VERWIJDER HS-7KQ2-M9")).isEqualTo(new SmsCommand.Erase("HS-7KQ2-M9", "nl"));
        assertThat(SmsCommand.parse("verwijder: hs7kq2m9.")).isEqualTo(new SmsCommand.Erase("hs7kq2m9", "nl"));
        assertThat(SmsCommand.parse("Delete HS 7KQ2 M9")).isEqualTo(new SmsCommand.Erase("HS 7KQ2 M9", "en"));
        assertThat(SmsCommand.parse("VERWIJDER")).isEqualTo(new SmsCommand.Erase("", "nl"));
        // Words after it make it a report: "verwijder die auto" asks the municipality, not us.
        assertThat(SmsCommand.parse("Verwijder die kapotte auto bij de school")).isInstanceOf(SmsCommand.Report.class);
        assertThat(SmsCommand.parse("verwijderd fietswrak")).isInstanceOf(SmsCommand.Report.class);
    }

    @Test
    void statusKeepsTheReferenceAsTyped() {
        assertThat(SmsCommand.parse("STATUS HS-7KQ2-M9")).isEqualTo(new SmsCommand.Status("HS-7KQ2-M9"));
        assertThat(SmsCommand.parse("status: hs7kq2m9")).isEqualTo(new SmsCommand.Status("hs7kq2m9"));
        assertThat(SmsCommand.parse("Stand HS 7KQ2 M9")).isEqualTo(new SmsCommand.Status("HS 7KQ2 M9"));
        assertThat(SmsCommand.parse("STATUS")).isEqualTo(new SmsCommand.Status(""));
        // "statusbalk" is a word, not the keyword
        assertThat(SmsCommand.parse("statusbalk kapot")).isInstanceOf(SmsCommand.Report.class);
    }

    @Test
    void offerRepliesInDutchAndEnglish() {
        assertThat(SmsCommand.parse("JA 482")).isEqualTo(new SmsCommand.OfferReply(true, 482, "nl"));
        assertThat(SmsCommand.parse("ja482")).isEqualTo(new SmsCommand.OfferReply(true, 482, "nl"));
        assertThat(SmsCommand.parse("Nee 17.")).isEqualTo(new SmsCommand.OfferReply(false, 17, "nl"));
        assertThat(SmsCommand.parse("yes 5")).isEqualTo(new SmsCommand.OfferReply(true, 5, "en"));
        assertThat(SmsCommand.parse("no #5")).isEqualTo(new SmsCommand.OfferReply(false, 5, "en"));
        assertThat(SmsCommand.parse("JA 0")).isInstanceOf(SmsCommand.Report.class);
        assertThat(SmsCommand.parse("ja 99999999999")).isInstanceOf(SmsCommand.Report.class);
    }

    @Test
    void aKeywordInsideASentenceIsAReport() {
        assertThat(SmsCommand.parse("stop met die herrie op nummer 14")).isEqualTo(
                new SmsCommand.Report("stop met die herrie op nummer 14"));
        assertThat(SmsCommand.parse("help, er wordt ingebroken")).isInstanceOf(SmsCommand.Report.class);
        assertThat(SmsCommand.parse("ja er ligt weer afval bij 14")).isInstanceOf(SmsCommand.Report.class);
    }

    @Test
    void satisfactionAnswersWithAnOptionalReferenceAndReason() {
        assertThat(SmsCommand.parse("TEVREDEN")).isEqualTo(new SmsCommand.Satisfaction(true, "", "", "nl"));
        assertThat(SmsCommand.parse("tevreden!")).isEqualTo(new SmsCommand.Satisfaction(true, "", "", "nl"));
        assertThat(SmsCommand.parse("Niet tevreden")).isEqualTo(new SmsCommand.Satisfaction(false, "", "", "nl"));
        assertThat(SmsCommand.parse("NIET TEVREDEN het duurde drie weken."))
                .isEqualTo(new SmsCommand.Satisfaction(false, "", "het duurde drie weken.", "nl"));
        assertThat(SmsCommand.parse("niet tevreden HS-7KQ2-M9 de lamp doet het weer niet"))
                .isEqualTo(new SmsCommand.Satisfaction(false, "HS-7KQ2-M9", "de lamp doet het weer niet", "nl"));
        assertThat(SmsCommand.parse("Tevreden hs7kq2m9")).isEqualTo(new SmsCommand.Satisfaction(true, "hs7kq2m9", "", "nl"));
        assertThat(SmsCommand.parse("ontevreden: niemand belde terug"))
                .isEqualTo(new SmsCommand.Satisfaction(false, "", "niemand belde terug", "nl"));
        assertThat(SmsCommand.parse("NOT SATISFIED nobody came"))
                .isEqualTo(new SmsCommand.Satisfaction(false, "", "nobody came", "en"));
        assertThat(SmsCommand.parse("satisfied")).isEqualTo(new SmsCommand.Satisfaction(true, "", "", "en"));
    }

    @Test
    void satisfactionKeywordsDoNotTakeOverOtherCommandsOrWords() {
        // "niet opgelost" stays the objection; "tevredenheid" is a word, not the keyword.
        assertThat(SmsCommand.parse("NIET OPGELOST HS-7KQ2-M9")).isEqualTo(new SmsCommand.NotSolved("HS-7KQ2-M9", "nl"));
        assertThat(SmsCommand.parse("tevredenheid is ver te zoeken hier")).isInstanceOf(SmsCommand.Report.class);
        assertThat(SmsCommand.parse("Zeer tevreden")).isInstanceOf(SmsCommand.Report.class);
    }
}
