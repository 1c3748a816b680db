-- Issue 10, items 15 and 17: staff accounts a coordinator can disable (recorded), sessions that end
-- when the password changes or the account is disabled, and partner accounts that belong to one agency.

-- Every session remembers the generation it was logged in under; a password change or a disable
-- moves the account to the next one, so older sessions stop working on their next request.
alter table staff_account add column session_generation integer not null default 0;
alter table staff_account add column password_changed_at timestamptz;
alter table staff_account add column disabled_at timestamptz;
-- The agency a partner account works for; only that agency closes its agreed actions.
alter table staff_account add column agency text
    check (agency in ('POLICE', 'HOUSING', 'WELFARE', 'ENFORCEMENT'));

-- Who disabled, enabled or changed the password of an account, and when. Appended, never edited.
create table staff_account_event (
    id              bigint generated always as identity primary key,
    account_id      uuid not null references staff_account (id),
    kind            text not null check (kind in ('DISABLED', 'ENABLED', 'PASSWORD_CHANGED', 'PASSWORD_SET')),
    actor           text not null check (char_length(actor) between 1 and 200),
    occurred_at     timestamptz not null default now()
);
create index staff_account_event_account_idx on staff_account_event (account_id, occurred_at);
