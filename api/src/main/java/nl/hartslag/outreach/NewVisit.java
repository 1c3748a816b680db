package nl.hartslag.outreach;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import nl.hartslag.report.Reference;

/**
 * A door-to-door visit as checked by the web adapter: the visited home as the gazetteer spells it
 * ({@code street}, {@code houseNumber}) and the gazetteer's neighbourhood of that address, the day,
 * the topics talked about (codes of {@link Visits#topics}), whether follow-up is needed, and the
 * report filed during the visit if any.
 */
public record NewVisit(LocalDate visitedOn, String street, String houseNumber, String neighbourhood,
        List<String> topics, boolean followUp, Optional<Reference> report) {

    public NewVisit {
        topics = List.copyOf(topics);
        if (street == null || street.isBlank() || houseNumber == null || houseNumber.isBlank()) {
            throw new IllegalArgumentException("a visit is to a street and a house number");
        }
    }

    @Override
    public String toString() {
        return "NewVisit[" + visitedOn + ", " + street + ", redacted]";
    }
}
