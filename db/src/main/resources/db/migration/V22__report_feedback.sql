-- Issue 14 (hloop): closing the loop. After a report is first solved or closed, its reporter is
-- asked once whether they are satisfied (by text when they left a number; on the status page in
-- any case). One answer per report, by text or on the status page; ReportService is its one writer.

-- When the question went out by text (null: never asked by text, e.g. no number or a household
-- worry). A "TEVREDEN" text is the answer for the sender's most recent report that asked.
alter table report add column satisfaction_asked_at timestamptz;
create index report_satisfaction_asked on report (reporter_contact_id, satisfaction_asked_at desc)
    where satisfaction_asked_at is not null;

create table report_feedback (
    report_id    uuid primary key references report (id),
    satisfied    boolean not null,
    reason       text check (char_length(reason) between 1 and 500),
    channel      text not null check (channel in ('web', 'sms')),
    answered_at  timestamptz not null default now()
);
-- The coordinator's list of dissatisfied residents, newest first.
create index report_feedback_dissatisfied on report_feedback (answered_at desc) where not satisfied;
