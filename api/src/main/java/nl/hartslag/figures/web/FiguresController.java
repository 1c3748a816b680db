package nl.hartslag.figures.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import nl.hartslag.figures.Csv;
import nl.hartslag.figures.FigureReport;
import nl.hartslag.figures.FigureRequest;
import nl.hartslag.figures.FigureTable;
import nl.hartslag.figures.Figures;
import nl.hartslag.figures.GroupBy;
import nl.hartslag.figures.UnknownNeighbourhood;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/**
 * The figures per period and neighbourhood (docs/monitoring-figures.md): JSON by default, CSV with
 * {@code Accept: text/csv} (or {@code format=csv} for a plain download link), one table with
 * {@code table=NAME} or all of them. Coordinators and partners: every cell is suppressed before it
 * leaves, so the figures can be shared.
 */
@RestController
@RequestMapping("/api/v1/staff/figures")
class FiguresController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final Figures figures;

    FiguresController(Figures figures) {
        this.figures = figures;
    }

    @Operation(summary = "Figures per period and neighbourhood (coordinators, partners)", description = """
            Named tables (`{name, columns, rows}`) per period bucket: reports by category and channel, households,
            reports per 1,000 residents with the trend and the municipality, mediation, work orders, escalations,
            outreach, notifications, response times against the norms, late work, satisfaction and coverage.
            Default period: the last full quarter; default groupBy: month. Small cells of sensitive categories
            are `"<5"`, cells hidden to protect them `"x"` (docs/monitoring-figures.md). `Accept: text/csv` (or `format=csv`)
            gives CSV: one table with `table=NAME`, else all tables with a leading `table` column. A coordinator
            limited to some neighbourhoods gets only those (another neighbourhood: 403).""")
    @ApiResponse(responseCode = "200", description = "The figures", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = FigureReport.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string")) })
    @GetMapping(produces = { MediaType.APPLICATION_JSON_VALUE, "text/csv" })
    Mono<ResponseEntity<Object>> figures(
            @Parameter(description = "First day, YYYY-MM-DD (default: the first day of the last full quarter)")
            @RequestParam(name = "from", required = false) String from,
            @Parameter(description = "Last day, inclusive, YYYY-MM-DD (default: the last day of the last full quarter)")
            @RequestParam(name = "to", required = false) String to,
            @Parameter(description = "One neighbourhood by name; default all (or all of yours)")
            @RequestParam(name = "neighbourhood", required = false) String neighbourhood,
            @Parameter(description = "week, month (default), quarter or year")
            @RequestParam(name = "groupBy", required = false) String groupBy,
            @Parameter(description = "CSV only: one table by name")
            @RequestParam(name = "table", required = false) String table,
            @Parameter(description = "csv or json: instead of the Accept header (for download links)")
            @RequestParam(name = "format", required = false) String format,
            Authentication user, ServerWebExchange exchange) {
        List<Violation> violations = new ArrayList<>();
        LocalDate[] quarter = figures.lastFullQuarter();
        LocalDate fromDay = day("from", from, violations);
        LocalDate toDay = day("to", to, violations);
        if (fromDay == null && toDay == null && (blank(from) && blank(to))) {
            fromDay = quarter[0];
            toDay = quarter[1];
        } else if (blank(to) && fromDay != null) {
            toDay = figures.today().isBefore(fromDay) ? fromDay : figures.today();
        } else if (blank(from) && toDay != null) {
            fromDay = toDay.withDayOfMonth(1).withMonth((toDay.getMonthValue() - 1) / 3 * 3 + 1);
        }
        Optional<GroupBy> grouping = blank(groupBy) ? Optional.of(GroupBy.MONTH) : GroupBy.parse(groupBy.strip());
        if (grouping.isEmpty()) {
            violations.add(Violation.of("groupBy", "validation.figures.group-by"));
        }
        if (fromDay != null && toDay != null) {
            if (fromDay.isAfter(toDay)) {
                violations.add(Violation.of("to", "validation.figures.before-from"));
            } else if (ChronoUnit.DAYS.between(fromDay, toDay) + 1 > figures.settings().maxDays()) {
                violations.add(Violation.of("to", "validation.figures.too-long",
                        String.valueOf(figures.settings().maxDays())));
            }
        }
        boolean csv = csv(format, exchange, violations);
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        }
        String place = blank(neighbourhood) ? null : neighbourhood.strip();
        FigureRequest request = new FigureRequest(fromDay, toDay, grouping.get(), place);
        return figures.figures(request, user.getName())
                .onErrorMap(UnknownNeighbourhood.class,
                        e -> new InvalidRequestException(Violation.of("neighbourhood", "validation.figures.neighbourhood")))
                .flatMap(report -> csv ? csv(report, table, request) : json(report, table));
    }

    private static Mono<ResponseEntity<Object>> json(FigureReport report, String table) {
        if (!blank(table) && report.table(table.strip()).isEmpty()) {
            return Mono.error(unknownTable(report));
        }
        return Mono.just(ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report));
    }

    private static Mono<ResponseEntity<Object>> csv(FigureReport report, String table, FigureRequest request) {
        String body;
        String name = "figures-" + request.from() + "-" + request.to();
        if (blank(table)) {
            body = Csv.of(report.tables());
        } else {
            Optional<FigureTable> one = report.table(table.strip());
            if (one.isEmpty()) {
                return Mono.error(unknownTable(report));
            }
            body = Csv.of(one.get());
            name += "-" + one.get().name();
        }
        return Mono.just(ResponseEntity.ok().contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name + ".csv").build()
                        .toString())
                .body(body));
    }

    private static InvalidRequestException unknownTable(FigureReport report) {
        return new InvalidRequestException(Violation.of("table", "validation.figures.table",
                String.join(", ", report.tables().stream().map(FigureTable::name).toList())));
    }

    /** CSV when format=csv, or when the client accepts text/csv before (or instead of) JSON. */
    private static boolean csv(String format, ServerWebExchange exchange, List<Violation> violations) {
        if (!blank(format)) {
            String f = format.strip();
            if (f.equalsIgnoreCase("csv")) {
                return true;
            }
            if (!f.equalsIgnoreCase("json")) {
                violations.add(Violation.of("format", "validation.figures.format"));
            }
            return false;
        }
        List<MediaType> accepted = new ArrayList<>(exchange.getRequest().getHeaders().getAccept());
        accepted.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : accepted) {
            if (type.isCompatibleWith(TEXT_CSV) && !type.isWildcardType()) {
                return true;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return false;
            }
        }
        return false;
    }

    private static LocalDate day(String field, String value, List<Violation> violations) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            violations.add(Violation.of(field, "validation.figures.date"));
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
