-- SMS and phone intake: what a text or a call adds to a report, the short conversations that
-- complete one ("Waar is het?"), and the volunteers whose texts are answers to case offers.

-- A text or call may not say where the problem is, even after we asked. Such a report is kept
-- (nothing a resident told us is lost) at the service area's middle, marked so that matching and
-- staff know the place is unknown.
alter table report add column place_known boolean not null default true;
-- How sure the speech recogniser was of a phoned-in report's text (Twilio's Confidence, 0..1).
alter table report add column speech_confidence real check (speech_confidence between 0 and 1);

-- Photos sent with a text (MMS), kept by the URL Twilio gave us.
create table report_photo (
    report_id       uuid not null references report (id),
    position        integer not null check (position between 0 and 9),
    url             text not null check (url ~ '^https://' and char_length(url) <= 1000),
    content_type    text check (char_length(content_type) <= 100),
    primary key (report_id, position)
);

-- Personal data: a text waiting for its place after we asked "Waar is het?". The next text from the
-- same number within 30 minutes completes it; otherwise it becomes a report with an unknown place.
create table sms_conversation (
    phone_e164      text primary key check (phone_e164 ~ '^\+[1-9][0-9]{6,14}$'),
    message_sid     text not null check (char_length(message_sid) between 8 and 64),
    body            text not null check (char_length(body) between 1 and 1600),
    language        text not null check (language in ('nl', 'en')),
    photos          jsonb not null default '[]'::jsonb,
    asked_at        timestamptz not null default now()
);
create index sms_conversation_asked_at_idx on sms_conversation (asked_at);

-- Personal data: what a caller said, between their words and their "1 = klopt". Deleted when the
-- report is made, or after an hour when the caller hung up without confirming.
create table voice_conversation (
    call_sid        text primary key check (char_length(call_sid) between 8 and 64),
    phone_e164      text check (phone_e164 ~ '^\+[1-9][0-9]{6,14}$'),
    purpose         text not null check (purpose in ('NUISANCE', 'MEDIATION')),
    language        text not null check (language in ('nl', 'en')),
    speech          text check (char_length(speech) <= 4000),
    confidence      real check (confidence between 0 and 1),
    started_at      timestamptz not null default now()
);
create index voice_conversation_started_at_idx on voice_conversation (started_at);

-- Buurtbemiddeling volunteers (personal data). The case workflow adds availability and cases.
create table volunteer (
    id              uuid primary key,
    name            text not null check (char_length(name) between 1 and 200),
    phone_e164      text not null unique check (phone_e164 ~ '^\+[1-9][0-9]{6,14}$'),
    street          text check (char_length(street) <= 200),
    active          boolean not null default true,
    created_at      timestamptz not null default now()
);

-- A volunteer's "JA 482" / "NEE 482" by text, kept until the case workflow handles it.
create table case_offer_reply (
    id              bigint generated always as identity primary key,
    volunteer_id    uuid not null references volunteer (id),
    answer          text not null check (answer in ('ACCEPT', 'DECLINE')),
    case_number     integer not null check (case_number > 0),
    message_sid     text not null unique check (char_length(message_sid) between 8 and 64),
    received_at     timestamptz not null default now(),
    handled_at      timestamptz
);
