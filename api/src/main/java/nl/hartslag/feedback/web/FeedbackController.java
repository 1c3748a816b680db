package nl.hartslag.feedback.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import nl.hartslag.domain.NotFound;
import nl.hartslag.feedback.Satisfaction;
import nl.hartslag.report.Feedback;
import nl.hartslag.report.Reference;
import nl.hartslag.report.ReportService;
import nl.hartslag.report.ReportStatus;
import nl.hartslag.web.Input;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/**
 * "Bent u tevreden?" on the resident's status page (with the report's tracking token; a wrong or
 * missing token looks exactly like an unknown report), and the answers for coordinators.
 */
@RestController
class FeedbackController {

    private static final ZoneId LOCAL = ZoneId.of("Europe/Amsterdam");
    private static final int LIST_MAX = 500;

    record FeedbackRequest(@Schema(description = "true: satisfied; false: not satisfied",
            requiredMode = Schema.RequiredMode.REQUIRED) Boolean satisfied,
            @Schema(description = "Optional, at most 500 characters", example = "Het duurde drie weken") String reason) {
    }

    /** The answer as the resident sees it back: the day only (no time of day leaves through a token link). */
    record ResidentFeedback(boolean satisfied, String reason, LocalDate answeredOn) {
    }

    record FeedbackResponse(@Schema(description = "THANKS, FLAGGED (the coordinator reads it) or REOPENED"
            + " (back to 'in behandeling')") Satisfaction.Outcome outcome, ReportStatus status,
            ResidentFeedback feedback) {
    }

    record QuestionResponse(@Schema(description = "Whether the page should ask the question now") boolean askable,
            ResidentFeedback feedback) {
    }

    /** An answer as coordinators see it. */
    record StaffFeedback(boolean satisfied, String reason, String channel, Instant answeredAt) {

        static StaffFeedback of(Feedback f) {
            return new StaffFeedback(f.satisfied(), f.reason(), f.via().code(), f.answeredAt());
        }
    }

    record AnsweredResponse(String reference, String category, ReportStatus status, StaffFeedback feedback) {
    }

    record CountsResponse(String category, long asked, long satisfied, long dissatisfied) {
    }

    private final ReportService reports;
    private final Satisfaction satisfaction;

    FeedbackController(ReportService reports, Satisfaction satisfaction) {
        this.reports = reports;
        this.satisfaction = satisfaction;
    }

    @Operation(summary = "The resident answers 'Bent u tevreden?' about their solved or closed report (with the"
            + " tracking token)", description = "409 before the report is solved or closed (feedback-not-yet) and"
                    + " for a second answer (feedback-given: the first answer stays). 'Not satisfied' on a solved"
                    + " report within the 'niet opgelost' window also reopens it.")
    @PostMapping("/api/v1/reports/{reference}/feedback")
    Mono<FeedbackResponse> answer(@PathVariable String reference,
            @RequestParam(name = "token", required = false) String token, @RequestBody FeedbackRequest request) {
        List<Violation> violations = new ArrayList<>();
        if (request.satisfied() == null) {
            violations.add(Violation.of("satisfied", "validation.feedback.satisfied"));
        }
        String reason = Input.trimmed(request.reason());
        if (reason != null && reason.length() > Feedback.REASON_MAX) {
            violations.add(Violation.of("reason", "validation.feedback.reason", Feedback.REASON_MAX));
        }
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        }
        return resident(reference, token)
                .flatMap(ref -> satisfaction.answer(ref, request.satisfied(), reason, Feedback.Via.WEB)
                        .flatMap(outcome -> Mono.zip(reports.facts(ref), reports.feedback(ref))
                                .map(t -> new FeedbackResponse(outcome, t.getT1().status(), resident(t.getT2())))));
    }

    @Operation(summary = "Whether the status page asks 'Bent u tevreden?' now, and the answer once given (with the"
            + " tracking token)")
    @GetMapping("/api/v1/reports/{reference}/feedback")
    Mono<QuestionResponse> question(@PathVariable String reference,
            @RequestParam(name = "token", required = false) String token) {
        return resident(reference, token)
                .flatMap(ref -> Mono.zip(reports.feedbackAskable(ref),
                        reports.feedback(ref).map(Optional::of).defaultIfEmpty(Optional.empty()))
                        .map(t -> new QuestionResponse(t.getT1(), t.getT2().map(FeedbackController::resident)
                                .orElse(null))));
    }

    @Operation(summary = "Residents' answers to 'Bent u tevreden?', newest first; ?satisfied=false: the dissatisfied"
            + " ones, the coordinator's to follow up (coordinators)")
    @GetMapping("/api/v1/staff/reports/feedback")
    Mono<List<AnsweredResponse>> answers(@RequestParam(name = "satisfied", required = false) String satisfied,
            @RequestParam(name = "limit", required = false) String limit) {
        Optional<Boolean> filter;
        if (satisfied == null || satisfied.isBlank()) {
            filter = Optional.empty();
        } else if (satisfied.equalsIgnoreCase("true") || satisfied.equalsIgnoreCase("false")) {
            filter = Optional.of(Boolean.parseBoolean(satisfied));
        } else {
            return Mono.error(new InvalidRequestException(Violation.of("satisfied", "validation.feedback.satisfied")));
        }
        int max;
        try {
            max = limit == null || limit.isBlank() ? 100 : Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            max = -1;
        }
        if (max < 1 || max > LIST_MAX) {
            return Mono.error(new InvalidRequestException(Violation.of("limit", "validation.feedback.limit", 1, LIST_MAX)));
        }
        return reports.answers(filter, max)
                .map(a -> new AnsweredResponse(a.reference().value(), a.categoryCode(), a.status(),
                        StaffFeedback.of(a.feedback())))
                .collectList();
    }

    @Operation(summary = "Answers to 'Bent u tevreden?' per category: asked by text, satisfied, not satisfied"
            + " (coordinators; for the figures)")
    @GetMapping("/api/v1/staff/reports/feedback/counts")
    Mono<List<CountsResponse>> counts() {
        return reports.feedbackCounts()
                .map(c -> new CountsResponse(c.categoryCode(), c.asked(), c.satisfied(), c.dissatisfied()))
                .collectList();
    }

    /** The reference, if the token is this report's; NotFound alike for an unknown report and a wrong token. */
    private Mono<Reference> resident(String reference, String token) {
        if (token == null || token.isBlank()) {
            return Mono.error(new NotFound());
        }
        return Mono.justOrEmpty(Reference.parse(reference))
                .flatMap(ref -> reports.findForResident(ref, token))
                .map(view -> view.reference())
                .switchIfEmpty(Mono.error(NotFound::new));
    }

    private static ResidentFeedback resident(Feedback f) {
        return new ResidentFeedback(f.satisfied(), f.reason(), day(f.answeredAt()));
    }

    private static LocalDate day(Instant at) {
        return at.atZone(LOCAL).toLocalDate();
    }
}
