package nl.hartslag.photo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import nl.hartslag.ratelimit.RateLimitExceeded;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Makes photos safe to store (see {@link PhotoRecoder}), off the event loop. Decoding is blocking and
 * memory-hungry, so it runs on a scheduler of its own with {@link PhotoSettings#concurrentDecodes()}
 * threads: a burst of uploads waits its turn instead of decoding dozens of photos at once.
 */
@Service
public class Photos implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Photos.class);
    /** Waiting photos beyond this are refused at once: each holds its upload in memory while it waits. */
    private static final int QUEUE = 64;
    private static final Duration BUSY_RETRY = Duration.ofSeconds(5);

    private final PhotoSettings settings;
    private final PhotoRecoder recoder;
    private final Scheduler decoders;

    @org.springframework.beans.factory.annotation.Autowired
    Photos(PhotoSettings settings) {
        this(settings, QUEUE);
    }

    Photos(PhotoSettings settings, int queue) {
        this.settings = settings;
        this.recoder = new PhotoRecoder(settings);
        this.decoders = Schedulers.newBoundedElastic(settings.concurrentDecodes(), queue, "photo-decode");
    }

    public PhotoSettings settings() {
        return settings;
    }

    /**
     * Processes the files of one request in order; every refusal is reported at once as a violation
     * on {@code field[i]} ({@code photo[1]} is the second file), and more than
     * {@link PhotoSettings#maxPerReport()} files as one on {@code field}.
     */
    public Mono<List<ProcessedPhoto>> processAll(List<byte[]> files, String field) {
        return processAll(files, field, settings.maxPerReport());
    }

    public Mono<List<ProcessedPhoto>> processAll(List<byte[]> files, String field, int max) {
        if (files.size() > max) {
            return Mono.error(new InvalidRequestException(Violation.of(field, "validation.photo.too-many", max)));
        }
        if (files.isEmpty()) {
            return Mono.just(List.of());
        }
        return Flux.range(0, files.size())
                .concatMap(i -> process(files.get(i)).map(PhotoOrRefusal::of)
                        .onErrorResume(PhotoRejected.class,
                                e -> Mono.just(new PhotoOrRefusal(null, Violation.of(field + "[" + i + "]", e.code(),
                                        settings.maxSize().toMegabytes())))))
                .collectList()
                .flatMap(results -> {
                    List<Violation> violations = results.stream().map(PhotoOrRefusal::refusal)
                            .filter(v -> v != null).toList();
                    if (!violations.isEmpty()) {
                        return Mono.error(new InvalidRequestException(violations));
                    }
                    List<ProcessedPhoto> photos = new ArrayList<>();
                    results.forEach(r -> photos.add(r.photo()));
                    return Mono.just(photos);
                });
    }

    /**
     * One photo; fails with {@link PhotoRejected}, or with {@link RateLimitExceeded} (429, try again in a
     * few seconds) when more photos already wait than the queue holds.
     */
    public Mono<ProcessedPhoto> process(byte[] bytes) {
        return Mono.fromCallable(() -> {
            long started = System.nanoTime();
            ProcessedPhoto photo = recoder.process(bytes);
            log.debug("Photo {} -> {} bytes ({}x{}) in {} ms", bytes.length, photo.data().length, photo.width(),
                    photo.height(), (System.nanoTime() - started) / 1_000_000);
            return photo;
        }).subscribeOn(decoders)
                .onErrorMap(RejectedExecutionException.class, e -> new RateLimitExceeded(BUSY_RETRY));
    }

    @Override
    public void destroy() {
        decoders.dispose();
    }

    private record PhotoOrRefusal(ProcessedPhoto photo, Violation refusal) {

        static PhotoOrRefusal of(ProcessedPhoto photo) {
            return new PhotoOrRefusal(photo, null);
        }
    }
}
