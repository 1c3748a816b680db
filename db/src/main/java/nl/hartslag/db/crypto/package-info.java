/**
 * Personal data encrypted at rest (issue 15): {@link nl.hartslag.db.crypto.PersonalData} seals a
 * value with AES-GCM (Google Tink) before it is written and opens it after it is read, and gives the
 * keyed hash (HMAC-SHA256) that lookups by phone number or e-mail address use instead of the plain
 * value. {@link nl.hartslag.db.crypto.Keysets} loads the keys from configuration or keeps them in
 * {@code <data-dir>/keys} (0700, files 0600); {@link nl.hartslag.db.crypto.KeyRotation} adds a new key
 * and re-seals every {@link nl.hartslag.db.crypto.SealedColumn}. A named interface of the db module:
 * every feature that stores personal data uses it.
 */
@NamedInterface("crypto")
package nl.hartslag.db.crypto;

import org.springframework.modulith.NamedInterface;
