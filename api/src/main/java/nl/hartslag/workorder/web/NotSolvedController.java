package nl.hartslag.workorder.web;

import java.util.Map;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.domain.NotFound;
import nl.hartslag.domain.Refused;
import nl.hartslag.workorder.WorkOrders;
import nl.hartslag.report.Reference;
import nl.hartslag.report.ReportService;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/**
 * The resident's "het is niet opgelost" on their status page: with the report's tracking token,
 * within the window after "opgelost", the report goes back to "in behandeling" and its work order
 * opens again. A wrong token looks exactly like an unknown report.
 */
@RestController
class NotSolvedController {

    record NotSolvedRequest(String token) {
    }

    private final ReportService reports;
    private final WorkOrders workOrders;

    NotSolvedController(ReportService reports, WorkOrders workOrders) {
        this.reports = reports;
        this.workOrders = workOrders;
    }

    @Operation(summary = "The resident says their solved report is not solved (with the tracking token), within 14 days")
    @PostMapping("/api/v1/reports/{reference}/not-solved")
    Mono<Map<String, String>> notSolved(@PathVariable String reference, @RequestBody NotSolvedRequest request) {
        if (request.token() == null || request.token().isBlank()) {
            return Mono.error(new InvalidRequestException(Violation.of("token", "validation.token.required")));
        }
        return Mono.justOrEmpty(Reference.parse(reference))
                .flatMap(ref -> reports.findForResident(ref, request.token()))
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(view -> workOrders.reopenByResident(view.reference(), "resident:web"))
                .flatMap(result -> switch (result) {
                    case REOPENED -> Mono.just(Map.of("status", "IN_PROGRESS"));
                    case NOT_RESOLVED -> Mono.error(new Refused("report-not-resolved"));
                    case TOO_LATE -> Mono.error(new Refused("reopen-too-late"));
                    case NOT_FOUND -> Mono.error(new NotFound());
                });
    }
}
