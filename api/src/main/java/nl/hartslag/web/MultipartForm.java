package nl.hartslag.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code multipart/form-data} request read into memory with limits: a JSON part (as the JSON
 * body of the same endpoint would be) and file parts. Every limit becomes a 400 naming the field
 * ({@code photo}, or {@code photo[1]} for the second file), never a 5xx: the part reader's own
 * limits ({@code spring.webflux.multipart.*}) are the backstop for bodies that are far too large.
 */
public final class MultipartForm {

    /** A JSON part larger than this is refused (a report's JSON is a few kilobytes). */
    private static final int JSON_MAX = 64 * 1024;

    private final MultiValueMap<String, Part> parts;

    private MultipartForm(MultiValueMap<String, Part> parts) {
        this.parts = parts;
    }

    /** The parts of the request; too many parts or a part too large for the reader is a 400 on {@code fileField}. */
    public static Mono<MultipartForm> read(ServerWebExchange exchange, String fileField, long fileMaxBytes) {
        return exchange.getMultipartData().map(MultipartForm::new)
                .onErrorMap(DataBufferLimitException.class, e -> new InvalidRequestException(
                        Violation.of(fileField, "validation.photo.too-large", fileMaxBytes / (1024 * 1024))))
                .onErrorMap(e -> e instanceof DecodingException && String.valueOf(e.getMessage()).contains("parts"),
                        e -> new InvalidRequestException(Violation.of(fileField, "validation.photo.too-many-parts")))
                // Anything else the reader cannot parse (no boundary, a cut-off body) is the client's
                // malformed body, answered like malformed JSON.
                .onErrorMap(DecodingException.class,
                        e -> new ServerWebInputException("malformed multipart body", null, e));
    }

    /**
     * The JSON part {@code name} as {@code type}, read by the same mapper as JSON bodies: a wrong value
     * names its field as it would in a JSON body; no such part is a 400 on {@code name}. The part's
     * content type is not insisted on (a browser's FormData sends a plain string without one).
     */
    public <T> Mono<T> json(String name, Class<T> type, JsonMapper mapper) {
        Part part = parts.getFirst(name);
        if (part == null) {
            return Mono.error(new InvalidRequestException(Violation.of(name, "validation.multipart.part-required")));
        }
        Mono<byte[]> bytes = part instanceof FormFieldPart field
                ? Mono.just(field.value().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                : bytes(part.content(), JSON_MAX);
        return bytes.onErrorMap(DataBufferLimitException.class,
                e -> new InvalidRequestException(Violation.of(name, "validation.multipart.part-too-large")))
                .map(b -> {
                    try {
                        return mapper.readValue(b, type);
                    } catch (DatabindException e) {
                        throw new ServerWebInputException("invalid " + name + " part", null, e);
                    } catch (JacksonException e) {
                        throw new ServerWebInputException("malformed " + name + " part", null,
                                new DecodingException("malformed JSON", e));
                    }
                });
    }

    /** The files of parts named {@code name}, in order; one above {@code maxBytes} is a 400 on {@code name[i]}. */
    public Mono<List<byte[]>> files(String name, long maxBytes, int maxFiles) {
        List<Part> files = Optional.ofNullable(parts.get(name)).orElse(List.of());
        if (files.size() > maxFiles) {
            return Mono.error(new InvalidRequestException(Violation.of(name, "validation.photo.too-many", maxFiles)));
        }
        List<Violation> tooLarge = new ArrayList<>();
        return Flux.range(0, files.size())
                .concatMap(i -> bytes(files.get(i).content(), maxBytes)
                        .onErrorResume(DataBufferLimitException.class, e -> {
                            tooLarge.add(Violation.of(name + "[" + i + "]", "validation.photo.too-large",
                                    maxBytes / (1024 * 1024)));
                            return Mono.just(new byte[0]);
                        }))
                .collectList()
                .flatMap(all -> tooLarge.isEmpty() ? Mono.just(all)
                        : Mono.error(new InvalidRequestException(tooLarge)));
    }

    private static Mono<byte[]> bytes(Flux<DataBuffer> content, long max) {
        return DataBufferUtils.join(content, (int) Math.min(Integer.MAX_VALUE, max)).map(buffer -> {
            try {
                byte[] b = new byte[buffer.readableByteCount()];
                buffer.read(b);
                return b;
            } finally {
                DataBufferUtils.release(buffer);
            }
        }).defaultIfEmpty(new byte[0]);
    }
}
