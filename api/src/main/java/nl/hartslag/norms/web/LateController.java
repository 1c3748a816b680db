package nl.hartslag.norms.web;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.category.Category;
import nl.hartslag.category.CategoryCatalog;
import nl.hartslag.norms.Deadline;
import nl.hartslag.norms.LateList;
import nl.hartslag.norms.Lateness;
import reactor.core.publisher.Mono;

/** The coordinator's "te laat" list. */
@RestController
@RequestMapping("/api/v1/staff/late")
class LateController {

    /**
     * One late item with labels: {@code late} what is late (RESPONSE, RESOLUTION), {@code since} the
     * deadline that passed first, {@code daysOver} in the norm's own days. No reporter identity.
     */
    record LateResponse(LateList.Kind kind, String kindLabel, String reference, UUID caseId, UUID clusterId,
            String category, String categoryLabel, String street, String neighbourhood, List<Lateness> late,
            String lateLabel, Instant since, int daysOver, Instant respondBy, Instant resolveBy) {
    }

    private final LateList late;
    private final CategoryCatalog categories;
    private final MessageSource messages;

    LateController(LateList late, CategoryCatalog categories, MessageSource messages) {
        this.late = late;
        this.categories = categories;
        this.messages = messages;
    }

    @Operation(summary = "Everything late now: open reports past their response or resolution norm, open work orders"
            + " and mediation cases past their deadline; longest overdue first, only the coordinator's"
            + " neighbourhoods when they are scoped (coordinators)")
    @GetMapping
    Mono<List<LateResponse>> list(Principal principal, ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        return Mono.zip(late.at(Instant.now(), principal.getName()), categories.all())
                .map(t -> t.getT1().stream().map(item -> {
                    Category c = t.getT2().get(item.categoryCode());
                    Deadline d = item.deadline();
                    String what = item.kind() == LateList.Kind.REPORT
                            ? String.join(", ", d.late().stream().map(l -> label(l.labelCode(), locale)).toList())
                            : label("norms.late.case", locale);
                    return new LateResponse(item.kind(), label("norms.kind." + item.kind().name().toLowerCase(Locale.ROOT), locale),
                            item.reference(), item.caseId(), item.clusterId(), item.categoryCode(),
                            c == null ? item.categoryCode() : c.label(locale), item.street(), item.neighbourhood(),
                            d.late(), what, d.lateSince(), d.daysOver(), d.respondBy(), d.resolveBy());
                }).toList());
    }

    private String label(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
