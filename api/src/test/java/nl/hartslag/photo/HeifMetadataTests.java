package nl.hartslag.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import nl.hartslag.support.TestPhotos;

/**
 * HEIC metadata removal on synthetic ISOBMFF files built here: {@code ftyp}, {@code meta} with
 * {@code hdlr}, {@code iinf} (an HEVC picture item, an {@code Exif} item, an XMP {@code mime} item)
 * and {@code iloc} pointing into {@code mdat} (or into {@code idat}), as an iPhone writes them.
 */
class HeifMetadataTests {

    static final byte[] PICTURE = "HEVC-PICTURE-BYTES-THAT-MUST-STAY".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] XMP = ("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:Description"
            + " exif:GPSLatitude=\"50,54.425N\"/></x:xmpmeta>").getBytes(StandardCharsets.ISO_8859_1);

    /** EXIF as HEIF stores it: a 4-byte offset to the TIFF header, "Exif\0\0", then the TIFF block with GPS. */
    static byte[] exifItem() {
        byte[] tiff = TestPhotos.exif(6);
        return ByteBuffer.allocate(4 + 6 + tiff.length).putInt(6).put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1))
                .put(tiff).array();
    }

    @Test
    void theExifAndXmpItemsAreBlankedAndThePictureIsKeptByteForByte() throws Exception {
        for (int ilocVersion : new int[] { 0, 1, 2 }) {
            byte[] heic = heif(ilocVersion, false);
            assertThat(TestPhotos.carriesExifBlockOrGps(heic)).isTrue();
            assertThat(HeifMetadata.indexOf(heic, XMP)).isPositive();

            byte[] stripped = HeifMetadata.strip(heic);

            assertThat(stripped).hasSize(heic.length);
            assertThat(TestPhotos.carriesExifBlockOrGps(stripped)).as("iloc v%d", ilocVersion).isFalse();
            assertThat(HeifMetadata.indexOf(stripped, "xmpmeta".getBytes(StandardCharsets.ISO_8859_1))).isNegative();
            assertThat(HeifMetadata.indexOf(stripped, "GPSLatitude".getBytes(StandardCharsets.ISO_8859_1)))
                    .isNegative();
            assertThat(HeifMetadata.indexOf(stripped, PICTURE)).isEqualTo(HeifMetadata.indexOf(heic, PICTURE));
            // Only the metadata bytes changed.
            int changed = 0;
            for (int i = 0; i < heic.length; i++) {
                changed += heic[i] != stripped[i] ? 1 : 0;
            }
            assertThat(changed).isLessThanOrEqualTo(exifItem().length + XMP.length);
            assertThat(heic).as("the original is not changed").isEqualTo(heif(ilocVersion, false));
        }
    }

    /**
     * A real file as tools write it: a 640 × 480 JPEG given GPS and Make by exiftool, encoded by
     * libheif's heif-enc (which copies the EXIF into an Exif item), then given XMP with a GPS position
     * by exiftool (see docs/photos.md). After stripping, exiftool reports no EXIF, GPS or XMP, and
     * heif-convert still decodes it (checked by hand; neither tool is needed by the test).
     */
    @Test
    void aHeicWrittenByLibheifAndExiftoolLosesItsExifAndXmp() throws Exception {
        byte[] heic;
        try (var in = getClass().getResourceAsStream("/photos/libheif-gps-exif-xmp.heic")) {
            heic = in.readAllBytes();
        }
        byte[] tiff = "MM\0*".getBytes(StandardCharsets.ISO_8859_1);
        byte[] make = "TestCam".getBytes(StandardCharsets.ISO_8859_1);
        byte[] xmp = "xmpmeta".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(HeifMetadata.indexOf(heic, tiff)).isPositive();
        assertThat(HeifMetadata.indexOf(heic, make)).isPositive();
        assertThat(HeifMetadata.indexOf(heic, xmp)).isPositive();

        byte[] stripped = HeifMetadata.strip(heic);

        assertThat(HeifMetadata.indexOf(stripped, tiff)).isNegative();
        assertThat(HeifMetadata.indexOf(stripped, make)).isNegative();
        assertThat(HeifMetadata.indexOf(stripped, xmp)).isNegative();
        assertThat(ImageKind.of(stripped)).isEqualTo(ImageKind.HEIF);
    }

    @Test
    void metadataKeptInTheIdatBoxIsBlankedToo() throws Exception {
        byte[] heic = heif(1, true);
        assertThat(TestPhotos.carriesExifBlockOrGps(heic)).isTrue();
        byte[] stripped = HeifMetadata.strip(heic);
        assertThat(TestPhotos.carriesExifBlockOrGps(stripped)).isFalse();
        assertThat(HeifMetadata.indexOf(stripped, PICTURE)).isPositive();
    }

    @Test
    void theRecoderKeepsAHeicAsHeicWithoutMetadataAndWithoutAThumbnail() throws Exception {
        ProcessedPhoto photo = new PhotoRecoder(PhotoSettings.defaults()).process(heif(0, false));
        assertThat(photo.contentType()).isEqualTo("image/heic");
        assertThat(photo.hasThumbnail()).isFalse();
        assertThat(TestPhotos.carriesExifBlockOrGps(photo.data())).isFalse();
    }

    @Test
    void whatWeCannotReadForCertainIsRefusedNotStored() {
        // EXIF hidden in a box we do not know (a 'uuid' box after mdat): the final scan still finds it.
        ByteArrayOutputStream hidden = new ByteArrayOutputStream();
        hidden.writeBytes(heif(0, false));
        hidden.writeBytes(box("uuid", exifItem()));
        assertThatThrownBy(() -> HeifMetadata.strip(hidden.toByteArray())).isInstanceOf(PhotoRejected.class);
        // An iloc that points past the end of the file.
        byte[] lying = heif(0, false);
        lying = java.util.Arrays.copyOf(lying, lying.length - 40);
        byte[] cut = lying;
        assertThatThrownBy(() -> HeifMetadata.strip(cut)).isInstanceOf(PhotoRejected.class);
        // Nonsense after a valid ftyp.
        byte[] junk = ByteBuffer.allocate(40).put(box("ftyp", "heic\0\0\0\0mif1heic".getBytes())).putInt(0xFFFFFF)
                .array();
        assertThatThrownBy(() -> HeifMetadata.strip(junk)).isInstanceOf(PhotoRejected.class);
    }

    /**
     * A minimal HEIC: item 1 the picture, item 2 EXIF, item 3 XMP. With {@code inIdat} the EXIF and
     * XMP live in the meta box's {@code idat} (construction method 1, iloc version 1 or 2).
     */
    static byte[] heif(int ilocVersion, boolean inIdat) {
        byte[] ftyp = box("ftyp", "heic\0\0\0\0mif1heic".getBytes(StandardCharsets.ISO_8859_1));
        byte[] hdlr = fullBox("hdlr", 0, concat(new byte[4], "pict".getBytes(StandardCharsets.ISO_8859_1),
                new byte[12], new byte[] { 0 }));
        byte[] iinf = fullBox("iinf", 0, concat(new byte[] { 0, 3 }, infe(1, "hvc1", null), infe(2, "Exif", null),
                infe(3, "mime", "application/rdf+xml")));
        byte[] exif = exifItem();
        byte[] idat = inIdat ? box("idat", concat(exif, XMP)) : new byte[0];
        // iloc's size does not depend on the offsets: build it once to learn the layout, then for real.
        byte[] ilocDraft = iloc(ilocVersion, inIdat, 0, exif.length);
        int metaSize = 12 + hdlr.length + iinf.length + ilocDraft.length + idat.length;
        int mdatStart = ftyp.length + metaSize;
        byte[] iloc = iloc(ilocVersion, inIdat, mdatStart + 8, exif.length);
        byte[] meta = fullBox("meta", 0, concat(hdlr, iinf, iloc, idat));
        byte[] mdat = box("mdat", inIdat ? PICTURE : concat(PICTURE, exif, XMP));
        return concat(ftyp, meta, mdat);
    }

    private static byte[] iloc(int version, boolean inIdat, int mdatData, int exifLength) {
        ByteBuffer b = ByteBuffer.allocate(200);
        b.put((byte) 0x44); // offset_size 4, length_size 4
        b.put((byte) (version == 0 ? 0x00 : 0x00)); // base_offset_size 0, index_size 0
        if (version < 2) {
            b.putShort((short) 3);
        } else {
            b.putInt(3);
        }
        int[][] items = inIdat
                ? new int[][] { { 1, 0, mdatData, PICTURE.length }, { 2, 1, 0, exifLength },
                        { 3, 1, exifLength, XMP.length } }
                : new int[][] { { 1, 0, mdatData, PICTURE.length }, { 2, 0, mdatData + PICTURE.length, exifLength },
                        { 3, 0, mdatData + PICTURE.length + exifLength, XMP.length } };
        for (int[] item : items) {
            if (version < 2) {
                b.putShort((short) item[0]);
            } else {
                b.putInt(item[0]);
            }
            if (version >= 1) {
                b.putShort((short) item[1]); // construction_method
            }
            b.putShort((short) 0); // data_reference_index
            b.putShort((short) 1); // extent_count
            b.putInt(item[2]);
            b.putInt(item[3]);
        }
        byte[] payload = new byte[b.position()];
        b.flip();
        b.get(payload);
        return fullBox("iloc", version, payload);
    }

    private static byte[] infe(int id, String type, String contentType) {
        byte[] name = { 0 };
        byte[] rest = contentType == null ? name
                : concat(name, (contentType + "\0").getBytes(StandardCharsets.ISO_8859_1));
        return fullBox("infe", 2, concat(new byte[] { (byte) (id >> 8), (byte) id, 0, 0 },
                type.getBytes(StandardCharsets.ISO_8859_1), rest));
    }

    static byte[] box(String type, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putInt(8 + payload.length)
                .put(type.getBytes(StandardCharsets.ISO_8859_1)).put(payload).array();
    }

    private static byte[] fullBox(String type, int version, byte[] payload) {
        return box(type, concat(new byte[] { (byte) version, 0, 0, 0 }, payload));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
