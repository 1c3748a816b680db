package nl.hartslag.photo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Photos ({@code hartslag.photo.*}).
 *
 * @param maxPerReport how many photos one report may carry
 * @param maxSize the largest file accepted (as sent, before downscaling); keep
 *            {@code spring.webflux.multipart.max-disk-usage-per-part} at the same value
 * @param longSide the stored photo's longest side in pixels (larger photos are downscaled)
 * @param thumbnailSide the thumbnail's longest side in pixels
 * @param quality JPEG quality of what we store (0..1)
 * @param maxPixels the largest image (width × height) we try to decode: a tiny PNG claiming
 *            100,000 × 100,000 pixels is refused before any memory is taken
 * @param concurrentDecodes how many photos are decoded at once; others wait their turn, so a burst
 *            of uploads cannot exhaust the heap
 */
@Validated
@ConfigurationProperties("hartslag.photo")
public record PhotoSettings(@DefaultValue("3") @Min(0) @Max(10) int maxPerReport,
        @DefaultValue("10MB") @NotNull DataSize maxSize, @DefaultValue("1600") @Min(64) @Max(8000) int longSide,
        @DefaultValue("320") @Min(32) @Max(1600) int thumbnailSide,
        @DefaultValue("0.82") @DecimalMin("0.3") @DecimalMax("1.0") float quality,
        @DefaultValue("120000000") @Min(1_000_000) long maxPixels,
        @DefaultValue("2") @Min(1) @Max(16) int concurrentDecodes) {

    /** The defaults, for code and tests that run without Spring. */
    public static PhotoSettings defaults() {
        return new PhotoSettings(3, DataSize.ofMegabytes(10), 1600, 320, 0.82f, 120_000_000L, 2);
    }
}
