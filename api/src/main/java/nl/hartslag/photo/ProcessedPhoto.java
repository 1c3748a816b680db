package nl.hartslag.photo;

/**
 * A photo ready to store: upright, at most {@link PhotoSettings#longSide()} pixels, without any
 * metadata. {@code thumbnail} is a small JPEG; a HEIC photo (which the JDK cannot decode) is kept
 * at its own size with its Exif and XMP items blanked, and has no thumbnail, width or height.
 * {@code originalBytes} is the size that was sent (for the figures and the logs).
 */
public record ProcessedPhoto(String contentType, byte[] data, Integer width, Integer height, byte[] thumbnail,
        int originalBytes) {

    public boolean hasThumbnail() {
        return thumbnail != null;
    }

    @Override
    public String toString() {
        return "ProcessedPhoto[" + contentType + ", " + data.length + " bytes, " + width + "x" + height + "]";
    }
}
