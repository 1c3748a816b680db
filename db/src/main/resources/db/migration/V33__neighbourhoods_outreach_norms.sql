-- Issue 16: neighbourhoods as data (the approach carried to a second neighbourhood), outreach
-- visits, handling-time norms, and the timings the figures and the "te laat" list read.

-- A neighbourhood we serve, with the numbers its figures are per 1,000 of. Residents and
-- households are set by a coordinator (or the address-load command); 0 means "not known yet"
-- and the figures then show no rate rather than a wrong one.
create table neighbourhood (
    name          text primary key check (char_length(name) between 2 and 100),
    municipality  text not null check (char_length(municipality) between 2 and 100),
    residents     integer not null default 0 check (residents >= 0),
    households    integer not null default 0 check (households >= 0),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
-- Every neighbourhood the gazetteer already names. Passart's numbers are the approach's own
-- (~2,500 residents); others stay unknown until a coordinator sets them.
insert into neighbourhood (name, municipality)
select distinct neighbourhood, 'Heerlen' from street_segment
union
select distinct neighbourhood, 'Heerlen' from named_place;
update neighbourhood set residents = 2500, households = 1150 where name = 'Passart';

-- Where a report's problem is, by neighbourhood: set at intake from the resolved place; for
-- existing rows, the nearest street segment (on the report's street when it has one).
alter table report add column neighbourhood text;
update report r set neighbourhood = (
    select s.neighbourhood from street_segment s
    order by (r.street is not null and lower(s.street) = lower(r.street)) desc,
             (s.lat - r.lat) ^ 2 + (s.lon - r.lon) ^ 2
    limit 1);
create index report_neighbourhood_received_idx on report (neighbourhood, received_at);

-- A case's neighbourhood (a referral has a street but no report): set when the case is opened.
alter table case_file add column neighbourhood text;
update case_file c set neighbourhood = coalesce(
    (select r.neighbourhood from report r where r.cluster_id = c.cluster_id and c.cluster_id is not null
     order by r.received_at limit 1),
    (select s.neighbourhood from street_segment s where c.street is not null and lower(s.street) = lower(c.street)
     order by s.id limit 1));

-- Outreach workers: a staff role of their own.
alter table staff_account drop constraint staff_account_roles_check;
alter table staff_account add constraint staff_account_roles_check check (cardinality(roles) > 0
    and roles <@ array['COORDINATOR', 'VOLUNTEER', 'WOP', 'PARTNER', 'OUTREACH']::text[]);

-- A coordinator scoped to some neighbourhoods sees only those; no rows = all neighbourhoods.
create table staff_neighbourhood (
    staff_account_id  uuid not null references staff_account (id) on delete cascade,
    neighbourhood     text not null references neighbourhood (name) on update cascade,
    primary key (staff_account_id, neighbourhood)
);

-- A door-to-door visit, with or without a report coming out of it. The street is kept plain (it is
-- what the figures count by, like a report's street); the house number is the resident's home:
-- sealed, and its lookup hash (street + number) is what makes the visit a verified household.
create table outreach_visit (
    id                   uuid primary key,
    visited_on           date not null,
    street               text not null check (char_length(street) <= 200),
    house_number_sealed  text,
    household_hash       text,
    neighbourhood        text,
    topics               text[] not null default '{}',
    follow_up            boolean not null,
    report_id            uuid references report (id),
    worker               text not null,
    recorded_at          timestamptz not null default now()
);
create index outreach_visit_neighbourhood_idx on outreach_visit (neighbourhood, visited_on);
create index outreach_visit_report_idx on outreach_visit (report_id);

-- The outreach worker's own note on a report filed on a resident's behalf: for coordinators only,
-- never for the resident, the WOP or partners. Sealed (it may describe the household).
create table outreach_note (
    report_id    uuid primary key references report (id),
    worker       text not null,
    note_sealed  text not null
);

-- Handling-time norms per category: a first response and a resolution, in working days (Dutch
-- public holidays skipped) or calendar days. Coordinators can change them.
create table handling_norm (
    category_code    text primary key references category (code),
    response_days    integer not null check (response_days between 0 and 365),
    resolution_days  integer not null check (resolution_days between 1 and 730),
    day_kind         text not null check (day_kind in ('WORKING', 'CALENDAR')),
    check (resolution_days >= response_days)
);
insert into handling_norm (category_code, response_days, resolution_days, day_kind) values
    ('domestic', 1, 10, 'CALENDAR'),
    ('drugs', 2, 20, 'WORKING'),
    ('noise', 3, 15, 'WORKING'),
    ('dumping', 2, 5, 'WORKING'),
    ('litter', 3, 10, 'WORKING'),
    ('public_lighting', 3, 10, 'WORKING'),
    ('vandalism', 3, 10, 'WORKING'),
    ('traffic', 5, 20, 'WORKING'),
    ('youth_nuisance', 3, 20, 'WORKING'),
    ('animal', 5, 20, 'WORKING'),
    ('neighbour_dispute', 5, 40, 'WORKING')
on conflict do nothing;
-- Any other category (including ones added later without a norm) falls back to 5 / 20 working days.
insert into handling_norm (category_code, response_days, resolution_days, day_kind)
select code, 5, 20, 'WORKING' from category on conflict do nothing;

-- When a report got its first response (the first move out of RECEIVED) and when it was resolved
-- (first RESOLVED or CLOSED). One definition for the deadlines, the "te laat" list and the figures.
create view report_timing as
select r.id as report_id, r.received_at,
       (select min(e.occurred_at) from report_event e where e.report_id = r.id and e.status <> 'RECEIVED')
           as first_response_at,
       (select min(e.occurred_at) from report_event e where e.report_id = r.id and e.status in ('RESOLVED', 'CLOSED'))
           as resolved_at
from report r;
