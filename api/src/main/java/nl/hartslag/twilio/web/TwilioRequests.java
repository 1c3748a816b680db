package nl.hartslag.twilio.web;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import com.twilio.security.RequestValidator;

import nl.hartslag.domain.NotPermitted;
import reactor.core.publisher.Mono;

/**
 * Checks that a webhook really comes from Twilio: {@code X-Twilio-Signature} over the URL Twilio
 * called and all form parameters (Twilio adds parameters without notice, so all of them count). The
 * URL is rebuilt from {@code hartslag.public-base-url}, because behind a TLS proxy the request we
 * see is not the one Twilio signed. Without an auth token nothing can be verified, so nothing is accepted.
 */
@Component
public class TwilioRequests {

    private static final Logger log = LoggerFactory.getLogger(TwilioRequests.class);
    static final String SIGNATURE = "X-Twilio-Signature";

    private final RequestValidator validator;
    private final String publicBaseUrl;

    TwilioRequests(@Value("${hartslag.twilio.auth-token:}") String authToken,
            @Value("${hartslag.public-base-url}") String publicBaseUrl) {
        this.validator = authToken.isBlank() ? null : new RequestValidator(authToken);
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    /**
     * The form parameters of a genuine Twilio request; a 403 problem otherwise. A form that cannot be
     * read cannot be verified either: a broken {@code %}-escape or unknown charset is a 400, a body
     * over the in-memory limit ({@code spring.http.codecs.max-in-memory-size}, 64 KiB) a 413, and
     * nothing behind this check runs. (Spring's form reader lets both escape as a 500.)
     */
    public Mono<Map<String, String>> verifiedForm(ServerWebExchange exchange) {
        return exchange.getFormData().onErrorMap(TwilioRequests::unreadable).flatMap(form -> {
            Map<String, String> parameters = form.toSingleValueMap();
            String signature = exchange.getRequest().getHeaders().getFirst(SIGNATURE);
            String url = publicBaseUrl + exchange.getRequest().getPath().pathWithinApplication().value()
                    + (exchange.getRequest().getURI().getRawQuery() == null ? ""
                            : "?" + exchange.getRequest().getURI().getRawQuery());
            if (validator == null) {
                log.warn("Refused a Twilio webhook on {}: no hartslag.twilio.auth-token to check it with", url);
                return Mono.error(new NotPermitted("twilio-signature"));
            }
            if (signature == null || !validator.validate(url, parameters, signature)) {
                log.warn("Refused a webhook on {} with a missing or wrong Twilio signature", url);
                return Mono.error(new NotPermitted("twilio-signature"));
            }
            return Mono.just(parameters);
        });
    }

    private static Throwable unreadable(Throwable e) {
        if (e instanceof DataBufferLimitException) {
            return new ContentTooLargeException(e);
        }
        if (e instanceof IllegalArgumentException) {
            return new ServerWebInputException("Malformed form data", null, e);
        }
        return e;
    }
}
