package nl.hartslag.db.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonalDataTests {

    private static final CryptoProperties FROM_FILES = new CryptoProperties(null, null, null);

    @TempDir
    Path dataDir;

    @Test
    void sealsWithTheKeyIdInFrontAndOpensAgain() {
        PersonalData data = new PersonalData(Keysets.load(FROM_FILES, dataDir.resolve("keys")));
        String sealed = data.seal("Marieke de Wit");
        assertThat(sealed).doesNotContain("Marieke").startsWith(data.primaryKeyPrefix());
        assertThat(data.primaryKeyPrefix()).matches("[0-9]+:");
        assertThat(data.open(sealed)).isEqualTo("Marieke de Wit");
        assertThat(data.seal(null)).isNull();
        assertThat(data.open(null)).isNull();
    }

    @Test
    void equalValuesSealDifferentlyButHashEqually() {
        PersonalData data = new PersonalData(Keysets.load(FROM_FILES, dataDir.resolve("keys")));
        assertThat(data.seal("+31612345678")).isNotEqualTo(data.seal("+31612345678"));
        assertThat(data.phoneLookup("+31612345678")).isEqualTo(data.phoneLookup(" +31612345678 "))
                .isNotEqualTo(data.phoneLookup("+31612345679"))
                .doesNotContain("612345678");
        assertThat(data.emailLookup("A.Jansen@Example.nl")).isEqualTo(data.emailLookup("a.jansen@example.nl"));
        // The kind is part of the input: a phone hash never equals another kind's hash of the same text.
        assertThat(data.lookup("address", "+31612345678")).isNotEqualTo(data.phoneLookup("+31612345678"));
    }

    @Test
    void keysAreGeneratedOnceOwnerOnlyAndReusedOnTheNextStart() throws Exception {
        Path keys = dataDir.resolve("keys");
        PersonalData first = new PersonalData(Keysets.load(FROM_FILES, keys));
        String sealed = first.seal("06 voor later");
        String hash = first.phoneLookup("+31687654321");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        for (String file : new String[] {Keysets.AEAD_FILE, Keysets.LOOKUP_FILE}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(file))))
                    .isEqualTo("rw-------");
        }
        try (var listing = Files.list(keys)) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(Keysets.AEAD_FILE, Keysets.LOOKUP_FILE);
        }

        PersonalData restarted = new PersonalData(Keysets.load(FROM_FILES, keys));
        assertThat(restarted.open(sealed)).isEqualTo("06 voor later");
        assertThat(restarted.phoneLookup("+31687654321")).isEqualTo(hash);
    }

    @Test
    void anotherKeysetCannotOpenAValueAndSaysSoWithoutTheValue() {
        PersonalData mine = new PersonalData(Keysets.load(FROM_FILES, dataDir.resolve("a")));
        PersonalData other = new PersonalData(Keysets.load(FROM_FILES, dataDir.resolve("b")));
        String sealed = mine.seal("geheim adres 12");
        assertThatThrownBy(() -> other.open(sealed))
                .isInstanceOf(PersonalData.SealedValueUnreadable.class)
                .hasMessageNotContaining("geheim");
        assertThatThrownBy(() -> other.open("plain text")).isInstanceOf(PersonalData.SealedValueUnreadable.class);
    }

    @Test
    void keysFromTheEnvironmentAreUsedAsGivenAndWriteNothing() throws Exception {
        Path keys = dataDir.resolve("keys");
        Keysets generated = Keysets.load(FROM_FILES, keys);
        String aeadJson = Files.readString(keys.resolve(Keysets.AEAD_FILE));
        String lookupJson = Files.readString(keys.resolve(Keysets.LOOKUP_FILE));
        Path elsewhere = dataDir.resolve("elsewhere");

        PersonalData fromEnvironment = new PersonalData(
                Keysets.load(new CryptoProperties(null, aeadJson, lookupJson), elsewhere));

        assertThat(fromEnvironment.open(new PersonalData(generated).seal("Piet"))).isEqualTo("Piet");
        assertThat(elsewhere).doesNotExist();
    }

    @Test
    void aRotatedKeysetSealsWithTheNewKeyAndStillOpensTheOld() throws Exception {
        Path keys = dataDir.resolve("keys");
        Keysets keysets = Keysets.load(FROM_FILES, keys);
        PersonalData data = new PersonalData(keysets);
        String old = data.seal("oud nummer");
        String oldPrefix = data.primaryKeyPrefix();
        String hash = data.phoneLookup("+31611112222");

        Keysets.Rotated rotated = keysets.rotate();
        data.use(rotated.keysets());

        assertThat(data.primaryKeyPrefix()).isNotEqualTo(oldPrefix);
        assertThat(data.sealedWithPrimary(old)).isFalse();
        assertThat(data.sealedWithPrimary(data.seal("nieuw"))).isTrue();
        assertThat(data.open(old)).isEqualTo("oud nummer");
        assertThat(data.phoneLookup("+31611112222")).as("lookup hashes survive rotation").isEqualTo(hash);
        assertThat(rotated.writtenTo()).isEqualTo(keys.resolve(Keysets.AEAD_FILE));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rotated.writtenTo())))
                .isEqualTo("rw-------");
        // The next start reads the rotated keyset from the file.
        assertThat(new PersonalData(Keysets.load(FROM_FILES, keys)).primaryKeyPrefix())
                .isEqualTo(data.primaryKeyPrefix());
    }
}
