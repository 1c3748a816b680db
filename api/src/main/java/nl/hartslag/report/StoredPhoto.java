package nl.hartslag.report;

/** A photo's bytes as we keep them (already without metadata), to serve to staff. */
public record StoredPhoto(String contentType, byte[] data) {

    static final StoredPhoto NONE = new StoredPhoto("", new byte[0]);
}
