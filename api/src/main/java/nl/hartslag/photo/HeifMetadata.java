package nl.hartslag.photo;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Removes the metadata of a HEIF/HEIC file without decoding it (the JDK cannot). In HEIF (ISO/IEC
 * 23008-12, on the ISO base media file format) EXIF, with the GPS position, and XMP are separate
 * items: {@code meta} → {@code iinf} names each item's type ({@code Exif}, or {@code mime} for XMP),
 * {@code iloc} says where its bytes are. Those bytes are overwritten with zeros; the picture items
 * and the rotation properties ({@code irot}, {@code imir}, which HEIF keeps outside EXIF) are left
 * as they are, so the photo still shows upright.
 *
 * <p>Fails closed: a structure we cannot read for certain (old {@code infe} versions, data by
 * item reference, extents past the end), or any EXIF or XMP signature left anywhere afterwards,
 * refuses the file rather than storing something that might still say where it was taken.
 */
final class HeifMetadata {

    private HeifMetadata() {
    }

    static byte[] strip(byte[] original) throws PhotoRejected {
        byte[] b = original.clone();
        try {
            Box meta = find(b, 0, b.length, "meta");
            if (meta != null) {
                int children = meta.payload + 4; // FullBox: version and flags
                Box iinf = find(b, children, meta.end, "iinf");
                Box iloc = find(b, children, meta.end, "iloc");
                Box idat = find(b, children, meta.end, "idat");
                Set<Long> metadataItems = iinf == null ? Set.of() : metadataItems(b, iinf);
                if (!metadataItems.isEmpty()) {
                    if (iloc == null) {
                        throw undecodable();
                    }
                    blank(b, iloc, idat, metadataItems);
                }
            }
        } catch (IndexOutOfBoundsException e) {
            throw undecodable();
        }
        if (stillCarriesMetadata(b)) {
            throw undecodable();
        }
        return b;
    }

    /** The ids of the Exif and XMP ({@code mime}) items. */
    private static Set<Long> metadataItems(byte[] b, Box iinf) throws PhotoRejected {
        int version = b[iinf.payload] & 0xFF;
        int at = iinf.payload + 4 + (version == 0 ? 2 : 4);
        Set<Long> ids = new HashSet<>();
        while (at + 8 <= iinf.end) {
            Box infe = box(b, at, iinf.end);
            if (infe.type.equals("infe")) {
                int v = b[infe.payload] & 0xFF;
                if (v < 2) {
                    throw undecodable();
                }
                int p = infe.payload + 4;
                long id = v == 2 ? u16(b, p) : u32(b, p);
                p += (v == 2 ? 2 : 4) + 2; // item_ID, item_protection_index
                String type = new String(b, p, 4, StandardCharsets.ISO_8859_1);
                if (type.equals("Exif") || type.equals("mime")) {
                    ids.add(id);
                }
            }
            at = infe.end;
        }
        return ids;
    }

    private static void blank(byte[] b, Box iloc, Box idat, Set<Long> items) throws PhotoRejected {
        int version = b[iloc.payload] & 0xFF;
        if (version > 2) {
            throw undecodable();
        }
        int p = iloc.payload + 4;
        int offsetSize = (b[p] & 0xFF) >> 4;
        int lengthSize = b[p] & 0x0F;
        int baseOffsetSize = (b[p + 1] & 0xFF) >> 4;
        int indexSize = version == 0 ? 0 : b[p + 1] & 0x0F;
        p += 2;
        long count = version < 2 ? u16(b, p) : u32(b, p);
        p += version < 2 ? 2 : 4;
        Set<Long> found = new HashSet<>();
        for (long i = 0; i < count; i++) {
            long id = version < 2 ? u16(b, p) : u32(b, p);
            p += version < 2 ? 2 : 4;
            int construction = 0;
            if (version >= 1) {
                construction = b[p + 1] & 0x0F;
                p += 2;
            }
            p += 2; // data_reference_index
            long base = sized(b, p, baseOffsetSize);
            p += baseOffsetSize;
            int extents = u16(b, p);
            p += 2;
            for (int e = 0; e < extents; e++) {
                p += indexSize;
                long offset = sized(b, p, offsetSize);
                p += offsetSize;
                long length = sized(b, p, lengthSize);
                p += lengthSize;
                if (!items.contains(id)) {
                    continue;
                }
                long start;
                if (construction == 0) {
                    start = base + offset;
                } else if (construction == 1 && idat != null) {
                    start = idat.payload + base + offset;
                } else {
                    throw undecodable();
                }
                // Length 0 means "to the end of the file": never for metadata we can vouch for.
                if (length <= 0 || start < 0 || start + length > b.length) {
                    throw undecodable();
                }
                java.util.Arrays.fill(b, (int) start, (int) (start + length), (byte) 0);
                found.add(id);
            }
            if (p > iloc.end) {
                throw undecodable();
            }
        }
        if (!found.containsAll(items)) {
            throw undecodable();
        }
    }

    /** An EXIF TIFF header or an XMP packet anywhere in the file (e.g. in a box we do not know). */
    private static boolean stillCarriesMetadata(byte[] b) {
        return indexOf(b, "Exif\0\0MM\0*".getBytes(StandardCharsets.ISO_8859_1)) >= 0
                || indexOf(b, "Exif\0\0II*\0".getBytes(StandardCharsets.ISO_8859_1)) >= 0
                || indexOf(b, "<x:xmpmeta".getBytes(StandardCharsets.ISO_8859_1)) >= 0
                || indexOf(b, "http://ns.adobe.com/xap/1.0/".getBytes(StandardCharsets.ISO_8859_1)) >= 0;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
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

    private record Box(String type, int start, int payload, int end) {
    }

    private static Box find(byte[] b, int from, int to, String type) throws PhotoRejected {
        int at = from;
        while (at + 8 <= to) {
            Box box = box(b, at, to);
            if (box.type.equals(type)) {
                return box;
            }
            at = box.end;
        }
        return null;
    }

    private static Box box(byte[] b, int at, int limit) throws PhotoRejected {
        long size = u32(b, at);
        String type = new String(b, at + 4, 4, StandardCharsets.ISO_8859_1);
        int header = 8;
        if (size == 1) {
            size = sized(b, at + 8, 8);
            header = 16;
        } else if (size == 0) {
            size = limit - at;
        }
        if (size < header || at + size > limit) {
            throw undecodable();
        }
        return new Box(type, at, at + header, (int) (at + size));
    }

    private static long sized(byte[] b, int at, int bytes) throws PhotoRejected {
        if (bytes != 0 && bytes != 4 && bytes != 8) {
            throw undecodable();
        }
        long v = 0;
        for (int k = 0; k < bytes; k++) {
            v = v << 8 | (b[at + k] & 0xFF);
        }
        return v;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static long u32(byte[] b, int at) {
        return (long) (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static PhotoRejected undecodable() {
        return new PhotoRejected(PhotoRejected.Reason.UNDECODABLE);
    }
}
