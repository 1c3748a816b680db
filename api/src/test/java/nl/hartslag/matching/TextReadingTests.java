package nl.hartslag.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextReadingTests {

    private static final TextReading READING = TextReading.over(SeedGazetteer.STREETS, SeedGazetteer.PLACES);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Harde muziek en feest bij de buren tot 3 uur 's nachts | noise",
            "Er wordt gedeald bij de portiek, steeds auto's af en aan | drugs",
            "Grofvuil en vuilniszakken naast de container | dumping",
            "De lantaarnpaal is kapot en het is pikkedonker | public_lighting",
            "Jongeren met lachgas en scooters op het plein | youth_nuisance",
            "Hondenpoep overal op de stoep | animal",
            "Ze rijden veel te hard, het is een racebaan | traffic",
            "Ik hoor geschreeuw en geweld bij de buren, kinderen huilen | domestic",
            "Ruzie met de buurman over de heg | neighbour_dispute",
            "De buren | neighbour_dispute" })
    void theWordsPointToACategory(String text, String category) {
        assertThat(READING.read(text).categoryCode()).contains(category);
    }

    @org.junit.jupiter.api.Test
    void wordsWithoutAKindOfProblemGiveNoCategory() {
        assertThat(READING.read("Kunt u even langskomen?").categoryCode()).isEmpty();
    }

    @Test
    void anAddressInTheTextIsTheStrongestPlace() {
        TextReading.FoundPlace place = READING.read("afval bij pasartweg 14 naast de speeltuin").place().orElseThrow();
        assertThat(place.kind()).isEqualTo(TextReading.PlaceKind.ADDRESS);
        assertThat(place.street()).isEqualTo("Passartweg");
        assertThat(place.houseNumber()).isEqualTo(14);
    }

    @Test
    void spokenAddressesAreRead() {
        TextReading.FoundPlace place = READING.read("pas hart weg achtentwintig").place().orElseThrow();
        assertThat(place.kind()).isEqualTo(TextReading.PlaceKind.ADDRESS);
        assertThat(place.street()).isEqualTo("Passartweg");
        assertThat(place.houseNumber()).isEqualTo(28);
    }

    @Test
    void aStreetWithoutNumberIsOnlyAStreetAndNoPlaceIsNoPlace() {
        assertThat(READING.read("herrie in de Passartweg").place().orElseThrow().kind())
                .isEqualTo(TextReading.PlaceKind.STREET);
        assertThat(READING.read("herrie, het houdt niet op").place()).isEmpty();
    }
}
