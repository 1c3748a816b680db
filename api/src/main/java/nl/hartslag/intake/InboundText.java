package nl.hartslag.intake;

import java.util.List;

import nl.hartslag.report.NewReport;

/** A text message as Twilio delivered it: who from (as given), its id, its words and photos. */
public record InboundText(String from, String messageSid, String body, List<NewReport.Photo> photos) {

    public InboundText {
        body = body == null ? "" : body;
        photos = List.copyOf(photos);
    }

    @Override
    public String toString() {
        return "InboundText[" + messageSid + "]";
    }
}
