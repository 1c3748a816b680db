-- Issue 15 (h15retention): retention. The daily job (nl.hartslag.retention) erases reporters' contact
-- data, parties' data and contact notes, pseudonymises report texts and removes audit entries older
-- than their retention period (docs/retention.md).

-- A report whose text (and typed place) the job pseudonymised: done once, never again, and the
-- statistics can tell an old report's text apart from one that still names people.
alter table report add column pseudonymised_at timestamptz;
create index report_not_pseudonymised_idx on report (updated_at) where pseudonymised_at is null;

-- The audit trail stays append-only (V24) with exactly one exception: entries older than five years,
-- removed through purge_audit_entries() below and nowhere else. The trigger lets a DELETE through only
-- inside that function (it sets a transaction-local flag) and only for an entry older than five years by
-- the database's own clock, so neither the application nor a wrong setting can remove a recent entry.
-- A shorter period than five years needs a new migration, on purpose.
create or replace function forbid_audit_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        if current_setting('hartslag.audit_purge', true) = 'on' and old.at < now() - interval '5 years' then
            return old;
        end if;
    end if;
    raise exception 'audit_entry is append-only (% refused)', tg_op;
end;
$$;

-- Owned by the migration's role and run with its rights (security definer). That role holds no DELETE
-- on audit_entry (V24 revoked it); the function grants it to itself for this one statement and takes it
-- back before it returns, in the same transaction, so outside the function nobody holds it. At most
-- max_rows entries per call (the job calls it in batches); one call at a time (advisory lock), so two
-- instances never race on the grant. Returns how many entries it removed.
create function purge_audit_entries(cutoff timestamptz, max_rows integer) returns integer
    language plpgsql security definer set search_path = pg_catalog, public as $$
declare
    removed integer;
begin
    if cutoff is null or max_rows is null or max_rows < 1 or max_rows > 10000 then
        raise exception 'purge_audit_entries: cutoff required, max_rows 1..10000';
    end if;
    perform pg_advisory_xact_lock(hashtext('purge_audit_entries'));
    perform set_config('hartslag.audit_purge', 'on', true);
    grant delete on audit_entry to current_user;
    delete from audit_entry where id in (
        select id from audit_entry
         where at < least(cutoff, now() - interval '5 years')
         order by at limit max_rows);
    get diagnostics removed = row_count;
    revoke delete on audit_entry from current_user;
    perform set_config('hartslag.audit_purge', 'off', true);
    return removed;
end;
$$;
revoke all on function purge_audit_entries(timestamptz, integer) from public;
grant execute on function purge_audit_entries(timestamptz, integer) to current_user;
