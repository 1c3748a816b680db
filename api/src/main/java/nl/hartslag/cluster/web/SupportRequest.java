package nl.hartslag.cluster.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** "Ik heb hier ook last van": a resident adds their voice to a known problem. Every field is optional; the body ({}) is not. */
record SupportRequest(
        @Schema(description = "A few words of your own, 3 to 1000 characters", example = "Bij ons ook, elke nacht")
        String description,
        @Schema(description = "Optional: how to keep you informed. Never shown to anyone reported.")
        Contact contact,
        @Schema(description = "nl (default) or en", example = "nl")
        String language) {

    record Contact(String name, String phone, String email) {

        @Override
        public String toString() {
            return "Contact[redacted]";
        }
    }
}
