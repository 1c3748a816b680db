package nl.hartslag.notification.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.domain.NotFound;
import nl.hartslag.domain.Refused;
import nl.hartslag.notification.NotificationStatus;
import nl.hartslag.notification.Notifications.RetryResult;
import nl.hartslag.notification.Notifications;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Coordinators' view of notifications that did not arrive (FAILED, DEAD, UNDELIVERED by default),
 * with every attempt, and a retry. Recipients are masked: the reporter's details stay with the report.
 */
@RestController
@RequestMapping("/api/v1/staff/notifications")
class StaffNotificationController {

    private final Notifications notifications;

    StaffNotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @Operation(summary = "Notifications by status, newest first; by default those that need attention (coordinators)")
    @GetMapping
    Flux<Notifications.Summary> list(@RequestParam(name = "status", required = false) List<String> status,
            @RequestParam(name = "reference", required = false) String reference,
            @RequestParam(name = "limit", defaultValue = "100") int limit) {
        List<Violation> violations = new ArrayList<>();
        Set<NotificationStatus> statuses = EnumSet.noneOf(NotificationStatus.class);
        for (String s : status == null ? List.<String>of() : status) {
            for (String part : s.split(",")) {
                try {
                    statuses.add(NotificationStatus.valueOf(part.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    violations.add(Violation.of("status", "validation.notification.status"));
                }
            }
        }
        if (reference != null && !reference.matches("^HS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$")) {
            violations.add(Violation.of("reference", "validation.notification.reference"));
        }
        if (limit < 1 || limit > 500) {
            violations.add(Violation.of("limit", "validation.range", 1, 500));
        }
        if (!violations.isEmpty()) {
            return Flux.error(new InvalidRequestException(violations));
        }
        return notifications.list(statuses, Optional.ofNullable(reference), limit);
    }

    @Operation(summary = "One notification with all its attempts (coordinators)")
    @GetMapping("/{id}")
    Mono<Notifications.Detail> detail(@PathVariable("id") String id) {
        return parse(id).flatMap(notifications::find)
                .switchIfEmpty(Mono.error(() -> new NotFound("notification-not-found")));
    }

    @Operation(summary = "Send a FAILED, DEAD or UNDELIVERED notification again (coordinators)")
    @PostMapping("/{id}/retry")
    Mono<Notifications.Summary> retry(@PathVariable("id") String id, Principal principal) {
        return parse(id).flatMap(uuid -> notifications.retry(uuid, "staff:" + principal.getName()))
                .flatMap(StaffNotificationController::answer);
    }

    private static Mono<Notifications.Summary> answer(RetryResult result) {
        if (result instanceof RetryResult.Retried r) {
            return Mono.just(r.notification());
        }
        if (result instanceof RetryResult.NotRetryable n) {
            return Mono.error(new Refused("notification-not-retryable", n.status().name()));
        }
        return Mono.error(new NotFound("notification-not-found"));
    }

    private static Mono<UUID> parse(String id) {
        try {
            return Mono.just(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Mono.error(new InvalidRequestException(Violation.of("id", "validation.notification.id")));
        }
    }
}
