package nl.hartslag.photo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Turns a resident's photo into what we store, in plain Java (ImageIO): the kind is read from the
 * bytes, the EXIF orientation is read and applied, the image is decoded with source subsampling (a
 * 48-megapixel photo is read at a fraction of its size, so it never needs hundreds of megabytes of
 * heap), downscaled to {@link PhotoSettings#longSide()} and written again as a new JPEG from the
 * pixels alone: no EXIF, GPS, XMP, ICC profile or comment can survive, because none is copied.
 *
 * <p>PNG becomes JPEG as well: what residents send as PNG is mostly a screenshot or a photo saved
 * by an app, a JPEG of it is several times smaller, and one output kind keeps the staff pages and
 * the storage simple. Transparency is flattened onto white. HEIC is kept as sent with its metadata
 * items blanked ({@link HeifMetadata}): the JDK has no HEVC decoder.
 *
 * <p>Blocking and CPU-bound: call it from a worker thread ({@link Photos} does).
 */
final class PhotoRecoder {

    private final PhotoSettings settings;

    PhotoRecoder(PhotoSettings settings) {
        this.settings = settings;
    }

    ProcessedPhoto process(byte[] bytes) throws PhotoRejected {
        if (bytes.length > settings.maxSize().toBytes()) {
            throw new PhotoRejected(PhotoRejected.Reason.TOO_LARGE);
        }
        ImageKind kind = ImageKind.of(bytes);
        switch (kind) {
            case UNKNOWN:
                throw new PhotoRejected(PhotoRejected.Reason.UNSUPPORTED_TYPE);
            case HEIF:
                return new ProcessedPhoto("image/heic", HeifMetadata.strip(bytes), null, null, null, bytes.length);
            default:
                break;
        }
        int orientation = kind == ImageKind.JPEG ? ExifOrientation.of(bytes) : 1;
        BufferedImage decoded = decode(bytes, kind);
        BufferedImage full = upright(decoded, orientation, settings.longSide());
        BufferedImage thumbnail = shrink(full, settings.thumbnailSide());
        return new ProcessedPhoto("image/jpeg", jpeg(full, settings.quality()), full.getWidth(), full.getHeight(),
                jpeg(thumbnail, Math.min(settings.quality(), 0.8f)), bytes.length);
    }

    private BufferedImage decode(byte[] bytes, ImageKind kind) throws PhotoRejected {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(kind == ImageKind.JPEG ? "jpeg" : "png");
            if (in == null || !readers.hasNext()) {
                throw new PhotoRejected(PhotoRejected.Reason.UNDECODABLE);
            }
            ImageReader reader = readers.next();
            try {
                // Metadata is never read: we throw it away, and a malformed block cannot trip us up.
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new PhotoRejected(PhotoRejected.Reason.UNDECODABLE);
                }
                if ((long) width * height > settings.maxPixels()) {
                    throw new PhotoRejected(PhotoRejected.Reason.TOO_MANY_PIXELS);
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = subsampling(Math.max(width, height), settings.longSide());
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage image = reader.read(0, param);
                if (image == null) {
                    throw new PhotoRejected(PhotoRejected.Reason.UNDECODABLE);
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO reports broken files as IIOException, but also as runtime exceptions.
            throw new PhotoRejected(PhotoRejected.Reason.UNDECODABLE);
        }
    }

    /**
     * Reads every {@code step}-th pixel so that the decoded image is at most twice the target (a
     * 48-MP photo of 8000 px is read as 2667 px, about 16 MB of pixels) and never smaller than it.
     */
    static int subsampling(int longSide, int target) {
        return Math.max(1, (longSide + 2 * target - 1) / (2 * target));
    }

    /** Turned by the EXIF orientation, flattened onto white RGB, and at most {@code longSide}. */
    private static BufferedImage upright(BufferedImage source, int orientation, int longSide) {
        int w = source.getWidth();
        int h = source.getHeight();
        boolean swap = ExifOrientation.swapsSides(orientation);
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, outW, outH);
            g.drawImage(source, ExifOrientation.transform(orientation, w, h), null);
        } finally {
            g.dispose();
        }
        return shrink(out, longSide);
    }

    /** Halves while more than twice too large, then one bilinear step: cheap and without aliasing. */
    static BufferedImage shrink(BufferedImage image, int longSide) {
        BufferedImage current = image;
        while (Math.max(current.getWidth(), current.getHeight()) > 2 * longSide) {
            current = scaled(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        int max = Math.max(current.getWidth(), current.getHeight());
        if (max <= longSide) {
            return current;
        }
        double f = (double) longSide / max;
        return scaled(current, Math.max(1, (int) Math.round(current.getWidth() * f)),
                Math.max(1, (int) Math.round(current.getHeight() * f)));
    }

    private static BufferedImage scaled(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, AffineTransform.getScaleInstance((double) out.getWidth() / image.getWidth(),
                    (double) out.getHeight() / image.getHeight()), null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** A baseline JPEG of the pixels only: the writer gets no metadata, so it writes a bare JFIF header. */
    static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
