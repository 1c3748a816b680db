package nl.hartslag.figures;

import nl.hartslag.domain.Unprocessable;

/** A neighbourhood= that Hartslag does not know (the web layer answers 400 on the field). */
public class UnknownNeighbourhood extends Unprocessable {

    public UnknownNeighbourhood(String name) {
        super("unknown-neighbourhood", name);
    }
}
