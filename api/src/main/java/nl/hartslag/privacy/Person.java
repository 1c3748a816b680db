package nl.hartslag.privacy;

/**
 * Whom a formal request is about: a phone number or an e-mail address, held only as its keyed lookup
 * hash ({@code PersonalData.phoneLookup}/{@code emailLookup}). The hash is what the audit trail records
 * and what every lookup compares; the plain value never leaves the request.
 */
public record Person(Kind kind, String hash) {

    public enum Kind {
        PHONE, EMAIL
    }

}
