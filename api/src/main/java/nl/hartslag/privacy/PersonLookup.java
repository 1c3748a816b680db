package nl.hartslag.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every statement of a formal request that compares or reads a personal column, in one class, so that
 * switching to the sealed columns of issue 15 happens here only. Today (this branch) they compare the
 * plain columns with {@code :value}; with the crypto contract they compare the lookup hash
 * ({@link Person#hash()}, bound as {@code :hash} instead) and open the sealed values:
 *
 * <ul>
 * <li>{@code reporter_contact.phone_e164 = :value} → {@code phone_hash = :hash}; {@code email = :value} →
 * {@code email_hash = :hash}; read {@code name_sealed, phone_sealed, email_sealed, home_street_sealed,
 * home_house_number_sealed} and open them</li>
 * <li>{@code case_party.phone_e164 = :value} → {@code phone_hash = :hash}; read {@code name_sealed, phone_sealed,
 * address_sealed, street_sealed}</li>
 * <li>{@code volunteer.phone_e164 = :value} → {@code phone_hash = :hash}; read {@code name_sealed, phone_sealed,
 * street_sealed}</li>
 * <li>{@code notification_recipient.address = :value} → {@code address_hash = :hash}</li>
 * <li>{@code sms_conversation.phone_e164 = :value} → {@code phone_hash = :hash};
 * {@code voice_conversation.phone_e164 = :value} → {@code phone_hash = :hash}; {@code sms_opt_out.phone_e164 =
 * :value} → {@code phone_hash = :hash}</li>
 * </ul>
 */
@Repository
class PersonLookup {

    private final DatabaseClient db;

    PersonLookup(DatabaseClient db) {
        this.db = db;
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
        String where = person.kind() == Person.Kind.PHONE ? "rc.phone_e164 = :value" : "lower(rc.email) = :value";
        return db.sql("""
                select r.reference, r.received_at, r.status, r.category_code, rc.name, rc.phone_e164, rc.email,
                       rc.home_street, rc.home_house_number,
                       exists (select 1 from case_report cr join case_file c on c.id = cr.case_id
                                where cr.report_id = r.id and c.type = 'MEDIATION' and c.status <> 'CLOSED') as open
                  from report r join reporter_contact rc on rc.id = r.reporter_contact_id
                 where %s
                 order by r.received_at
                """.formatted(where)).bind("value", person.value())
                .map(row -> new ReportHeld(row.get("reference", String.class), row.get("received_at", Instant.class),
                        row.get("status", String.class), row.get("category_code", String.class),
                        Boolean.TRUE.equals(row.get("open", Boolean.class)), row.get("name", String.class),
                        row.get("phone_e164", String.class), row.get("email", String.class),
                        row.get("home_street", String.class), row.get("home_house_number", String.class)))
                .all();
    }

    Flux<PartyHeld> parties(Person person) {
        if (person.kind() != Person.Kind.PHONE) {
            return Flux.empty(); // parties are recorded with a phone number only
        }
        return db.sql("""
                select c.id, c.number, c.status, p.role, p.name, p.phone_e164, p.address, p.street
                  from case_party p join case_file c on c.id = p.case_id
                 where p.phone_e164 = :value
                 order by c.number
                """).bind("value", person.value())
                .map(row -> new PartyHeld(row.get("id", UUID.class), row.get("number", Integer.class),
                        row.get("status", String.class), row.get("role", String.class), row.get("name", String.class),
                        row.get("phone_e164", String.class), row.get("address", String.class),
                        row.get("street", String.class)))
                .all();
    }

    Flux<VolunteerHeld> volunteers(Person person) {
        if (person.kind() != Person.Kind.PHONE) {
            return Flux.empty();
        }
        return db.sql("select id, name, phone_e164, street, active from volunteer where phone_e164 = :value")
                .bind("value", person.value())
                .map(row -> new VolunteerHeld(row.get("id", UUID.class), row.get("name", String.class),
                        row.get("phone_e164", String.class), row.get("street", String.class),
                        Boolean.TRUE.equals(row.get("active", Boolean.class))))
                .all();
    }

    Mono<OtherHeld> other(Person person) {
        boolean phone = person.kind() == Person.Kind.PHONE;
        String sql = """
                select (select count(*) from notification_recipient where address = :value) as notifications,
                       %s as conversations, %s as opted_out
                """.formatted(
                phone ? "(select count(*) from sms_conversation where phone_e164 = :value)"
                        + " + (select count(*) from voice_conversation where phone_e164 = :value)" : "0::bigint",
                phone ? "exists (select 1 from sms_opt_out where phone_e164 = :value)" : "false");
        return db.sql(sql).bind("value", person.value())
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
                   and id in (select notification_id from notification_recipient where address = :value)
                """).bind("value", person.value())
                .bind("open", new String[] {"PENDING", "FAILED", "DEAD", "UNDELIVERED"}).fetch().rowsUpdated()
                .then(db.sql("""
                        delete from notification_recipient r using notification n
                         where n.id = r.notification_id and r.address = :value and n.status <> 'SENDING'
                        """).bind("value", person.value()).fetch().rowsUpdated());
    }

    /** Deletes an unfinished text or call of this number. */
    Mono<Long> forgetConversations(Person person) {
        if (person.kind() != Person.Kind.PHONE) {
            return Mono.just(0L);
        }
        return db.sql("delete from sms_conversation where phone_e164 = :value").bind("value", person.value())
                .fetch().rowsUpdated()
                .zipWith(db.sql("delete from voice_conversation where phone_e164 = :value").bind("value", person.value())
                        .fetch().rowsUpdated(), Long::sum);
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
