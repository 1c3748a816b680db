/** Retention: personal data erased, report texts pseudonymised and audit entries removed when their time is up. */
package nl.hartslag.retention;
