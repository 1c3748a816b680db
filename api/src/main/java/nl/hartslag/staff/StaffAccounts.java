package nl.hartslag.staff;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import nl.hartslag.web.ProblemException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Staff accounts in PostgreSQL; the source Spring Security logs people in against. */
@Service
public class StaffAccounts implements ReactiveUserDetailsService {

    private final DatabaseClient db;
    private final PasswordEncoder encoder;

    StaffAccounts(DatabaseClient db, PasswordEncoder encoder) {
        this.db = db;
        this.encoder = encoder;
    }

    @Override
    public Mono<UserDetails> findByUsername(String username) {
        return db.sql("select username, password_hash, roles, enabled from staff_account where lower(username) = :u")
                .bind("u", username.toLowerCase(Locale.ROOT))
                .map(row -> User.withUsername(row.get("username", String.class))
                        .password(row.get("password_hash", String.class))
                        .authorities(Arrays.stream(row.get("roles", String[].class))
                                .map(r -> new SimpleGrantedAuthority(Role.valueOf(r).authority())).toList())
                        .disabled(!Boolean.TRUE.equals(row.get("enabled", Boolean.class)))
                        .build())
                .one();
    }

    /** Creates an account; hashing is deliberately slow, so it runs off the event loop. */
    public Mono<StaffAccount> create(String username, String displayName, String password, Set<Role> roles) {
        UUID id = UUID.randomUUID();
        String[] roleNames = roles.stream().map(Role::name).sorted().toArray(String[]::new);
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(Schedulers.boundedElastic())
                .flatMap(hash -> db.sql("insert into staff_account (id, username, password_hash, display_name, roles)"
                                + " values (:id, :username, :hash, :displayName, :roles)")
                        .bind("id", id).bind("username", username.toLowerCase(Locale.ROOT)).bind("hash", hash)
                        .bind("displayName", displayName).bind("roles", roleNames)
                        .then())
                .onErrorMap(DuplicateKeyException.class,
                        e -> new ProblemException(HttpStatus.CONFLICT, "account-exists", username))
                .thenReturn(new StaffAccount(id, username.toLowerCase(Locale.ROOT), displayName, roles, true));
    }

    /** Sets a new password for an existing account; empty if there is no such account. */
    public Mono<Boolean> setPassword(String username, String password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(Schedulers.boundedElastic())
                .flatMap(hash -> db.sql("update staff_account set password_hash = :hash where lower(username) = :u")
                        .bind("hash", hash).bind("u", username.toLowerCase(Locale.ROOT))
                        .fetch().rowsUpdated())
                .map(updated -> updated > 0);
    }

    /**
     * A staff member's own password change: emits false (and changes nothing) when the current
     * password is wrong. Both the check and the new hash are slow on purpose, so off the event loop.
     */
    public Mono<Boolean> changePassword(String username, String currentPassword, String newPassword) {
        return db.sql("select password_hash from staff_account where lower(username) = :u and enabled")
                .bind("u", username.toLowerCase(Locale.ROOT))
                .map(row -> row.get("password_hash", String.class))
                .one()
                .flatMap(hash -> Mono.fromCallable(() -> encoder.matches(currentPassword, hash))
                        .subscribeOn(Schedulers.boundedElastic()))
                .flatMap(matches -> matches ? setPassword(username, newPassword) : Mono.just(false))
                .defaultIfEmpty(false);
    }

    public Mono<Long> countWithRole(Role role) {
        return db.sql("select count(*) as n from staff_account where :role = any(roles) and enabled")
                .bind("role", role.name())
                .map(row -> row.get("n", Long.class)).one();
    }

    public Flux<StaffAccount> all() {
        return db.sql("select id, username, display_name, roles, enabled from staff_account order by username")
                .map(row -> new StaffAccount(row.get("id", UUID.class), row.get("username", String.class),
                        row.get("display_name", String.class),
                        Arrays.stream(row.get("roles", String[].class)).map(Role::valueOf)
                                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class))),
                        Boolean.TRUE.equals(row.get("enabled", Boolean.class))))
                .all();
    }
}
