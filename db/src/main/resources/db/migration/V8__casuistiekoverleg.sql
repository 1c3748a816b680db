-- The Casuistiekoverleg: heavy, recurring addresses proposed to the coordinator by a rule, put on
-- the agenda of a multi-agency meeting, with agreed actions per partner followed up. Partners see
-- only the cases on the agenda of meetings they take part in.

create table escalation_proposal (
    id              uuid primary key,
    cluster_id      uuid not null unique references cluster (id),
    rule            text not null check (rule in ('REPEATED_REPORTS', 'AFTER_FAILED_MEDIATION')),
    reason          text not null check (char_length(reason) <= 500),
    status          text not null default 'PROPOSED' check (status in ('PROPOSED', 'ON_AGENDA', 'DISMISSED')),
    case_id         uuid references case_file (id),
    proposed_at     timestamptz not null default now(),
    decided_by      text,
    decided_at      timestamptz,
    decision_note   text check (char_length(decision_note) <= 500)
);

create table meeting (
    id              uuid primary key,
    held_on         date not null,
    title           text not null check (char_length(title) between 1 and 200),
    created_by      text not null,
    created_at      timestamptz not null default now()
);

-- Partner accounts (staff_account with role PARTNER) invited to a meeting.
create table meeting_participant (
    meeting_id      uuid not null references meeting (id),
    username        text not null,
    primary key (meeting_id, username)
);

create table meeting_case (
    meeting_id      uuid not null references meeting (id),
    case_id         uuid not null references case_file (id),
    primary key (meeting_id, case_id)
);

-- What a partner agreed to do, with an owner and a due date; followed up until done.
create table agreed_action (
    id              uuid primary key,
    case_id         uuid not null references case_file (id),
    meeting_id      uuid not null references meeting (id),
    partner         text not null check (partner in ('POLICE', 'HOUSING', 'WELFARE', 'ENFORCEMENT')),
    description     text not null check (char_length(description) between 1 and 1000),
    owner           text not null check (char_length(owner) between 1 and 200),
    due_on          date not null,
    done_at         timestamptz,
    done_note       text check (char_length(done_note) <= 1000),
    created_by      text not null,
    created_at      timestamptz not null default now()
);
create index agreed_action_case_idx on agreed_action (case_id);

