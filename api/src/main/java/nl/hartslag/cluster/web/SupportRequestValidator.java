package nl.hartslag.cluster.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;


import nl.hartslag.report.ContactDetails;
import nl.hartslag.report.NewReport;
import nl.hartslag.web.Idempotency;
import nl.hartslag.web.Input;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;

/**
 * The rules for a "me too", the same as for a report where they overlap (contact details,
 * language, Idempotency-Key), all checked at once.
 */
@Component
class SupportRequestValidator {

    static final int DESCRIPTION_MIN = 3;
    static final int DESCRIPTION_MAX = 1000;

    /** A valid "me too". */
    record Support(Optional<String> description, Optional<NewReport.Contact> contact, String language,
            Optional<String> idempotencyKey) {
    }


    Support validate(SupportRequest request, String idempotencyKey) {
        SupportRequest r = request == null ? new SupportRequest(null, null, null) : request;
        List<Violation> violations = new ArrayList<>();

        String key = Input.trimmed(idempotencyKey);
        if (key != null && !Idempotency.isValidKey(key)) {
            violations.add(Violation.of("Idempotency-Key", "validation.idempotency-key"));
        }
        String description = Input.trimmed(r.description());
        if (description != null && (description.length() < DESCRIPTION_MIN || description.length() > DESCRIPTION_MAX)) {
            violations.add(Violation.of("description", "validation.description.size", DESCRIPTION_MIN, DESCRIPTION_MAX));
        }
        Optional<NewReport.Contact> contact = contact(r.contact(), violations);
        String language = Input.language(r.language(), "language", violations);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new Support(Optional.ofNullable(description), contact, language, Optional.ofNullable(key));
    }

    /** Same cluster and same request, same fingerprint: what makes a retry a retry. */
    static byte[] fingerprint(UUID clusterId, SupportRequest request) {
        SupportRequest r = request == null ? new SupportRequest(null, null, null) : request;
        SupportRequest.Contact c = r.contact();
        return Idempotency.fingerprint("support", clusterId.toString(), Objects.toString(r.description()),
                c == null ? "" : c.name() + "|" + c.phone() + "|" + c.email(), Objects.toString(r.language()));
    }

    private static Optional<NewReport.Contact> contact(SupportRequest.Contact c, List<Violation> violations) {
        return c == null ? Optional.empty() : ContactDetails.check(c.name(), c.phone(), c.email(), violations);
    }
}
