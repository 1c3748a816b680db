package nl.hartslag.db;

import java.util.Optional;

import io.r2dbc.spi.Parameter;
import io.r2dbc.spi.Parameters;

/**
 * Bind values for {@code DatabaseClient} that may be absent. A {@code null} cannot be bound with
 * {@code bind(name, value)} (it asserts a value) and the driver must still know the column's type, so
 * every optional value used to need a ternary between {@code bind} and {@code bindNull}. With this
 * the call site stays one fluent line:
 *
 * <pre>{@code
 * client.sql("update case_file set street = :street where id = :id")
 *         .bind("id", id)
 *         .bind("street", SqlParams.nullable(street, String.class))
 * }</pre>
 *
 * The result is an R2DBC {@link Parameter} (which {@code bind(String, Object)} accepts), not Spring's
 * {@code org.springframework.r2dbc.core.Parameter}, deprecated since Spring Framework 6.0.
 */
public final class SqlParams {

    private SqlParams() {
    }

    /** The value, or a typed SQL NULL of {@code type} when it is {@code null}. */
    public static <T> Parameter nullable(T value, Class<T> type) {
        return value == null ? Parameters.in(type) : Parameters.in(value);
    }

    /** The present value, or a typed SQL NULL of {@code type} when it is empty. */
    public static <T> Parameter nullable(Optional<? extends T> value, Class<T> type) {
        return nullable(value.orElse(null), type);
    }
}
