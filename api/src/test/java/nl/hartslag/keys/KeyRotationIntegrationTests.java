package nl.hartslag.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import nl.hartslag.db.crypto.KeyRotation;
import nl.hartslag.db.crypto.PersonalData;
import nl.hartslag.db.crypto.SealedColumn;
import nl.hartslag.notification.Audience;
import nl.hartslag.notification.Channel;
import nl.hartslag.notification.OutgoingNotification;
import nl.hartslag.notification.Outbox;
import nl.hartslag.notification.Template;
import nl.hartslag.notification.Urgency;
import nl.hartslag.support.IntegrationTest;

/**
 * Issue 15: key rotation against the real database. Values sealed with the old key (written by the
 * outbox as any feature writes them) are sealed with the new key afterwards and open to the same
 * plain values; the keyset file keeps its mode; a second pass finds nothing left to re-seal.
 */
@IntegrationTest
class KeyRotationIntegrationTests {

    @Autowired
    KeyRotation rotation;

    @Autowired
    PersonalData personalData;

    @Autowired
    Outbox outbox;

    @Autowired
    DatabaseClient db;

    @Autowired
    List<SealedColumn> columns;

    @Test
    void rotationReSealsEveryValueWithTheNewKeyAndTheyOpenToTheSameValues() throws Exception {
        String phone = "+3161" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        String email = "sleutel-" + UUID.randomUUID() + "@example.nl";
        String reference = "HS-RK" + ThreadLocalRandom.current().nextInt(10, 99) + "-Z9";
        Map<String, String> byKey = new LinkedHashMap<>();
        byKey.put(enqueue(Channel.SMS, phone, reference), phone);
        byKey.put(enqueue(Channel.EMAIL, email, reference), email);
        String oldPrefix = personalData.primaryKeyPrefix();
        byKey.keySet().forEach(key -> assertThat(sealedAddress(key)).startsWith(oldPrefix));

        KeyRotation.Result result = rotation.rotate().block();

        String newPrefix = personalData.primaryKeyPrefix();
        assertThat(newPrefix).isNotEqualTo(oldPrefix);
        assertThat(result.resealed()).containsKeys("notification_recipient.address_sealed",
                "notification.parameters_sealed");
        assertThat(result.resealed().get("notification_recipient.address_sealed")).isGreaterThanOrEqualTo(2L);
        assertThat(result.writtenTo()).isNotNull();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(result.writtenTo())))
                .isEqualTo("rw-------");
        for (Map.Entry<String, String> e : byKey.entrySet()) {
            String sealed = sealedAddress(e.getKey());
            assertThat(sealed).startsWith(newPrefix);
            assertThat(personalData.open(sealed)).isEqualTo(e.getValue());
            String parameters = sealedParameters(e.getKey());
            assertThat(parameters).startsWith(newPrefix);
            assertThat(personalData.open(parameters)).contains(reference).contains("De lamp is vervangen");
        }
        // Every sealed column of every feature: nothing is left under an older key.
        for (SealedColumn column : columns) {
            assertThat(db.sql("select count(*) as n from " + column.table() + " where " + column.column()
                    + " is not null and " + column.column() + " not like :prefix").bind("prefix", newPrefix + "%")
                    .map(row -> row.get("n", Long.class)).one().block()).as(column.toString()).isZero();
        }

        // Run again (an interrupted rotation finished): nothing is left to re-seal.
        assertThat(rotation.resealAll().block()).isNotEmpty().allSatisfy((column, count) -> assertThat(count)
                .as(column).isZero());
    }

    private String enqueue(Channel channel, String address, String reference) {
        String key = "rotation-test:" + UUID.randomUUID();
        outbox.enqueue(new OutgoingNotification(key, channel, address, Audience.RESIDENT, Template.STATUS_RESOLVED,
                Map.of("reference", reference, "note", "De lamp is vervangen"), "nl", Urgency.NORMAL, reference))
                .block();
        return key;
    }

    private String sealedAddress(String key) {
        return db.sql("select r.address_sealed from notification_recipient r join notification n"
                + " on n.id = r.notification_id where n.idempotency_key = :key").bind("key", key)
                .map(row -> row.get("address_sealed", String.class)).one().block();
    }

    private String sealedParameters(String key) {
        return db.sql("select parameters_sealed from notification where idempotency_key = :key").bind("key", key)
                .map(row -> row.get("parameters_sealed", String.class)).one().block();
    }
}
