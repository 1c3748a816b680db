package nl.hartslag.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The masked view of a reporter's data: recognisable for its owner, useless to anyone else. */
class PersonalDataTests {

    private static final Reference REF = Reference.random(new java.security.SecureRandom());

    @Test
    void everyFieldIsMaskedNeverShownWhole() {
        PersonalData data = PersonalData.of(REF, new NewReport.Contact("jan de Vries", "+31612345678",
                "jan.devries@example.nl", new NewReport.Home("Seringstraat", "12")));
        assertThat(data.name()).isEqualTo("J***");
        assertThat(data.phone()).isEqualTo("+31 6 ** ** ** 78");
        assertThat(data.email()).isEqualTo("j***@example.nl");
        assertThat(data.home()).isEqualTo("Seringstraat **");
        assertThat(data.toString()).doesNotContain("12345").doesNotContain("Vries").doesNotContain("devries");
        assertThat(data.holdsAnything()).isTrue();
        assertThat(data.erased()).isFalse();
    }

    @Test
    void aForeignNumberKeepsOnlyItsCountryCodeAndLastTwoDigits() {
        assertThat(PersonalData.maskPhone("+4915112345678")).isEqualTo("+49 ** ** ** 78");
    }

    @Test
    void whatIsNotHeldIsNull() {
        PersonalData data = PersonalData.of(REF, new NewReport.Contact(null, null, "a@b.nl", null));
        assertThat(data.name()).isNull();
        assertThat(data.phone()).isNull();
        assertThat(data.home()).isNull();
        assertThat(PersonalData.none(REF, true).holdsAnything()).isFalse();
    }
}
