package nl.hartslag.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class QuietTimeTests {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    /** The defaults exactly as {@code hartslag.notifier.quiet-hours} binds them with nothing configured. */
    private static NotifierSettings.QuietHours defaults() {
        return new Binder(new MapConfigurationPropertySource()).bindOrCreate("hartslag.notifier", NotifierSettings.class)
                .quietHours();
    }

    private final QuietTime quietTime = new QuietTime(defaults());

    private static Instant amsterdam(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(AMSTERDAM).toInstant();
    }

    @Test
    void defaultsAreNineInTheEveningToEightInTheMorningInAmsterdam() {
        NotifierSettings.QuietHours hours = defaults();

        assertThat(hours.enabled()).isTrue();
        assertThat(hours.start()).isEqualTo(LocalTime.of(21, 0));
        assertThat(hours.end()).isEqualTo(LocalTime.of(8, 0));
        assertThat(hours.zone()).isEqualTo(AMSTERDAM);
    }

    @Test
    void justBeforeQuietHoursIsUnchanged() {
        Instant at = amsterdam("2026-06-10T20:59:59");

        assertThat(quietTime.earliestSend(at)).isEqualTo(at);
    }

    @Test
    void startOfQuietHoursWaitsUntilEightTheNextMorning() {
        assertThat(quietTime.earliestSend(amsterdam("2026-06-10T21:00"))).isEqualTo(amsterdam("2026-06-11T08:00"));
    }

    @Test
    void lateEveningWaitsUntilEightTheNextMorning() {
        assertThat(quietTime.earliestSend(amsterdam("2026-06-10T23:59:30"))).isEqualTo(amsterdam("2026-06-11T08:00"));
    }

    @Test
    void middleOfTheNightWaitsUntilEightTheSameDay() {
        assertThat(quietTime.earliestSend(amsterdam("2026-06-11T03:00"))).isEqualTo(amsterdam("2026-06-11T08:00"));
        assertThat(quietTime.earliestSend(amsterdam("2026-06-11T00:00"))).isEqualTo(amsterdam("2026-06-11T08:00"));
        assertThat(quietTime.earliestSend(amsterdam("2026-06-11T07:59:59.999"))).isEqualTo(amsterdam("2026-06-11T08:00"));
    }

    @Test
    void eightInTheMorningIsUnchanged() {
        Instant at = amsterdam("2026-06-11T08:00");

        assertThat(quietTime.earliestSend(at)).isEqualTo(at);
    }

    @Test
    void daytimeIsUnchanged() {
        Instant at = amsterdam("2026-06-11T14:37:12.345");

        assertThat(quietTime.earliestSend(at)).isEqualTo(at);
    }

    @Test
    void usesAmsterdamTimeNotUtc() {
        // 20:30 UTC is 22:30 in Amsterdam in summer: quiet
        Instant at = Instant.parse("2026-06-10T20:30:00Z");

        assertThat(quietTime.earliestSend(at)).isEqualTo(Instant.parse("2026-06-11T06:00:00Z"));
    }

    @Test
    void disabledIsAlwaysUnchanged() {
        QuietTime off = new QuietTime(new NotifierSettings.QuietHours(false, LocalTime.of(21, 0), LocalTime.of(8, 0), AMSTERDAM));

        for (String time : new String[] { "2026-06-10T21:00", "2026-06-11T03:00", "2026-06-11T12:00" }) {
            Instant at = amsterdam(time);
            assertThat(off.earliestSend(at)).isEqualTo(at);
        }
    }

    @Test
    void sameStartAndEndMeansNoQuietHours() {
        QuietTime none = new QuietTime(new NotifierSettings.QuietHours(true, LocalTime.of(22, 0), LocalTime.of(22, 0), AMSTERDAM));
        Instant at = amsterdam("2026-06-10T22:00");

        assertThat(none.earliestSend(at)).isEqualTo(at);
    }

    @Test
    void nightClocksGoBackEndsAtEightWinterTime() {
        // 2026-10-25 03:00 CEST becomes 02:00 CET; the night is one hour longer
        Instant evening = amsterdam("2026-10-24T22:00");

        Instant send = quietTime.earliestSend(evening);

        ZonedDateTime local = send.atZone(AMSTERDAM);
        assertThat(local.toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-10-25T08:00"));
        assertThat(local.getOffset()).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(send).isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
        assertThat(Duration.between(evening, send)).isEqualTo(Duration.ofHours(11));
    }

    @Test
    void duringTheRepeatedHourItIsStillEightWinterTime() {
        // 02:30 happens twice that night; both times the text waits for 08:00 CET
        Instant firstTime = Instant.parse("2026-10-25T00:30:00Z"); // 02:30 CEST
        Instant secondTime = Instant.parse("2026-10-25T01:30:00Z"); // 02:30 CET

        assertThat(quietTime.earliestSend(firstTime)).isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
        assertThat(quietTime.earliestSend(secondTime)).isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
    }

    @Test
    void nightClocksGoForwardEndsAtEightSummerTime() {
        // 2026-03-29 02:00 CET becomes 03:00 CEST
        Instant send = quietTime.earliestSend(amsterdam("2026-03-28T23:00"));

        assertThat(send.atZone(AMSTERDAM).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-29T08:00"));
        assertThat(send).isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
    }

    @Test
    void daytimeWindowWorks() {
        QuietTime lunch = new QuietTime(new NotifierSettings.QuietHours(true, LocalTime.of(12, 0), LocalTime.of(13, 0), AMSTERDAM));

        Instant before = amsterdam("2026-06-10T11:59");
        Instant after = amsterdam("2026-06-10T13:00");
        Instant evening = amsterdam("2026-06-10T23:00");
        Instant night = amsterdam("2026-06-11T03:00");
        assertThat(lunch.earliestSend(before)).isEqualTo(before);
        assertThat(lunch.earliestSend(amsterdam("2026-06-10T12:00"))).isEqualTo(amsterdam("2026-06-10T13:00"));
        assertThat(lunch.earliestSend(amsterdam("2026-06-10T12:30"))).isEqualTo(amsterdam("2026-06-10T13:00"));
        assertThat(lunch.earliestSend(after)).isEqualTo(after);
        assertThat(lunch.earliestSend(evening)).isEqualTo(evening);
        assertThat(lunch.earliestSend(night)).isEqualTo(night);
    }

    @Test
    void otherZoneIsHonoured() {
        QuietTime utc = new QuietTime(new NotifierSettings.QuietHours(true, LocalTime.of(21, 0), LocalTime.of(8, 0), ZoneOffset.UTC));

        assertThat(utc.earliestSend(Instant.parse("2026-06-10T22:00:00Z"))).isEqualTo(Instant.parse("2026-06-11T08:00:00Z"));
        Instant daytime = Instant.parse("2026-06-10T20:30:00Z");
        assertThat(utc.earliestSend(daytime)).isEqualTo(daytime);
    }

    @Test
    void appliesOnlyToNormalSmsForPeopleWhoSleep() {
        assertThat(QuietTime.applies(Channel.SMS, Audience.RESIDENT, Urgency.NORMAL)).isTrue();
        assertThat(QuietTime.applies(Channel.SMS, Audience.VOLUNTEER, Urgency.NORMAL)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Audience.class)
    void neverAppliesToEmail(Audience audience) {
        for (Urgency urgency : Urgency.values()) {
            assertThat(QuietTime.applies(Channel.EMAIL, audience, urgency)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Urgency.class)
    void neverAppliesToTheTeam(Urgency urgency) {
        for (Channel channel : Channel.values()) {
            assertThat(QuietTime.applies(channel, Audience.TEAM, urgency)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Audience.class)
    void neverAppliesToImmediate(Audience audience) {
        for (Channel channel : Channel.values()) {
            assertThat(QuietTime.applies(channel, audience, Urgency.IMMEDIATE)).isFalse();
        }
    }
}
