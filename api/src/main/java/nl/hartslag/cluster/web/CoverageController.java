package nl.hartslag.cluster.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.cluster.ProblemPlaces;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/**
 * Coverage figures for coordinators: per channel, how many reports the engine read without a kind
 * word, without any place, without a place in the words, or with a typed address it could not
 * parse. The early warning that the vocabulary or the place list misses something.
 */
@RestController
@RequestMapping("/api/v1/staff/figures")
class CoverageController {

    private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    private static final ZoneId LOCAL = ZoneId.of("Europe/Amsterdam");

    record CoverageResponse(Instant since, List<ProblemPlaces.ChannelCoverage> channels) {
    }

    private final ProblemPlaces problemPlaces;
    private final Clock clock = Clock.systemUTC();

    CoverageController(ProblemPlaces problemPlaces) {
        this.problemPlaces = problemPlaces;
    }

    @Operation(summary = "Coverage per channel (coordinators)", description = "Reports received since `since`"
            + " (a day, 2026-11-01, or an instant with offset; default the last 30 days) per channel: how many the"
            + " engine read, and how many of those had no kind word, no place at all, no place in their words, or a"
            + " typed address it could not parse, with shares (0..1). Reports not read yet and \"me too\"s are"
            + " counted in `reports` only.")
    @GetMapping("/coverage")
    Mono<CoverageResponse> coverage(@RequestParam(name = "since", required = false) String since) {
        Instant from = since == null || since.isBlank() ? clock.instant().minus(DEFAULT_PERIOD) : parse(since.strip());
        return problemPlaces.coverage(from).map(channels -> new CoverageResponse(from, channels));
    }

    private static Instant parse(String since) {
        try {
            return since.length() == 10 ? LocalDate.parse(since).atStartOfDay(LOCAL).toInstant()
                    : OffsetDateTime.parse(since).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(Violation.of("since", "validation.figures.since"));
        }
    }
}
