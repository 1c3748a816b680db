package nl.hartslag.feedback;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import nl.hartslag.domain.NotFound;
import nl.hartslag.report.Feedback;
import nl.hartslag.report.Reference;
import nl.hartslag.report.ReportService;
import nl.hartslag.report.ReportStatus;
import nl.hartslag.workorder.WorkOrders;
import reactor.core.publisher.Mono;

/**
 * A reporter answers "Bent u tevreden?". The answer is stored by {@link ReportService} (the one
 * writer of reports and their answers); a "nee" on a report that is still "opgelost" also does
 * what "niet opgelost" does ({@link WorkOrders#reopenByResident}: back to "in behandeling" and the
 * work order open again, only within the window), in the same transaction. A "nee" that cannot
 * reopen (closed, or too late) is a flag: it heads the coordinator's list of dissatisfied reports.
 */
@Service
public class Satisfaction {

    /** What became of an answer. */
    public enum Outcome {
        /** Stored: satisfied. */
        THANKS,
        /** Stored: not satisfied; the coordinator sees it. */
        FLAGGED,
        /** Stored: not satisfied, and the report is back in progress. */
        REOPENED
    }

    /** What a text's "TEVREDEN" / "NIET TEVREDEN" came to. */
    public sealed interface TextAnswer {
        /** Stored for this report. */
        record Stored(Reference reference, Outcome outcome) implements TextAnswer {
        }

        /** This report was answered before. */
        record AlreadyAnswered(Reference reference) implements TextAnswer {
        }

        /** The report is not solved or closed (any more): nothing to answer about now. */
        record NotYet(Reference reference) implements TextAnswer {
        }

        /** The named report is not one this number made. */
        record Unknown(Reference reference) implements TextAnswer {
        }

        /** The number has no report that asked (then the text is probably a report of its own). */
        record NotAsked() implements TextAnswer {
        }
    }

    private final ReportService reports;
    private final WorkOrders workOrders;
    private final TransactionalOperator tx;

    Satisfaction(ReportService reports, WorkOrders workOrders, TransactionalOperator tx) {
        this.reports = reports;
        this.workOrders = workOrders;
        this.tx = tx;
    }

    /**
     * Stores the answer about {@code reference}; refused (see {@link ReportService#recordFeedback})
     * before it is solved or when it was answered before.
     */
    public Mono<Outcome> answer(Reference reference, boolean satisfied, String reason, Feedback.Via via) {
        String actor = "resident:" + via.code();
        return reports.facts(reference)
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(before -> reports.recordFeedback(reference, satisfied, shorten(reason), via)
                        .flatMap(stored -> {
                            if (satisfied) {
                                return Mono.just(Outcome.THANKS);
                            }
                            if (before.status() != ReportStatus.RESOLVED) {
                                return Mono.just(Outcome.FLAGGED);
                            }
                            return workOrders.reopenByResident(reference, actor)
                                    .map(r -> r == WorkOrders.Reopen.REOPENED ? Outcome.REOPENED : Outcome.FLAGGED);
                        }))
                .as(tx::transactional);
    }

    /**
     * A text's answer from {@code phoneE164}: about the report it names, if that number made it, or
     * else about the number's most recent report that asked the question by text.
     */
    public Mono<TextAnswer> answerByText(String phoneE164, Optional<Reference> named, boolean satisfied,
            String reason) {
        if (named.isPresent()) {
            Reference ref = named.get();
            return reports.ofReporter(phoneE164, ref)
                    .flatMap(r -> reports.feedback(r.reference()).hasElement()
                            .map(answered -> new ReportService.AskedReport(r.reference(), r.status(), answered)))
                    .flatMap(asked -> answerAsked(asked, satisfied, reason))
                    .defaultIfEmpty(new TextAnswer.Unknown(ref));
        }
        return reports.latestAsked(phoneE164).flatMap(asked -> answerAsked(asked, satisfied, reason))
                .defaultIfEmpty(new TextAnswer.NotAsked());
    }

    private Mono<TextAnswer> answerAsked(ReportService.AskedReport asked, boolean satisfied, String reason) {
        return Mono.defer(() -> {
            if (asked.answered()) {
                return Mono.<TextAnswer>just(new TextAnswer.AlreadyAnswered(asked.reference()));
            }
            if (!Feedback.askable(asked.status())) {
                return Mono.<TextAnswer>just(new TextAnswer.NotYet(asked.reference()));
            }
            return answer(asked.reference(), satisfied, reason, Feedback.Via.SMS)
                    .map(outcome -> (TextAnswer) new TextAnswer.Stored(asked.reference(), outcome));
        });
    }

    /** A text may run to 1600 characters; the stored reason keeps the first 500. */
    private static String shorten(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String r = reason.strip();
        return r.length() <= Feedback.REASON_MAX ? r : r.substring(0, Feedback.REASON_MAX);
    }
}
