/**
 * Closing the loop: a reporter's answer to "Bent u tevreden?" (by text or on the status page)
 * stored through the report's one writer; dissatisfaction flags the report for the coordinator
 * and, within the "niet opgelost" window, reopens it as "niet opgelost" does.
 */
package nl.hartslag.feedback;
