package nl.hartslag.staff;

import static nl.hartslag.db.SqlParams.nullable;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import io.r2dbc.spi.Readable;
import nl.hartslag.db.crypto.PersonalData;
import nl.hartslag.domain.Refused;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Staff accounts in PostgreSQL; the source Spring Security logs people in against. */
@Service
public class StaffAccounts implements ReactiveUserDetailsService {

    private final DatabaseClient db;
    private final PasswordEncoder encoder;
    private final PersonalData personalData;
    private final Clock clock = Clock.systemUTC();

    StaffAccounts(DatabaseClient db, PasswordEncoder encoder, PersonalData personalData) {
        this.db = db;
        this.encoder = encoder;
        this.personalData = personalData;
    }

    @Override
    public Mono<UserDetails> findByUsername(String username) {
        return staffUser(username).cast(UserDetails.class);
    }

    /** The account behind a login name, with its hash and session generation; empty if there is none. */
    Mono<StaffUser> staffUser(String username) {
        return db.sql("""
                        select username, password_hash, roles, enabled, session_generation from staff_account
                         where lower(username) = :u
                        """)
                .bind("u", username.toLowerCase(Locale.ROOT))
                .map(row -> new StaffUser(row.get("username", String.class), row.get("password_hash", String.class),
                        Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                        Arrays.stream(row.get("roles", String[].class))
                                .map(r -> new SimpleGrantedAuthority(Role.valueOf(r).authority())).toList(),
                        row.get("session_generation", Integer.class)))
                .one();
    }

    /** The session generation of an enabled account; empty when the account is disabled or gone. */
    Mono<Integer> sessionGeneration(String username) {
        return db.sql("select session_generation from staff_account where lower(username) = :u and enabled")
                .bind("u", username.toLowerCase(Locale.ROOT))
                .map(row -> row.get("session_generation", Integer.class)).one();
    }

    /** Creates an account; hashing is deliberately slow, so it runs off the event loop. */
    public Mono<StaffAccount> create(String username, String displayName, String password, Set<Role> roles) {
        return create(username, displayName, password, roles, null);
    }

    /**
     * Creates an account, for a partner with the agency it works for. The password must pass the
     * {@link PasswordPolicy}; callers that take it from a request check it first to name the field.
     */
    public Mono<StaffAccount> create(String username, String displayName, String password, Set<Role> roles,
            String agency) {
        UUID id = UUID.randomUUID();
        String[] roleNames = roles.stream().map(Role::name).sorted().toArray(String[]::new);
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(Schedulers.boundedElastic())
                .flatMap(hash -> {
                    return db.sql("""
                            insert into staff_account (id, username, password_hash, display_name_sealed, roles, agency)
                            values (:id, :username, :hash, :displayName, :roles, :agency)
                            """)
                            .bind("id", id).bind("username", username.toLowerCase(Locale.ROOT)).bind("hash", hash)
                            .bind("displayName", personalData.seal(displayName)).bind("roles", roleNames)
                            .bind("agency", nullable(agency, String.class))
                            .then();
                })
                .onErrorMap(DuplicateKeyException.class,
                        e -> new Refused("account-exists", username))
                .thenReturn(new StaffAccount(id, username.toLowerCase(Locale.ROOT), displayName, roles, true, agency,
                        null));
    }

    /**
     * Sets a password for an existing account unless it already has it (a restart with the same
     * bootstrap password changes nothing and ends no session); empty if there is no such account.
     * A change ends the account's other sessions and is recorded.
     */
    public Mono<Boolean> ensurePassword(String username, String password, String actor) {
        return db.sql("select password_hash from staff_account where lower(username) = :u")
                .bind("u", username.toLowerCase(Locale.ROOT))
                .map(row -> row.get("password_hash", String.class)).one()
                .flatMap(hash -> Mono.fromCallable(() -> encoder.matches(password, hash))
                        .subscribeOn(Schedulers.boundedElastic()))
                .flatMap(same -> same ? Mono.just(true)
                        : setPassword(username, password, "PASSWORD_SET", actor).hasElement());
    }

    /**
     * A new hash, the next session generation (ending every session of the account) and the event,
     * in one statement; emits the new generation, empty if there is no such account.
     */
    private Mono<Integer> setPassword(String username, String password, String kind, String actor) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(Schedulers.boundedElastic())
                .flatMap(hash -> db.sql("""
                                with changed as (
                                    update staff_account
                                       set password_hash = :hash, password_changed_at = now(),
                                           session_generation = session_generation + 1
                                     where lower(username) = :u
                                    returning id, session_generation),
                                event as (
                                    insert into staff_account_event (account_id, kind, actor)
                                    select id, :kind, :actor from changed)
                                select session_generation from changed
                                """)
                        .bind("hash", hash).bind("u", username.toLowerCase(Locale.ROOT)).bind("kind", kind)
                        .bind("actor", actor)
                        .map(row -> row.get("session_generation", Integer.class)).one());
    }

    /**
     * A staff member's own password change: emits the account's new session generation, or
     * nothing (and changes nothing) when the current password is wrong. Both the check and the new
     * hash are slow on purpose, so off the event loop.
     */
    public Mono<Integer> changePassword(String username, String currentPassword, String newPassword) {
        return db.sql("select password_hash from staff_account where lower(username) = :u and enabled")
                .bind("u", username.toLowerCase(Locale.ROOT))
                .map(row -> row.get("password_hash", String.class))
                .one()
                .flatMap(hash -> Mono.fromCallable(() -> encoder.matches(currentPassword, hash))
                        .subscribeOn(Schedulers.boundedElastic()))
                .flatMap(matches -> matches
                        ? setPassword(username, newPassword, "PASSWORD_CHANGED", "staff:" + username)
                        : Mono.empty());
    }

    /**
     * Disables (or enables again) an account, recorded with who did it. Disabling also moves the
     * account to the next session generation, so its sessions end now and do not come back when
     * it is enabled again. Emits the account, empty if there is no such account.
     */
    public Mono<StaffAccount> setEnabled(String username, boolean enabled, String actor) {
        String change = enabled ? "enabled = true, disabled_at = null"
                : "enabled = false, disabled_at = now(), session_generation = session_generation + 1";
        return db.sql("""
                        with changed as (
                            update staff_account set %s
                             where lower(username) = :u and enabled <> :enabled
                            returning id),
                        event as (
                            insert into staff_account_event (account_id, kind, actor)
                            select id, :kind, :actor from changed)
                        select count(*) as n from changed
                        """.formatted(change))
                .bind("u", username.toLowerCase(Locale.ROOT)).bind("enabled", enabled)
                .bind("kind", enabled ? "ENABLED" : "DISABLED").bind("actor", actor)
                .map(row -> row.get("n", Long.class)).one()
                .then(account(username));
    }

    /** The agency a partner account works for (accounts from before V13 have none); empty if no such partner. */
    public Mono<StaffAccount> setAgency(String username, String agency) {
        return db.sql("update staff_account set agency = :agency where lower(username) = :u and 'PARTNER' = any(roles)")
                .bind("agency", agency).bind("u", username.toLowerCase(Locale.ROOT))
                .fetch().rowsUpdated()
                .flatMap(n -> n > 0 ? account(username) : Mono.empty());
    }

    public Mono<StaffAccount> account(String username) {
        return db.sql(ACCOUNT + " where lower(username) = :u").bind("u", username.toLowerCase(Locale.ROOT))
                .map(row -> account(row)).one();
    }

    public Mono<Long> countWithRole(Role role) {
        return db.sql("select count(*) as n from staff_account where :role = any(roles) and enabled")
                .bind("role", role.name())
                .map(row -> row.get("n", Long.class)).one();
    }

    public Flux<StaffAccount> all() {
        return db.sql(ACCOUNT + " order by username").map(row -> account(row)).all();
    }

    // --- Accounts of the municipality's identity provider (OpenID Connect).

    /** The linked account of a login through the identity provider. */
    record OidcAccount(String username, int sessionGeneration) {
    }

    /**
     * The account linked to the provider's {@code subject}, with the roles the provider's claim gives
     * now (they follow the provider, login by login); made on the first login, with a password nobody
     * knows. Empty when the linked account is disabled. A local account with the same username is
     * linked only when {@code linkExisting}; otherwise that login is {@link Refused} (account-exists).
     */
    Mono<OidcAccount> oidcLogin(String subject, String username, String displayName, Set<Role> roles,
            boolean linkExisting) {
        String[] roleNames = roles.stream().map(Role::name).sorted().toArray(String[]::new);
        String actor = "oidc:" + username;
        Mono<OidcAccount> linked = db.sql("""
                        update staff_account set roles = :roles, display_name_sealed = :name
                         where oidc_subject = :subject
                        returning username, enabled, session_generation
                        """)
                .bind("roles", roleNames).bind("name", personalData.seal(displayName)).bind("subject", subject)
                .map(row -> Boolean.TRUE.equals(row.get("enabled", Boolean.class))
                        ? new OidcAccount(row.get("username", String.class), row.get("session_generation", Integer.class))
                        : new OidcAccount(null, -1))
                .one();
        Mono<OidcAccount> link = !linkExisting ? Mono.empty() : db.sql("""
                        with changed as (
                            update staff_account set oidc_subject = :subject, roles = :roles
                             where lower(username) = :u and oidc_subject is null and enabled
                            returning id, username, session_generation),
                        event as (
                            insert into staff_account_event (account_id, kind, actor)
                            select id, 'OIDC_LINKED', :actor from changed)
                        select username, session_generation from changed
                        """)
                .bind("subject", subject).bind("roles", roleNames).bind("u", username).bind("actor", actor)
                .map(row -> new OidcAccount(row.get("username", String.class),
                        row.get("session_generation", Integer.class)))
                .one();
        // The password of an account that logs in elsewhere: random, hashed, never shown.
        // (256 random bits in 43 characters: bcrypt reads at most 72 bytes.)
        Mono<OidcAccount> created = Mono.fromCallable(() -> encoder.encode(randomSecret()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(hash -> db.sql("""
                                with created as (
                                    insert into staff_account (id, username, password_hash, display_name_sealed, roles,
                                                               oidc_subject)
                                    values (:id, :u, :hash, :name, :roles, :subject)
                                    returning id, username, session_generation),
                                event as (
                                    insert into staff_account_event (account_id, kind, actor)
                                    select id, 'OIDC_CREATED', :actor from created)
                                select username, session_generation from created
                                """)
                        .bind("id", UUID.randomUUID()).bind("u", username).bind("hash", hash).bind("name", personalData.seal(displayName))
                        .bind("roles", roleNames).bind("subject", subject).bind("actor", actor)
                        .map(row -> new OidcAccount(row.get("username", String.class),
                                row.get("session_generation", Integer.class)))
                        .one())
                .onErrorMap(DuplicateKeyException.class, e -> new Refused("account-exists", username));
        return linked.switchIfEmpty(Mono.defer(() -> link.switchIfEmpty(Mono.defer(() -> created))))
                .filter(account -> account.username() != null);
    }

    // --- The second factor (TOTP). The secret is stored sealed, as personal data is: a database dump
    // alone must not let anyone make codes.

    /** The secret and the URI an authenticator app reads, shown once while enrolling. */
    public record TotpEnrolment(String secret, String uri) {

        @Override
        public String toString() {
            return "TotpEnrolment[redacted]";
        }
    }

    /** Whether the account has the second factor on (a login then needs a code after the password). */
    public Mono<Boolean> totpEnabled(String username) {
        return db.sql("select totp_secret_sealed is not null as totp from staff_account where lower(username) = :u")
                .bind("u", username.toLowerCase(Locale.ROOT))
                .map(row -> Boolean.TRUE.equals(row.get("totp", Boolean.class))).one()
                .defaultIfEmpty(false);
    }

    /**
     * Starts (or starts again) switching on the second factor: a new secret, kept pending until a
     * code made with it is confirmed ({@link #confirmTotp}); the one in use (if any) stays until then.
     * Empty when there is no such enabled local account (an OIDC account has its provider's factors).
     */
    public Mono<TotpEnrolment> startTotp(String username) {
        byte[] secret = Totp.newSecret();
        String text = Totp.base32(secret);
        return db.sql("""
                        update staff_account set totp_pending_sealed = :sealed
                         where lower(username) = :u and enabled and oidc_subject is null
                        returning username
                        """)
                .bind("sealed", personalData.seal(text)).bind("u", username.toLowerCase(Locale.ROOT))
                .map(row -> row.get("username", String.class)).one()
                .map(name -> new TotpEnrolment(text, Totp.uri("Hartslag", name, secret)));
    }

    /**
     * Confirms the pending secret with a code made from it: from now on the account's logins need a
     * code, and every other session of it ends (they were opened with the password alone). Emits the
     * account's new session generation; empty (nothing changed) when the code is wrong or nothing is pending.
     */
    public Mono<Integer> confirmTotp(String username, String code) {
        return db.sql("select totp_pending_sealed from staff_account where lower(username) = :u and enabled"
                        + " and totp_pending_sealed is not null")
                .bind("u", username.toLowerCase(Locale.ROOT))
                .map(row -> row.get("totp_pending_sealed", String.class)).one()
                .flatMap(pending -> {
                    OptionalLong step = Totp.match(key(pending), code, clock.instant(), Long.MIN_VALUE);
                    if (step.isEmpty()) {
                        return Mono.empty();
                    }
                    // Only the pending secret this code was checked against (not one a second enrolment
                    // started meanwhile) becomes the account's; the code's step counts as used.
                    return db.sql("""
                                    with changed as (
                                        update staff_account
                                           set totp_secret_sealed = totp_pending_sealed, totp_pending_sealed = null,
                                               totp_enabled_at = now(), totp_last_step = :step,
                                               session_generation = session_generation + 1
                                         where lower(username) = :u and totp_pending_sealed = :pending
                                        returning id, session_generation),
                                    event as (
                                        insert into staff_account_event (account_id, kind, actor)
                                        select id, 'TOTP_ENABLED', :actor from changed)
                                    select session_generation from changed
                                    """)
                            .bind("step", step.getAsLong()).bind("u", username.toLowerCase(Locale.ROOT))
                            .bind("pending", pending).bind("actor", "staff:" + username)
                            .map(row -> row.get("session_generation", Integer.class)).one();
                });
    }

    /**
     * Checks a login's code: true when it is the code of a step within the window that is later than
     * the last code this account used. Taking the step is one conditional update, so the same code
     * sent twice at once is still accepted only once.
     */
    public Mono<Boolean> checkTotp(String username, String code) {
        return db.sql("select totp_secret_sealed, totp_last_step from staff_account where lower(username) = :u"
                        + " and enabled and totp_secret_sealed is not null")
                .bind("u", username.toLowerCase(Locale.ROOT))
                .map(row -> {
                    Long last = row.get("totp_last_step", Long.class);
                    return Totp.match(key(row.get("totp_secret_sealed", String.class)), code, clock.instant(),
                            last == null ? Long.MIN_VALUE : last);
                }).one()
                .filter(OptionalLong::isPresent)
                .flatMap(step -> db.sql("""
                                update staff_account set totp_last_step = :step
                                 where lower(username) = :u and (totp_last_step is null or totp_last_step < :step)
                                """)
                        .bind("step", step.getAsLong()).bind("u", username.toLowerCase(Locale.ROOT))
                        .fetch().rowsUpdated())
                .map(n -> n > 0)
                .defaultIfEmpty(false);
    }

    /** Switches the second factor off after a valid code; false (nothing changed) when the code is wrong. */
    public Mono<Boolean> disableTotp(String username, String code) {
        return checkTotp(username, code).flatMap(ok -> !ok ? Mono.just(false)
                : removeTotp(username, "staff:" + username, false));
    }

    /**
     * A coordinator switches another account's second factor off (a lost phone): its sessions end,
     * and its next login is with the password alone (or enrols again, when that is required). False
     * when there is no such account.
     */
    public Mono<Boolean> resetTotp(String username, String actor) {
        return removeTotp(username, actor, true);
    }

    private Mono<Boolean> removeTotp(String username, String actor, boolean endSessions) {
        return db.sql("""
                        with changed as (
                            update staff_account
                               set totp_secret_sealed = null, totp_pending_sealed = null, totp_enabled_at = null,
                                   totp_last_step = null,
                                   session_generation = session_generation + (case when :end then 1 else 0 end)
                             where lower(username) = :u
                            returning id),
                        event as (
                            insert into staff_account_event (account_id, kind, actor)
                            select id, 'TOTP_DISABLED', :actor from changed)
                        select count(*) as n from changed
                        """)
                .bind("u", username.toLowerCase(Locale.ROOT)).bind("actor", actor).bind("end", endSessions)
                .map(row -> row.get("n", Long.class) > 0).one();
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private byte[] key(String sealed) {
        return Totp.fromBase32(personalData.open(sealed));
    }

    private static final String ACCOUNT = """
            select id, username, display_name_sealed, roles, enabled, agency, disabled_at from staff_account""";

    private StaffAccount account(Readable row) {
        OffsetDateTime disabledAt = row.get("disabled_at", OffsetDateTime.class);
        return new StaffAccount(row.get("id", UUID.class), row.get("username", String.class),
                personalData.open(row.get("display_name_sealed", String.class)),
                Arrays.stream(row.get("roles", String[].class)).map(Role::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class))),
                Boolean.TRUE.equals(row.get("enabled", Boolean.class)), row.get("agency", String.class),
                disabledAt == null ? null : disabledAt.toInstant());
    }
}
