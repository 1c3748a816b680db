package nl.hartslag.report.web;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;

/** A report as a client sends it. Checked by {@link ReportRequestValidator}, never stored as is. */
record CreateReportRequest(
        @Schema(description = "Category code from GET /api/v1/categories", example = "noise", requiredMode = Schema.RequiredMode.REQUIRED)
        String category,
        @Schema(description = "What is going on, 3 to 4000 characters", example = "Harde muziek tot 4 uur 's nachts", requiredMode = Schema.RequiredMode.REQUIRED)
        String description,
        @Schema(description = "GPS position; this and/or address is required")
        Location location,
        @Schema(description = "Street and house number or a named place in the service area", example = "Passartweg 14")
        String address,
        @Schema(description = "When it happened (ISO-8601 with offset), not in the future", example = "2026-11-27T23:30:00+01:00")
        OffsetDateTime occurredAt,
        @Schema(description = "Optional: how to keep the reporter informed. Never shown to anyone reported.")
        Contact contact,
        @Schema(description = "nl (default) or en", example = "nl")
        String language,
        @Schema(description = "Optional: where the reporter lives (\"Waar woont u?\"), street and house number in the"
                + " service area; personal data, coordinators only. Not where the problem is.", example = "Eikstraat 12")
        String home) {

    /** Before "Waar woont u?" (issue 14): the same request without a home. */
    CreateReportRequest(String category, String description, Location location, String address,
            OffsetDateTime occurredAt, Contact contact, String language) {
        this(category, description, location, address, occurredAt, contact, language, null);
    }

    @Override
    public String toString() {
        // The home and contact are personal data: never in a log line.
        return "CreateReportRequest[category=" + category + ", redacted]";
    }

    record Location(Double lat, Double lon) {
    }

    record Contact(String name, String phone, String email) {

        @Override
        public String toString() {
            return "Contact[redacted]";
        }
    }
}
