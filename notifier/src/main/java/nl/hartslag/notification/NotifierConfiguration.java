package nl.hartslag.notification;

import java.lang.management.ManagementFactory;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import org.flywaydb.core.api.migration.JavaMigration;

import com.twilio.http.TwilioRestClient;

import io.r2dbc.spi.ConnectionFactory;
import nl.hartslag.db.crypto.PersonalData;
import nl.hartslag.db.crypto.SealedColumn;

/**
 * The notifier's beans. SMS goes through Twilio when {@code hartslag.twilio.account-sid} and
 * {@code auth-token} are set, e-mail through SMTP when {@code spring.mail.host} is; otherwise a
 * clearly marked log-only stand-in is used, unless {@code hartslag.notifier.require-real-sms}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
        "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration",
        "nl.hartslag.db.crypto.CryptoAutoConfiguration" })
@EnableConfigurationProperties({ NotifierSettings.class, TwilioSettings.class })
public class NotifierConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotifierConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OutboxRepository outboxRepository(DatabaseClient db, ReactiveTransactionManager transactions,
            PersonalData personalData) {
        return new OutboxRepository(db, TransactionalOperator.create(transactions), personalData);
    }

    /** Issue 15: seals the outbox's addresses and parameters, hashes opt-outs and daily counts. */
    @Bean
    JavaMigration sealNotificationAddresses(PersonalData personalData) {
        return new V27__seal_notification_addresses(personalData);
    }

    /** Re-sealed by key rotation. */
    @Bean
    SealedColumn notificationRecipientAddress() {
        return new SealedColumn("notification_recipient", "notification_id", "address_sealed");
    }

    @Bean
    SealedColumn notificationParameters() {
        return new SealedColumn("notification", "id", "parameters_sealed");
    }

    @Bean
    Outbox outbox(OutboxRepository repository, NotifierSettings settings, Clock clock) {
        return new Outbox(repository, settings, clock);
    }

    @Bean
    OptOutList optOutList(DatabaseClient db, PersonalData personalData) {
        return new OptOutList(db, personalData);
    }

    @Bean
    DeliveryReceipts deliveryReceipts(OutboxRepository repository) {
        return new DeliveryReceipts(repository);
    }

    @Bean
    Notifications notifications(DatabaseClient db, NotifierSettings settings, PersonalData personalData) {
        return new Notifications(db, settings, personalData);
    }

    @Bean
    SmsGateway smsGateway(TwilioSettings twilio, NotifierSettings settings,
            @Value("${hartslag.public-base-url:http://localhost:8080}") String publicBaseUrl) {
        if (!twilio.configured()) {
            if (settings.requireRealSms()) {
                throw new IllegalStateException("hartslag.notifier.require-real-sms=true but no Twilio credentials:"
                        + " set HARTSLAG_TWILIO_ACCOUNT_SID and HARTSLAG_TWILIO_AUTH_TOKEN");
            }
            log.warn("*** No Twilio credentials: SMS go to a LOG-ONLY channel and are NOT sent ***");
            return new LogOnlySmsGateway();
        }
        if (!twilio.hasSender()) {
            throw new IllegalStateException("Twilio credentials are set but no sender: set"
                    + " hartslag.twilio.phone-number or hartslag.twilio.messaging-service-sid");
        }
        TwilioRestClient client = new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken())
                .httpClient(new TwilioHttpClient(twilio.apiBaseUrl(), settings.sendTimeout(), settings.concurrency()))
                .build();
        return new TwilioSmsGateway(client, twilio, publicBaseUrl);
    }

    @Bean
    MailGateway mailGateway(ObjectProvider<JavaMailSender> sender, NotifierSettings settings) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            log.warn("No spring.mail.host: e-mail goes to a LOG-ONLY channel and is NOT sent");
            return new LogOnlyMailGateway();
        }
        return new SmtpMailGateway(mail, settings.mailFrom());
    }

    @Bean
    Templates notificationTemplates() {
        return new Templates();
    }

    @Bean
    Dispatcher notificationDispatcher(ConnectionFactory connections, OutboxRepository outbox, SmsGateway sms,
            MailGateway mail, Templates templates, OptOutList optOuts, NotifierSettings settings, Clock clock) {
        String instance = settings.instance() == null || settings.instance().isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() // pid@host
                : settings.instance();
        return new Dispatcher(connections, outbox, sms, mail, templates, optOuts, settings, clock, instance);
    }

    @Bean
    NotifierStatus notifierStatus(NotifierSettings settings, SmsGateway sms, MailGateway mail) {
        return new NotifierStatus(settings.dispatch(), sms.real(), sms.describe(), mail.real(), mail.describe());
    }
}
