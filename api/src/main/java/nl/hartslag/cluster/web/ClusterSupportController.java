package nl.hartslag.cluster.web;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import nl.hartslag.cluster.ClusterService;
import nl.hartslag.domain.NotFound;
import nl.hartslag.report.StatusLinks;
import nl.hartslag.report.Submission;
import reactor.core.publisher.Mono;

/** "Ik heb hier ook last van": a resident adds their voice to a known problem; it counts as a report. */
@RestController
@RequestMapping("/api/v1/clusters")
class ClusterSupportController {

    private final ClusterService clusters;
    private final SupportRequestValidator validator;
    private final StatusLinks links;

    ClusterSupportController(ClusterService clusters, SupportRequestValidator validator, StatusLinks links) {
        this.clusters = clusters;
        this.validator = validator;
        this.links = links;
    }

    /*
     * A JSON body is required (415 without Content-Type application/json, 400 without a body; "{}" is
     * fine): a cross-site fetch or form cannot send application/json without the browser asking us
     * first (CORS preflight, which we do not allow), so a page elsewhere cannot file "me too"s.
     */
    @Operation(summary = "Add your voice to a known problem", description = "Files a report in the cluster's"
            + " category at its approximate place, in the cluster. Needs a JSON body (at least {}). 201 with the"
            + " reference and tracking token, as for POST /api/v1/reports; a retry with the same Idempotency-Key"
            + " returns the original (200). 404 when the cluster is unknown, closed or not a public-space problem;"
            + " 415 without Content-Type application/json; 400 without a body.")
    // As for a report: the answer's type is settled before the "me too" is stored.
    @PostMapping(path = "/{id}/support", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<StatusLinks.Created>> support(@PathVariable String id,
            @RequestBody SupportRequest request,
            @Parameter(description = "Client-chosen key (8-200 characters) that makes retries safe")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        return Mono.fromCallable(() -> clusterId(id))
                .flatMap(clusterId -> {
                    SupportRequestValidator.Support support = validator.validate(request, idempotencyKey);
                    return clusters.support(clusterId, support.description(), support.contact(), support.language(),
                            support.idempotencyKey(), SupportRequestValidator.fingerprint(clusterId, request));
                })
                .map(this::created);
    }

    private static UUID clusterId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFound("cluster-not-found");
        }
    }

    /** The same answer as for POST /api/v1/reports. */
    private ResponseEntity<StatusLinks.Created> created(Submission s) {
        URI location = URI.create("/api/v1/reports/" + s.reference().value());
        return ResponseEntity.status(s.created() ? HttpStatus.CREATED : HttpStatus.OK).location(location)
                .body(links.created(s));
    }
}
