package nl.hartslag.web;

import java.util.Map;

import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.FormHttpMessageReader;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.ServerWebInputException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Form bodies ({@code application/x-www-form-urlencoded}, what Twilio posts) read so that bad input
 * is the client's problem: a broken {@code %}-escape or an unknown charset is a 400, a body over
 * the in-memory limit ({@code spring.http.codecs.max-in-memory-size}, 64 KiB) a 413. Spring's own
 * reader lets {@link IllegalArgumentException} and {@link DataBufferLimitException} escape from
 * {@code exchange.getFormData()}, which every caller then answered with a 500. Registered as a custom
 * codec, it comes before the default one, so every reader of form data uses it.
 */
@Configuration(proxyBeanMethods = false)
class FormReading {

    @Bean
    CodecCustomizer clientErrorFormReader() {
        return configurer -> configurer.customCodecs().registerWithDefaultConfig(new ClientErrorFormReader());
    }

    static final class ClientErrorFormReader extends FormHttpMessageReader {

        @Override
        public Mono<MultiValueMap<String, String>> readMono(ResolvableType elementType, ReactiveHttpInputMessage message,
                Map<String, Object> hints) {
            return Mono.defer(() -> super.readMono(elementType, message, hints)).onErrorMap(FormReading::clientError);
        }

        @Override
        public Flux<MultiValueMap<String, String>> read(ResolvableType elementType, ReactiveHttpInputMessage message,
                Map<String, Object> hints) {
            return Flux.defer(() -> super.read(elementType, message, hints)).onErrorMap(FormReading::clientError);
        }
    }

    private static Throwable clientError(Throwable e) {
        if (e instanceof DataBufferLimitException) {
            return new ContentTooLargeException(e);
        }
        if (e instanceof IllegalArgumentException) {
            return new ServerWebInputException("Malformed form data", null, e);
        }
        return e;
    }
}
