/**
 * The webhook guard: reads a Twilio request's form and proves it was signed by Twilio. HTTP by nature, so
 * it lives in a {@code web} package; the intake and notification web adapters use it (a named interface
 * of the twilio module, and the one web package other web adapters may depend on).
 */
@NamedInterface("webhooks")
package nl.hartslag.twilio.web;

import org.springframework.modulith.NamedInterface;
