package nl.hartslag.intake;

/** Why a caller rings: menu 1 (report nuisance) or menu 2 (help with a conflict with the neighbours). */
public enum Purpose {
    NUISANCE, MEDIATION
}
