package nl.hartslag.db.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the keys come from. With neither keyset given (the embedded default) they are generated on
 * first start into {@code keysDir}, which defaults to {@code <hartslag.data-dir>/keys}.
 *
 * @param keysDir the directory holding {@code personal-data.aead.json} and {@code personal-data.lookup.json}
 * @param aeadKeyset a Tink JSON keyset (AES-GCM) given by the environment, e.g. {@code HARTSLAG_CRYPTO_AEAD_KEYSET};
 *        overrides the file
 * @param lookupKeyset a Tink JSON keyset (HMAC-SHA256 PRF) for the lookup hashes, e.g.
 *        {@code HARTSLAG_CRYPTO_LOOKUP_KEYSET}; overrides the file
 */
@ConfigurationProperties("hartslag.crypto")
public record CryptoProperties(String keysDir, String aeadKeyset, String lookupKeyset) {
}
