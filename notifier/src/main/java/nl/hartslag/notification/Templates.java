package nl.hartslag.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * Renders templates from {@code templates_<lang>.properties}: per template an {@code .sms} text, an
 * e-mail {@code .subject} and optionally a longer {@code .email} text (otherwise the SMS text).
 * Parameters are written {@code {name}}. For SMS every value is folded to GSM-7 and the note is
 * shortened, at a word, to the room left in one segment.
 */
final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");
    private static final int MIN_NOTE = 12;

    private final Map<String, Properties> byLanguage;

    Templates() {
        this.byLanguage = Map.of("nl", load("nl"), "en", load("en"));
    }

    Rendered render(Template template, Map<String, String> parameters, String language, Channel channel) {
        Properties texts = byLanguage.getOrDefault(language, byLanguage.get("nl"));
        return channel == Channel.SMS ? sms(template, parameters, texts) : email(template, parameters, texts);
    }

    private static Rendered sms(Template template, Map<String, String> parameters, Properties texts) {
        String pattern = text(texts, template + ".sms");
        String note = Gsm7.fold(parameters.getOrDefault(Template.Param.NOTE.key(), "")).strip().replaceAll("\\s+", " ");
        String full = fill(pattern, parameters, note, true);
        if (note.isEmpty() || Gsm7.septets(full) <= Gsm7.SEGMENT) {
            return new Rendered(null, full, null);
        }
        // The note goes in with a space before it; whatever is left of the segment is its room.
        int room = Gsm7.SEGMENT - Gsm7.septets(fill(pattern, parameters, "", true)) - 1;
        String fitted = room >= MIN_NOTE ? shorten(note, room) : "";
        return new Rendered(null, fill(pattern, parameters, fitted, true), null);
    }

    private static Rendered email(Template template, Map<String, String> parameters, Properties texts) {
        String note = parameters.getOrDefault(Template.Param.NOTE.key(), "").strip();
        String body = texts.getProperty(template + ".email", text(texts, template + ".sms"));
        String plain = fill(body, parameters, note, false);
        String link = parameters.get(Template.Param.STATUS_URL.key());
        String footer = text(texts, "email.footer");
        StringBuilder text = new StringBuilder(plain);
        StringBuilder html = new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif;font-size:16px\">")
                .append("<p>").append(HtmlUtils.htmlEscape(plain)).append("</p>");
        if (link != null && !link.isBlank()) {
            String label = text(texts, "email.status-link");
            text.append("\n\n").append(label).append(": ").append(link);
            html.append("<p><a href=\"").append(HtmlUtils.htmlEscape(link)).append("\">")
                    .append(HtmlUtils.htmlEscape(label)).append("</a></p>");
        }
        text.append("\n\n").append(footer);
        html.append("<p style=\"color:#555\">").append(HtmlUtils.htmlEscape(footer)).append("</p></body></html>");
        return new Rendered(fill(text(texts, template + ".subject"), parameters, "", false), text.toString(),
                html.toString());
    }

    private static String fill(String pattern, Map<String, String> parameters, String note, boolean gsm) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = name.equals(Template.Param.NOTE.key()) ? note : parameters.getOrDefault(name, "");
            if (gsm && !name.equals(Template.Param.NOTE.key())) {
                // Folding can lengthen a value (… becomes ..., € takes two septets): hold it to its limit.
                value = Gsm7.cut(Gsm7.fold(value), maxLength(name));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        // An empty note leaves a dangling space before the end or a full stop.
        return out.toString().replaceAll(" +", " ").strip();
    }

    private static int maxLength(String key) {
        for (Template.Param p : Template.Param.values()) {
            if (p.key().equals(key)) {
                return p.maxLength();
            }
        }
        return Integer.MAX_VALUE;
    }

    /** The longest start of {@code note} that, with "...", fits {@code room} septets; cut at a word if there is one. */
    private static String shorten(String note, int room) {
        String head = Gsm7.cut(note, room - 3);
        int space = head.lastIndexOf(' ');
        if (space > 0 && head.length() < note.length() && note.charAt(head.length()) != ' ') {
            head = head.substring(0, space);
        }
        return head.strip() + "...";
    }

    private static String text(Properties texts, String key) {
        String value = texts.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("No text for " + key);
        }
        return value;
    }

    private static Properties load(String language) {
        String name = "templates_" + language + ".properties";
        try (InputStream in = Templates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + name);
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
