package nl.hartslag.place;

import java.util.Locale;

import org.springframework.context.MessageSource;

/** "Bij Speeltuin Jasmijnhof, Jasmijnstraat" / "At …": a spot said in the reader's language. */
public final class PlaceLabels {

    private PlaceLabels() {
    }

    public static String label(MessageSource messages, Gazetteer.Spot spot, Locale locale) {
        return switch (spot.kind()) {
            case PLACE -> spot.street() == null || spot.street().equalsIgnoreCase(spot.name())
                    ? messages.getMessage("place.label.place", new Object[] { spot.name() }, locale)
                    : messages.getMessage("place.label.place-street", new Object[] { spot.name(), spot.street() },
                            locale);
            case STREET -> messages.getMessage("place.label.street", new Object[] { spot.street() }, locale);
            case AREA -> spot.neighbourhood() == null ? messages.getMessage("place.label.area-unknown", null, locale)
                    : messages.getMessage("place.label.area", new Object[] { spot.neighbourhood() }, locale);
        };
    }
}
