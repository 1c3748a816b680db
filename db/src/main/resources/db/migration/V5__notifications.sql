-- The notification outbox: every SMS or e-mail we owe someone is a row here, written in the same
-- transaction as the change that causes it, then delivered by dispatchers (nl.hartslag.notification).
-- Where it goes (a phone number or e-mail address) is personal data and lives in its own table.

create table notification (
    id               uuid primary key,
    -- One notification per cause: a second insert with the same key is a no-op, never a second text.
    idempotency_key  text not null unique check (char_length(idempotency_key) between 3 and 200),
    channel          text not null check (channel in ('SMS', 'EMAIL')),
    audience         text not null check (audience in ('RESIDENT', 'VOLUNTEER', 'TEAM')),
    template         text not null check (template ~ '^[A-Z_]{3,60}$'),
    parameters       jsonb not null default '{}'::jsonb,
    language         text not null check (language in ('nl', 'en')),
    urgency          text not null check (urgency in ('IMMEDIATE', 'NORMAL')),
    -- The report it is about, for coordinators; never who the reporter is.
    reference        text,
    status           text not null check (status in ('PENDING', 'SENDING', 'SENT', 'DELIVERED', 'UNDELIVERED',
                         'FAILED', 'DEAD', 'SUPPRESSED')),
    due_at           timestamptz not null default now(),
    attempts         integer not null default 0 check (attempts >= 0),
    -- Attempts allowed before DEAD; a coordinator's retry raises it.
    attempt_limit    integer not null check (attempt_limit > 0),
    -- A SENDING row whose lease ran out belonged to an instance that died mid-send.
    lease_until      timestamptz,
    provider_id      text unique,
    error_code       text,
    last_error       text check (char_length(last_error) <= 500),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    check (status <> 'SENDING' or lease_until is not null)
);
create index notification_due_idx on notification (due_at) where status = 'PENDING';
create index notification_lease_idx on notification (lease_until) where status = 'SENDING';
create index notification_trouble_idx on notification (updated_at desc)
    where status in ('FAILED', 'DEAD', 'UNDELIVERED');
create index notification_reference_idx on notification (reference);

-- Personal data: the phone number (E.164) or e-mail address a notification goes to.
create table notification_recipient (
    notification_id  uuid primary key references notification (id) on delete cascade,
    address          text not null check (char_length(address) between 3 and 320)
);

-- Every attempt to hand a notification to Twilio or the mail server, and how it ended.
create table notification_attempt (
    notification_id  uuid not null references notification (id) on delete cascade,
    attempt          integer not null check (attempt > 0),
    started_at       timestamptz not null default now(),
    finished_at      timestamptz,
    outcome          text check (outcome in ('ACCEPTED', 'RETRY', 'FAILED', 'DEAD', 'SUPPRESSED', 'INTERRUPTED')),
    http_status      integer,
    error_code       text,
    detail           text check (char_length(detail) <= 500),
    instance         text not null,
    primary key (notification_id, attempt)
);

-- Twilio's delivery receipts as they arrive (they may overtake our own record of the send).
create table delivery_receipt (
    id               bigint generated always as identity primary key,
    provider_id      text not null,
    provider_status  text not null check (char_length(provider_status) <= 40),
    error_code       text check (char_length(error_code) <= 20),
    received_at      timestamptz not null default now()
);
create index delivery_receipt_provider_idx on delivery_receipt (provider_id);

-- Numbers that asked for no more texts (STOP), or that Twilio reports as unsubscribed (21610).
-- Personal data; the dispatcher never texts a number in this table.
create table sms_opt_out (
    phone_e164       text primary key check (phone_e164 ~ '^\+[1-9][0-9]{6,14}$'),
    source           text not null check (source in ('SMS_KEYWORD', 'PROVIDER', 'STAFF')),
    created_at       timestamptz not null default now()
);

-- Wakes dispatchers on every instance when work becomes due now. NOTIFY is sent at commit, and
-- identical payloads within one transaction are folded into one.
create function notify_outbox() returns trigger language plpgsql as $$
begin
    perform pg_notify('hartslag_outbox', '');
    return null;
end;
$$;
create trigger notification_wake
    after insert or update of status on notification
    for each row when (new.status = 'PENDING' and new.due_at <= now() + interval '1 second')
    execute function notify_outbox();
