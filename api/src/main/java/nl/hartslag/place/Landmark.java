package nl.hartslag.place;

import java.time.Instant;
import java.util.List;

/**
 * A named place residents use instead of an address, as coordinators see it: its point, the other
 * names people give it, the street it stands on ("Passartweg 118-130"), and who added it (null for
 * the seed landmarks).
 */
public record Landmark(String name, double lat, double lon, String neighbourhood, List<String> aliases, String street,
        String addedBy, Instant addedAt) {

    public Landmark {
        aliases = List.copyOf(aliases);
    }
}
