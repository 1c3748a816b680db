package nl.hartslag.neighbourhood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;

import org.junit.jupiter.api.Test;

import nl.hartslag.neighbourhood.AddressExtract.Extract;
import nl.hartslag.neighbourhood.AddressExtract.Format;
import nl.hartslag.neighbourhood.AddressExtract.Problem;
import nl.hartslag.neighbourhood.AddressExtract.Rejected;
import nl.hartslag.neighbourhood.AddressExtract.Segment;

/** Reading address files: BAG-style per-address rows and our own ranges; bad rows refuse the file by line. */
class AddressExtractTests {

    private static Extract read(String csv, String neighbourhood) {
        return AddressExtract.read(new StringReader(csv), neighbourhood);
    }

    @Test
    void perAddressRowsBecomeOneSegmentPerStreetAndPostcodeWithRangeAndCentroid() {
        Extract extract = read("""
                openbareruimte,huisnummer,huisletter,huisnummertoevoeging,postcode,woonplaats,gemeente,lat,lon
                Klaproosstraat,3,,,6433AB,Hoensbroek,Heerlen,50.9200,5.9300
                Klaproosstraat,1,a,,6433AB,Hoensbroek,Heerlen,50.9210,5.9310
                Klaproosstraat,7,,2,6433 ab,Hoensbroek,Heerlen,50.9220,5.9320
                Klaproosstraat,40,,,6433AC,Hoensbroek,Heerlen,50.9250,5.9350
                Boterbloemweg,12,,,6433AD,Hoensbroek,Heerlen,50.9100,5.9400
                """, "Zilverschoon");

        assertThat(extract.format()).isEqualTo(Format.ADDRESSES);
        assertThat(extract.rows()).isEqualTo(5);
        assertThat(extract.segments()).hasSize(3);
        assertThat(extract.streets()).isEqualTo(2);
        Segment first = extract.segments().stream().filter(s -> s.postcode().equals("6433 AB")).findFirst()
                .orElseThrow();
        assertThat(first.street()).isEqualTo("Klaproosstraat");
        assertThat(first.houseFrom()).isEqualTo(1);
        assertThat(first.houseTo()).isEqualTo(7);
        assertThat(first.addresses()).isEqualTo(3);
        assertThat(first.lat()).isCloseTo(50.9210, within(1e-6));
        assertThat(first.lon()).isCloseTo(5.9310, within(1e-6));
        assertThat(first.neighbourhood()).isEqualTo("Zilverschoon");
        assertThat(extract.municipalities()).containsEntry("Zilverschoon", "Heerlen");
    }

    @Test
    void semicolonSeparatorQuotedFieldsDecimalCommaAndHeaderNamesInAnyCase() {
        Extract extract = read("""
                \uFEFFStraatnaam;Huisnummer;Postcode;Woonplaatsnaam;Buurtnaam;Wijknaam;LAT;LON
                "Vlasbloem; laan";2;6434 BA;Hoensbroek;Vlasbloem-Noord;Hoensbroek-Oost;50,9301;5,9401
                "Vlasbloem; laan";10;6434 BA;Hoensbroek;Vlasbloem-Noord;Hoensbroek-Oost;50,9303;5,9403
                Ratelaarpad;5;6434 BB;Hoensbroek;;Hoensbroek-Oost;50,9320;5,9420
                """, null);

        assertThat(extract.segments()).extracting(Segment::street, Segment::houseFrom, Segment::houseTo,
                Segment::neighbourhood).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Vlasbloem; laan", 2, 10, "Vlasbloem-Noord"),
                        // No buurt: the wijk says.
                        org.assertj.core.groups.Tuple.tuple("Ratelaarpad", 5, 5, "Hoensbroek-Oost"));
        assertThat(extract.neighbourhoods()).containsExactlyInAnyOrder("Vlasbloem-Noord", "Hoensbroek-Oost");
        assertThat(extract.segments().get(0).lat()).isBetween(50.93, 50.9321);
        assertThat(extract.municipalities()).containsEntry("Vlasbloem-Noord", "Hoensbroek");
    }

    @Test
    void aGivenNeighbourhoodWinsOverTheRowsColumns() {
        Extract extract = read("""
                straat,huisnummer,postcode,buurt,lat,lon
                Pimpernelhof,4,6435CA,Ergens Anders,50.91,5.93
                """, "Kamilleveld");
        assertThat(extract.neighbourhoods()).containsExactly("Kamilleveld");
    }

    @Test
    void rangesInOurOwnFormatAreKeptRowByRow() {
        Extract extract = read("""
                street,house_from,house_to,postcode,lat,lon,neighbourhood
                Duizendbladstraat,1,29,6436 AA,50.9150,5.9350,Duizendblad
                Duizendbladstraat,2,30,6436 AB,50.9152,5.9352,Duizendblad
                Hertshooiweg,1,11,6436 AC,50.9160,5.9360,Duizendblad
                """, null);
        assertThat(extract.format()).isEqualTo(Format.RANGES);
        assertThat(extract.rows()).isEqualTo(3);
        assertThat(extract.segments()).hasSize(3);
        assertThat(extract.streets()).isEqualTo(2);
        assertThat(extract.segments()).extracting(Segment::houseTo).containsExactly(29, 30, 11);
        assertThat(extract.neighbourhoods()).containsExactly("Duizendblad");
    }

    @Test
    void badRowsRefuseTheWholeFileNamingEachLine() {
        assertThatThrownBy(() -> read("""
                openbareruimte;huisnummer;postcode;lat;lon
                Smeerwortelstraat;1;6437AA;50.91;5.93

                Smeerwortelstraat;zes;6437AA;50.91;5.93
                Smeerwortelstraat;8;64370;50.91;5.93
                Smeerwortelstraat;9;6437AA;191000;5.93
                ;10;6437AA;50.91;5.93
                Smeerwortelstraat;11
                """, "Smeerwortel"))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.problems()).extracting(Problem::line,
                        Problem::code).containsExactly(org.assertj.core.groups.Tuple.tuple(4, "house-number"),
                                org.assertj.core.groups.Tuple.tuple(5, "postcode"),
                                org.assertj.core.groups.Tuple.tuple(6, "coordinate"),
                                org.assertj.core.groups.Tuple.tuple(7, "street"),
                                org.assertj.core.groups.Tuple.tuple(8, "columns")));
    }

    @Test
    void aRangeBackwardsIsABadRow() {
        assertThatThrownBy(() -> read("""
                street,house_from,house_to,postcode,lat,lon,neighbourhood
                Hertshooiweg,20,10,6436 AC,50.9160,5.9360,Duizendblad
                """, null))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.line()).isEqualTo(2);
                            assertThat(p.code()).isEqualTo("range");
                            assertThat(p.describe()).startsWith("line 2: ");
                        }));
    }

    @Test
    void rdCoordinatesAloneAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> read("""
                openbareruimte,huisnummer,postcode,x,y
                Klaproosstraat,3,6433AB,191000.1,325000.2
                """, "Zilverschoon"))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.code()).isEqualTo("rd-only");
                            assertThat(p.describe()).contains("RD").contains("lat and lon");
                        }));
    }

    @Test
    void rowsWithoutAnyNeighbourhoodAndFilesWithoutRowsOrColumnsAreRefused() {
        assertThatThrownBy(() -> read("""
                straat,huisnummer,postcode,lat,lon
                Pimpernelhof,4,6435CA,50.91,5.93
                """, null))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.problems()).extracting(Problem::line,
                        Problem::code).containsExactly(org.assertj.core.groups.Tuple.tuple(2, "neighbourhood")));
        assertThatThrownBy(() -> read("straat,huisnummer,postcode,lat,lon\n", "Kamilleveld"))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.problems()).extracting(Problem::code)
                        .containsExactly("empty"));
        assertThatThrownBy(() -> read("straat,postcode,lat\nPimpernelhof,6435CA,50.91\n", "Kamilleveld"))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.problems()).extracting(Problem::line,
                        Problem::code).containsExactly(org.assertj.core.groups.Tuple.tuple(1, "header"),
                                org.assertj.core.groups.Tuple.tuple(1, "header")));
    }
}
