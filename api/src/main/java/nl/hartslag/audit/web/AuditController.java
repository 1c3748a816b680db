package nl.hartslag.audit.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import nl.hartslag.audit.AuditLog;
import nl.hartslag.audit.AuditTrail;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The audit trail for coordinators, per report, case or person, as JSON or as a CSV download. */
@RestController
@RequestMapping("/api/v1/staff/audit")
class AuditController {

    static final int MAX_LIMIT = 500;
    private static final int DEFAULT_LIMIT = 100;
    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final Pattern REFERENCE = Pattern.compile("HS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,200}@[^@\\s]{1,200}");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final List<String> HEADER = List.of("at", "actor", "role", "subject_type", "subject_id", "fields",
            "purpose");

    private final AuditLog log;
    private final AuditTrail trail;

    AuditController(AuditLog log, AuditTrail trail) {
        this.log = log;
        this.trail = trail;
    }

    @Operation(summary = "Who looked at whose personal data: entries about one report (?reference=HS-…), one case"
            + " (?case=<uuid>) or one person (?person=<phone or e-mail>), newest first; exactly one of the three."
            + " limit (1–500, default 100) and offset page through them. Accept: text/csv downloads them as CSV"
            + " (RFC 4180). This look is recorded too (purpose 'audit'). Coordinators only.")
    @ApiResponse(responseCode = "200", description = "The entries", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    array = @ArraySchema(schema = @Schema(implementation = AuditLog.Line.class))),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string")) })
    @GetMapping(produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv", MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    Mono<ResponseEntity<Object>> entries(@RequestParam(required = false) String reference,
            @RequestParam(name = "case", required = false) String caseId,
            @RequestParam(required = false) String person, @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset, Principal principal, ServerWebExchange exchange) {
        List<Violation> violations = new ArrayList<>();
        int given = (reference != null ? 1 : 0) + (caseId != null ? 1 : 0) + (person != null ? 1 : 0);
        if (given != 1) {
            violations.add(Violation.of("reference", "validation.audit.one-subject"));
        }
        int max = number(limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        if (max < 0) {
            violations.add(Violation.of("limit", "validation.range", 1, MAX_LIMIT));
        }
        int skip = number(offset, 0, Integer.MAX_VALUE, 0);
        if (skip < 0) {
            violations.add(Violation.of("offset", "validation.range", 0, Integer.MAX_VALUE));
        }
        String subjectType;
        String subjectId;
        Flux<AuditLog.Line> lines;
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        } else if (reference != null) {
            String ref = reference.strip().toUpperCase(Locale.ROOT);
            if (!REFERENCE.matcher(ref).matches()) {
                return Mono.error(new InvalidRequestException(Violation.of("reference", "validation.audit.reference")));
            }
            subjectType = "report";
            subjectId = ref;
            lines = log.ofReport(ref, max, skip);
        } else if (caseId != null) {
            UUID id = uuid(caseId);
            if (id == null) {
                return Mono.error(new InvalidRequestException(Violation.of("case", "validation.audit.case")));
            }
            subjectType = "case";
            subjectId = id.toString();
            lines = log.ofCase(id, max, skip);
        } else {
            String value = person.strip();
            Optional<String> phone = EMAIL.matcher(value).matches() ? Optional.empty() : e164(value);
            String email = EMAIL.matcher(value).matches() ? value.toLowerCase(Locale.ROOT) : "";
            if (phone.isEmpty() && email.isEmpty()) {
                return Mono.error(new InvalidRequestException(Violation.of("person", "validation.audit.person")));
            }
            subjectType = "person";
            // The trail names the person by the keyed hash of what was searched for, never the value.
            subjectId = log.personSubject(phone.orElse(""), email);
            lines = log.ofPerson(phone.orElse(""), email, max, skip);
        }
        boolean csv = wantsCsv(exchange);
        // Read first, then record the look, then answer: no entry written, no entries shown.
        return lines.collectList()
                .flatMap(found -> trail.record(principal, subjectType, subjectId, List.of("audit_entry"), "audit")
                        .thenReturn(found))
                .map(found -> csv ? csv(found, subjectType, subjectId) : ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
                        .body((Object) found));
    }

    private static ResponseEntity<Object> csv(List<AuditLog.Line> found, String subjectType, String subjectId) {
        StringBuilder body = new StringBuilder(Csv.line(HEADER));
        for (AuditLog.Line line : found) {
            body.append(Csv.line(List.of(line.at().toString(), line.actor(), line.role(), line.subjectType(),
                    line.subjectId(), String.join(";", line.fields()), line.purpose())));
        }
        String name = "audit-" + subjectType + "-" + subjectId.replaceAll("[^A-Za-z0-9-]", "_") + ".csv";
        return ResponseEntity.ok().contentType(CSV).cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body((Object) body.toString());
    }

    private static boolean wantsCsv(ServerWebExchange exchange) {
        // The first of text/csv and application/json the client names wins; JSON when it names neither.
        for (MediaType type : exchange.getRequest().getHeaders().getAccept()) {
            if ("csv".equals(type.getSubtype())) {
                return true;
            }
            if (MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
                return false;
            }
        }
        return false;
    }

    private static Optional<String> e164(String value) {
        try {
            var number = PHONES.parse(value, "NL");
            return PHONES.isValidNumber(number)
                    ? Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The number if it is one within [min, max], {@code absent} when not given, else -1. */
    private static int number(String value, int min, int max, int absent) {
        if (value == null) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value.strip());
            return n < min || n > max ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
