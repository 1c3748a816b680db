-- Issue 15 (h15audit): the audit trail. Every read of personal data by a staff member (who, in which
-- role, which record, which fields, when, why) and every erasure, one row each. Append-only: the
-- trigger below refuses UPDATE, DELETE and TRUNCATE whoever asks, and the privileges to do them are
-- taken from the application role (it owns the table, because Flyway runs as that role; an owner
-- could grant them back or disable the trigger, which takes a deliberate ALTER, never an ordinary
-- query of the application). Removing entries older than the retention period (5 years) will be a
-- migration-owned function, not a DELETE from the application (docs/audit.md).
create table audit_entry (
    id           bigint generated always as identity primary key,
    at           timestamptz not null default now(),
    actor        text not null check (char_length(actor) between 1 and 200),
    role         text not null check (char_length(role) between 1 and 200),
    -- report | case | person | volunteer (nl.hartslag.audit.AuditEntry)
    subject_type text not null check (subject_type in ('report', 'case', 'person', 'volunteer')),
    -- A reference (HS-7KQ2-M9), a case or volunteer UUID, or for 'person' what identifies them.
    subject_id   text not null check (char_length(subject_id) between 1 and 200),
    fields       text[] not null default '{}',
    purpose      text not null check (char_length(purpose) between 1 and 100)
);
create index audit_entry_subject_idx on audit_entry (subject_type, subject_id, at);
create index audit_entry_actor_idx on audit_entry (actor, at);

create function forbid_audit_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only (% refused)', tg_op;
end;
$$;
create trigger audit_entry_append_only
    before update or delete on audit_entry
    for each row execute function forbid_audit_change();
create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function forbid_audit_change();

revoke update, delete, truncate on audit_entry from public;
revoke update, delete, truncate on audit_entry from current_user;
