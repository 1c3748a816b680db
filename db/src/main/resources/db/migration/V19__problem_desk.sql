-- The problem desk (issue 12).
--
-- Two more corrections: MOVE (a coordinator moves one report into another, existing problem; like
-- SPLIT the engine never puts it back) and APART (two problems marked "not one problem": never
-- merged afterwards; no report moves).
alter table cluster_correction drop constraint cluster_correction_kind_check;
alter table cluster_correction add constraint cluster_correction_kind_check
    check (kind in ('SPLIT', 'MOVE', 'MERGE', 'APART'));
alter table cluster_correction drop constraint cluster_correction_check;
alter table cluster_correction add constraint cluster_correction_check
    check ((kind in ('SPLIT', 'MOVE')) = (report_id is not null));
create index cluster_correction_apart_idx on cluster_correction (from_cluster, to_cluster) where kind = 'APART';

-- A problem's case or escalation changed (its status on the desk may have changed). Written by the
-- triggers below in the changing transaction, so the case-work code needs to know nothing of the
-- desk; the desk's live stream reads what comes after its position when woken by NOTIFY
-- hartslag_desk (sent on commit), on every instance.
create table cluster_status_event (
    seq         bigint primary key default nextval('cluster_journal_seq'),
    cluster_id  uuid not null references cluster (id),
    at          timestamptz not null default now()
);

create function cluster_status_changed(cluster uuid) returns void language plpgsql as $$
declare
    number bigint;
begin
    if cluster is null then
        return;
    end if;
    insert into cluster_status_event (cluster_id) values (cluster) returning seq into number;
    perform pg_notify('hartslag_desk', number::text);
end;
$$;

create function case_file_desk_event() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' or new.status is distinct from old.status or new.cluster_id is distinct from old.cluster_id then
        perform cluster_status_changed(new.cluster_id);
        perform cluster_status_changed(r.cluster_id)
            from (select distinct rep.cluster_id from case_report cr join report rep on rep.id = cr.report_id
                  where cr.case_id = new.id and rep.cluster_id is distinct from new.cluster_id) r;
    end if;
    return null;
end;
$$;
create trigger case_file_desk_event after insert or update on case_file
    for each row execute function case_file_desk_event();

create function case_report_desk_event() returns trigger language plpgsql as $$
begin
    perform cluster_status_changed((select cluster_id from report where id = new.report_id));
    return null;
end;
$$;
create trigger case_report_desk_event after insert on case_report
    for each row execute function case_report_desk_event();

create function escalation_desk_event() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' or new.status is distinct from old.status then
        perform cluster_status_changed(new.cluster_id);
    end if;
    return null;
end;
$$;
create trigger escalation_desk_event after insert or update on escalation_proposal
    for each row execute function escalation_desk_event();


-- A report routed (its problem's instrument on the desk may have changed).
create trigger routing_decision_desk_event after insert on routing_decision
    for each row execute function case_report_desk_event();
