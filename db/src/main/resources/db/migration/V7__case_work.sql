-- Case work: routing reports to the three instruments of the approach (Buurtbemiddeling, the
-- Woonomgevingploeg, the coordinator for worries about a household), mediation cases with their
-- offers to volunteers, work orders, and what volunteers record.

-- Which instrument a category goes to. Coordinators edit it; every change says who.
-- TRIAGE: the coordinator decides per report (noise can be a neighbour dispute or a party in the street).
create table routing_rule (
    category_code   text primary key references category (code),
    instrument      text not null check (instrument in ('MEDIATION', 'WORK_ORDER', 'COORDINATOR', 'TRIAGE')),
    -- drugs, youth nuisance, traffic: the WOP acts and the police liaison (wijkagent) is informed
    inform_police   boolean not null default false,
    updated_by      text not null default 'migration',
    updated_at      timestamptz not null default now(),
    check (instrument = 'WORK_ORDER' or not inform_police),
    -- Worries about a household never go to volunteers or the WOP.
    check (category_code <> 'domestic' or instrument = 'COORDINATOR')
);
insert into routing_rule (category_code, instrument, inform_police) values
    ('neighbour_dispute', 'MEDIATION', false),
    ('dumping', 'WORK_ORDER', false),
    ('litter', 'WORK_ORDER', false),
    ('public_lighting', 'WORK_ORDER', false),
    ('vandalism', 'WORK_ORDER', false),
    ('animal', 'WORK_ORDER', false),
    ('drugs', 'WORK_ORDER', true),
    ('youth_nuisance', 'WORK_ORDER', true),
    ('traffic', 'WORK_ORDER', true),
    ('domestic', 'COORDINATOR', false),
    ('noise', 'TRIAGE', false),
    ('other', 'TRIAGE', false);

create sequence case_number_seq start with 100;

-- A case: a mediation, a work order or (later) an escalation to the Casuistiekoverleg.
-- The number is short on purpose: volunteers answer "JA 482" by text.
create table case_file (
    id              uuid primary key,
    number          integer not null unique default nextval('case_number_seq'),
    type            text not null check (type in ('MEDIATION', 'WORK_ORDER', 'ESCALATION')),
    status          text not null check (status in ('OPEN', 'DONE', 'CLOSED')),
    -- Mediation follows the method step by step; other types have no step.
    step            text check (step in ('INTAKE', 'OFFERED', 'ASSIGNED', 'TALK_A', 'TALK_B', 'JOINT', 'CLOSED')),
    category_code   text not null references category (code),
    street          text,
    cluster_id      uuid references cluster (id),
    inform_police   boolean not null default false,
    -- A mediation can also start from a referral by the police or the housing corporation, without a report.
    referred_by     text check (referred_by in ('POLICE', 'HOUSING', 'OTHER')),
    -- What the referrer told the coordinator; for the mediators, after they accept.
    description     text check (char_length(description) <= 2000),
    outcome         text check (outcome in ('AGREEMENT', 'PARTIAL', 'NO_AGREEMENT', 'REFERRED', 'PARTY_DECLINED',
                        'NOT_SUITABLE')),
    closing_note    text check (char_length(closing_note) <= 1000),
    done_photo_url  text check (done_photo_url ~ '^https://' and char_length(done_photo_url) <= 1000),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    closed_at       timestamptz,
    closed_by       text,
    check ((type = 'MEDIATION') = (step is not null)),
    check (outcome is null or type = 'MEDIATION'),
    check (category_code <> 'domestic' or type = 'ESCALATION')
);
create index case_file_open_idx on case_file (type, status, created_at);
create index case_file_cluster_idx on case_file (cluster_id);

create table case_report (
    case_id         uuid not null references case_file (id),
    report_id       uuid not null references report (id),
    added_at        timestamptz not null default now(),
    primary key (case_id, report_id)
);
create index case_report_report_idx on case_report (report_id);

-- Every routing decision, automatic or by a coordinator, with who and why.
create table routing_decision (
    id              bigint generated always as identity primary key,
    report_id       uuid not null references report (id),
    instrument      text not null check (instrument in ('MEDIATION', 'WORK_ORDER', 'COORDINATOR', 'TRIAGE')),
    inform_police   boolean not null default false,
    case_id         uuid references case_file (id),
    decided_by      text not null,
    reason          text check (char_length(reason) <= 500),
    decided_at      timestamptz not null default now()
);
create index routing_decision_report_idx on routing_decision (report_id, id desc);

-- Volunteers' availability and their login (a staff account with the VOLUNTEER role).
alter table volunteer add column username text unique;
alter table volunteer add column away_until date;
alter table volunteer add column max_open_cases integer not null default 2 check (max_open_cases between 1 and 10);

-- A mediation case offered to a volunteer; answered by text (JA/NEE) or in the web inbox.
create table case_offer (
    case_id         uuid not null references case_file (id),
    volunteer_id    uuid not null references volunteer (id),
    offered_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    answer          text check (answer in ('ACCEPTED', 'DECLINED', 'EXPIRED', 'TAKEN')),
    answered_at     timestamptz,
    primary key (case_id, volunteer_id)
);
create index case_offer_open_idx on case_offer (expires_at) where answer is null;

-- The duo. The case row is locked while a volunteer is added, so there are never three.
create table case_assignment (
    case_id         uuid not null references case_file (id),
    volunteer_id    uuid not null references volunteer (id),
    assigned_at     timestamptz not null default now(),
    primary key (case_id, volunteer_id)
);

-- Personal data: the other party of a dispute (party B), recorded by the coordinator at intake.
create table case_party (
    case_id         uuid not null references case_file (id),
    role            text not null check (role in ('A', 'B')),
    name            text check (char_length(name) <= 200),
    phone_e164      text check (phone_e164 ~ '^\+[1-9][0-9]{6,14}$'),
    address         text check (char_length(address) <= 200),
    street          text check (char_length(street) <= 200),
    primary key (case_id, role)
);

-- What volunteers record from their phone: conversations with party A, party B, together.
create table contact_moment (
    id              bigint generated always as identity primary key,
    case_id         uuid not null references case_file (id),
    volunteer_id    uuid not null references volunteer (id),
    kind            text not null check (kind in ('PARTY_A', 'PARTY_B', 'JOINT', 'OTHER')),
    occurred_at     timestamptz not null,
    note            text check (char_length(note) <= 2000),
    created_at      timestamptz not null default now()
);
create index contact_moment_case_idx on contact_moment (case_id, occurred_at);
