-- Volunteer usernames are unique regardless of case, like staff accounts (staff_account_username_idx):
-- the staff login "anna" is one person, so "Anna" and "anna" cannot be two volunteers. Until now
-- the column was unique as written, and a second volunteer "Anna" made the inbox of "anna" fail.
--
-- Existing duplicates: one volunteer keeps the login link, the others keep everything else (name,
-- phone, cases, history) but lose the username, so a coordinator re-links them if they really are
-- different people. The one kept: the volunteer with the most cases offered or assigned (the one
-- the person has actually been working as), then the one registered first. Each unlinked volunteer
-- is named in a warning in the migration log.
do $$
declare
    unlinked record;
begin
    for unlinked in
        with ranked as (
            select v.id, v.username,
                   row_number() over (partition by lower(v.username)
                       order by (select count(*) from case_offer o where o.volunteer_id = v.id)
                              + (select count(*) from case_assignment a where a.volunteer_id = v.id) desc,
                                v.created_at, v.id) as rank
            from volunteer v
            where v.username is not null
        )
        select id, username from ranked where rank > 1
    loop
        raise warning 'Volunteer % loses username % (another volunteer has it in another case)', unlinked.id, unlinked.username;
        update volunteer set username = null where id = unlinked.id;
    end loop;
end $$;

-- Stored as the login is: lower case.
update volunteer set username = lower(username) where username <> lower(username);

alter table volunteer drop constraint if exists volunteer_username_key;
create unique index volunteer_username_lower_idx on volunteer (lower(username));
alter table volunteer add constraint volunteer_username_lower_case check (username = lower(username));
