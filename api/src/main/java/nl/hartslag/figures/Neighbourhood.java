package nl.hartslag.figures;

/** A neighbourhood as the figures know it (V33 {@code neighbourhood}); residents 0 = not known. */
public record Neighbourhood(String name, String municipality, int residents, int households) {
}
