package nl.hartslag.category;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;

/**
 * What anyone may see without logging in ({@code hartslag.public.*}).
 *
 * @param categories the public-space problems that public views (known problems near a place, "me
 *            too") show; anything else is never shown to anonymous callers. Worries about a
 *            household and neighbour disputes are about people at an address: they can never be
 *            listed here, the application refuses to start if they are.
 */
@Validated
@ConfigurationProperties("hartslag.public")
public record PublicSettings(
        @DefaultValue({ "noise", "dumping", "litter", "traffic", "vandalism", "youth_nuisance", "public_lighting" })
        @NotEmpty List<String> categories) {

    /** About people at an address, never about the public space. */
    public static final Set<String> NEVER_PUBLIC = Set.of("domestic", "neighbour_dispute");

    public PublicSettings {
        categories = categories == null ? List.of()
                : categories.stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).filter(c -> !c.isEmpty())
                        .distinct().toList();
    }

    @AssertTrue(message = "hartslag.public.categories must never contain domestic or neighbour_dispute")
    public boolean isFreeOfPrivateCategories() {
        return categories.stream().noneMatch(NEVER_PUBLIC::contains);
    }

    /** Whether a problem of this category may be shown to anyone. */
    public boolean isPublic(String categoryCode) {
        return categoryCode != null && !NEVER_PUBLIC.contains(categoryCode) && categories.contains(categoryCode);
    }
}
