package nl.hartslag.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kinds of problem residents report, theme by theme, in invented sentences (web form, SMS and
 * English spellings): each gets its kind through the real analysis chain. Also compounds, the
 * inflections the Dutch stemmer does not join, and ambiguous words that must not pull a kind.
 */
class NuisanceThemesTests {

    private static final NuisanceAnalysis analysis = new NuisanceAnalysis();

    private static Set<String> kinds(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String concept : analysis.concepts(text).keySet()) {
            String family = NuisanceKinds.familyOf(concept);
            if (!family.equals(NuisanceKinds.PLACE) && !family.equals(NuisanceKinds.CONTEXT)) {
                out.add(concept);
            }
        }
        return out;
    }

    private static Set<String> families(String text) {
        Set<String> out = new LinkedHashSet<>();
        kinds(text).forEach(c -> out.add(NuisanceKinds.familyOf(c)));
        return out;
    }

    private static List<String> list(String spaceSeparated) {
        return Arrays.asList(spaceSeparated.trim().split("\\s+"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            De buurman stookt elke avond zijn houtkachel, de rook trekt bij ons naar binnen | qqsmoke
            Ze hebben weer een vuurkorf in de achtertuin, onze was stinkt naar rook      | qqsmoke qqsmell
            Elke zondag een bbq op het balkon van de bovenburen, de walm komt zo binnen   | qqsmoke
            wr barbecue bij de overburen. alles stinkt                                   | qqsmoke qqsmell
            Smoke from the neighbours' wood stove every night                             | qqsmoke
            Vannacht is de papiercontainer in brand gestoken                              | qqfire qqrecycling
            Sinds maandag wordt er vanaf zeven uur geboord en gesloopt in het pand naast ons | qqbuilding
            De bouwvakkers beginnen op zaterdag al om half zeven met de trilplaat          | qqbuilding
            Al weken steigers voor de deur en bouwlawaai de hele dag                      | qqbuilding
            renovation next door, drilling from 7 am                                      | qqbuilding
            Fatbikes racen over het fietspad, levensgevaarlijk                            | qqmoped qqspeeding qqtraffic
            Maaltijdbezorgers op scooters rijden met een noodgang door de straat          | qqdelivery qqmoped qqspeeding
            Jongens doen wheelies met hun brommers en geven vol gas                       | qqyouth qqmoped qqspeeding
            Een bestelbus staat elke dag met twee wielen op de stoep geparkeerd           | qqdelivery qqparking
            e-bikes en quads crossen door het park                                        | qqmoped qqspeeding
            delivery riders on mopeds speeding on the pavement                            | qqdelivery qqmoped qqspeeding
            Tuinfeest bij de buren met een muziekinstallatie tot twee uur                 | qqparty qqmusic
            Verjaardag met springkussen en karaoke tot middernacht                        | qqparty qqmusic
            Het festival op het veld is veel te luid                                      | qqparty qqnoise
            De buurman heeft een schutting op onze erfgrens gezet                         | qqfence
            ze hebben de schutting van de buren beklad                                     | qqfence qqgraffiti
            Overhangende takken van de boom van de buren, ze willen niet snoeien          | qqgreenery
            De heg op de hoek is niet gesnoeid en groeit over het achterpad                | qqgreenery
            Er zit een wespennest onder de dakpannen                                      | qqinsects
            Ratten bij de vuilniszakken achter de flat                                    | qqvermin qqwaste
            Vossen in de tuinen, ze halen de kippen weg                                    | qqanimal qqbirds
            Eikenprocessierups in de eiken langs het fietspad                             | qqinsects qqtraffic
            Duiven en meeuwen pikken de afvalzakken open                                  | qqbirds qqwaste
            Overal hondenpoep op het grasveld                                             | qqdogmess
            De hond van hiernaast blaft de hele dag                                       | qqdog
            wasps nest above our front door                                               | qqinsects
            De ondergrondse container zit vol en er staan zakken naast                    | qqcontainer qqwaste
            Graffiti op de gevel van het buurthuis                                        | qqgraffiti
            Het riool stinkt en de put loopt over                                         | qqdrainage qqsmell
            Losliggende stoeptegels voor de deur, mijn moeder is gestruikeld              | qqpavement
            Dronken mannen plassen tegen de gevel, wildplassers overal                    | qqdrunk
            Hennepkwekerij op zolder denk ik, het stinkt naar wiet                         | qqcultivation qqsmell qqdrugs
            Mijn fiets is gestolen bij het station                                        | qqtheft
            De lantaarnpaal knippert al een week                                          | qqlighting
            Het terras van het cafe is tot laat open, bezoekers joelen                    | qqhoreca qqshout
            Leegstaand pand, er zitten krakers in                                          | qqhousing
            Een camera van de buren filmt onze tuin                                       | qqprivacy
            """)
    void eachThemeGetsItsKind(String text, String expected) {
        assertThat(kinds(text)).containsAll(list(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            De lamp is kapot, het is donker op straat                  | lighting
            het bankje is kapot                                        |
            Ik hoor een kind huilen                                    |
            Er hangt al dagen een camera boven de deur                 | dispute
            De ballen vliegen over de schutting                        | dispute
            Ik zag ze gisteren nog, ze zagen mij ook                   |
            Hij gaat elke dag naar zijn werk                           |
            Er zijn autobanden in de berm gedumpt                      | waste
            De tv staat keihard aan                                    | noise
            Ze verstoppen iets in de bosjes                            |
            De lampen branden niet                                     | lighting
            junk in the front garden                                   | waste
            De deuren slaan de hele nacht                              | noise
            Er staan weer gasten voor de deur                          |
            """)
    void anAmbiguousWordPullsNoWrongKind(String text, String expected) {
        assertThat(families(text)).containsExactlyInAnyOrderElementsOf(expected == null ? List.of() : list(expected));
    }

    /** Words of every sentence, in every form, that say nothing about the kind of problem. */
    @ParameterizedTest
    @ValueSource(strings = {
            "gaat gaan ging gegaan staat staan stond komt komen kwam zit zitten zat ligt liggen lag doet doen deed",
            "maakt maken maakte zegt zeggen zei laat laten liet heeft hebben had is zijn was wordt worden werd",
            "kan kunnen moet moeten mag wil zou ziet zien zag zagen hoort horen hoorde loopt lopen liep",
            "rijdt rijden reed houdt neemt nemen nam geeft geven gaf krijgt kreeg weet denkt vindt blijft",
            "brengt zoekt wacht woont wonen werkt werken speelt spelen praat vraagt belt gebeld",
            "vaak soms altijd nooit overal ergens niks alles veel weinig erg heel snel langzaam",
            "hoog laag groot klein oud nieuw goed slecht mooi rustig druk vol leeg open dicht",
            "huis woning auto fiets straat tijd jaar dag nacht avond week mensen jongen meisje",
            "gemeente politie wijkagent handhaving brief mail telefoon adres deur raam tuin dak hoek",
            "probleem overlast klacht melding gemeld opgelost zorgen gevaarlijk onveilig boos moe ziek",
            "slapen wakker eten koken wassen water grond zon regen wind koud warm zomer winter vakantie",
            "gebouw trap lift gang balkon kelder zolder garage schuur hek poort pad weg stoep brug" })
    void everydayWordsNameNoKind(String words) {
        for (String word : list(words)) {
            assertThat(kinds(word)).as(word).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            muis muizen                        | qqvermin
            rat ratten                         | qqvermin
            duif duiven                        | qqbirds
            wesp wespen                        | qqinsects
            vos vossen                         | qqanimal
            blaft blaffen geblaf               | qqdog
            stookt stoken gestookt stookte     | qqsmoke
            dumpt dumpen gedumpt               | qqdumping
            parkeert parkeren geparkeerd       | qqparking
            feest feesten feestje feestjes     | qqparty
            scheurt scheuren gescheur          | qqspeeding
            racet racen                        | qqspeeding
            sloopt slopen gesloopt             | qqbuilding
            boort boren geboord                | qqbuilding
            scooter scooters                   | qqmoped
            fatbike fatbikes                   | qqmoped
            brommer brommers                   | qqmoped
            bezorger bezorgers                 | qqdelivery
            schutting schuttingen              | qqfence
            heg heggen                         | qqgreenery
            zingt zingen                       | qqmusic
            joelt joelen gejoel                | qqshout
            """)
    void inflectionsTheStemmerDoesNotJoinMeetInTheLexicon(String forms, String concept) {
        for (String form : list(forms)) {
            assertThat(kinds(form)).as(form).containsExactly(concept);
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            geluidsoverlast   | overlast van geluid
            scooterrijders    | rijders op scooters
            fatbikerijders    | rijders op fatbikes
            rattenplaag       | plaag van ratten
            wespenplaag       | een plaag van wespen
            muggenplaag       | een plaag van muggen
            kattenpoep        | poep van katten
            meeuwenoverlast   | overlast van meeuwen
            hennepgeur        | geur van hennep
            bouwwerkzaamheden | werkzaamheden van de bouw
            nachtlawaai       | lawaai in de nacht
            zomerfeest        | een feest in de zomer
            tuinfeestje       | feestje in de tuin
            vuurwerkoverlast  | overlast van vuurwerk
            drugsoverlastpand | pand met drugsoverlast
            """)
    void aCompoundMeetsItsPartsWrittenApart(String compound, String apart) {
        assertThat(kinds(compound)).isNotEmpty().isEqualTo(kinds(apart));
    }

    @Test
    void aCompoundTheLexiconKnowsKeepsItsOwnMeaning() {
        // Dog mess, not a dog: the lexicon lists "hondenpoep" as a whole.
        assertThat(kinds("hondenpoep")).containsExactly("qqdogmess");
        assertThat(kinds("kattenkwaad")).containsExactly("qqpranks");
        assertThat(kinds("waterballonnen")).containsExactly("qqpranks");
    }

    @Test
    void contentWordsOfACompoundMeetTheWordsWrittenApart() {
        // The words the text cosine compares: the compound stays, its parts are added.
        assertThat(analysis.terms("hondenpoep")).contains("hondenpoep")
                .containsAll(analysis.terms("poep van honden"));
        assertThat(analysis.terms("scooterrijders")).containsAll(analysis.terms("rijders scooter"));
        assertThat(analysis.terms("Overal hondenpoep")).containsSubsequence("overal", "hondenpoep");
    }

    @ParameterizedTest
    @ValueSource(strings = { "kastanjestraat", "schoolstraat", "kerkstraat", "lindelaan", "beukenhof",
            "parkweg", "vuilnisstraat", "kattenpad", "rattenplein", "honden park", "bloemenmarkt" })
    void streetNamesAreNeverSplit(String name) {
        assertThat(analysis.decompounder().split(name.replace(" ", ""))).isEmpty();
    }

    @Test
    void onlyCompleteSplitsCount() {
        Decompounder parts = analysis.decompounder();
        assertThat(parts.split("hondenpoepoverlast")).containsExactly("hondenpoep", "overlast");
        assertThat(parts.split("geluidsoverlast")).containsExactly("geluid", "overlast");
        // "kast" is a part, "anje" is not: no split, no dumped cupboard.
        assertThat(parts.split("kastanje")).isEmpty();
        assertThat(parts.split("kast")).isEmpty();
    }
}
