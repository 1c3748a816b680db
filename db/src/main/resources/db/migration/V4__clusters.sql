-- Clusters: reports about the same problem, as the matching engine decided and coordinators
-- corrected. PostgreSQL is the system of record; every api instance keeps a Lucene index that is
-- a cache of what is stored here and can be rebuilt from it.
--
-- Every change that the engine must learn (a report placed in a cluster, a split, a merge) is a
-- row in cluster_match or cluster_correction with a number from cluster_journal_seq. Those rows
-- are written while holding one transaction-level advisory lock (see nl.hartslag.cluster), so the
-- numbers become visible in the order they were drawn: an instance that has applied everything
-- up to number N only has to read what comes after N.

create sequence cluster_journal_seq;

create table cluster (
    id               uuid primary key,
    status           text not null default 'OPEN' check (status in ('OPEN', 'CLOSED')),
    -- The dominant category of the cluster's reports (residents choose wrongly now and then).
    category_code    text references category (code),
    created_at       timestamptz not null default now(),
    first_report_at  timestamptz not null,
    last_report_at   timestamptz not null,
    report_count     integer not null default 0 check (report_count >= 0),
    -- Distinct households among the reports: a reporter's phone number, else e-mail address; an
    -- anonymous report counts by its typed street + house number; any other report counts as one.
    -- Computed from report and reporter_contact when the cluster changes; contact data never
    -- leaves the database through this number.
    household_count  integer not null default 0 check (household_count >= 0),
    -- Street name only (never a house number) and an average position, for approximate display.
    street           text,
    lat              double precision check (lat between -90 and 90),
    lon              double precision check (lon between -180 and 180),
    merged_into      uuid references cluster (id),
    check (merged_into is null or (status = 'CLOSED' and merged_into <> id)),
    check (last_report_at >= first_report_at)
);
-- The live clusters: open, most recent activity first.
create index cluster_open_last_report_idx on cluster (last_report_at desc) where status = 'OPEN';

alter table report add column cluster_id uuid references cluster (id);
create index report_cluster_idx on report (cluster_id, received_at);
-- Reports still waiting for a decision (after a crash between intake and matching).
create index report_unmatched_idx on report (received_at) where cluster_id is null;

-- How a report first got into a cluster: the engine's decision with its explanation, or a
-- resident's "me too" (decided_by 'resident'). Written once; later moves are corrections.
create table cluster_match (
    report_id    uuid primary key references report (id),
    cluster_id   uuid not null references cluster (id),
    seq          bigint not null unique default nextval('cluster_journal_seq'),
    decided_at   timestamptz not null default now(),
    -- The engine's score for the chosen cluster (or for the nearest miss when it started a new one).
    score        double precision,
    -- MatchExplanation as JSON: decision, score, threshold, distanceMetres, textScore, matchedTerms,
    -- timeGapSeconds, sameKind, placeBasis and the one-line description.
    explanation  jsonb,
    decided_by   text not null check (decided_by in ('engine', 'resident') or decided_by ~ '^staff:.+$')
);

-- Coordinators' corrections: facts the engine must never undo and must replay on a rebuild.
-- SPLIT moves one report from from_cluster to the new to_cluster; MERGE moves every report of
-- from_cluster into to_cluster and closes from_cluster.
create table cluster_correction (
    id            bigint generated always as identity primary key,
    seq           bigint not null unique default nextval('cluster_journal_seq'),
    kind          text not null check (kind in ('SPLIT', 'MERGE')),
    report_id     uuid references report (id),
    from_cluster  uuid not null references cluster (id),
    to_cluster    uuid not null references cluster (id),
    actor         text not null,
    reason        text not null check (char_length(reason) between 1 and 1000),
    created_at    timestamptz not null default now(),
    check ((kind = 'SPLIT') = (report_id is not null)),
    check (from_cluster <> to_cluster)
);
create index cluster_correction_report_idx on cluster_correction (report_id) where report_id is not null;

create function forbid_correction_change() returns trigger language plpgsql as $$
begin
    raise exception 'cluster_correction is append-only (% refused)', tg_op;
end;
$$;
create trigger cluster_correction_append_only
    before update or delete on cluster_correction
    for each row execute function forbid_correction_change();
