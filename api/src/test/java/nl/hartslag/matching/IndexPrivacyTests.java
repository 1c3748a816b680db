package nl.hartslag.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the matching index on disk holds no contact details (no phone number or e-mail address
 * in any indexed or stored field) and nobody but the service's own user can read it.
 */
class IndexPrivacyTests {

    private static final String MOBILE_DIGITS = "0687341592";
    private static final String LANDLINE_DIGITS = "0455213874";
    private static final String EMAIL_LOCAL = "w.vandermeulen";
    private static final String EMAIL_DOMAIN = "voorbeeldpost";

    @TempDir
    Path temp;

    @Test
    void noPhoneNumberOrEmailAddressReachesAnyIndexFile() throws IOException {
        Path index = temp.resolve("data").resolve("index");
        try (MatchingEngine engine = MatchingEngine.onDisk(index, SeedGazetteer.STREETS, SeedGazetteer.PLACES)) {
            engine.matchAndAssign(report("p-1", "Steeds weer een kapotte lantaarnpaal bij de bushalte. Bel mij gerust"
                    + " terug op 06-8734 1592 of mail naar " + EMAIL_LOCAL + "@" + EMAIL_DOMAIN + ".nl, groet"),
                    () -> "c-1");
            engine.matchAndAssign(report("p-2", "Lantaarnpaal bij de bushalte doet het nog steeds niet. Mijn nummer:"
                    + " +31 45 521 38 74 (overdag)"), () -> "c-2");
            engine.commit();
        }

        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(index)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String secret : List.of("87341592", "8734", "1592", "5213874", "521 38 74", EMAIL_LOCAL,
                        "vandermeulen", EMAIL_DOMAIN)) {
                    if (bytes.contains(secret)) {
                        leaks.add(file.getFileName() + " holds " + secret);
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();

        // Also as Lucene reads it back (stored fields may be compressed on disk): no term, no stored value.
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index))) {
            List<String> values = new ArrayList<>();
            for (LeafReaderContext leaf : reader.leaves()) {
                StoredFields stored = leaf.reader().storedFields();
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    stored.document(doc).forEach(f -> values.add(String.valueOf(f.stringValue())));
                }
                Terms terms = leaf.reader().terms("text");
                TermsEnum it = terms.iterator();
                for (BytesRef term = it.next(); term != null; term = it.next()) {
                    values.add(term.utf8ToString());
                }
            }
            assertThat(values).isNotEmpty().anySatisfy(v -> assertThat(v).contains("lantaarnpaal"));
            assertThat(values).noneSatisfy(v -> assertThat(v).containsAnyOf("8734", "1592", "521", "3874", "38 74",
                    EMAIL_LOCAL, "meulen", EMAIL_DOMAIN));
        }
        // What the text said apart from the contact details is still there to match on.
        try (MatchingEngine engine = MatchingEngine.onDisk(index, SeedGazetteer.STREETS, SeedGazetteer.PLACES)) {
            assertThat(engine.contains("p-1")).isTrue();
            assertThat(engine.contains("p-2")).isTrue();
        }
    }

    @Test
    void theIndexDirectoryIsTheOwnersOnlyAndSoIsEveryFileInIt() throws IOException {
        Path index = temp.resolve("data").resolve("index");
        try (MatchingEngine engine = MatchingEngine.onDisk(index, SeedGazetteer.STREETS, SeedGazetteer.PLACES)) {
            engine.matchAndAssign(report("m-1", "Afval naast de container op het plein, al dagen"), () -> "c-1");
            engine.commit();
            engine.matchAndAssign(report("m-2", "Weer afval naast de container op het plein"), () -> "c-1");
            engine.commit();
            assertModes(index); // also while open: the write lock and the files of the last commit
        }
        assertModes(index);
    }

    @Test
    void anIndexDirectoryLeftReadableByAnOlderVersionIsClosedAtOpen() throws IOException {
        Path index = temp.resolve("data").resolve("index");
        try (MatchingEngine engine = MatchingEngine.onDisk(index, SeedGazetteer.STREETS, SeedGazetteer.PLACES)) {
            engine.matchAndAssign(report("o-1", "Fietswrak tegen het hek van de school"), () -> "c-1");
            engine.commit();
        }
        Files.setPosixFilePermissions(index, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> files = Files.list(index)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        try (MatchingEngine engine = MatchingEngine.onDisk(index, SeedGazetteer.STREETS, SeedGazetteer.PLACES)) {
            assertThat(engine.contains("o-1")).isTrue();
            assertModes(index);
        }
    }

    @Test
    void contactDetailsAreStrippedButHouseNumbersDatesAndPostcodesStay() {
        assertThat(ContactDetails.strip("bel 0612345678 of 06-12345678 of 06 123 456 78 of +31612345678"))
                .doesNotContainPattern("\\d");
        assertThat(ContactDetails.strip("tel (045) 571 23 45, +31 (0)6 1234 5678 en 0031 6 12345678"))
                .doesNotContainPattern("\\d");
        assertThat(ContactDetails.strip("mail Jan.de-Vries+buurt@mail.example.org!")).isEqualTo("mail  !");
        String kept = "Beukstraat 23, nummer 114, op 03-12-2026 om 22.30 uur, postcode 6411 AB, Veilig Thuis 0800-2000,"
                + " melding HS-7KQ2-M9, 3 weken";
        assertThat(ContactDetails.strip(kept)).isEqualTo(kept);
        assertThat(ContactDetails.strip("op 03-12-2026 14.30 uur")).isEqualTo("op 03-12-2026 14.30 uur");
        assertThat(ContactDetails.strip(null)).isNull();
        // The text kept in the clear (issue 15) says what was there, without it.
        assertThat(ContactDetails.mask("Bel me op 06-1234 5678 of mail a.b@voorbeeld.nl, Passartweg 14"))
                .isEqualTo("Bel me op [telefoonnummer] of mail [e-mailadres], Passartweg 14");
        assertThat(ContactDetails.mask(kept)).isEqualTo(kept);
        assertThat(ContactDetails.mask(null)).isNull();
    }

    private static void assertModes(Path index) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(index))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(index)) {
            List<Path> all = files.toList();
            assertThat(all).isNotEmpty();
            for (Path file : all) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .as(file.getFileName().toString()).isEqualTo("rw-------");
            }
        }
    }

    private static IncomingReport report(String id, String text) {
        return new IncomingReport(id, Instant.parse("2026-11-20T10:00:00Z"), "web", text, 50.9093, 5.9618, null, null);
    }
}
