package nl.hartslag.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.ReactiveTransactionManager;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import nl.hartslag.db.crypto.CryptoAutoConfiguration;

/**
 * Which channels the notifier builds from configuration. No database is reached: dispatching is
 * switched off and the connection factory points nowhere.
 */
class NotifierConfigurationTests {

    /** The personal-data keys (the outbox seals addresses) are generated here, not in a data directory. */
    @TempDir
    static Path keys;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CryptoAutoConfiguration.class, NotifierConfiguration.class))
            .withPropertyValues("hartslag.crypto.keys-dir=" + keys)
            .withBean(ConnectionFactory.class, NotifierConfigurationTests::nowhere)
            .withBean(DatabaseClient.class, () -> DatabaseClient.create(nowhere()))
            .withBean(ReactiveTransactionManager.class, () -> new R2dbcTransactionManager(nowhere()))
            .withPropertyValues("hartslag.notifier.dispatch=false");

    @Test
    void withoutTwilioCredentialsTextsGoToAClearlyMarkedLogOnlyChannel() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            NotifierStatus status = context.getBean(NotifierStatus.class);
            assertThat(status.smsReal()).isFalse();
            assertThat(status.sms()).contains("log-only").contains("NOT sent");
            assertThat(status.mailReal()).isFalse();
            assertThat(context.getBean(SmsGateway.class)).isInstanceOf(LogOnlySmsGateway.class);
        });
    }

    @Test
    void requireRealSmsRefusesToStartWithoutCredentials() {
        runner.withPropertyValues("hartslag.notifier.require-real-sms=true").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("require-real-sms").hasMessageContaining("HARTSLAG_TWILIO_AUTH_TOKEN");
        });
    }

    @Test
    void withCredentialsAndASenderTextsGoThroughTwilio() {
        runner.withPropertyValues("hartslag.twilio.account-sid=AC00000000000000000000000000000009",
                "hartslag.twilio.auth-token=token", "hartslag.twilio.phone-number=+3197010000009",
                "hartslag.notifier.require-real-sms=true").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(NotifierStatus.class).smsReal()).isTrue();
                    assertThat(context.getBean(SmsGateway.class)).isInstanceOf(TwilioSmsGateway.class);
                });
    }

    @Test
    void credentialsWithoutASenderAreAConfigurationError() {
        runner.withPropertyValues("hartslag.twilio.account-sid=AC00000000000000000000000000000009",
                "hartslag.twilio.auth-token=token").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("phone-number");
                });
    }

    private static ConnectionFactory nowhere() {
        return new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder().host("localhost").port(1)
                .username("nobody").database("none").build());
    }
}
