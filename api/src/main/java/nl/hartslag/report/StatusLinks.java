package nl.hartslag.report;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The resident's private status link, {@code <public-base-url>/m/{reference}?t={token}}: in the
 * answer to a report or a "me too", and in e-mails about the report. Built in one place so that
 * every channel hands out the same link.
 */
@Component
public class StatusLinks {

    private final String publicBaseUrl;

    StatusLinks(@Value("${hartslag.public-base-url}") String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    public String of(Reference reference, String trackingToken) {
        return UriComponentsBuilder.fromUriString(publicBaseUrl).path("/m/{reference}")
                .queryParam("t", trackingToken).buildAndExpand(reference.value()).toUriString();
    }

    /** What a resident gets back for a stored report: reference, token, status and the link. */
    public Created created(Submission submission) {
        return new Created(submission.reference().value(), submission.trackingToken(), submission.status(),
                of(submission.reference(), submission.trackingToken()));
    }

    /** The body of the 201 (or 200 for a retried submission) of a report or a "me too". */
    public record Created(String reference, String trackingToken, ReportStatus status, String statusUrl) {

        @Override
        public String toString() {
            return "Created[" + reference + ", " + status + "]";
        }
    }
}
