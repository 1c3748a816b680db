package nl.hartslag.notification;

/** Who receives it; residents and volunteers get no ordinary texts at night, the teams' work phones do. */
public enum Audience {
    RESIDENT, VOLUNTEER, TEAM;

    boolean sleepsAtNight() {
        return this != TEAM;
    }
}
