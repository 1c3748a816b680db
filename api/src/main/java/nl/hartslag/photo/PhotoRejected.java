package nl.hartslag.photo;

/** Why a file is not a photo we can store; {@link #code()} is its message key. */
public final class PhotoRejected extends Exception {

    public enum Reason {
        /** Not JPEG, PNG or HEIC by its first bytes (whatever its name or declared type says). */
        UNSUPPORTED_TYPE,
        /** Larger than {@link PhotoSettings#maxSize()}. */
        TOO_LARGE,
        /** Claims more pixels than {@link PhotoSettings#maxPixels()}. */
        TOO_MANY_PIXELS,
        /** The right kind, but broken (or a HEIC whose metadata we could not find for certain). */
        UNDECODABLE;

        public String code() {
            return "validation.photo." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    public PhotoRejected(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public String code() {
        return reason.code();
    }
}
