package nl.hartslag.notification.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.notification.DeliveryReceipts;
import nl.hartslag.twilio.web.TwilioRequests;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/** Twilio's status callbacks for the texts we sent: {@code delivered} or {@code undelivered} with an error code. */
@RestController
class DeliveryReceiptController {

    private final TwilioRequests twilio;
    private final DeliveryReceipts receipts;

    DeliveryReceiptController(TwilioRequests twilio, DeliveryReceipts receipts) {
        this.twilio = twilio;
        this.receipts = receipts;
    }

    @Operation(summary = "Twilio message status callback (form-encoded, signed with X-Twilio-Signature)")
    @PostMapping(path = "/twilio/status", consumes = "application/x-www-form-urlencoded")
    Mono<ResponseEntity<Void>> status(ServerWebExchange exchange) {
        return twilio.verifiedForm(exchange).flatMap(form -> {
            String sid = form.get("MessageSid");
            String status = form.get("MessageStatus");
            String errorCode = form.get("ErrorCode");
            List<Violation> violations = new ArrayList<>();
            if (!DeliveryReceipts.isSid(sid)) {
                violations.add(Violation.of("MessageSid", "validation.twilio.sid"));
            }
            if (!DeliveryReceipts.isStatus(status)) {
                violations.add(Violation.of("MessageStatus", "validation.twilio.status"));
            }
            if (!DeliveryReceipts.isErrorCode(errorCode)) {
                violations.add(Violation.of("ErrorCode", "validation.twilio.error-code"));
            }
            if (!violations.isEmpty()) {
                return Mono.error(new InvalidRequestException(violations));
            }
            return receipts.record(sid, status, errorCode).thenReturn(ResponseEntity.noContent().<Void>build());
        });
    }

}
