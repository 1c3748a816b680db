package nl.hartslag.privacy.web;

import java.security.Principal;
import java.util.regex.Pattern;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.privacy.Person;
import nl.hartslag.privacy.PersonRequests;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/**
 * A person's formal request, for coordinators: find, export, erase everything held about one phone
 * number or e-mail address. Every answer is {@code no-store}; every step an audit entry about the person
 * (by lookup hash).
 */
@RestController
@RequestMapping("/api/v1/staff/persons")
class PersonController {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,200}@[^@\\s]{1,200}");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final PersonRequests requests;

    PersonController(PersonRequests requests) {
        this.requests = requests;
    }

    @Operation(summary = "Where personal data of one person is held (?phone= as typed, or ?email=): reports they"
            + " left contact details with (the kinds held), mediations they are a party of, volunteer records,"
            + " messages, open conversations, an SMS opt-out. No values. Recorded in the audit trail (subject: the"
            + " person's lookup hash). Coordinators only.")
    @GetMapping
    Mono<ResponseEntity<PersonRequests.Found>> find(@RequestParam(required = false) String phone,
            @RequestParam(required = false) String email, Principal principal) {
        return person(phone, email).flatMap(p -> requests.find(p, principal)).map(PersonController::noStore);
    }

    @Operation(summary = "Everything held about one person (?phone= or ?email=), with the values, as JSON: the"
            + " export for a request for access (AVG art. 15). Recorded in the audit trail. Coordinators only.")
    @GetMapping("/export")
    Mono<ResponseEntity<PersonRequests.Export>> export(@RequestParam(required = false) String phone,
            @RequestParam(required = false) String email, Principal principal) {
        return person(phone, email).flatMap(p -> requests.export(p, principal)).map(PersonController::noStore);
    }

    @Operation(summary = "Erases what is held about one person (?phone= or ?email=): the contact details of their"
            + " reports (as the resident's own erasure: the reports stay, anonymous), their record as a party of"
            + " closed mediations, the addresses of messages to them, unfinished texts and calls. 409"
            + " person-in-open-mediation, with nothing erased, while a mediation that needs the data is open. A"
            + " volunteer's record and an SMS opt-out stay. Idempotent. Recorded in the audit trail. Coordinators"
            + " only.")
    @DeleteMapping
    Mono<ResponseEntity<PersonRequests.Erased>> erase(@RequestParam(required = false) String phone,
            @RequestParam(required = false) String email, Principal principal) {
        return person(phone, email).flatMap(p -> requests.erase(p, principal)).map(PersonController::noStore);
    }

    private Mono<Person> person(String phone, String email) {
        if ((phone == null) == (email == null)) {
            return Mono.error(new InvalidRequestException(Violation.of("phone", "validation.persons.one")));
        }
        if (email != null) {
            return EMAIL.matcher(email.strip()).matches() ? Mono.just(requests.byEmail(email))
                    : Mono.error(new InvalidRequestException(Violation.of("email", "validation.persons.email")));
        }
        try {
            var number = PHONES.parse(phone, "NL");
            if (PHONES.isValidNumber(number)) {
                return Mono.just(requests.byPhone(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)));
            }
        } catch (NumberParseException e) {
            // answered below
        }
        return Mono.error(new InvalidRequestException(Violation.of("phone", "validation.persons.phone")));
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
