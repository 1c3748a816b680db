package nl.hartslag.norms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The deadlines a report, work order or mediation case carries in the staff views. {@code respondBy}
 * is only set for a report (cases have no separate first response); {@code late} says what has passed
 * its deadline right now without being done (empty when nothing is late), {@code lateSince} the
 * earliest of those deadlines and {@code daysOver} how many of the norm's days have gone by since.
 */
public record Deadline(Instant respondBy, Instant resolveBy, List<Lateness> late, Instant lateSince, int daysOver) {

    public Deadline {
        late = List.copyOf(late);
    }

    /** No deadline known (a case or report that was not found). */
    public static final Deadline NONE = new Deadline(null, null, List.of(), null, 0);

    /**
     * A report's deadlines: the response is late while there is none and its deadline has passed; the
     * resolution while the report is still open (reopened ones too) past its deadline.
     */
    public static Deadline ofReport(HandlingNorm norm, Instant receivedAt, Instant firstResponseAt, boolean open,
            Instant now) {
        Instant respondBy = norm.respondBy(receivedAt);
        Instant resolveBy = norm.resolveBy(receivedAt);
        List<Lateness> late = new ArrayList<>();
        Instant since = null;
        if (firstResponseAt == null && open && !now.isBefore(respondBy)) {
            late.add(Lateness.RESPONSE);
            since = respondBy;
        }
        if (open && !now.isBefore(resolveBy)) {
            late.add(Lateness.RESOLUTION);
            since = since == null ? resolveBy : since;
        }
        return new Deadline(respondBy, resolveBy, late, since, over(since, now, norm.dayKind()));
    }

    /** A case's deadline: resolved within the category's resolution norm from when it was (re)opened. */
    public static Deadline ofCase(HandlingNorm norm, Instant openedAt, boolean open, Instant now) {
        Instant resolveBy = norm.resolveBy(openedAt);
        boolean late = open && !now.isBefore(resolveBy);
        return new Deadline(null, resolveBy, late ? List.of(Lateness.RESOLUTION) : List.of(),
                late ? resolveBy : null, late ? over(resolveBy, now, norm.dayKind()) : 0);
    }

    /**
     * Days over, in the norm's own days: a deadline that passed at midnight is 1 day over during that
     * whole day (the first day it was late), so the list never says "0 days" for something late.
     */
    private static int over(Instant since, Instant now, DayKind kind) {
        if (since == null) {
            return 0;
        }
        // The deadline is the start of a local day; the day before it is the last day that still counted.
        return Math.max(1, WorkingDays.between(since.minusSeconds(1), now, kind));
    }
}
