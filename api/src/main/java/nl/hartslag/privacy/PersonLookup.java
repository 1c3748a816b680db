package nl.hartslag.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import nl.hartslag.db.crypto.PersonalData;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every statement of a formal request that compares or reads a personal column, in one class. Personal
 * columns are sealed (issue 15): a person is found by the keyed lookup hash ({@link Person#hash()},
 * {@code phone_hash}, {@code email_hash}, {@code address_hash}) and what is found is opened here, never
 * compared in SQL.
 */
@Repository
class PersonLookup {

    private final DatabaseClient db;
    private final PersonalData sealed;

    PersonLookup(DatabaseClient db, PersonalData sealed) {
        this.db = db;
        this.sealed = sealed;
    }

    /** A report this person left their contact details with, and those details (opened). */
    record ReportHeld(String reference, Instant receivedAt, String status, String category, boolean inOpenMediation,
            String name, String phone, String email, String homeStreet, String homeHouseNumber) {
    }

    /** A mediation this person is a party of, and what the coordinator recorded (opened). */
    record PartyHeld(UUID caseId, int caseNumber, String caseStatus, String role, String name, String phone,
            String address, String street) {
    }

    /** This person as a volunteer (phone numbers only). */
    record VolunteerHeld(UUID id, String name, String phone, String street, boolean active) {
    }

    /** Counts of what else holds the number or address: messages to it, open conversations, a STOP. */
    record OtherHeld(long notifications, long conversations, boolean optedOut) {
    }

    Flux<ReportHeld> reports(Person person) {
        String where = person.kind() == Person.Kind.PHONE ? "rc.phone_hash = :hash" : "rc.email_hash = :hash";
        return db.sql("""
                select r.reference, r.received_at, r.status, r.category_code, rc.name_sealed, rc.phone_sealed,
                       rc.email_sealed, rc.home_street_sealed, rc.home_house_number_sealed,
                       exists (select 1 from case_report cr join case_file c on c.id = cr.case_id
                                where cr.report_id = r.id and c.type = 'MEDIATION' and c.status <> 'CLOSED') as open
                  from report r join reporter_contact rc on rc.id = r.reporter_contact_id
                 where %s
                 order by r.received_at
                """.formatted(where)).bind("hash", person.hash())
                .map(row -> new ReportHeld(row.get("reference", String.class), row.get("received_at", Instant.class),
                        row.get("status", String.class), row.get("category_code", String.class),
                        Boolean.TRUE.equals(row.get("open", Boolean.class)), open(row, "name_sealed"),
                        open(row, "phone_sealed"), open(row, "email_sealed"), open(row, "home_street_sealed"),
                        open(row, "home_house_number_sealed")))
                .all();
    }

    Flux<PartyHeld> parties(Person person) {
        if (person.kind() != Person.Kind.PHONE) {
            return Flux.empty(); // parties are recorded with a phone number only
        }
        return db.sql("""
                select c.id, c.number, c.status, p.role, p.name_sealed, p.phone_sealed, p.address_sealed,
                       p.street_sealed
                  from case_party p join case_file c on c.id = p.case_id
                 where p.phone_hash = :hash
                 order by c.number
                """).bind("hash", person.hash())
                .map(row -> new PartyHeld(row.get("id", UUID.class), row.get("number", Integer.class),
                        row.get("status", String.class), row.get("role", String.class), open(row, "name_sealed"),
                        open(row, "phone_sealed"), open(row, "address_sealed"), open(row, "street_sealed")))
                .all();
    }

    Flux<VolunteerHeld> volunteers(Person person) {
        if (person.kind() != Person.Kind.PHONE) {
            return Flux.empty();
        }
        return db.sql("select id, name_sealed, phone_sealed, street_sealed, active from volunteer"
                + " where phone_hash = :hash")
                .bind("hash", person.hash())
                .map(row -> new VolunteerHeld(row.get("id", UUID.class), open(row, "name_sealed"),
                        open(row, "phone_sealed"), open(row, "street_sealed"),
                        Boolean.TRUE.equals(row.get("active", Boolean.class))))
                .all();
    }

    Mono<OtherHeld> other(Person person) {
        boolean phone = person.kind() == Person.Kind.PHONE;
        String sql = """
                select (select count(*) from notification_recipient where address_hash = :hash) as notifications,
                       %s as conversations, %s as opted_out
                """.formatted(
                phone ? "(select count(*) from sms_conversation where phone_hash = :hash)"
                        + " + (select count(*) from voice_conversation where phone_hash = :hash)" : "0::bigint",
                phone ? "exists (select 1 from sms_opt_out where phone_hash = :hash)" : "false");
        return db.sql(sql).bind("hash", person.hash())
                .map(row -> new OtherHeld(row.get("notifications", Long.class), row.get("conversations", Long.class),
                        Boolean.TRUE.equals(row.get("opted_out", Boolean.class))))
                .one();
    }

    /** Deletes a closed mediation's record of this party (the whole row). */
    Mono<Long> erasePartyOfClosedCase(UUID caseId, String role) {
        return db.sql("delete from case_party p using case_file c where c.id = p.case_id and p.case_id = :id"
                + " and p.role = :role and c.status = 'CLOSED'").bind("id", caseId).bind("role", role).fetch()
                .rowsUpdated();
    }

    /**
     * Stops every message still to go to this number or address and deletes the address of every message
     * to it, except one being handed to the provider at this very moment (as the resident's erasure does).
     */
    Mono<Long> forgetRecipient(Person person) {
        return db.sql("""
                update notification
                   set status = 'SUPPRESSED', updated_at = now(), error_code = 'ERASED',
                       last_error = 'Gegevens verwijderd op verzoek (AVG)'
                 where status = any(:open)
                   and id in (select notification_id from notification_recipient where address_hash = :hash)
                """).bind("hash", person.hash())
                .bind("open", new String[] {"PENDING", "FAILED", "DEAD", "UNDELIVERED"}).fetch().rowsUpdated()
                .then(db.sql("""
                        delete from notification_recipient r using notification n
                         where n.id = r.notification_id and r.address_hash = :hash and n.status <> 'SENDING'
                        """).bind("hash", person.hash()).fetch().rowsUpdated());
    }

    /** Deletes an unfinished text or call of this number. */
    Mono<Long> forgetConversations(Person person) {
        if (person.kind() != Person.Kind.PHONE) {
            return Mono.just(0L);
        }
        return db.sql("delete from sms_conversation where phone_hash = :hash").bind("hash", person.hash())
                .fetch().rowsUpdated()
                .zipWith(db.sql("delete from voice_conversation where phone_hash = :hash").bind("hash", person.hash())
                        .fetch().rowsUpdated(), Long::sum);
    }

    private String open(io.r2dbc.spi.Readable row, String column) {
        return sealed.open(row.get(column, String.class));
    }

    static List<String> fields(ReportHeld held) {
        List<String> fields = new java.util.ArrayList<>();
        if (held.name() != null) {
            fields.add("name");
        }
        if (held.phone() != null) {
            fields.add("phone");
        }
        if (held.email() != null) {
            fields.add("email");
        }
        if (held.homeStreet() != null) {
            fields.add("home");
        }
        return fields;
    }
}
