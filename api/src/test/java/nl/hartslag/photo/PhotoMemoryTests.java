package nl.hartslag.photo;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import nl.hartslag.support.TestPhotos;

/**
 * A 48-megapixel photo (8000 × 6000, as a current phone's main camera takes) is decoded with source
 * subsampling: processing it allocates a fraction of the 144 MB its full pixels would take, so a few
 * concurrent uploads cannot exhaust the heap. Allocation is counted for this thread by the JVM
 * (deterministic, unlike time); the figures (bytes in and out, milliseconds, megabytes allocated)
 * are printed for docs/photos.md, and nothing is asserted about time.
 */
class PhotoMemoryTests {

    /** The common case, a 12-MP phone photo (4032 × 3024): figures only, and what is stored. */
    @Test
    void aTwelveMegapixelPhotoFigures() throws Exception {
        byte[] sent = TestPhotos.withExif(photoLike(4032, 3024), TestPhotos.exif(1));
        PhotoRecoder recoder = new PhotoRecoder(PhotoSettings.defaults());
        recoder.process(TestPhotos.jpeg(64, 64));
        long started = System.nanoTime();
        ProcessedPhoto photo = recoder.process(sent);
        System.out.printf("photo figures: 4032x3024 JPEG %,d bytes in -> %dx%d JPEG %,d bytes + thumbnail %,d bytes;"
                + " %d ms%n", sent.length, photo.width(), photo.height(), photo.data().length, photo.thumbnail().length,
                (System.nanoTime() - started) / 1_000_000);
        assertThat(photo.width()).isEqualTo(1600);
        assertThat(photo.height()).isEqualTo(1200);
        assertThat(TestPhotos.carriesExifOrGps(photo.data())).isFalse();
    }

    @Test
    void aFortyEightMegapixelPhotoIsProcessedWithoutItsFullPixelsInMemory() throws Exception {
        byte[] sent = TestPhotos.withExif(photoLike(8000, 6000), TestPhotos.exif(6));
        // The synthetic photo compresses better than a real one; the size limit is not what is measured here.
        PhotoRecoder recoder = new PhotoRecoder(new PhotoSettings(3, DataSize.ofMegabytes(64), 1600, 320, 0.82f,
                120_000_000L, 1));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        recoder.process(TestPhotos.jpeg(64, 64)); // load the codecs before counting

        long allocatedBefore = threads.getThreadAllocatedBytes(thread);
        long started = System.nanoTime();
        ProcessedPhoto photo = recoder.process(sent);
        long millis = (System.nanoTime() - started) / 1_000_000;
        long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;

        System.out.printf("photo figures: 8000x6000 JPEG %,d bytes in -> %dx%d JPEG %,d bytes + thumbnail %,d bytes;"
                + " %d ms; %,d MB allocated by this thread%n", sent.length, photo.width(), photo.height(),
                photo.data().length, photo.thumbnail().length, millis, allocated / (1024 * 1024));
        assertThat(photo.width()).isEqualTo(1200);
        assertThat(photo.height()).isEqualTo(1600);
        assertThat(TestPhotos.carriesExifOrGps(photo.data())).isFalse();
        // Full pixels as 3-byte BGR alone would be 144 MB, and an RGB copy for turning it 192 MB more.
        assertThat(allocated).isLessThan(120L * 1024 * 1024);
    }

    /** Smooth gradients with fine texture, so the encoder has something like a photo's detail to keep. */
    static byte[] photoLike(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int seed = 12345;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                seed = seed * 1103515245 + 12345;
                int noise = (seed >>> 16) & 0x0F;
                int i = 3 * (y * width + x);
                pixels[i] = (byte) (x * 200 / width + noise);
                pixels[i + 1] = (byte) (y * 200 / height + noise);
                pixels[i + 2] = (byte) ((x + y) * 100 / (width + height) + 80 + noise);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }
}
