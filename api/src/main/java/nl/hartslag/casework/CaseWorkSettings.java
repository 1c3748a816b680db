package nl.hartslag.casework;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Case work settings ({@code hartslag.casework.*}).
 *
 * @param offerTimeout how long a volunteer has to answer an offer before it goes to the next
 * @param offerBatch how many volunteers are asked at once (two must say yes)
 * @param reopenWindow how long after "opgelost" a resident may say it is not solved
 * @param wopAddresses where new work orders are announced (phone numbers in E.164 or e-mail addresses)
 * @param policeAddresses the police liaison (wijkagent), informed of drugs, youth and traffic work orders
 * @param coordinatorAddresses who is alerted at once to a worry about a household
 * @param escalationReports reports about one problem within the escalation window that make it a
 *            candidate for the Casuistiekoverleg
 * @param escalationHouseholds distinct households among those reports
 * @param escalationWindow the window those reports must fall in
 */
@Validated
@ConfigurationProperties("hartslag.casework")
public record CaseWorkSettings(
        @DefaultValue("48h") @NotNull Duration offerTimeout,
        @DefaultValue("4") @Min(2) @Max(50) int offerBatch,
        @DefaultValue("14d") @NotNull Duration reopenWindow,
        @DefaultValue("") List<String> wopAddresses,
        @DefaultValue("") List<String> policeAddresses,
        @DefaultValue("") List<String> coordinatorAddresses,
        @DefaultValue("5") @Min(2) int escalationReports,
        @DefaultValue("3") @Min(1) int escalationHouseholds,
        @DefaultValue("60d") @NotNull Duration escalationWindow) {

    public CaseWorkSettings {
        wopAddresses = clean(wopAddresses);
        policeAddresses = clean(policeAddresses);
        coordinatorAddresses = clean(coordinatorAddresses);
    }

    private static List<String> clean(List<String> addresses) {
        return addresses == null ? List.of() : addresses.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
    }
}
