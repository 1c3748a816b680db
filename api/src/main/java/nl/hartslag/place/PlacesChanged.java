package nl.hartslag.place;

/**
 * The gazetteer's named places changed (a coordinator added a landmark, here or on another
 * instance): published after commit with the rows as they now are, so readers of places (the
 * matching engine, the text reader) rebuild without a restart.
 */
public record PlacesChanged(Places.Rows rows) {
}
