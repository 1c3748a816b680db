package nl.hartslag.demo;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import nl.hartslag.report.Channel;

/**
 * The words of the demo's reports: written for the demo (never taken from the matcher's labelled sets),
 * per category a handful of ways to say what is wrong, put together per channel the way each channel
 * sounds (a typed form, a short text message, a call as a speech recogniser writes it down, an outreach
 * worker's note). {@code {plek}} is where it is, in words ("in de Palmstraat", "bij het Passartplein").
 */
final class DemoTexts {

    private DemoTexts() {
    }

    /** Full sentences a resident types in the form; {plek} is the place. */
    private static final Map<String, List<String>> CORES = Map.ofEntries(
            Map.entry("noise", List.of(
                    "Er wordt {plek} elke nacht keiharde muziek gedraaid tot een uur of drie",
                    "Vanuit een woning {plek} dreunen de bassen door tot ver na middernacht",
                    "{plek} wordt weer een feest gegeven met luidsprekers in de tuin",
                    "Sinds een paar weken is er {plek} 's avonds laat veel geschreeuw en deurengeklap",
                    "Iemand {plek} is midden in de nacht aan het boren en zagen",
                    "De buren {plek} hebben een karaoke-installatie en zingen door tot na middernacht")),
            Map.entry("drugs", List.of(
                    "{plek} staan steeds auto's kort stil waar iets wordt overgegeven door het raam",
                    "Er wordt {plek} openlijk gedeald, vooral tussen acht en elf uur 's avonds",
                    "{plek} ruikt het de hele dag sterk naar wiet en er lopen steeds andere mensen in en uit",
                    "Ik zie {plek} regelmatig kleine zakjes wisselen tussen jongens op scooters",
                    "Er liggen {plek} lachgaspatronen en er hangen mensen rond die duidelijk onder invloed zijn")),
            Map.entry("dumping", List.of(
                    "Er is {plek} een oude bank met een matras neergezet",
                    "{plek} staan al dagen zwarte vuilniszakken die openscheuren door de katten",
                    "Iemand heeft {plek} een stapel bouwafval en tegels gedumpt",
                    "Er staan {plek} een kapotte wasmachine en wat kasten op de stoep",
                    "{plek} ligt een berg grofvuil naast de ondergrondse container",
                    "Er zijn {plek} dozen vol oude kleren en speelgoed neergezet")),
            Map.entry("litter", List.of(
                    "Het groen {plek} ligt vol met blikjes en plastic flesjes",
                    "{plek} waait overal papier en plastic rond sinds de bak vol zit",
                    "Er ligt {plek} een hoop glasscherven op het fietspad, slecht voor de banden",
                    "De prullenbak {plek} puilt uit en het afval ligt eromheen",
                    "{plek} liggen na het weekend steeds pizzadozen en bekers van de snackbar",
                    "Langs de stoep {plek} ligt een laag sigarettenpeuken en snoeppapiertjes")),
            Map.entry("traffic", List.of(
                    "Er wordt {plek} veel te hard gereden, ook als de kinderen uit school komen",
                    "{plek} parkeren auto's steeds half op de stoep, met een buggy kom je er niet door",
                    "Scooters scheuren {plek} gewoon over het trottoir",
                    "{plek} worden 's avonds straatraces gehouden met brullende motoren",
                    "Een bestelbus staat al weken {plek} op de invalidenplek",
                    "Bij het oversteken {plek} is het gevaarlijk omdat niemand voor het zebrapad stopt")),
            Map.entry("vandalism", List.of(
                    "Het bushokje {plek} is weer ingegooid",
                    "Iemand heeft {plek} de muur en de elektriciteitskast beklad met graffiti",
                    "{plek} zijn vannacht de spiegels van een paar auto's afgetrapt",
                    "De bankjes {plek} zijn losgetrokken en in de struiken gegooid",
                    "Er zijn {plek} jonge boompjes doormidden geknakt",
                    "Het hek van de speeltuin {plek} is kapotgemaakt")),
            Map.entry("neighbour_dispute", List.of(
                    "Ik heb al maanden onenigheid met mijn bovenburen {plek} over lawaai, we zeggen elkaar geen gedag meer",
                    "De heg van de buren {plek} groeit over onze schutting en ze willen er niet over praten",
                    "Mijn buurman {plek} zet zijn auto steeds voor mijn oprit en reageert kwaad als ik het aankaart",
                    "Er is gedoe met de buren {plek} over de gezamenlijke tuin en de vuilnisbakken",
                    "Bij de buren {plek} blaft hun hond urenlang en als ik aanbel doen ze niet open",
                    "Wij hebben ruzie met de onderburen {plek} over lekkage en wie wat moet betalen")),
            Map.entry("youth_nuisance", List.of(
                    "{plek} komt iedere avond een groep tieners samen die lawaai maakt en rommel achterlaat",
                    "Jongeren {plek} schieten vuurwerk af en gooien het richting de ramen",
                    "Er is {plek} een groep tieners die voorbijgangers uitscheldt",
                    "{plek} zitten jongeren tot laat op de bankjes met harde muziek uit een box",
                    "Jongens op scooters rijden {plek} rondjes en toeteren tot na middernacht")),
            Map.entry("animal", List.of(
                    "Er scharrelen {plek} ratten om de afvalbakken",
                    "{plek} ligt heel veel hondenpoep op het grasveld waar kinderen spelen",
                    "Er zit {plek} een wespennest onder de dakgoot boven de ingang",
                    "Een hond {plek} wordt dagenlang alleen op het balkon gelaten",
                    "{plek} voert iemand de duiven en nu zit alles onder de uitwerpselen")),
            Map.entry("public_lighting", List.of(
                    "De lantaarnpaal {plek} doet het al een week niet",
                    "{plek} is het 's avonds aardedonker omdat meerdere lampen uit zijn",
                    "Een straatlamp {plek} flikkert al dagen onophoudelijk",
                    "Het licht {plek} brandt overdag wel en 's nachts niet",
                    "De verlichting van het fietspad {plek} is kapot")),
            Map.entry("domestic", List.of(
                    "Het gezin {plek} baart me zorgen, er wordt vaak hard geschreeuwd en een kind huilt lang",
                    "Een oudere buurvrouw {plek} lijkt niet meer voor zichzelf te kunnen zorgen",
                    "Ik hoor {plek} bijna elke avond ruzie en ik weet niet of daar iemand hulp nodig heeft")),
            Map.entry("other", List.of(
                    "De stoeptegels {plek} liggen los en er is al iemand over gestruikeld",
                    "Er staat {plek} al weken een fiets zonder wielen vastgeketend",
                    "Het water blijft {plek} na elke bui op straat staan",
                    "{plek} hangt een tak half afgebroken boven het voetpad"))
    );

    /** What a resident adds after the main sentence. */
    private static final Map<String, List<String>> DETAILS = Map.ofEntries(
            Map.entry("noise", List.of("Mijn kinderen kunnen niet slapen.", "Aanbellen helpt niet.",
                    "Het gaat vooral in het weekend zo.", "Ik begin vroeg met werken en lig wakker.")),
            Map.entry("drugs", List.of("Ik durf er 's avonds niet meer langs.", "Het gebeurt vlak bij de speeltuin.",
                    "Het zijn steeds dezelfde auto's.", "Buren zien het ook.")),
            Map.entry("dumping", List.of("Het trekt ongedierte aan.", "Het blokkeert de halve stoep.",
                    "Er komt steeds meer bij.", "Het staat er sinds het weekend.")),
            Map.entry("litter", List.of("Het ziet er niet uit.", "Kinderen spelen daar.",
                    "Kan er vaker geleegd worden?", "We ruimen zelf al op maar het houdt niet op.")),
            Map.entry("traffic", List.of("Er gaat een keer een ongeluk gebeuren.", "Een drempel zou helpen.",
                    "Vooral rond spitstijd.", "Handhaving zou eens moeten komen kijken.")),
            Map.entry("vandalism", List.of("Er ligt overal glas.", "Dit is al de tweede keer deze maand.",
                    "Het is vannacht gebeurd.", "Zonde van het geld.")),
            Map.entry("neighbour_dispute", List.of("Ik wil het graag netjes oplossen.",
                    "Een gesprek met iemand erbij zou fijn zijn.", "Het loopt steeds hoger op.",
                    "Ik weet niet meer hoe ik het moet aanpakken.")),
            Map.entry("youth_nuisance", List.of("Wie ze aanspreekt wordt uitgelachen.",
                    "Vooral tussen negen en twaalf.", "Ze laten blikjes en lachgas achter.",
                    "Oudere bewoners durven niet meer naar buiten.")),
            Map.entry("animal", List.of("Ik ben bang dat kinderen gestoken worden.", "Het stinkt ook erg.",
                    "Het dier maakt een verwaarloosde indruk.", "Er moet echt iets aan gedaan worden.")),
            Map.entry("public_lighting", List.of("Het voelt onveilig als je 's avonds thuiskomt.",
                    "Paalnummer weet ik niet.", "Fietsers zien de stoeprand niet.", "Het gaat om twee palen.")),
            Map.entry("domestic", List.of("Ik wil liever niet dat ze weten dat ik dit meld.",
                    "Het speelt al een tijdje.", "Ik weet niet bij wie ik anders terecht kan.")),
            Map.entry("other", List.of("Kan de gemeente ernaar kijken?", "Het is gevaarlijk voor ouderen.",
                    "Wist niet welk vakje ik moest kiezen.")))
    ;

    /** How a text message says it, short. */
    private static final Map<String, List<String>> SHORT = Map.ofEntries(
            Map.entry("noise", List.of("harde muziek {plek}, al uren", "feest met boxen {plek} nu nog bezig",
                    "weer herrie {plek} midden in de nacht")),
            Map.entry("drugs", List.of("weer dealen {plek}", "auto's die kort stoppen {plek}, handel denk ik",
                    "wietlucht en loopjes {plek}")),
            Map.entry("dumping", List.of("grofvuil gedumpt {plek}", "matras en bank op straat {plek}",
                    "vuilniszakken {plek} al dagen")),
            Map.entry("litter", List.of("veel zwerfvuil {plek}", "prullenbak vol {plek}, alles ligt ernaast",
                    "glas op fietspad {plek}")),
            Map.entry("traffic", List.of("hardrijders {plek}", "auto's op de stoep {plek}",
                    "scooters over stoep {plek}")),
            Map.entry("vandalism", List.of("bushokje kapot {plek}", "graffiti {plek}", "bankjes vernield {plek}")),
            Map.entry("neighbour_dispute", List.of("ruzie met buren {plek}, graag bemiddeling",
                    "conflict met buurman {plek}, wil graag hulp")),
            Map.entry("youth_nuisance", List.of("hangjongeren {plek} veel lawaai", "vuurwerk jongeren {plek}",
                    "groep jongens {plek} scheldt mensen uit")),
            Map.entry("animal", List.of("ratten {plek}", "wespennest {plek}", "veel hondenpoep {plek}")),
            Map.entry("public_lighting", List.of("lantaarnpaal kapot {plek}", "straatlicht uit {plek}",
                    "lamp knippert {plek}")),
            Map.entry("domestic", List.of("zorgen om gezin {plek}, veel geschreeuw")),
            Map.entry("other", List.of("losse stoeptegels {plek}", "tak hangt over voetpad {plek}")))
    ;

    private static final List<String> OPENINGS = List.of("", "", "", "Goedemiddag, ", "Hallo, ", "Beste medewerker, ",
            "Goedenavond. ", "Melding: ");
    private static final List<String> CLOSINGS = List.of("", "", "Graag actie.", "Kan hier iemand naar kijken?",
            "Alvast bedankt.", "Het wordt steeds erger.", "Bedankt voor het oppakken.");
    private static final List<String> AGAIN = List.of("Alweer. ", "Nog steeds niet opgelost. ", "Opnieuw melding. ",
            "Het blijft maar doorgaan. ", "Vandaag weer hetzelfde. ", "Sorry dat ik weer meld, maar ");
    private static final List<String> SMS_TAILS = List.of("", "", " graag actie", " pls iemand sturen", " (bewoner)",
            " al vaker gemeld");
    private static final List<String> PHONE_OPENINGS = List.of("ja goedemiddag ik bel omdat ",
            "hallo ja eh ik wil iets melden ", "goedendag u spreekt met een bewoner eh ", "ja eh ");
    private static final List<String> OUTREACH_OPENINGS = List.of("Bij huisbezoek gemeld: ",
            "Bewoner vertelt tijdens bezoek: ", "Aan de deur besproken: ", "Bewoner geeft aan: ");
    private static final List<String> OUTREACH_TAILS = List.of("", " Bewoner wil graag horen wat ermee gebeurt.",
            " Bewoner meldt zelf niet graag online.", " Speelt volgens bewoner al langer.");

    /** The worker's own note (coordinators only). */
    static final List<String> OUTREACH_NOTES = List.of("Bewoner spreekt beperkt Nederlands; terugbellen met tolk.",
            "Oudere bewoner, liever persoonlijk contact dan sms.", "Bewoner maakte een gespannen indruk.",
            "Afgesproken om over twee weken nog eens langs te gaan.");

    /** A report's words in the channel's style; {@code again} for a later report about the same problem. */
    static String text(Random random, String category, Channel channel, String plek, boolean again) {
        return switch (channel) {
            case SMS -> sms(random, category, plek);
            case PHONE -> phone(random, category, plek, again);
            case OUTREACH -> outreach(random, category, plek);
            case WEB -> web(random, category, plek, again);
        };
    }

    private static String web(Random random, String category, String plek, boolean again) {
        String core = capitalise(fill(pick(random, CORES.get(category)), plek)) + ".";
        String opening = again ? pick(random, AGAIN) : pick(random, OPENINGS);
        if (opening.endsWith(", ") || opening.endsWith("maar ")) {
            core = lowerFirst(core);
        }
        StringBuilder s = new StringBuilder(opening).append(core);
        if (random.nextInt(3) > 0) {
            s.append(' ').append(pick(random, DETAILS.get(category)));
        }
        String closing = pick(random, CLOSINGS);
        if (!closing.isEmpty()) {
            s.append(' ').append(closing);
        }
        return s.toString().strip();
    }

    private static String sms(Random random, String category, String plek) {
        String s = fill(pick(random, SHORT.get(category)), plek) + pick(random, SMS_TAILS);
        return random.nextBoolean() ? capitalise(s) : s;
    }

    private static String phone(Random random, String category, String plek, boolean again) {
        String core = fill(pick(random, CORES.get(category)), plek);
        String detail = random.nextBoolean() ? " eh " + pick(random, DETAILS.get(category)) : "";
        String s = pick(random, PHONE_OPENINGS) + (again ? "het is weer zo " : "") + core + detail;
        return s.toLowerCase(Locale.ROOT).replaceAll("[.,?!:]", "").replaceAll("\\s+", " ").strip();
    }

    private static String outreach(Random random, String category, String plek) {
        String core = lowerFirst(fill(pick(random, CORES.get(category)), plek));
        return pick(random, OUTREACH_OPENINGS) + core + "." + pick(random, OUTREACH_TAILS);
    }

    /** Public notes when a report moves on, per final step. */
    static final List<String> IN_PROGRESS_NOTES = List.of("We hebben uw melding doorgezet naar de wijkcoördinator.",
            "Een medewerker gaat dit bekijken.", "We nemen contact op met de betrokken partner.");
    static final List<String> RESOLVED_NOTES = List.of("Opgeruimd en gecontroleerd.", "De wijkagent is langs geweest.",
            "Met de bewoners gesproken; het is nu rustiger.", "Gerepareerd door de gemeente.");
    static final List<String> CLOSED_NOTES = List.of("Afgehandeld. Bedankt voor uw melding.",
            "We hebben dit doorgegeven aan de woningcorporatie.", "Geen vervolg nodig na contact met de melder.");
    static final List<String> WORK_ORDER_DONE = List.of("Opgehaald en schoongemaakt.", "Lamp vervangen.",
            "Ter plekke opgeruimd, container geleegd.", "Hersteld en gecontroleerd.", "Samen met handhaving langs geweest.");
    static final List<String> SATISFIED = List.of("", "Snel opgelost, dank!", "Fijn dat er iets gebeurde.");
    static final List<String> NOT_SATISFIED = List.of("Het is alweer hetzelfde.", "Duurde erg lang.", "");
    static final List<String> CONTACT_NOTES = List.of("Kennismaking, verhaal aangehoord.",
            "Partij staat open voor een gesprek.", "Afspraken over tijden besproken.",
            "Gezamenlijk gesprek in het buurthuis, goede sfeer.");
    static final Map<String, String> OUTCOME_NOTES = Map.of(
            "AGREEMENT", "De buren hebben samen afspraken gemaakt.",
            "PARTIAL", "Over een deel zijn afspraken gemaakt.",
            "NO_AGREEMENT", "Geen afspraken bereikt; de coördinator kijkt naar een vervolg.",
            "PARTY_DECLINED", "De andere partij wilde niet meedoen.");

    static String pick(Random random, List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static String fill(String template, String plek) {
        return template.replace("{plek}", plek);
    }

    static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
