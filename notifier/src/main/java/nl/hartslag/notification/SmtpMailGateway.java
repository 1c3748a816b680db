package nl.hartslag.notification;

import java.nio.charset.StandardCharsets;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import jakarta.mail.internet.MimeMessage;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** E-mail over SMTP with Spring's JavaMailSender (blocking, so on bounded-elastic threads). */
final class SmtpMailGateway implements MailGateway {

    private final JavaMailSender sender;
    private final String from;

    SmtpMailGateway(JavaMailSender sender, String from) {
        this.sender = sender;
        this.from = from;
    }

    @Override
    public Mono<String> send(String to, Rendered message) {
        return Mono.fromCallable(() -> {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(message.subject());
            helper.setText(message.text(), message.html());
            mime.saveChanges(); // assigns the Message-ID we keep as the provider id
            String id = mime.getMessageID();
            sender.send(mime);
            return id;
        }).subscribeOn(Schedulers.boundedElastic()).onErrorMap(e -> !(e instanceof SendFailure), SmtpMailGateway::classify);
    }

    /** SMTP 5xx is a refusal for good; 4xx, lost connections and the like are worth another try. */
    static SendFailure classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Integer code = smtpCode(t);
            if (code == null && t instanceof MailSendException send) {
                for (Exception failed : send.getFailedMessages().values()) {
                    for (Throwable f = failed; f != null && code == null; f = f.getCause() == f ? null : f.getCause()) {
                        code = smtpCode(f);
                    }
                }
            }
            if (code != null) {
                return new SendFailure(code >= 500, null, String.valueOf(code), "SMTP " + code + ": "
                        + firstLine(t.getMessage()), e);
            }
        }
        if (e instanceof MailParseException) {
            return new SendFailure(true, null, null, "E-mail could not be built: " + firstLine(e.getMessage()), e);
        }
        String kind = e instanceof MailAuthenticationException ? "SMTP login refused" : "SMTP unavailable";
        return new SendFailure(false, null, null, kind + ": " + firstLine(e.getMessage()), e);
    }

    private static Integer smtpCode(Throwable t) {
        if (t instanceof SMTPAddressFailedException address) {
            return address.getReturnCode();
        }
        if (t instanceof SMTPSendFailedException send) {
            return send.getReturnCode();
        }
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    @Override
    public boolean real() {
        return true;
    }

    @Override
    public String describe() {
        return "SMTP";
    }
}
