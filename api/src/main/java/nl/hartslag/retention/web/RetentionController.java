package nl.hartslag.retention.web;

import java.time.Clock;
import java.time.Period;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.retention.Retention;
import nl.hartslag.retention.RetentionSettings;
import reactor.core.publisher.Mono;

/** Retention for coordinators: what is due now, and running the job now. Counts only, never what. */
@RestController
@RequestMapping("/api/v1/staff/retention")
class RetentionController {

    private final Retention retention;
    private final Clock clock = Clock.systemUTC();

    RetentionController(Retention retention) {
        this.retention = retention;
    }

    /** The periods in force (ISO 8601, e.g. P12M) and how many records each rule would change now. */
    record RetentionView(Periods periods, Retention.Counts due) {
    }

    record Periods(Period reporterContact, Period mediationParties, Period reportTexts, Period auditEntries) {

        static Periods of(RetentionSettings s) {
            return new Periods(s.reporterContact(), s.mediationParties(), s.reportTexts(), s.auditEntries());
        }
    }

    @Operation(summary = "What retention would change if it ran now, per kind of data (counts only), and the"
            + " retention periods in force. Coordinators only.")
    @GetMapping
    Mono<ResponseEntity<RetentionView>> due() {
        return retention.due(clock.instant()).map(due -> ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new RetentionView(Periods.of(retention.settings()), due)));
    }

    @Operation(summary = "Runs retention now (as the daily job does) and answers what it changed: reporters' contact"
            + " data erased, mediations whose parties and notes were erased, report texts pseudonymised, audit"
            + " entries removed. Idempotent: a second run changes nothing. Coordinators only.")
    @PostMapping("/run")
    Mono<ResponseEntity<Retention.Counts>> run() {
        return retention.run(clock.instant()).map(counts -> ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(counts));
    }
}
