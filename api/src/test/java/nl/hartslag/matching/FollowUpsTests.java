package nl.hartslag.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Follow-up vocabulary: repetition, persistence, a reference to an earlier report; Dutch and English. */
class FollowUpsTests {

    @ParameterizedTest
    @ValueSource(strings = { "Weer!!", "alweer hetzelfde", "Nog steeds niks gebeurd", "het gaat maar door",
            "zelfde als vorige week", "zoals eerder gemeld", "voor de derde keer deze maand", "nog altijd niet weg",
            "Opnieuw hoor", "still not collected", "happening again", "same as before, nobody came",
            "het is nu rustiger", "ik ook", "Wéér!", "Het is een stuk rustiger sinds de hekken er staan",
            "Blij dat de bank eindelijk is opgehaald", "Dank aan de wijkagent!", "much quieter now" })
    void readsAFollowUp(String text) {
        assertThat(FollowUps.in(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "Harde muziek bij de buren", "Een matras op de stoep", "lantaarnpaal kapot",
            "er staat een weerbericht op de radio", "wasps nest in the hedge", "Alvast dank voor het oppakken", "" })
    void aDescriptionIsNoFollowUp(String text) {
        assertThat(FollowUps.in(text)).isFalse();
    }
}
