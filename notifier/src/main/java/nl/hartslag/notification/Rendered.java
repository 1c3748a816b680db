package nl.hartslag.notification;

/** A message ready to send: the SMS text or the e-mail's subject, plain text and HTML. */
record Rendered(String subject, String text, String html) {
}
