package nl.hartslag.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** House numbers as residents type them and speech recognisers write them. */
class DutchNumbersTests {

    @ParameterizedTest(name = "\"{0}\" = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            23                          | 23
            7                           | 7
            110                         | 110
            drieëntwintig               | 23
            drieentwintig               | 23
            Drieëntwintig               | 23
            DRIEENTWINTIG               | 23
            drie en twintig             | 23
            eenentwintig                | 21
            negenennegentig             | 99
            twintig                     | 20
            veertien                    | 14
            elf                         | 11
            vijf                        | 5
            honderd                     | 100
            honderdtien                 | 110
            honderdeenentwintig         | 121
            tweehonderdvijf             | 205
            zevenhonderdnegenennegentig | 799
            """)
    void readsDigitsAndDutchNumberWords(String text, int number) {
        assertThat(DutchNumbers.parse(text)).isEqualTo(number);
    }

    @ParameterizedTest(name = "\"{0}\" is no number")
    @ValueSource(strings = { "", "blabla", "straat", "twintigdrie", "drieentachtigjes", "honderdblabla",
            "blahonderd", "123456" })
    void answersMinusOneForAnythingElse(String text) {
        assertThat(DutchNumbers.parse(text)).isEqualTo(-1);
    }
}
