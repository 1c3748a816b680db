package nl.hartslag.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.unit.DataSize;

import nl.hartslag.support.TestPhotos;

/** What is stored of a photo: upright, downscaled, JPEG, and nothing of its metadata. */
class PhotoRecoderTests {

    private final PhotoRecoder recoder = new PhotoRecoder(PhotoSettings.defaults());

    @Test
    void gpsAndEveryOtherMetadataSegmentAreGoneAndThePhotoIsDownscaled() throws Exception {
        byte[] sent = TestPhotos.jpegWithGps(3200, 2400, 1);
        assertThat(TestPhotos.carriesExifOrGps(sent)).isTrue();

        ProcessedPhoto photo = recoder.process(sent);

        assertThat(photo.contentType()).isEqualTo("image/jpeg");
        assertThat(TestPhotos.carriesExifOrGps(photo.data())).isFalse();
        // A bare JFIF header, the tables and the frame: no APP1 (EXIF/XMP), APP2 (ICC), APP13 (IPTC), COM.
        assertThat(TestPhotos.markers(photo.data())).allMatch(m -> m == 0xE0 || m == 0xDB || m == 0xC0 || m == 0xC4
                || m == 0xDA);
        assertThat(ExifOrientation.of(photo.data())).isEqualTo(1);
        assertThat(photo.width()).isEqualTo(1600);
        assertThat(photo.height()).isEqualTo(1200);
        BufferedImage thumbnail = TestPhotos.read(photo.thumbnail());
        assertThat(thumbnail.getWidth()).isEqualTo(320);
        assertThat(thumbnail.getHeight()).isEqualTo(240);
        assertThat(TestPhotos.carriesExifOrGps(photo.thumbnail())).isFalse();
        assertThat(photo.originalBytes()).isEqualTo(sent.length);
    }

    /**
     * Every EXIF orientation: the sensor's 300 × 200 image, left half red and right half blue, comes
     * out the way the camera was held. Where the red half ends up is the orientation's definition.
     */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
            "1, 300, 200, left",
            "2, 300, 200, right",
            "3, 300, 200, right",
            "4, 300, 200, left",
            "5, 200, 300, top",
            "6, 200, 300, top",
            "7, 200, 300, bottom",
            "8, 200, 300, bottom" })
    void theExifOrientationIsAppliedBeforeTheMetadataGoes(int orientation, int width, int height, String red)
            throws Exception {
        ProcessedPhoto photo = recoder.process(TestPhotos.jpegWithGps(300, 200, orientation));
        BufferedImage image = TestPhotos.read(photo.data());
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        int[] redAt = switch (red) {
            case "left" -> new int[] { width / 4, height / 2 };
            case "right" -> new int[] { 3 * width / 4, height / 2 };
            case "top" -> new int[] { width / 2, height / 4 };
            default -> new int[] { width / 2, 3 * height / 4 };
        };
        int[] blueAt = { width - 1 - redAt[0], height - 1 - redAt[1] };
        assertThat(new Color(image.getRGB(redAt[0], redAt[1])).getRed()).isGreaterThan(200);
        assertThat(new Color(image.getRGB(blueAt[0], blueAt[1])).getBlue()).isGreaterThan(200);
    }

    @Test
    void theOrientationIsReadFromLittleEndianExifToo() {
        byte[] tiff = TestPhotos.exif(6);
        // The same IFD written Intel-style ("II"): swap every field we read.
        byte[] little = new byte[] { 'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0,
                0, 0 };
        assertThat(ExifOrientation.of(TestPhotos.withExif(TestPhotos.jpeg(8, 8), little))).isEqualTo(8);
        assertThat(ExifOrientation.of(TestPhotos.withExif(TestPhotos.jpeg(8, 8), tiff))).isEqualTo(6);
        assertThat(ExifOrientation.of(TestPhotos.jpeg(8, 8))).isEqualTo(1);
        // Broken EXIF counts as "as stored", never as an error.
        assertThat(ExifOrientation.of(TestPhotos.withExif(TestPhotos.jpeg(8, 8), Arrays.copyOf(tiff, 12))))
                .isEqualTo(1);
    }

    @Test
    void aPngBecomesAJpegWithItsTransparencyOnWhite() throws Exception {
        BufferedImage transparent = new BufferedImage(100, 50, BufferedImage.TYPE_INT_ARGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(transparent, "png", png);

        ProcessedPhoto photo = recoder.process(png.toByteArray());

        assertThat(photo.contentType()).isEqualTo("image/jpeg");
        assertThat(ImageKind.of(photo.data())).isEqualTo(ImageKind.JPEG);
        Color corner = new Color(TestPhotos.read(photo.data()).getRGB(5, 5));
        assertThat(corner.getRed() + corner.getGreen() + corner.getBlue()).isGreaterThan(3 * 245);
    }

    @Test
    void whatAFileIsComesFromItsBytesNotItsName() {
        assertThat(ImageKind.of("dit is geen foto".getBytes())).isEqualTo(ImageKind.UNKNOWN);
        assertThat(ImageKind.of(new byte[0])).isEqualTo(ImageKind.UNKNOWN);
        assertThat(ImageKind.of(TestPhotos.png(4, 4))).isEqualTo(ImageKind.PNG);
        assertThat(ImageKind.of(TestPhotos.jpeg(4, 4))).isEqualTo(ImageKind.JPEG);
        assertThat(ImageKind.of(HeifMetadataTests.heif(1, false))).isEqualTo(ImageKind.HEIF);
        // A GIF, a PDF and an MP4 (ftyp, but not a still-image brand) are not photos we take.
        assertThat(ImageKind.of("GIF89a......".getBytes())).isEqualTo(ImageKind.UNKNOWN);
        assertThat(ImageKind.of("%PDF-1.7 ....".getBytes())).isEqualTo(ImageKind.UNKNOWN);
        assertThat(ImageKind.of(new byte[] { 0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm' }))
                .isEqualTo(ImageKind.UNKNOWN);
        assertThatThrownBy(() -> recoder.process("dit is geen foto".getBytes())).isInstanceOf(PhotoRejected.class)
                .extracting(e -> ((PhotoRejected) e).reason()).isEqualTo(PhotoRejected.Reason.UNSUPPORTED_TYPE);
    }

    @Test
    void aBrokenOrHugeOrOversizedPhotoIsRefusedWithItsReason() {
        byte[] truncated = Arrays.copyOf(TestPhotos.jpeg(400, 300), 300);
        assertThatThrownBy(() -> recoder.process(truncated)).extracting(e -> ((PhotoRejected) e).reason())
                .isEqualTo(PhotoRejected.Reason.UNDECODABLE);

        PhotoRecoder fewPixels = new PhotoRecoder(new PhotoSettings(3, DataSize.ofMegabytes(10), 1600, 320, 0.82f,
                1_000_000L, 1));
        // Dimensions are read from the header and refused before any pixel is decoded.
        assertThatThrownBy(() -> fewPixels.process(TestPhotos.png(2000, 1000)))
                .extracting(e -> ((PhotoRejected) e).reason()).isEqualTo(PhotoRejected.Reason.TOO_MANY_PIXELS);
        PhotoRecoder small = new PhotoRecoder(new PhotoSettings(3, DataSize.ofKilobytes(20), 1600, 320, 0.82f,
                1_000_000L, 1));
        assertThatThrownBy(() -> small.process(Arrays.copyOf(TestPhotos.jpeg(64, 64), 21 * 1024)))
                .extracting(e -> ((PhotoRejected) e).reason()).isEqualTo(PhotoRejected.Reason.TOO_LARGE);
        assertThat(PhotoRejected.Reason.TOO_MANY_PIXELS.code()).isEqualTo("validation.photo.too-many-pixels");
    }

    @Test
    void subsamplingReadsAtMostTwiceTheTargetAndNeverLessThanIt() {
        assertThat(PhotoRecoder.subsampling(1600, 1600)).isEqualTo(1);
        assertThat(PhotoRecoder.subsampling(3200, 1600)).isEqualTo(1);
        assertThat(PhotoRecoder.subsampling(3201, 1600)).isEqualTo(2);
        assertThat(PhotoRecoder.subsampling(8000, 1600)).isEqualTo(3);
        for (int side = 1600; side <= 20_000; side += 37) {
            int read = side / PhotoRecoder.subsampling(side, 1600);
            assertThat(read).as("read long side of %d", side).isBetween(1600, 3200);
        }
    }
}
