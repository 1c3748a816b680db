package nl.hartslag.photo;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/** What a file is by its first bytes: a declared content type or a file name proves nothing. */
enum ImageKind {
    JPEG, PNG, HEIF, UNKNOWN;

    /** The major brands of HEIF still images (HEVC-coded and the generic MIAF/HEIF ones). */
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1",
            "msf1");

    static ImageKind of(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return JPEG;
        }
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D
                && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
            return PNG;
        }
        if (b.length >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p'
                && HEIF_BRANDS.contains(new String(b, 8, 4, StandardCharsets.ISO_8859_1))) {
            return HEIF;
        }
        return UNKNOWN;
    }
}
