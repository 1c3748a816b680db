package nl.hartslag.notification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import nl.hartslag.db.crypto.PersonalData;

/**
 * Issue 15: the outbox's personal data sealed at rest. Flyway takes version and description from
 * the class name, so it must be spelled this way.
 *
 * <ul>
 * <li>{@code notification_recipient.address} becomes {@code address_sealed} (AES-GCM) and
 * {@code address_hash} (the keyed lookup hash: {@link PersonalData#phoneLookup} for SMS,
 * {@link PersonalData#emailLookup} for e-mail).</li>
 * <li>{@code notification.parameters} (the template's values: a coordinator's note, a party's street,
 * a resident's status link with its token) becomes {@code parameters_sealed}, the JSON sealed whole.</li>
 * <li>{@code sms_opt_out} and {@code sms_daily_count} keep only {@code phone_hash}.</li>
 * <li>Error texts are masked with the recipient's own address here, in Java, while it is still
 * readable; afterwards {@code redact_error_text(text)} in SQL masks only by pattern and never needs
 * an address ({@code mask_address} and the two-argument form of V12 are dropped).</li>
 * </ul>
 *
 * One transaction: either every row is sealed and the plain columns are gone, or nothing changed.
 */
final class V27__seal_notification_addresses extends BaseJavaMigration {

    private static final int BATCH = 500;

    private final PersonalData personalData;

    V27__seal_notification_addresses(PersonalData personalData) {
        this.personalData = personalData;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        execute(c, """
                alter table notification_recipient add column address_sealed text, add column address_hash text;
                alter table notification add column parameters_sealed text;
                alter table sms_opt_out add column phone_hash text;
                alter table sms_daily_count add column phone_hash text
                """);
        maskErrorTexts(c);
        sealRecipients(c);
        sealParameters(c);
        hashPhones(c, "select phone_e164 from sms_opt_out",
                "update sms_opt_out set phone_hash = ? where phone_e164 = ?");
        hashPhones(c, "select distinct phone_e164 from sms_daily_count",
                "update sms_daily_count set phone_hash = ? where phone_e164 = ?");
        execute(c, """
                alter table notification_recipient drop column address;
                alter table notification_recipient alter column address_sealed set not null,
                    alter column address_hash set not null,
                    add constraint notification_recipient_address_hash_check check (char_length(address_hash) = 43);
                create index notification_recipient_hash_idx on notification_recipient (address_hash);
                alter table notification drop column parameters;
                alter table notification alter column parameters_sealed set not null;
                alter table sms_opt_out drop column phone_e164;
                alter table sms_opt_out alter column phone_hash set not null,
                    add constraint sms_opt_out_pkey primary key (phone_hash),
                    add constraint sms_opt_out_phone_hash_check check (char_length(phone_hash) = 43);
                alter table sms_daily_count drop column phone_e164;
                alter table sms_daily_count alter column phone_hash set not null,
                    add constraint sms_daily_count_pkey primary key (phone_hash, day),
                    add constraint sms_daily_count_phone_hash_check check (char_length(phone_hash) = 43);
                drop function redact_error_text(text, text);
                drop function mask_address(text);
                """);
        // The pattern half of V12's redact_error_text: numbers of 9+ digits keep their last two digits,
        // an e-mail address its domain, a house number after a street name and a postcode vanish.
        execute(c, """
                create function redact_error_text(t text) returns text language sql immutable as $$
                    select regexp_replace(regexp_replace(regexp_replace(regexp_replace(t,
                        '[A-Za-z0-9._%+-]+@((?:[A-Za-z0-9-]+\\.)+[A-Za-z]{2,})', '***@\\1', 'g'),
                        '(?<![[:alnum:]_+*.-])(?![0-9]{4}-[0-9]{2}-[0-9]{2})(?:\\+|00|%2[Bb])?[0-9](?:[ ./-]?[0-9]){6,14}[ ./-]?([0-9])[ ./-]?([0-9])(?![[:alnum:]_*]|:[0-9])',
                        '***\\1\\2', 'g'),
                        '(\\m(?:[[:alpha:]][[:alpha:]''.-]*)?(?:straat|weg|laan|plein|gracht|kade|singel|dijk|hof|pad|steeg|dreef|park|plantsoen|markt|kanaal|wal|erf|baan|brug|veld|dam|boulevard|allee|street|road|lane|avenue)[[:space:]]+)[0-9]{1,5}(?:[[:space:]]?[a-z](?![[:alnum:]_]))?(?:[-/][0-9]{1,4})?(?![[:alnum:]_])',
                        '\\1**', 'gi'),
                        '\\m[1-9][0-9]{3} ?[A-Z]{2}\\M', '**** **', 'g')
                $$
                """);
    }

    /** Masks the recipient's own address in stored error texts, in whatever form it appears. */
    private static void maskErrorTexts(Connection c) throws Exception {
        rewrite(c, """
                select n.id::text as k, n.last_error as t, r.address as a from notification n
                  join notification_recipient r on r.notification_id = n.id where n.last_error is not null
                """, "update notification set last_error = ? where id = ?::uuid");
        rewrite(c, """
                select a.notification_id::text || '/' || a.attempt as k, a.detail as t, r.address as a
                  from notification_attempt a join notification_recipient r on r.notification_id = a.notification_id
                 where a.detail is not null
                """, "update notification_attempt set detail = ? where notification_id = split_part(?, '/', 1)::uuid"
                + " and attempt = split_part(?, '/', 2)::integer");
    }

    private static void rewrite(Connection c, String select, String update) throws Exception {
        boolean attempt = update.contains("split_part");
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(select);
                PreparedStatement u = c.prepareStatement(update)) {
            int pending = 0;
            while (rows.next()) {
                String text = rows.getString("t");
                String masked = truncate(ErrorText.redact(text, rows.getString("a")));
                if (masked.equals(text)) {
                    continue;
                }
                u.setString(1, masked);
                u.setString(2, rows.getString("k"));
                if (attempt) {
                    u.setString(3, rows.getString("k"));
                }
                u.addBatch();
                if (++pending == BATCH) {
                    u.executeBatch();
                    pending = 0;
                }
            }
            u.executeBatch();
        }
    }

    private void sealRecipients(Connection c) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select r.notification_id::text as id, r.address, n.channel"
                        + " from notification_recipient r join notification n on n.id = r.notification_id");
                PreparedStatement u = c.prepareStatement("update notification_recipient set address_sealed = ?,"
                        + " address_hash = ? where notification_id = ?::uuid")) {
            int pending = 0;
            while (rows.next()) {
                String address = rows.getString("address");
                u.setString(1, personalData.seal(address));
                u.setString(2, OutboxRepository.addressHash(personalData, Channel.valueOf(rows.getString("channel")),
                        address));
                u.setString(3, rows.getString("id"));
                u.addBatch();
                if (++pending == BATCH) {
                    u.executeBatch();
                    pending = 0;
                }
            }
            u.executeBatch();
        }
    }

    private void sealParameters(Connection c) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select id::text as id, parameters::text as p from notification");
                PreparedStatement u = c.prepareStatement(
                        "update notification set parameters_sealed = ? where id = ?::uuid")) {
            int pending = 0;
            while (rows.next()) {
                u.setString(1, personalData.seal(rows.getString("p")));
                u.setString(2, rows.getString("id"));
                u.addBatch();
                if (++pending == BATCH) {
                    u.executeBatch();
                    pending = 0;
                }
            }
            u.executeBatch();
        }
    }

    private void hashPhones(Connection c, String select, String update) throws Exception {
        List<String> phones = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(select)) {
            while (rows.next()) {
                phones.add(rows.getString(1));
            }
        }
        try (PreparedStatement u = c.prepareStatement(update)) {
            for (String phone : phones) {
                u.setString(1, personalData.phoneLookup(phone));
                u.setString(2, phone);
                u.addBatch();
            }
            u.executeBatch();
        }
    }

    private static void execute(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }
}
