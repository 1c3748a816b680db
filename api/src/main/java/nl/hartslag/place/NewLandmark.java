package nl.hartslag.place;

import java.util.List;

/** A landmark a coordinator adds: name and point required; neighbourhood, aliases and street optional. */
public record NewLandmark(String name, Double lat, Double lon, String neighbourhood, List<String> aliases,
        String street) {
}
