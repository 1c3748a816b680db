package nl.hartslag.norms.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.Operation;
import java.security.Principal;
import nl.hartslag.category.Category;
import nl.hartslag.category.CategoryCatalog;
import nl.hartslag.domain.NotFound;
import nl.hartslag.norms.DayKind;
import nl.hartslag.norms.HandlingNorm;
import nl.hartslag.norms.HandlingNorms;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/** The handling-time norms per category, read and changed by coordinators. */
@RestController
@RequestMapping("/api/v1/staff/norms")
class NormController {

    private static final Logger log = LoggerFactory.getLogger(NormController.class);

    /** The bounds of the {@code handling_norm} table (V33), checked here so the answer names the field. */
    static final int RESPONSE_MAX = 365;
    static final int RESOLUTION_MAX = 730;

    record NormResponse(String category, String categoryLabel, int responseDays, int resolutionDays, DayKind dayKind,
            String dayKindLabel) {
    }

    record NormRequest(Integer responseDays, Integer resolutionDays, String dayKind) {
    }

    private final HandlingNorms norms;
    private final CategoryCatalog categories;
    private final MessageSource messages;

    NormController(HandlingNorms norms, CategoryCatalog categories, MessageSource messages) {
        this.norms = norms;
        this.categories = categories;
        this.messages = messages;
    }

    @Operation(summary = "Every category with its response and resolution norm, in working or calendar days"
            + " (coordinators)")
    @GetMapping
    Mono<List<NormResponse>> all(ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        return Mono.zip(categories.all(), norms.all()).map(t -> t.getT1().values().stream()
                .map(c -> response(c, t.getT2().getOrDefault(c.code(), HandlingNorm.fallback(c.code())), locale))
                .toList());
    }

    @Operation(summary = "Change a category's norm: responseDays 0–365, resolutionDays 1–730 and not fewer than"
            + " responseDays, dayKind WORKING or CALENDAR (coordinators)")
    @PutMapping("/{category}")
    Mono<NormResponse> change(@PathVariable String category, @RequestBody NormRequest request, Principal principal,
            ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        List<Violation> violations = new ArrayList<>();
        Integer response = request == null ? null : request.responseDays();
        Integer resolution = request == null ? null : request.resolutionDays();
        String kind = request == null || request.dayKind() == null ? null : request.dayKind().strip();
        if (response == null || response < 0 || response > RESPONSE_MAX) {
            violations.add(Violation.of("responseDays", "validation.norms.response-days", RESPONSE_MAX));
        }
        if (resolution == null || resolution < 1 || resolution > RESOLUTION_MAX) {
            violations.add(Violation.of("resolutionDays", "validation.norms.resolution-days", RESOLUTION_MAX));
        } else if (response != null && resolution < response) {
            violations.add(Violation.of("resolutionDays", "validation.norms.resolution-before-response"));
        }
        DayKind dayKind = kind == null ? null
                : java.util.Arrays.stream(DayKind.values()).filter(k -> k.name().equalsIgnoreCase(kind)).findFirst()
                        .orElse(null);
        if (dayKind == null) {
            violations.add(Violation.of("dayKind", "validation.norms.day-kind"));
        }
        return categories.all().flatMap(known -> {
            Category c = known.get(category);
            if (c == null) {
                return Mono.error(NotFound::new);
            }
            if (!violations.isEmpty()) {
                return Mono.error(new InvalidRequestException(violations));
            }
            HandlingNorm norm = new HandlingNorm(c.code(), response, resolution, dayKind);
            // Not personal data, so not in the audit trail (docs/audit.md); the log says who changed what.
            return norms.save(norm).doOnNext(saved -> log.info("Norm of {} set to {} by {}", c.code(), saved,
                    principal.getName())).map(saved -> response(c, saved, locale));
        });
    }

    private NormResponse response(Category c, HandlingNorm n, Locale locale) {
        return new NormResponse(c.code(), c.label(locale), n.responseDays(), n.resolutionDays(), n.dayKind(),
                messages.getMessage("norms.day-kind." + n.dayKind().name().toLowerCase(Locale.ROOT), null,
                        n.dayKind().name(), locale));
    }
}
