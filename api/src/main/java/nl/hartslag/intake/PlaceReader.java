package nl.hartslag.intake;

import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import nl.hartslag.matching.TextReading;
import nl.hartslag.matching.TextReading.FoundPlace;
import nl.hartslag.place.Gazetteer;
import nl.hartslag.place.Places;
import nl.hartslag.place.PlacesChanged;
import nl.hartslag.place.ServiceArea;
import reactor.core.publisher.Mono;

/**
 * Turns the words of a text or call into what a report needs: a place we can act on and a category
 * guess. An address must exist in the gazetteer (the web form's rule); a named place or a map link
 * inside the service area also counts. A street without a number is only a rough place: the
 * resident is asked once for the number.
 */
@Component
class PlaceReader {

    /** How far from a named place or map link the nearest street may be to name it. */
    private static final double NEAREST_STREET_METRES = 200;

    /** A place to store: {@code exact} when it is an address, named place or map link. */
    record Where(boolean exact, String street, String houseNumber, String addressText, double lat, double lon) {
    }

    /** What a text says: where (if anywhere) and the category its words point to ("other" when none). */
    record Read(Optional<Where> where, String categoryCode) {

        boolean exact() {
            return where.isPresent() && where.get().exact();
        }
    }

    private volatile Mono<TextReading> reading;
    private final Mono<String> streetNames;
    private final Mono<Gazetteer> gazetteer;
    private final Places places;

    PlaceReader(Places places) {
        this.reading = places.rows().map(rows -> TextReading.over(rows.streets(), rows.places())).cache();
        this.gazetteer = places.gazetteer();
        this.places = places;
        // Not kept: a neighbourhood's addresses loaded later bring new streets (issue 16).
        this.streetNames = places.streetNames().map(names -> String.join(", ", names));
    }

    /** A landmark was added: texts read from now on know it (built on first use, not on the publishing thread). */
    @EventListener
    void onPlacesChanged(PlacesChanged changed) {
        Places.Rows rows = changed.rows();
        reading = Mono.fromCallable(() -> TextReading.over(rows.streets(), rows.places())).cache();
    }

    /** The service area's street names, as hints for the speech recogniser. */
    Mono<String> streetNames() {
        return streetNames;
    }

    Mono<Read> read(String text) {
        return Mono.zip(reading, gazetteer).map(both -> {
            TextReading.Reading reading = both.getT1().read(text);
            Optional<Where> where = reading.place().flatMap(found -> where(found, both.getT2()));
            return new Read(where, reading.categoryCode().orElse("other"));
        });
    }

    /** The middle of the service area: where a report whose place nobody told us is kept. */
    double[] middle() {
        // The configured rectangle's middle: a widened area's middle may lie between neighbourhoods.
        ServiceArea area = places.configuredArea();
        return new double[] { (area.minLat() + area.maxLat()) / 2, (area.minLon() + area.maxLon()) / 2 };
    }

    private Optional<Where> where(FoundPlace found, Gazetteer gazetteer) {
        switch (found.kind()) {
            case ADDRESS -> {
                Gazetteer.Resolution resolution = gazetteer.resolve(found.street() + " " + found.houseNumber());
                if (resolution.place().isPresent()) {
                    nl.hartslag.place.Place place = resolution.place().get();
                    return Optional.of(new Where(true, place.street(), place.houseNumber(),
                            place.street() + " " + place.houseNumber(), place.lat(), place.lon()));
                }
                // A number the street does not have: keep the street, ask for the number.
                return Optional.of(new Where(false, found.street(), null, found.street(), found.lat(), found.lon()));
            }
            case NAMED_PLACE -> {
                return Optional.of(new Where(true,
                        gazetteer.nearestStreet(found.lat(), found.lon(), NEAREST_STREET_METRES).orElse(null), null,
                        found.name(), found.lat(), found.lon()));
            }
            case MAP_LINK -> {
                if (!places.area().contains(found.lat(), found.lon())) {
                    return Optional.empty();
                }
                return Optional.of(new Where(true,
                        gazetteer.nearestStreet(found.lat(), found.lon(), NEAREST_STREET_METRES).orElse(null), null,
                        null, found.lat(), found.lon()));
            }
            case CORNER -> {
                // Where two streets meet: a spot to go and look, filed under the nearest of them.
                return Optional.of(new Where(true,
                        gazetteer.nearestStreet(found.lat(), found.lon(), NEAREST_STREET_METRES).orElse(null), null,
                        null, found.lat(), found.lon()));
            }
            case KIND_AT_STREET -> {
                // "de garages achter de Lindestraat": no house number to ask for, the words say the spot.
                return Optional.of(new Where(true, found.street(), null, found.name(), found.lat(), found.lon()));
            }
            case STREET -> {
                return Optional.of(new Where(false, found.street(), null, found.street(), found.lat(), found.lon()));
            }
            default -> {
                return Optional.empty();
            }
        }
    }
}
