package nl.hartslag.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import nl.hartslag.ratelimit.RateLimitSettings;
import nl.hartslag.report.Channel;
import nl.hartslag.report.ReportService;
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.TwilioWebhooks;

/**
 * The global limit counts SMS and phone reports from everyone in the last hour. Tested with the
 * real report service and database, and a limit set just above what the shared database holds now.
 */
@IntegrationTest
class IntakeLimitsIntegrationTests {

    @Autowired
    ReportService reports;

    @Autowired
    PlaceReader places;

    @Autowired
    IntakeRepository repository;

    @Autowired
    RateLimitSettings rateLimits;

    @Test
    void theGlobalLimitStopsNewSmsAndPhoneReportsFromEveryoneAndTheNumberLimitOnlyThatNumber() {
        long now = reports.countByChannelsSince(EnumSet.of(Channel.SMS, Channel.PHONE),
                Instant.now().minus(Duration.ofHours(1))).block();
        IntakeReports intake = new IntakeReports(reports, places,
                new IntakeSettings(2, (int) now + 1, Duration.ofMinutes(30), Duration.ofHours(1)), repository,
                rateLimits);
        String phone = FakeTwilio.newPhone();

        assertThat(intake.limit(Optional.of(phone)).block()).isEmpty();
        assertThat(intake.limit(Optional.empty()).block()).isEmpty();
        store(intake, phone);

        assertThat(intake.limit(Optional.of(FakeTwilio.newPhone())).block()).contains(IntakeReports.Limit.EVERYONE);
        assertThat(intake.limit(Optional.empty()).block()).contains(IntakeReports.Limit.EVERYONE);

        IntakeReports roomy = new IntakeReports(reports, places,
                new IntakeSettings(2, Integer.MAX_VALUE, Duration.ofMinutes(30), Duration.ofHours(1)), repository,
                rateLimits);
        assertThat(roomy.limit(Optional.of(phone)).block()).isEmpty();
        store(roomy, phone);
        assertThat(roomy.limit(Optional.of(phone)).block()).contains(IntakeReports.Limit.NUMBER);
        assertThat(roomy.limit(Optional.of(FakeTwilio.newPhone())).block()).isEmpty();
    }

    @Test
    void withRateLimitsSwitchedOffANumberMayGoOverItsLimit() {
        RateLimitSettings off = new RateLimitSettings(false, rateLimits.maxKeysPerRule(), rateLimits.paths(),
                rateLimits.reportContact(), rateLimits.login());
        IntakeReports unlimited = new IntakeReports(reports, places,
                new IntakeSettings(1, 1, Duration.ofMinutes(30), Duration.ofHours(1)), repository, off);
        String phone = FakeTwilio.newPhone();
        for (int i = 0; i < 3; i++) {
            assertThat(unlimited.limit(Optional.of(phone)).block()).isEmpty();
            store(unlimited, phone);
        }
        assertThat(reports.countByReporterPhoneSince(phone, Instant.now().minus(Duration.ofHours(1))).block())
                .isEqualTo(3);
    }

    private void store(IntakeReports intake, String phone) {
        String text = "Vuilniszakken bij Passartweg 14";
        PlaceReader.Read read = places.read(text).block();
        assertThat(intake.store(Channel.SMS, text, read, Optional.empty(), Optional.of(phone), "nl", List.of(), null,
                "sms:" + TwilioWebhooks.messageSid(), null, id -> reactor.core.publisher.Mono.empty()).block()
                .created()).isTrue();
    }
}
