-- Issue 15 (h15login): an optional second factor (TOTP, RFC 6238) for staff accounts, and accounts
-- linked to a municipality's identity provider (OpenID Connect).

-- The TOTP secret, sealed by nl.hartslag.db.crypto.PersonalData (never stored in plain text). The
-- pending one is the secret shown during enrolment, until the staff member confirms it with a code.
alter table staff_account add column totp_secret_sealed text;
alter table staff_account add column totp_pending_sealed text;
alter table staff_account add column totp_enabled_at timestamptz;
-- The 30-second step of the last code accepted: a code is taken at most once (no replay), and
-- never one from an earlier step than the last.
alter table staff_account add column totp_last_step bigint;

-- The identity provider's subject of an account that logs in through OpenID Connect: "<issuer> <sub>".
-- Such an account has no password anyone knows.
alter table staff_account add column oidc_subject text;
create unique index staff_account_oidc_subject_idx on staff_account (oidc_subject) where oidc_subject is not null;

alter table staff_account_event drop constraint staff_account_event_kind_check;
alter table staff_account_event add constraint staff_account_event_kind_check
    check (kind in ('DISABLED', 'ENABLED', 'PASSWORD_CHANGED', 'PASSWORD_SET',
                    'TOTP_ENABLED', 'TOTP_DISABLED', 'OIDC_CREATED', 'OIDC_LINKED'));
