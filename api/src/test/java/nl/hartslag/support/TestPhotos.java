package nl.hartslag.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * Photos built in the test, as a phone makes them: a JPEG with an EXIF block (APP1) that carries the
 * camera's orientation and a GPS position, and helpers that read a JPEG's segments back.
 */
public final class TestPhotos {

    /** The GPS latitude written into test photos: 50° 54' 25.5" N (Heerlen). */
    public static final int[] LATITUDE = { 50, 1, 54, 1, 255, 10 };

    private TestPhotos() {
    }

    /**
     * A {@code width} × {@code height} JPEG, left half red and right half blue, with EXIF IFD0
     * (Make, Orientation {@code orientation}, a GPS IFD pointer) and a GPS IFD (latitude, longitude).
     */
    public static byte[] jpegWithGps(int width, int height, int orientation) {
        return withExif(jpeg(width, height), exif(orientation));
    }

    public static byte[] jpeg(int width, int height) {
        return encode(halves(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    public static byte[] png(int width, int height) {
        return encode(halves(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    private static BufferedImage halves(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Puts an APP1 "Exif" segment right after the JPEG's SOI marker, as cameras do. */
    public static byte[] withExif(byte[] jpeg, byte[] tiff) {
        byte[] header = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + header.length + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(header);
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A big-endian TIFF block: IFD0 with Make, Orientation and GPSInfo; a GPS IFD with a position. */
    public static byte[] exif(int orientation) {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        // IFD0 at 8: 3 entries.
        b.putShort((short) 3);
        b.putShort((short) 0x010F).putShort((short) 2).putInt(4).put("Foo\0".getBytes(StandardCharsets.US_ASCII));
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        int gpsIfd = 8 + 2 + 3 * 12 + 4;
        b.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsIfd);
        b.putInt(0); // no next IFD
        // GPS IFD: LatitudeRef, Latitude (3 rationals), LongitudeRef, Longitude.
        int values = gpsIfd + 2 + 4 * 12 + 4;
        b.putShort((short) 4);
        b.putShort((short) 1).putShort((short) 2).putInt(2).put("N\0\0\0".getBytes(StandardCharsets.US_ASCII));
        b.putShort((short) 2).putShort((short) 5).putInt(3).putInt(values);
        b.putShort((short) 3).putShort((short) 2).putInt(2).put("E\0\0\0".getBytes(StandardCharsets.US_ASCII));
        b.putShort((short) 4).putShort((short) 5).putInt(3).putInt(values + 24);
        b.putInt(0);
        for (int v : LATITUDE) {
            b.putInt(v);
        }
        for (int v : new int[] { 5, 1, 57, 1, 4890, 100 }) {
            b.putInt(v);
        }
        byte[] tiff = new byte[b.position()];
        b.flip();
        b.get(tiff);
        return tiff;
    }

    /** The markers of a JPEG's segments before the image data (APPn, DQT, SOF …), e.g. 0xE0 for JFIF. */
    public static List<Integer> markers(byte[] jpeg) {
        List<Integer> markers = new ArrayList<>();
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int marker = jpeg[i + 1] & 0xFF;
            markers.add(marker);
            if (marker == 0xDA) {
                break;
            }
            i += 2 + ((jpeg[i + 2] & 0xFF) << 8 | (jpeg[i + 3] & 0xFF));
        }
        return markers;
    }

    /** Whether the bytes contain the EXIF header or the GPS IFD's latitude as written by {@link #exif}. */
    public static boolean carriesExifOrGps(byte[] bytes) {
        ByteBuffer lat = ByteBuffer.allocate(24);
        for (int v : LATITUDE) {
            lat.putInt(v);
        }
        return indexOf(bytes, "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1)) >= 0
                || indexOf(bytes, lat.array()) >= 0 || markers(bytes).contains(0xE1);
    }

    /**
     * For files that are not JPEG (HEIC): an EXIF TIFF block ("Exif\0\0MM") or the GPS latitude as
     * written by {@link #exif}. (HEIF names its EXIF item "Exif" in the item table, so the bare word
     * is no evidence there.)
     */
    public static boolean carriesExifBlockOrGps(byte[] bytes) {
        ByteBuffer lat = ByteBuffer.allocate(24);
        for (int v : LATITUDE) {
            lat.putInt(v);
        }
        return indexOf(bytes, "Exif\0\0MM".getBytes(StandardCharsets.ISO_8859_1)) >= 0 || indexOf(bytes, lat.array()) >= 0;
    }

    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    public static BufferedImage read(byte[] bytes) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
