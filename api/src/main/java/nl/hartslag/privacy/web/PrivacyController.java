package nl.hartslag.privacy.web;

import java.util.Locale;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.privacy.PrivacyStatement;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/** The privacy statement for everyone, as the {@code /privacy} page shows it. */
@RestController
class PrivacyController {

    private final PrivacyStatement statement;

    PrivacyController(PrivacyStatement statement) {
        this.statement = statement;
    }

    @Operation(summary = "The privacy statement in B1 Dutch or English (?lang=nl|en, else Accept-Language): what is"
            + " kept, why, how long, who sees it, how to erase it; built from the retention settings in force, with"
            + " the periods as ISO 8601 in `periods`.")
    @GetMapping("/api/v1/privacy")
    Mono<ResponseEntity<PrivacyStatement.Statement>> statement(@RequestParam(required = false) String lang,
            ServerWebExchange exchange) {
        Locale locale;
        if (lang == null) {
            locale = exchange.getLocaleContext().getLocale();
            locale = locale == null ? Locale.forLanguageTag("nl") : locale;
        } else if ("nl".equals(lang) || "en".equals(lang)) {
            locale = Locale.forLanguageTag(lang);
        } else {
            return Mono.error(new InvalidRequestException(Violation.of("lang", "validation.privacy.lang")));
        }
        return Mono.just(ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(statement.in(locale)));
    }
}
