-- Issue 10, items 3 and 5: safeguards for worries about a household.

-- A report that was ever 'domestic' keeps its safeguard whatever its category becomes: it never
-- reaches volunteers or the WOP unless a second coordinator agreed. Set by the trigger below, so
-- no writer can forget it and nothing clears it.
alter table report add column safeguarded boolean not null default false;
-- Who last changed the category of a safeguarded report (with a written reason, in report_event's
-- details), and the other coordinator who agreed that it may leave the coordinator.
alter table report add column safeguard_changed_by text;
alter table report add column safeguard_agreed_by text;
alter table report add column safeguard_agreed_at timestamptz;
alter table report add constraint report_safeguard_second_coordinator check (safeguard_agreed_by is null
    or (safeguarded and safeguard_changed_by is not null and safeguard_agreed_by <> safeguard_changed_by));

create function report_safeguard() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and old.safeguarded then
        new.safeguarded := true;
    end if;
    if new.category_code = 'domestic' then
        new.safeguarded := true;
    end if;
    -- An agreement is about one category: a new category (or 'domestic' again) needs a new one.
    if tg_op = 'UPDATE' and new.category_code is distinct from old.category_code then
        new.safeguard_agreed_by := null;
        new.safeguard_agreed_at := null;
    end if;
    return new;
end;
$$;
create trigger report_safeguard
    before insert or update on report
    for each row execute function report_safeguard();

-- Reports that are domestic now, or were routed to the coordinator by the domestic rule before.
update report set safeguarded = true
    where category_code = 'domestic'
       or id in (select report_id from routing_decision where instrument = 'COORDINATOR' and decided_by = 'rule');

-- The last line behind the routing code: a safeguarded report without a second coordinator's
-- agreement never joins a mediation or a work order, whichever code path tries.
create function case_report_safeguard() returns trigger language plpgsql as $$
begin
    if exists (select 1 from report r join case_file c on c.id = new.case_id
               where r.id = new.report_id and r.safeguarded and r.safeguard_agreed_by is null
                 and c.type in ('MEDIATION', 'WORK_ORDER')) then
        raise exception 'report % is safeguarded: a second coordinator must agree before it joins a case', new.report_id
            using errcode = 'check_violation';
    end if;
    return new;
end;
$$;
create trigger case_report_safeguard
    before insert on case_report
    for each row execute function case_report_safeguard();

-- A mediation whose words speak of violence or threats waits for a coordinator before any
-- volunteer is asked ("wacht op coördinator"); the coordinator releases it (recorded with who) or
-- routes the report elsewhere.
alter table case_file add column held_for_review boolean not null default false;
alter table case_file add column hold_released_by text;
alter table case_file add column hold_released_at timestamptz;
alter table case_file add constraint case_file_hold_only_mediation check (not held_for_review or type = 'MEDIATION');
