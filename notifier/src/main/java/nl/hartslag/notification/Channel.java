package nl.hartslag.notification;

/** How a notification travels. */
public enum Channel {
    SMS, EMAIL
}
