package nl.hartslag.photo;

import java.awt.geom.AffineTransform;

/**
 * The EXIF orientation of a JPEG (tag 0x0112 in IFD0), read before the metadata is thrown away:
 * phones store a portrait photo as a landscape image plus "turn it", and the JDK's decoder ignores
 * the tag. Anything unreadable counts as 1 (as stored).
 */
final class ExifOrientation {

    private ExifOrientation() {
    }

    static int of(byte[] jpeg) {
        int i = 2;
        while (i + 4 <= jpeg.length) {
            if ((jpeg[i] & 0xFF) != 0xFF) {
                return 1;
            }
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                i++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) { // image data starts: no metadata after this
                return 1;
            }
            int length = u16(jpeg, i + 2, false);
            if (length < 2 || i + 2 + length > jpeg.length) {
                return 1;
            }
            if (marker == 0xE1 && length >= 16 && startsWith(jpeg, i + 4, "Exif\0\0")) {
                return tiff(jpeg, i + 10, length - 8);
            }
            i += 2 + length;
        }
        return 1;
    }

    private static int tiff(byte[] b, int start, int length) {
        int end = start + length;
        boolean little;
        if (b[start] == 'I' && b[start + 1] == 'I') {
            little = true;
        } else if (b[start] == 'M' && b[start + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        long ifd = u32(b, start + 4, little);
        if (ifd < 8 || start + ifd + 2 > end) {
            return 1;
        }
        int at = (int) (start + ifd);
        int entries = u16(b, at, little);
        for (int e = 0; e < entries; e++) {
            int entry = at + 2 + 12 * e;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, little) == 0x0112 && u16(b, entry + 2, little) == 3) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    /**
     * The transform that draws a {@code width} × {@code height} image upright for orientation
     * {@code o} (EXIF 2.32, table "Orientation"); 5–8 swap width and height.
     */
    static AffineTransform transform(int o, int width, int height) {
        return switch (o) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, width, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, width, height);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, height);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, height, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, height, width);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, width);
            default -> new AffineTransform();
        };
    }

    static boolean swapsSides(int o) {
        return o >= 5 && o <= 8;
    }

    private static boolean startsWith(byte[] b, int at, String ascii) {
        if (at + ascii.length() > b.length) {
            return false;
        }
        for (int k = 0; k < ascii.length(); k++) {
            if (b[at + k] != (byte) ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    static int u16(byte[] b, int at, boolean little) {
        return little ? (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 : (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    static long u32(byte[] b, int at, boolean little) {
        long v = 0;
        for (int k = 0; k < 4; k++) {
            int shift = little ? 8 * k : 8 * (3 - k);
            v |= (long) (b[at + k] & 0xFF) << shift;
        }
        return v;
    }
}
