package nl.hartslag.notification;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/** When a text that can wait may go out: not between {@code start} and {@code end}, local time. */
final class QuietTime {

    private final NotifierSettings.QuietHours hours;

    QuietTime(NotifierSettings.QuietHours hours) {
        this.hours = hours;
    }

    /** {@code at} itself when it is outside quiet hours (or they are off), else the next end of them. */
    Instant earliestSend(Instant at) {
        if (!hours.enabled() || hours.start().equals(hours.end())) {
            return at;
        }
        ZonedDateTime local = at.atZone(hours.zone());
        LocalTime time = local.toLocalTime();
        boolean overnight = hours.start().isAfter(hours.end());
        boolean quiet = overnight ? !time.isBefore(hours.start()) || time.isBefore(hours.end())
                : !time.isBefore(hours.start()) && time.isBefore(hours.end());
        if (!quiet) {
            return at;
        }
        ZonedDateTime end = local.with(hours.end()).withSecond(0).withNano(0);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }

    /** Whether this notification waits for the morning at all. */
    static boolean applies(Channel channel, Audience audience, Urgency urgency) {
        return channel == Channel.SMS && audience.sleepsAtNight() && urgency == Urgency.NORMAL;
    }
}
