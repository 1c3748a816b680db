package nl.hartslag.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The pseudonymiser on invented texts: what identifies people goes, what the text is about stays. */
class PseudonymiserTests {

    private final Pseudonymiser pseudonymiser = new Pseudonymiser(List.of("Zonnebloemhof", "Molenweide",
            "Brunssum", "Het Bat", "Akker-Noord"));

    private String p(String text) {
        return pseudonymiser.pseudonymise(text);
    }

    @Test
    void phoneNumbersInTheWaysPeopleTypeThem() {
        assertThat(p("Bel mij op 06-98765432 of 06 9876 5432.")).isEqualTo("Bel mij op [telefoon] of [telefoon].");
        assertThat(p("mijn nummer: +31 6 98765432, vast 045 - 123 45 67")).isEqualTo(
                "mijn nummer: [telefoon], vast [telefoon]");
        assertThat(p("bereikbaar via 0031698765432 of (045) 1234567")).isEqualTo(
                "bereikbaar via [telefoon] of [telefoon]");
    }

    @Test
    void shortNumbersTimesAndYearsStay() {
        String text = "Sinds 2019 staan er 3 scooters, tussen 22.00 en 23.30 uur, al 12 weken.";
        assertThat(p(text)).isEqualTo(text);
    }

    @Test
    void emailAddressesAndPostcodes() {
        assertThat(p("mail naar k.de.wit+buurt@voorbeeld-mail.nl graag")).isEqualTo("mail naar [e-mail] graag");
        assertThat(p("postcode 6413 XY en 6413XY")).isEqualTo("postcode [postcode] en [postcode]");
    }

    @Test
    void houseNumbersAfterAStreetNameButNotOtherNumbers() {
        assertThat(p("Overlast bij Klaverstraat 14b, ook bij Zonnebloemhof 3-5 en Molenweide 2."))
                .isEqualTo("Overlast bij Klaverstraat [nummer], ook bij Zonnebloemhof [nummer] en Molenweide [nummer].");
        assertThat(p("het is op nummer 27 en huisnr. 9")).isEqualTo("het is op nummer [nummer] en huisnr. [nummer]");
        assertThat(p("er staan 4 auto's op de Dorpsweg")).isEqualTo("er staan 4 auto's op de Dorpsweg");
    }

    @Test
    void namesAfterTitlesAndRelationsWithTheirParticles() {
        assertThat(p("De hond van meneer Verhoeven blaft de hele dag."))
                .isEqualTo("De hond van meneer [naam] blaft de hele dag.");
        assertThat(p("mevrouw van der Sluis zet haar vuilnis buiten"))
                .isEqualTo("mevrouw [naam] zet haar vuilnis buiten");
        assertThat(p("buurman Gerrit de Klerk en de familie Oudeman maken ruzie"))
                .isEqualTo("buurman [naam] en de familie [naam] maken ruzie");
        assertThat(p("Mevr. de Bruijn en dhr. Okafor klagen ook")).isEqualTo("Mevr. [naam] en dhr. [naam] klagen ook");
        assertThat(p("Ik sprak de buurman. Gisteren was het weer raak.")).isEqualTo(
                "Ik sprak de buurman. Gisteren was het weer raak.");
    }

    @Test
    void capitalisedWordsMidSentenceAreNamesButKnownPlacesStay() {
        assertThat(p("Elke nacht rijdt Dirk-Jan met zijn brommer door het Het Bat in Brunssum."))
                .isEqualTo("Elke nacht rijdt [naam] met zijn brommer door het Het Bat in Brunssum.");
        assertThat(p("Ik heb het op maandag aan de Gemeente gemeld, bij Zonnebloemhof."))
                .isEqualTo("Ik heb het op maandag aan de Gemeente gemeld, bij Zonnebloemhof.");
    }

    @Test
    void aSentenceStartsWithAnOrdinaryWordUnlessAFullNameFollows() {
        assertThat(p("Gisteren weer herrie. Overlast van jongeren.")).isEqualTo("Gisteren weer herrie. Overlast van jongeren.");
        assertThat(p("Fenna Broekhuis parkeert steeds op de stoep.")).isEqualTo("[naam] parkeert steeds op de stoep.");
    }

    @Test
    void namesGivenOnPurposeAndSignatures() {
        assertThat(p("de jongen heet tijmen en woont hier")).isEqualTo("de jongen heet [naam] en woont hier");
        assertThat(p("Mijn naam is Ruud Zegers, ik woon ernaast.")).isEqualTo("Mijn naam is [naam], ik woon ernaast.");
        assertThat(p("Graag actie.\nMet vriendelijke groet,\nAnnemiek Kroon")).isEqualTo(
                "Graag actie.\nMet vriendelijke groet,\n[naam]");
    }

    @Test
    void pseudonymisingTwiceChangesNothingMore() {
        String once = p("Meneer Pauwels (06-11223344, p.pauwels@voorbeeld.nl) van Klaverstraat 8 belt steeds.");
        assertThat(once).isEqualTo("Meneer [naam] ([telefoon], [e-mail]) van Klaverstraat [nummer] belt steeds.");
        assertThat(p(once)).isEqualTo(once);
    }

    @Test
    void nothingToDoOnEmptyOrAnonymousTexts() {
        assertThat(p(null)).isNull();
        assertThat(p("  ")).isEqualTo("  ");
        String plain = "er ligt glas op het fietspad bij de school";
        assertThat(p(plain)).isEqualTo(plain);
    }
}
