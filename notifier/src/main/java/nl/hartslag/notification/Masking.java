package nl.hartslag.notification;

/** Shows enough of an address to tell two apart, not enough to contact anyone. */
public final class Masking {

    private Masking() {
    }

    /** {@code +31612345678} → {@code +31*******78}; {@code jan@example.nl} → {@code j***@example.nl}. */
    public static String mask(String address) {
        if (address == null) {
            return null;
        }
        int at = address.indexOf('@');
        if (at > 0) {
            return address.charAt(0) + "***" + address.substring(at);
        }
        if (address.length() <= 5) {
            return "*".repeat(address.length());
        }
        return address.substring(0, 3) + "*".repeat(address.length() - 5) + address.substring(address.length() - 2);
    }
}
