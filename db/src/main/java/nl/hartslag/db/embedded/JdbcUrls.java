package nl.hartslag.db.embedded;

/** Turns the R2DBC URL operators configure into the JDBC URL Flyway needs, so they set one URL, not two. */
final class JdbcUrls {

    private JdbcUrls() {
    }

    static String fromR2dbc(String r2dbcUrl) {
        // r2dbc:postgresql://[user:pass@]host[:port]/db[?options]; r2dbc:pool:postgresql://... too.
        String rest = r2dbcUrl.replaceFirst("^r2dbcs?:(pool:)?postgres(ql)?://", "");
        if (rest.equals(r2dbcUrl)) {
            throw new IllegalArgumentException(
                    "spring.r2dbc.url must be a PostgreSQL R2DBC URL (r2dbc:postgresql://host:port/db); set spring.flyway.url explicitly otherwise");
        }
        int at = rest.indexOf('@');
        int slash = rest.indexOf('/');
        if (at >= 0 && (slash < 0 || at < slash)) {
            rest = rest.substring(at + 1);
        }
        return "jdbc:postgresql://" + rest;
    }

    /** Never log a password that happens to be inside the URL. */
    static String withoutCredentials(String url) {
        return url.replaceAll("//[^/@]*@", "//");
    }
}
