-- Hartslag core schema: categories, the service area's gazetteer, reports with their history,
-- reporters' contact details (personal data, kept apart) and staff accounts.
-- Later migrations add clusters, cases, volunteers and the notification outbox; the report
-- table leaves room for them (a report will point to its cluster, cases to reports).

create table category (
    code            text primary key check (code ~ '^[a-z_]{2,40}$'),
    kind            text not null check (kind in ('NUISANCE', 'MEDIATION')),
    label_nl        text not null,
    label_en        text not null,
    description_nl  text not null,
    description_en  text not null,
    icon            text not null,
    sort_order      integer not null
);

-- Street segments with house-number ranges, as a BAG extract gives them.
create table street_segment (
    id              bigint generated always as identity primary key,
    street          text not null,
    house_from      integer not null check (house_from > 0),
    house_to        integer not null,
    postcode        text not null check (postcode ~ '^[1-9][0-9]{3} ?[A-Z]{2}$'),
    lat             double precision not null check (lat between -90 and 90),
    lon             double precision not null check (lon between -180 and 180),
    neighbourhood   text not null,
    check (house_to >= house_from)
);
create index street_segment_street_idx on street_segment (lower(street));

create table named_place (
    id              bigint generated always as identity primary key,
    name            text not null unique,
    lat             double precision not null check (lat between -90 and 90),
    lon             double precision not null check (lon between -180 and 180),
    neighbourhood   text not null
);

-- Personal data of a reporter. Only the report points here; nothing public ever reads it.
create table reporter_contact (
    id              uuid primary key,
    name            text check (char_length(name) <= 200),
    phone_e164      text check (phone_e164 ~ '^\+[1-9][0-9]{6,14}$'),
    email           text check (char_length(email) <= 320 and email like '%_@_%'),
    created_at      timestamptz not null default now(),
    check (name is not null or phone_e164 is not null or email is not null)
);

create table report (
    id                   uuid primary key,
    reference            text not null unique check (reference ~ '^HS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$'),
    tracking_token_hash  bytea not null check (octet_length(tracking_token_hash) = 32),
    category_code        text not null references category (code),
    description          text not null check (char_length(description) between 3 and 4000),
    lat                  double precision not null check (lat between -90 and 90),
    lon                  double precision not null check (lon between -180 and 180),
    -- The place as the resident gave it; often their own address, so never shown publicly.
    address_text         text check (char_length(address_text) <= 200),
    street               text,
    house_number         text,
    occurred_at          timestamptz,
    received_at          timestamptz not null default now(),
    channel              text not null check (channel in ('web', 'sms', 'phone', 'outreach')),
    status               text not null check (status in ('RECEIVED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED')),
    language             text not null check (language in ('nl', 'en')),
    reporter_contact_id  uuid unique references reporter_contact (id),
    idempotency_key      text unique check (char_length(idempotency_key) between 8 and 200),
    request_fingerprint  bytea,
    updated_at           timestamptz not null default now(),
    check (occurred_at is null or occurred_at <= received_at + interval '5 minutes')
);
create index report_received_at_idx on report (received_at desc);
create index report_status_idx on report (status);

-- Append-only history of a report: what happened and what the resident may see of it.
create table report_event (
    id              bigint generated always as identity primary key,
    report_id       uuid not null references report (id),
    occurred_at     timestamptz not null default now(),
    status          text not null check (status in ('RECEIVED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED')),
    -- A message key rendered in the reader's language, plus an optional note written by staff.
    message_code    text not null,
    public_note     text check (char_length(public_note) <= 1000),
    actor           text not null,
    details         jsonb not null default '{}'::jsonb
);
create index report_event_report_idx on report_event (report_id, occurred_at);

create function forbid_history_change() returns trigger language plpgsql as $$
begin
    raise exception 'report_event is append-only (% refused)', tg_op;
end;
$$;
create trigger report_event_append_only
    before update or delete on report_event
    for each row execute function forbid_history_change();

create table staff_account (
    id              uuid primary key,
    username        text not null check (username ~ '^[a-z0-9._@-]{3,100}$'),
    password_hash   text not null,
    display_name    text not null,
    roles           text[] not null check (cardinality(roles) > 0
                        and roles <@ array['COORDINATOR', 'VOLUNTEER', 'WOP', 'PARTNER']::text[]),
    enabled         boolean not null default true,
    created_at      timestamptz not null default now()
);
create unique index staff_account_username_idx on staff_account (lower(username));
