package nl.hartslag.db.embedded;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the R2DBC URL operators configure into the JDBC URL Flyway needs, so they set one URL, not two. */
final class JdbcUrls {

    // r2dbc[s]:[pool:]postgres[ql]://[user[:password]@]host[:port][/db][?options]
    private static final Pattern R2DBC = Pattern.compile(
            "^r2dbc(?<tls>s?):(?:pool:)?postgres(?:ql)?://(?:(?<userinfo>[^@/?#]*)@)?(?<rest>[^/?#@]+.*)$");

    /** User and password written into the URL itself (percent-decoded), if any. */
    record Credentials(String user, String password) {
    }

    private JdbcUrls() {
    }

    static String fromR2dbc(String r2dbcUrl) {
        Matcher m = matcher(r2dbcUrl);
        String jdbc = "jdbc:postgresql://" + m.group("rest");
        // r2dbcs: means TLS; keep that promise for the migration connection too.
        if (!m.group("tls").isEmpty() && !jdbc.contains("sslmode=")) {
            jdbc += (jdbc.contains("?") ? "&" : "?") + "sslmode=require";
        }
        return jdbc;
    }

    static Optional<Credentials> credentials(String r2dbcUrl) {
        String userinfo = matcher(r2dbcUrl).group("userinfo");
        if (userinfo == null || userinfo.isEmpty()) {
            return Optional.empty();
        }
        int colon = userinfo.indexOf(':');
        String user = colon < 0 ? userinfo : userinfo.substring(0, colon);
        String password = colon < 0 ? "" : userinfo.substring(colon + 1);
        return Optional.of(new Credentials(decode(user), decode(password)));
    }

    /** Never log a password that happens to be inside the URL. */
    static String withoutCredentials(String url) {
        return url.replaceFirst("//[^/?#@]*@", "//");
    }

    private static Matcher matcher(String r2dbcUrl) {
        Matcher m = R2DBC.matcher(r2dbcUrl == null ? "" : r2dbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("spring.r2dbc.url must be a PostgreSQL R2DBC URL"
                    + " (r2dbc:postgresql://host:port/db); set spring.flyway.url explicitly otherwise");
        }
        return m;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
