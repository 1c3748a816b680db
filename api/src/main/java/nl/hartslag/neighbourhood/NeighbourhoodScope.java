package nl.hartslag.neighbourhood;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import nl.hartslag.domain.NotFound;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/**
 * Which neighbourhoods a coordinator works for ({@code staff_neighbourhood}): a coordinator with
 * rows sees only those; none means every neighbourhood. {@link #of(String)} is what other features
 * ask; the figures read the table in SQL themselves.
 */
@Service
public class NeighbourhoodScope {

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    NeighbourhoodScope(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    /** The neighbourhoods {@code username} is scoped to, sorted; empty = all (also for an unknown name). */
    public Mono<Set<String>> of(String username) {
        return db.sql("""
                select n.neighbourhood from staff_neighbourhood n
                  join staff_account a on a.id = n.staff_account_id
                 where a.username = :username
                """)
                .bind("username", username == null ? "" : username.toLowerCase(Locale.ROOT))
                .map(row -> row.get("neighbourhood", String.class)).all()
                .collect(TreeSet<String>::new, Set::add)
                .map(Set::copyOf);
    }

    /**
     * Scopes {@code username} to {@code neighbourhoods} (an empty list: every neighbourhood again).
     * Unknown neighbourhoods are refused by position (400); an unknown account is {@link NotFound}.
     */
    public Mono<Set<String>> set(String username, List<String> neighbourhoods) {
        List<String> given = neighbourhoods == null ? List.of() : neighbourhoods;
        return db.sql("select id from staff_account where username = :u")
                .bind("u", username == null ? "" : username.toLowerCase(Locale.ROOT))
                .map(row -> row.get("id", UUID.class)).one()
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(account -> db.sql("select name from neighbourhood").map(row -> row.get("name", String.class))
                        .all().collectList().flatMap(known -> {
                            List<Violation> violations = new ArrayList<>();
                            Set<String> names = new LinkedHashSet<>();
                            for (int i = 0; i < given.size(); i++) {
                                String wanted = given.get(i) == null ? "" : given.get(i).strip();
                                String match = known.stream().filter(k -> k.equalsIgnoreCase(wanted)).findFirst()
                                        .orElse(null);
                                if (match == null) {
                                    violations.add(Violation.of("neighbourhoods[" + i + "]",
                                            "validation.neighbourhood.unknown"));
                                } else {
                                    names.add(match);
                                }
                            }
                            if (!violations.isEmpty()) {
                                return Mono.error(new InvalidRequestException(violations));
                            }
                            Mono<Void> write = db.sql("delete from staff_neighbourhood where staff_account_id = :a")
                                    .bind("a", account).then()
                                    .then(names.isEmpty() ? Mono.empty() : db.sql("""
                                            insert into staff_neighbourhood (staff_account_id, neighbourhood)
                                            select :a, unnest(:names::text[])
                                            """).bind("a", account).bind("names", names.toArray(String[]::new))
                                            .then());
                            return tx.transactional(write).then(of(username));
                        }));
    }
}
