package nl.hartslag.staff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** hartslag.bootstrap-admin.*: the first coordinator; the password comes from the environment only. */
@ConfigurationProperties("hartslag.bootstrap-admin")
record BootstrapAdminSettings(@DefaultValue("coordinator") String username, String password) {

    @Override
    public String toString() {
        return "BootstrapAdminSettings[username=" + username + ", password=" + (password == null ? "unset" : "set") + "]";
    }
}
