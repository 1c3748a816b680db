package nl.hartslag.photo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nl.hartslag.support.TestPhotos;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The reactive face of the photo work: off the event loop, every refusal named by its index at once. */
class PhotosTests {

    private final Photos photos = new Photos(PhotoSettings.defaults());

    @AfterEach
    void stop() {
        photos.destroy();
    }

    @Test
    void everyRefusedPhotoIsNamedByItsIndexInOneAnswer() {
        List<byte[]> files = List.of(TestPhotos.jpeg(32, 32), "geen foto".getBytes(), TestPhotos.jpeg(32, 32),
                java.util.Arrays.copyOf(TestPhotos.jpeg(200, 200), 150));
        StepVerifier.create(photos.processAll(files, "photo", 4))
                .expectErrorSatisfies(e -> assertThat(((InvalidRequestException) e).violations())
                        .extracting(Violation::field, Violation::code)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("photo[1]", "validation.photo.unsupported-type"),
                                org.assertj.core.groups.Tuple.tuple("photo[3]", "validation.photo.undecodable")))
                .verify();
    }

    @Test
    void tooManyPhotosAreRefusedBeforeAnyIsDecoded() {
        byte[] one = TestPhotos.jpeg(16, 16);
        StepVerifier.create(photos.processAll(List.of(one, one, one, one), "photo"))
                .expectErrorSatisfies(e -> assertThat(((InvalidRequestException) e).violations())
                        .extracting(Violation::field).containsExactly("photo"))
                .verify();
        StepVerifier.create(photos.processAll(List.of(), "photo")).expectNext(List.of()).verifyComplete();
    }

    /** One worker and room for one waiting photo: a burst of five gets "try again" (429) for the rest at once. */
    @Test
    void aBurstBeyondTheQueueIsToldToComeBackInsteadOfPilingUp() {
        Photos small = new Photos(new PhotoSettings(3, org.springframework.util.unit.DataSize.ofMegabytes(10), 1600,
                320, 0.82f, 120_000_000L, 1), 1);
        try {
            byte[] photo = TestPhotos.jpeg(3000, 2000);
            List<Object> results = reactor.core.publisher.Flux.range(0, 5)
                    .flatMap(i -> small.process(photo).<Object>map(p -> "stored")
                            .onErrorResume(nl.hartslag.ratelimit.RateLimitExceeded.class, e -> Mono.just("busy")))
                    .collectList().block(java.time.Duration.ofSeconds(60));
            assertThat(results).hasSize(5).contains("stored", "busy");
        } finally {
            small.destroy();
        }
    }

    @Test
    void decodingRunsOnThePhotoWorkersNotOnTheCallersThread() {
        String[] thread = new String[1];
        StepVerifier.create(photos.process(TestPhotos.jpegWithGps(64, 48, 1))
                .doOnNext(p -> thread[0] = Thread.currentThread().getName())
                .flatMap(p -> Mono.just(p.width() + "x" + p.height())))
                .expectNext("64x48").verifyComplete();
        assertThat(thread[0]).startsWith("photo-decode");
    }
}
