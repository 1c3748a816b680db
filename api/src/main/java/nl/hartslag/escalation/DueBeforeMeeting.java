package nl.hartslag.escalation;

import java.time.LocalDate;

import nl.hartslag.domain.Refused;

/** An agreed action cannot be due before the meeting that agreed it; the web layer names the field {@code dueOn}. */
public class DueBeforeMeeting extends Refused {

    private final LocalDate heldOn;

    DueBeforeMeeting(LocalDate heldOn) {
        super("due-before-meeting", heldOn.toString());
        this.heldOn = heldOn;
    }

    public LocalDate heldOn() {
        return heldOn;
    }
}
