package nl.hartslag.db.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcUrlsTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            r2dbc:postgresql://host:5432/db?sslmode=require        | jdbc:postgresql://host:5432/db?sslmode=require
            r2dbc:postgresql://host/db                             | jdbc:postgresql://host/db
            r2dbc:postgres://host:5432/db                          | jdbc:postgresql://host:5432/db
            r2dbc:pool:postgresql://host:5432/db                   | jdbc:postgresql://host:5432/db
            r2dbc:pool:postgresql://host:5432/db?maxSize=20        | jdbc:postgresql://host:5432/db?maxSize=20
            r2dbc:postgresql://db.example.org:6543/hartslag        | jdbc:postgresql://db.example.org:6543/hartslag
            """)
    void turnsAPostgresR2dbcUrlIntoAJdbcUrl(String r2dbc, String jdbc) {
        assertThat(JdbcUrls.fromR2dbc(r2dbc)).isEqualTo(jdbc);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            r2dbc:postgresql://app:s3cret@host:5432/db?sslmode=require | jdbc:postgresql://host:5432/db?sslmode=require
            r2dbc:pool:postgresql://app:s3cret@host:5432/db            | jdbc:postgresql://host:5432/db
            r2dbc:postgresql://app@host/db                             | jdbc:postgresql://host/db
            r2dbc:postgresql://app:s3cret@host                         | jdbc:postgresql://host
            """)
    void dropsCredentialsFromTheJdbcUrl(String r2dbc, String jdbc) {
        assertThat(JdbcUrls.fromR2dbc(r2dbc)).isEqualTo(jdbc).doesNotContain("app").doesNotContain("s3cret");
    }

    @Test
    void keepsAnAtSignThatIsPartOfTheQueryNotTheAuthority() {
        assertThat(JdbcUrls.fromR2dbc("r2dbc:postgresql://host:5432/db?applicationName=ops@hartslag"))
                .isEqualTo("jdbc:postgresql://host:5432/db?applicationName=ops@hartslag");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "r2dbc:mysql://host:3306/db",
            "r2dbc:h2:mem:///test",
            "jdbc:postgresql://host:5432/db",
            "postgresql://host:5432/db",
            "r2dbc:postgresql:host/db",
            "" })
    void rejectsAnythingButAPostgresR2dbcUrl(String url) {
        assertThatIllegalArgumentException().isThrownBy(() -> JdbcUrls.fromR2dbc(url))
                .withMessageContaining("spring.r2dbc.url")
                .withMessageContaining("spring.flyway.url");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            r2dbc:postgresql://app:s3cret@host:5432/db          | r2dbc:postgresql://host:5432/db
            r2dbc:pool:postgresql://app:s3cret@host/db?ssl=true | r2dbc:pool:postgresql://host/db?ssl=true
            r2dbc:postgresql://app@host/db                      | r2dbc:postgresql://host/db
            r2dbc:postgresql://host:5432/db                     | r2dbc:postgresql://host:5432/db
            """)
    void withoutCredentialsHidesUserAndPassword(String url, String logged) {
        assertThat(JdbcUrls.withoutCredentials(url)).isEqualTo(logged).doesNotContain("s3cret");
    }

    @Test
    void tlsInTheR2dbcSchemeIsKeptForFlyway() {
        assertThat(JdbcUrls.fromR2dbc("r2dbcs:postgresql://host/db")).isEqualTo("jdbc:postgresql://host/db?sslmode=require");
        assertThat(JdbcUrls.fromR2dbc("r2dbcs:postgresql://host/db?sslmode=verify-full"))
                .isEqualTo("jdbc:postgresql://host/db?sslmode=verify-full");
    }

    @Test
    void credentialsInTheUrlAreOfferedToFlyway() {
        assertThat(JdbcUrls.credentials("r2dbc:postgresql://app:s%40cret@host/db"))
                .contains(new JdbcUrls.Credentials("app", "s@cret"));
        assertThat(JdbcUrls.credentials("r2dbc:postgresql://app@host/db")).contains(new JdbcUrls.Credentials("app", ""));
        assertThat(JdbcUrls.credentials("r2dbc:postgresql://host/db")).isEmpty();
    }
}
