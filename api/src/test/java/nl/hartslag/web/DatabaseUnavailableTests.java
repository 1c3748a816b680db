package nl.hartslag.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;

/** Which failures mean "the database cannot be reached" (503) and which remain the request's or ours. */
class DatabaseUnavailableTests {

    @Test
    void connectionFailuresAreAnOutageHoweverDeeplyWrapped() {
        assertThat(DatabaseUnavailable.isCause(new R2dbcNonTransientResourceException("Connection unexpectedly closed",
                "08006"))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new R2dbcTransientResourceException("too many clients", "53300")))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new CannotCreateTransactionException("Could not open R2DBC Connection",
                new DataAccessResourceFailureException("Failed to obtain R2DBC Connection",
                        new ConnectException("Connection refused"))))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException(new ConnectException("Connection refused"))))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new io.netty.channel.ConnectTimeoutException("connection timed out")))
                .isTrue();
    }

    @Test
    void aServerShuttingDownOrStartingIsAnOutage() {
        for (String state : new String[] { "57P01", "57P02", "57P03", "08001", "08P01" }) {
            assertThat(DatabaseUnavailable.isCause(new R2dbcException("terminating connection", state) {
            })).as(state).isTrue();
        }
    }

    @Test
    void thePoolGivingUpIsAnOutageButAStatementTimeoutIsNot() {
        assertThat(DatabaseUnavailable.isCause(new R2dbcTimeoutException("Connection acquisition timed out after 5000ms",
                new TimeoutException("Did not observe any item")))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new R2dbcTimeoutException("canceling statement due to statement timeout",
                "57014"))).isFalse();
    }

    @Test
    void badDataAndOurOwnFaultsAreNotAnOutage() {
        assertThat(DatabaseUnavailable.isCause(new R2dbcDataIntegrityViolationException("duplicate key", "23505")))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new DataIntegrityViolationException("invalid byte sequence",
                new R2dbcDataIntegrityViolationException("invalid byte sequence for encoding UTF8: 0x00", "22021"))))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new R2dbcBadGrammarException("syntax error", "42601"))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new NullPointerException())).isFalse();
        assertThat(DatabaseUnavailable.isCause(new TimeoutException())).isFalse();
    }

    @Test
    void theLogLineNamesTheDeepestCause() {
        assertThat(DatabaseUnavailable.summary(new DataAccessResourceFailureException("Failed to obtain R2DBC Connection",
                new ConnectException("Connection refused")))).isEqualTo("ConnectException: Connection refused");
    }
}
