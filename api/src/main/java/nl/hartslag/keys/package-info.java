/**
 * The personal-data keys from the operator's side: {@code java -jar hartslag-api.jar rotate-keys}
 * adds a new key and re-seals what older keys sealed ({@link nl.hartslag.keys.RotateKeysCommand}).
 */
package nl.hartslag.keys;
