package nl.hartslag.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;

import jakarta.mail.Address;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;

class SendFailureClassificationTests {

    private static ApiException twilio(int status, Integer code, String message) {
        return new ApiException(message, code,
                code == null ? null : "https://www.twilio.com/docs/errors/" + code, status, null);
    }

    private static SMTPAddressFailedException addressFailed(int code, String reply) throws Exception {
        return new SMTPAddressFailedException(new InternetAddress("x@example.org"), "RCPT TO", code, reply);
    }

    // --- Twilio

    @Test
    void twilioTooManyRequestsIsRetried() {
        SendFailure failure = TwilioSmsGateway.classify(twilio(429, 20429, "Too Many Requests"));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.httpStatus()).isEqualTo(429);
        assertThat(failure.code()).isEqualTo("20429");
    }

    @ParameterizedTest
    @ValueSource(ints = { 500, 502, 503, 504 })
    void twilioServerErrorsAreRetried(int status) {
        SendFailure failure = TwilioSmsGateway.classify(twilio(status, 20500, "Internal Server Error"));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.httpStatus()).isEqualTo(status);
    }

    @Test
    void twilioServerErrorWithoutCodeIsRetried() {
        SendFailure failure = TwilioSmsGateway.classify(twilio(503, null, "Service Unavailable"));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.code()).isNull();
        assertThat(failure.httpStatus()).isEqualTo(503);
    }

    @Test
    void twilioInvalidNumberIsPermanent() {
        ApiException cause = twilio(400, 21211, "The 'To' number +31600000000 is not a valid phone number.");

        SendFailure failure = TwilioSmsGateway.classify(cause);

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.code()).isEqualTo("21211");
        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure.getMessage()).startsWith("Twilio 400 (21211): ");
        assertThat(failure.getCause()).isSameAs(cause);
    }

    @Test
    void twilioUnsubscribedRecipientIsPermanent() {
        SendFailure failure = TwilioSmsGateway.classify(
                twilio(400, 21610, "Attempt to send to unsubscribed recipient"));

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.code()).isEqualTo("21610").isEqualTo(TwilioSmsGateway.UNSUBSCRIBED);
    }

    @Test
    void twilioConnectionProblemIsRetried() {
        ApiConnectionException cause = new ApiConnectionException("Connection error",
                new SocketTimeoutException("Read timed out"));

        SendFailure failure = TwilioSmsGateway.classify(cause);

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.httpStatus()).isNull();
        assertThat(failure.code()).isNull();
        assertThat(failure.getMessage()).contains("SocketTimeoutException").contains("Read timed out");
        assertThat(failure.getCause()).isSameAs(cause);
    }

    @Test
    void twilioErrorWithoutStatusIsRetried() {
        SendFailure failure = TwilioSmsGateway.classify(new ApiException("Unable to parse response"));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.httpStatus()).isNull();
    }

    @Test
    void anythingElseFromTwilioIsRetried() {
        SendFailure failure = TwilioSmsGateway.classify(new IllegalStateException("boom", new IOException("reset")));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.getMessage()).contains("IOException reset");
    }

    // --- SMTP

    @Test
    void smtpNoSuchUserIsPermanent() throws Exception {
        SMTPAddressFailedException cause = addressFailed(550, "no such user");

        SendFailure failure = SmtpMailGateway.classify(cause);

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.code()).isEqualTo("550");
        assertThat(failure.getMessage()).startsWith("SMTP 550");
        assertThat(failure.getCause()).isSameAs(cause);
    }

    @Test
    void smtpTemporaryFailureIsRetried() throws Exception {
        SendFailure failure = SmtpMailGateway.classify(addressFailed(451, "try again later"));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.code()).isEqualTo("451");
    }

    @Test
    void springMailSendExceptionWithFailedMessagesIsClassifiedByTheNestedCode() throws Exception {
        Map<Object, Exception> failed = new LinkedHashMap<>();
        failed.put("message-1", addressFailed(550, "no such user"));
        MailSendException send = new MailSendException(failed);

        SendFailure failure = SmtpMailGateway.classify(send);

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.code()).isEqualTo("550");
        assertThat(failure.getCause()).isSameAs(send);
    }

    @Test
    void springMailSendExceptionWithTemporaryNestedCodeIsRetried() throws Exception {
        Map<Object, Exception> failed = new LinkedHashMap<>();
        failed.put("message-1", addressFailed(451, "greylisted"));

        SendFailure failure = SmtpMailGateway.classify(new MailSendException(failed));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.code()).isEqualTo("451");
    }

    @Test
    void springMailSendExceptionLikeJavaMailSenderThrowsIt() throws Exception {
        // JavaMailSenderImpl puts the transport's SendFailedException in the map; the SMTP reply is its
        // next exception
        SendFailedException transport = new SendFailedException("Invalid Addresses", addressFailed(550, "no such user"),
                new Address[0], new Address[0], new Address[] { new InternetAddress("x@example.org") });
        Map<Object, Exception> failed = new LinkedHashMap<>();
        failed.put("message-1", transport);

        SendFailure failure = SmtpMailGateway.classify(new MailSendException(failed));

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.code()).isEqualTo("550");
    }

    @Test
    void springMailSendExceptionWithCauseIsClassifiedByTheNestedCode() throws Exception {
        SendFailure failure = SmtpMailGateway.classify(
                new MailSendException("Failed messages", addressFailed(550, "no such user")));

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.code()).isEqualTo("550");
    }

    @Test
    void smtpSendFailedCarriesItsCodeToo() {
        SendFailure permanent = SmtpMailGateway.classify(new SMTPSendFailedException("DATA", 552,
                "552 message size exceeds maximum", null, null, null, null));
        SendFailure temporary = SmtpMailGateway.classify(new SMTPSendFailedException("MAIL FROM", 421,
                "421 service not available", null, null, null, null));

        assertThat(permanent.permanent()).isTrue();
        assertThat(permanent.code()).isEqualTo("552");
        assertThat(temporary.permanent()).isFalse();
        assertThat(temporary.code()).isEqualTo("421");
    }

    @Test
    void smtpConnectionFailureIsRetried() {
        MailSendException send = new MailSendException("Mail server connection failed");

        SendFailure failure = SmtpMailGateway.classify(send);

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.code()).isNull();
        assertThat(failure.httpStatus()).isNull();
        assertThat(failure.getMessage()).isEqualTo("SMTP unavailable: Mail server connection failed");
    }

    @Test
    void smtpLoginRefusedIsRetried() {
        SendFailure failure = SmtpMailGateway.classify(new MailAuthenticationException("535 bad credentials"));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.getMessage()).startsWith("SMTP login refused");
    }

    @Test
    void mailThatCannotBeBuiltIsPermanent() {
        SendFailure failure = SmtpMailGateway.classify(new MailParseException("Illegal address"));

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.code()).isNull();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = { 401, 403 })
    void refusedCredentialsAreRetriedNotBlamedOnTheMessage(int status) {
        SendFailure failure = TwilioSmsGateway.classify(twilio(status, 20003, "Authenticate"));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.httpStatus()).isEqualTo(status);
    }
}
