package nl.hartslag.privacy;

/**
 * Whom a formal request is about: a phone number (E.164) or an e-mail address (lower case), with its
 * keyed lookup hash ({@code PersonalData.phoneLookup}/{@code emailLookup}). The hash is what the audit
 * trail records and what every lookup compares once personal columns are sealed; the plain value never
 * leaves the request.
 */
public record Person(Kind kind, String value, String hash) {

    public enum Kind {
        PHONE, EMAIL
    }

    @Override
    public String toString() {
        return "Person[" + kind + ", " + hash + "]"; // never the number or address
    }
}
