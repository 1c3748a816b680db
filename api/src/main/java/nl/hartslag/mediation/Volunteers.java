package nl.hartslag.mediation;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

import nl.hartslag.domain.NotFound;
import nl.hartslag.domain.NotPermitted;
import nl.hartslag.domain.Refused;
import reactor.core.publisher.Mono;

/** The Buurtbemiddeling volunteers: who they are, where they live (conflicts of interest), when they can. */
@Service
public class Volunteers {

    private static final Logger log = LoggerFactory.getLogger(Volunteers.class);

    /** A volunteer as coordinators manage them. Personal data: staff only. */
    public record Volunteer(UUID id, String name, String phone, String street, boolean active, String username,
            LocalDate awayUntil, int maxOpenCases, int openCases) {

        @Override
        public String toString() {
            return "Volunteer[" + id + "]";
        }
    }

    private final MediationRepository repository;

    Volunteers(MediationRepository repository) {
        this.repository = repository;
    }

    public Mono<Volunteer> register(String name, String phone, String street, String username, LocalDate awayUntil,
            int maxOpenCases) {
        UUID id = UUID.randomUUID();
        return repository.insertVolunteer(id, name, phone, street, username, awayUntil, maxOpenCases)
                .onErrorMap(DataIntegrityViolationException.class, e -> String.valueOf(e.getMessage())
                        .contains("volunteer_username_lower_idx")
                                ? new Refused("volunteer-username-taken", username)
                                : new Refused("volunteer-exists"))
                .then(repository.volunteer(id))
                .map(Volunteers::volunteer)
                .doOnNext(v -> log.info("Volunteer {} registered", v.id()));
    }

    public Mono<Volunteer> availability(UUID id, boolean active, LocalDate awayUntil, int maxOpenCases) {
        return repository.volunteer(id)
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(v -> repository.updateAvailability(id, active, awayUntil, maxOpenCases))
                .then(repository.volunteer(id))
                .map(Volunteers::volunteer);
    }

    public Mono<List<Volunteer>> all() {
        return repository.volunteers().map(Volunteers::volunteer).collectList();
    }

    /**
     * The volunteer behind a staff login, for their own inbox and cases. One a coordinator set
     * inactive is refused (not permitted) on every request: they lose access to their cases at once, closed
     * ones included (those hold the parties' names and numbers too).
     */
    public Mono<Volunteer> byUsername(String username) {
        return repository.volunteerByUsername(username).map(Volunteers::volunteer)
                .flatMap(v -> v.active() ? Mono.just(v)
                        : Mono.error(new NotPermitted("volunteer-inactive")));
    }

    static Volunteer volunteer(MediationRepository.VolunteerRow v) {
        return new Volunteer(v.id(), v.name(), v.phone(), v.street(), v.active(), v.username(), v.awayUntil(),
                v.maxOpenCases(), v.openCases());
    }
}
