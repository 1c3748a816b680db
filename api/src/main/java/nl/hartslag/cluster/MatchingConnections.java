package nl.hartslag.cluster;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;

/**
 * The matching lane's own few connections ({@code hartslag.cluster.matching-connections}), beside
 * the shared pool. Under a flood every intake request and every routing queues for a connection of
 * the shared pool, and the lane's statements queued behind them all: matching then made no
 * progress while reports poured in. With its own connections the lane never waits for the intake,
 * and the intake never waits for the lane. Made like the shared pool (same server, credentials,
 * {@code spring.r2dbc.pool.*} time limits and validation), so an outage is met the same way. With
 * 0 connections the lane uses the shared pool.
 */
@Component
class MatchingConnections {

    private static final Logger log = LoggerFactory.getLogger(MatchingConnections.class);

    private final ConnectionPool pool;
    private final DatabaseClient db;
    private final ReactiveTransactionManager transactions;

    MatchingConnections(ConnectionFactory shared, DatabaseClient sharedClient, ReactiveTransactionManager sharedTransactions,
            R2dbcProperties properties, ClusterSettings settings) {
        if (settings.matchingConnections() == 0) {
            this.pool = null;
            this.db = sharedClient;
            this.transactions = sharedTransactions;
            return;
        }
        R2dbcProperties.Pool shape = properties.getPool();
        ConnectionPoolConfiguration.Builder config = ConnectionPoolConfiguration.builder(unpooled(shared))
                .name("hartslag-matching")
                .initialSize(0)
                .maxSize(settings.matchingConnections())
                .maxIdleTime(shape.getMaxIdleTime())
                .maxLifeTime(shape.getMaxLifeTime())
                .maxValidationTime(shape.getMaxValidationTime())
                .acquireRetry(shape.getAcquireRetry())
                .validationDepth(shape.getValidationDepth());
        if (shape.getMaxAcquireTime() != null) {
            config.maxAcquireTime(shape.getMaxAcquireTime());
        }
        if (shape.getMaxCreateConnectionTime() != null) {
            config.maxCreateConnectionTime(shape.getMaxCreateConnectionTime());
        }
        if (shape.getValidationQuery() != null) {
            config.validationQuery(shape.getValidationQuery());
        }
        this.pool = new ConnectionPool(config.build());
        this.db = DatabaseClient.create(pool);
        this.transactions = new R2dbcTransactionManager(pool);
    }

    DatabaseClient db() {
        return db;
    }

    ReactiveTransactionManager transactions() {
        return transactions;
    }

    /** Closed by the lane once it has stopped, while PostgreSQL still answers (as the shared pool is). */
    void close() {
        if (pool == null) {
            return;
        }
        try {
            pool.disposeLater().block(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            log.debug("Closing the matching connections: {}", e.toString());
        }
    }

    /** The driver's own factory beneath the shared pool. */
    private static ConnectionFactory unpooled(ConnectionFactory factory) {
        ConnectionFactory current = factory;
        while (current instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner
                && inner != current) {
            current = inner;
        }
        return current;
    }
}
