package nl.hartslag.place;

import org.springframework.stereotype.Service;

import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/**
 * Names a point as a resident would: "bij Speeltuin Jasmijnhof, Jasmijnstraat", "in de buurt van
 * de Eikstraat". For the form's pin and the status page; never a house number.
 */
@Service
public class PinNames {

    private final Places places;
    private final PlaceSettings settings;

    PinNames(Places places, PlaceSettings settings) {
        this.places = places;
        this.settings = settings;
    }

    /** What the point is; a point outside the service area is refused on {@code lat}. */
    public Mono<Gazetteer.Spot> at(double lat, double lon) {
        if (!places.area().contains(lat, lon)) {
            return Mono.error(new InvalidRequestException(Violation.of("lat", "validation.location.outside-area")));
        }
        return places.gazetteer().map(g -> g.spotAt(lat, lon, settings.landmarkMetres(), settings.streetMetres()));
    }

    /**
     * A report's place for its status page: the landmark it names, else what its point is when that
     * point is where the problem was seen (a pin, a map link), else its street.
     */
    public Mono<Gazetteer.Spot> ofReport(String storedName, double lat, double lon, boolean spotOfTheProblem) {
        return places.gazetteer().map(g -> g.landmark(storedName).orElseGet(() -> {
            if (spotOfTheProblem && places.area().contains(lat, lon)) {
                Gazetteer.Spot spot = g.spotAt(lat, lon, settings.landmarkMetres(), settings.streetMetres());
                if (spot.kind() == Gazetteer.Spot.Kind.PLACE || storedName == null) {
                    return spot;
                }
            }
            if (storedName != null) {
                return g.streetName(storedName)
                        .flatMap(street -> g.publicPoint(street).map(p -> new Gazetteer.Spot(Gazetteer.Spot.Kind.STREET,
                                street, street, g.nearestNeighbourhood(p.lat(), p.lon()).orElse(null), p.lat(),
                                p.lon())))
                        .orElse(new Gazetteer.Spot(Gazetteer.Spot.Kind.STREET, storedName, storedName, null, lat, lon));
            }
            return g.spotAt(lat, lon, settings.landmarkMetres(), settings.streetMetres());
        }));
    }
}
