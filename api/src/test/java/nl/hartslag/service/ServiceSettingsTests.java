package nl.hartslag.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceSettingsTests {

    private static final ServiceSettings.VeiligThuis VEILIG_THUIS = new ServiceSettings.VeiligThuis("0800-2000",
            "https://veiligthuis.nl");

    @Test
    void numbersAreReadInAnyFormatAndShownInternationally() {
        ServiceSettings settings = new ServiceSettings("06 1234 5678", "+31 45 567 8901", VEILIG_THUIS);
        assertThat(settings.sms()).hasValueSatisfying(n -> {
            assertThat(n.e164()).isEqualTo("+31612345678");
            assertThat(n.display()).isEqualTo("+31 6 12345678");
        });
        assertThat(settings.phone()).hasValueSatisfying(n -> assertThat(n.e164()).isEqualTo("+31455678901"));
        assertThat(settings.isSmsNumberValid()).isTrue();
        assertThat(settings.isPhoneNumberValid()).isTrue();
    }

    @Test
    void aTwilioMachineToMachineSenderIsANumberToo() {
        // Twilio's Dutch senders are often 097 numbers: the SMS number defaults to the sender.
        ServiceSettings settings = new ServiceSettings("+3197010000002", null, VEILIG_THUIS);
        assertThat(settings.isSmsNumberValid()).isTrue();
        assertThat(settings.sms()).hasValueSatisfying(n -> assertThat(n.e164()).isEqualTo("+3197010000002"));
    }

    @Test
    void blankNumbersAreNotShownAndTyposAreRefused() {
        ServiceSettings unset = new ServiceSettings(" ", null, VEILIG_THUIS);
        assertThat(unset.sms()).isEmpty();
        assertThat(unset.phone()).isEmpty();
        assertThat(unset.isSmsNumberValid()).isTrue();
        ServiceSettings typo = new ServiceSettings("06 1234", "bel ons", VEILIG_THUIS);
        assertThat(typo.isSmsNumberValid()).isFalse();
        assertThat(typo.isPhoneNumberValid()).isFalse();
    }
}
