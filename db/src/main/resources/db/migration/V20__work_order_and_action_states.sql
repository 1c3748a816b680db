-- Issue 13 (hwork): work orders and agreed actions as explicit workflows.
--
-- A work order's status lives in case_file.status like every case's: besides OPEN, DONE and CLOSED
-- the WOP can say it is on its way (UNDERWAY) or that it is not theirs (NOT_FOR_US, back with the
-- coordinator with a reason). Those two only exist for work orders. The allowed moves are in
-- nl.hartslag.workorder.WorkOrderStatus.
alter table case_file drop constraint case_file_status_check;
alter table case_file add constraint case_file_status_check
    check (status in ('OPEN', 'UNDERWAY', 'DONE', 'NOT_FOR_US', 'CLOSED'));
alter table case_file add constraint case_file_work_order_status_check
    check (status not in ('UNDERWAY', 'NOT_FOR_US') or type = 'WORK_ORDER');

-- Every move of a work order, appended and never edited: who, when, and why (a "niet voor ons"
-- needs its reason; the coordinator reads it). Not public: the resident's history is report_event.
create table work_order_event (
    id              bigserial primary key,
    case_id         uuid not null references case_file (id),
    from_status     text not null,
    to_status       text not null,
    reason          text check (char_length(reason) <= 500),
    actor           text not null,
    occurred_at     timestamptz not null default now(),
    check (to_status <> 'NOT_FOR_US' or reason is not null)
);
create index work_order_event_case_idx on work_order_event (case_id, id);

-- An agreed action's state (nl.hartslag.escalation.ActionStatus), kept in step with done_at.
alter table agreed_action add column status text not null default 'OPEN' check (status in ('OPEN', 'DONE'));
update agreed_action set status = 'DONE' where done_at is not null;
alter table agreed_action add constraint agreed_action_status_done_check check ((status = 'DONE') = (done_at is not null));
-- An action belongs to exactly one meeting and to a case on that meeting's agenda.
alter table agreed_action add constraint agreed_action_on_agenda_fk
    foreign key (meeting_id, case_id) references meeting_case (meeting_id, case_id);
