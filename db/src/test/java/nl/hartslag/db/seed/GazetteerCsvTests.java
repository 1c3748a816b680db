package nl.hartslag.db.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import nl.hartslag.db.seed.GazetteerCsv.NamedPlace;
import nl.hartslag.db.seed.GazetteerCsv.StreetSegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GazetteerCsvTests {

    private static final String STREETS = "nl/hartslag/db/seed/gazetteer.csv";
    private static final String PLACES = "nl/hartslag/db/seed/places.csv";
    private static final String STREET_HEADER = "street,house_from,house_to,postcode,lat,lon,neighbourhood\n";
    private static final String PLACE_HEADER = "name,lat,lon,neighbourhood\n";

    @Test
    void readsEveryStreetSegmentOfTheShippedGazetteer() throws IOException {
        List<StreetSegment> segments;
        try (Reader reader = resource(STREETS)) {
            segments = GazetteerCsv.readStreets(reader);
        }

        assertThat(segments).hasSize(51).hasSize(dataLines(STREETS));
        assertThat(segments.get(0)).isEqualTo(
                new StreetSegment("Akerstraat-Noord", 1, 69, "6412 AK", 50.903333, 5.955926, "Passart"));
        assertThat(segments).filteredOn(s -> s.street().equals("Passartweg"))
                .extracting(StreetSegment::houseFrom, StreetSegment::houseTo, StreetSegment::postcode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 49, "6412 BG"),
                        org.assertj.core.groups.Tuple.tuple(51, 99, "6412 BH"),
                        org.assertj.core.groups.Tuple.tuple(101, 150, "6412 BJ"));
        assertThat(segments).allSatisfy(s -> {
            assertThat(s.houseFrom()).isPositive().isLessThanOrEqualTo(s.houseTo());
            assertThat(s.postcode()).matches("\\d{4} [A-Z]{2}");
            assertThat(s.lat()).isBetween(50.8, 51.0);
            assertThat(s.lon()).isBetween(5.8, 6.1);
            assertThat(s.neighbourhood()).isIn("Passart", "Hoensbroek-Centrum");
        });
    }

    @Test
    void readsEveryNamedPlaceOfTheShippedFile() throws IOException {
        List<NamedPlace> places;
        try (Reader reader = resource(PLACES)) {
            places = GazetteerCsv.readPlaces(reader);
        }

        assertThat(places).hasSize(8).hasSize(dataLines(PLACES));
        assertThat(places).extracting(NamedPlace::name).contains("Passartplein", "Ter Weijerpark");
        NamedPlace plein = places.stream().filter(p -> p.name().equals("Passartplein")).findFirst().orElseThrow();
        assertThat(plein.lat()).isCloseTo(50.9069, within(1e-9));
        assertThat(plein.lon()).isCloseTo(5.9636, within(1e-9));
        assertThat(plein.neighbourhood()).isEqualTo("Passart");
    }

    @Test
    void theShippedLandmarksHaveAliasesAndTheStreetTheyStandOn() throws IOException {
        List<NamedPlace> places;
        try (Reader reader = resource(PLACES)) {
            places = GazetteerCsv.readPlaces(reader);
        }

        NamedPlace flat = places.stream().filter(p -> p.name().equals("Flat Passartweg")).findFirst().orElseThrow();
        assertThat(flat.aliases()).contains("flat", "portiekflat", "apartment building");
        assertThat(flat.streetName()).isEqualTo("Passartweg");
        assertThat(flat.houseFrom()).isEqualTo(118);
        assertThat(flat.houseTo()).isEqualTo(130);
        NamedPlace buurthuis = places.stream().filter(p -> p.name().equals("Buurthuis Palmstraat")).findFirst()
                .orElseThrow();
        assertThat(buurthuis.aliases()).contains("buurthuis", "wijkcentrum", "community centre");
        assertThat(buurthuis.houseFrom()).isEqualTo(2);
        assertThat(buurthuis.houseTo()).isEqualTo(2);
    }

    @Test
    void theOldPlacesFormatIsStillReadWithoutAliasesOrStreet() throws IOException {
        List<NamedPlace> places = GazetteerCsv.readPlaces(new StringReader(PLACE_HEADER + "Dorpsplein,52.1,5.1,Centrum\n"));

        assertThat(places).containsExactly(new NamedPlace("Dorpsplein", 52.1, 5.1, "Centrum"));
        assertThat(places.get(0).aliases()).isEmpty();
        assertThat(places.get(0).street()).isNull();
        assertThat(places.get(0).houseFrom()).isEqualTo(-1);
    }

    @Test
    void aliasesAreSeparatedByABarAndTheStreetIsOptional() throws IOException {
        String csv = "name,lat,lon,neighbourhood,aliases,street\n"
                + "Speelveld Noord, 52.1, 5.1, Centrum, trapveld | speelveldje ||, Dorpsstraat 4-8\n"
                + "Dorpsplein,52.1,5.1,Centrum,,\n";

        List<NamedPlace> places = GazetteerCsv.readPlaces(new StringReader(csv));

        assertThat(places.get(0).aliases()).containsExactly("trapveld", "speelveldje");
        assertThat(places.get(0).streetName()).isEqualTo("Dorpsstraat");
        assertThat(places.get(0).houseFrom()).isEqualTo(4);
        assertThat(places.get(0).houseTo()).isEqualTo(8);
        assertThat(places.get(1).aliases()).isEmpty();
        assertThat(places.get(1).street()).isNull();
    }

    @Test
    void aliasesWithoutTheStreetColumnAreRead() throws IOException {
        String csv = "name,lat,lon,neighbourhood,aliases\nDorpsplein,52.1,5.1,Centrum,het plein|marktplein\n";

        assertThat(GazetteerCsv.readPlaces(new StringReader(csv)).get(0).aliases()).containsExactly("het plein",
                "marktplein");
    }

    @ParameterizedTest
    @ValueSource(strings = { "name,lat,lon,neighbourhood,street", "name,lat,lon,neighbourhood,aliases,street,extra",
            "name,lat,lon,neighbourhood,street,aliases" })
    void extraPlaceColumnsComeInTheirOrder(String header) {
        assertThatIllegalArgumentException().isThrownBy(() -> GazetteerCsv.readPlaces(new StringReader(header + "\n")))
                .withMessageStartingWith("line 1: expected header name,lat,lon,neighbourhood");
    }

    @Test
    void trimsFieldsSkipsBlankLinesAndToleratesAByteOrderMark() throws IOException {
        String csv = "\uFEFF" + STREET_HEADER + "\n Passartweg , 1 , 49 , 6412 BG , 50.906416 , 5.95898 , Passart \n\n";

        assertThat(GazetteerCsv.readStreets(new StringReader(csv)))
                .containsExactly(new StreetSegment("Passartweg", 1, 49, "6412 BG", 50.906416, 5.95898, "Passart"));
    }

    @Test
    void anEmptyFileHasNoHeader() {
        assertThatIllegalArgumentException().isThrownBy(() -> GazetteerCsv.readStreets(new StringReader("")))
                .withMessageStartingWith("line 1:");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "straat,house_from,house_to,postcode,lat,lon,neighbourhood",
            "street,house_from,house_to,postcode,lat,lon",
            "street,house_to,house_from,postcode,lat,lon,neighbourhood",
            "Passartweg,1,49,6412 BG,50.906416,5.95898,Passart" })
    void aBadStreetHeaderNamesLineOne(String header) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GazetteerCsv.readStreets(new StringReader(header + "\n")))
                .withMessage("line 1: expected header street,house_from,house_to,postcode,lat,lon,neighbourhood");
    }

    @Test
    void aBadPlaceHeaderNamesLineOne() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GazetteerCsv.readPlaces(new StringReader(STREET_HEADER)))
                .withMessage("line 1: expected header name,lat,lon,neighbourhood (optionally followed by ,aliases,street)");
    }

    @Test
    void aWrongFieldCountNamesTheLine() {
        String csv = STREET_HEADER
                + "Passartweg,1,49,6412 BG,50.906416,5.95898,Passart\n"
                + "\n"
                + "Passartweg,51,99,6412 BH,50.90645,5.965188\n";

        assertThatIllegalArgumentException().isThrownBy(() -> GazetteerCsv.readStreets(new StringReader(csv)))
                .withMessage("line 4: expected 7 fields, found 6");
    }

    @Test
    void aQuotedCommaIsNotSupportedAndCountsAsAnExtraField() {
        String csv = PLACE_HEADER + "\"Plein, groot\",50.9,5.9,Passart\n";

        assertThatIllegalArgumentException().isThrownBy(() -> GazetteerCsv.readPlaces(new StringReader(csv)))
                .withMessage("line 2: expected 4 fields, found 5");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Passartweg,een,49,6412 BG,50.906416,5.95898,Passart",
            "Passartweg,1,49a,6412 BG,50.906416,5.95898,Passart",
            "Passartweg,1,49,6412 BG,50.9O6416,5.95898,Passart",
            "Passartweg,1,49,6412 BG,50.906416,,Passart" })
    void aNonNumericStreetValueNamesTheLine(String badLine) {
        String csv = STREET_HEADER + "Passartweg,1,49,6412 BG,50.906416,5.95898,Passart\n" + badLine + "\n";

        assertThatIllegalArgumentException().isThrownBy(() -> GazetteerCsv.readStreets(new StringReader(csv)))
                .withMessageStartingWith("gazetteer line 3: ")
                .withCauseInstanceOf(NumberFormatException.class);
    }

    @Test
    void aNonNumericPlaceCoordinateNamesTheLine() {
        String csv = PLACE_HEADER + "Passartplein,50.9069,5.9636,Passart\n" + "Ter Weijerpark,noord,5.9712,Passart\n";

        assertThatIllegalArgumentException().isThrownBy(() -> GazetteerCsv.readPlaces(new StringReader(csv)))
                .withMessageStartingWith("places line 3: ")
                .withMessageContaining("noord")
                .withCauseInstanceOf(NumberFormatException.class);
    }

    private static Reader resource(String name) {
        InputStream in = GazetteerCsvTests.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as(name + " on the classpath").isNotNull();
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** Non-blank lines after the header, counted independently of the reader under test. */
    private static int dataLines(String name) throws IOException {
        try (BufferedReader in = new BufferedReader(resource(name))) {
            return (int) in.lines().skip(1).filter(line -> !line.isBlank()).count();
        }
    }
}
