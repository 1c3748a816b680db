package nl.hartslag.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTests {

    @Test
    void plainFieldsStayAsTheyAreAndLinesEndInCrLf() {
        assertThat(Csv.line(List.of("a", "b c", ""))).isEqualTo("a,b c,\r\n");
    }

    @Test
    void fieldsWithACommaQuoteOrLineBreakAreQuotedAndQuotesDoubled() {
        assertThat(Csv.line(List.of("Kees, de buurman", "zei \"nee\"", "twee\nregels", "cr\rhier")))
                .isEqualTo("\"Kees, de buurman\",\"zei \"\"nee\"\"\",\"twee\nregels\",\"cr\rhier\"\r\n");
    }

    @Test
    void aMissingValueIsAnEmptyField() {
        assertThat(Csv.line(Arrays.asList("x", null, "y"))).isEqualTo("x,,y\r\n");
    }

    @Test
    void aFieldASpreadsheetWouldRunAsAFormulaStaysText() {
        assertThat(Csv.line(List.of("=HYPERLINK(\"x\")", "+31612345678", "-beheer", "@som", "gewoon")))
                .isEqualTo("\"'=HYPERLINK(\"\"x\"\")\",'+31612345678,'-beheer,'@som,gewoon\r\n");
    }
}
