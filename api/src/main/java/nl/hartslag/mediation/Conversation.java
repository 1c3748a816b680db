package nl.hartslag.mediation;

/** A contact moment a mediator records ({@code contact_moment.kind}); the first three move the method along. */
public enum Conversation {
    /** With party A, who reported or was referred first. */
    PARTY_A,
    /** With party B, the neighbour. */
    PARTY_B,
    /** Both parties together. */
    JOINT,
    /** Any other contact (a call to arrange a meeting, a letter): recorded, moves nothing. */
    OTHER
}
