package nl.hartslag.service.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import nl.hartslag.service.ServiceSettings;

/** Hartslag's numbers and the Veilig Thuis advice, for the resident's pages (public, from configuration). */
@RestController
class ServiceController {

    record VeiligThuis(@Schema(example = "0800-2000") String phone,
            @Schema(example = "https://veiligthuis.nl") String url) {
    }

    /** Numbers not configured are null (kept in the JSON, unlike elsewhere): the pages then do not mention them. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ServiceResponse(@Schema(description = "The number residents text, as people read it", example = "+31 6 12345678")
    String smsNumber, @Schema(example = "+31612345678") String smsNumberE164,
            @Schema(description = "The number residents call", example = "+31 45 123 4567") String phoneNumber,
            @Schema(example = "+31451234567") String phoneNumberE164, VeiligThuis veiligThuis) {
    }

    private final ServiceResponse response;

    ServiceController(ServiceSettings settings) {
        this.response = new ServiceResponse(
                settings.sms().map(ServiceSettings.Number::display).orElse(null),
                settings.sms().map(ServiceSettings.Number::e164).orElse(null),
                settings.phone().map(ServiceSettings.Number::display).orElse(null),
                settings.phone().map(ServiceSettings.Number::e164).orElse(null),
                new VeiligThuis(settings.veiligThuis().phone(), settings.veiligThuis().url()));
    }

    @Operation(summary = "Hartslag's SMS and phone numbers and the Veilig Thuis advice (public; unset numbers are omitted)")
    @GetMapping("/api/v1/service")
    ServiceResponse service() {
        return response;
    }
}
