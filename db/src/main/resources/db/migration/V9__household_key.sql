-- One rule for "the same household", used wherever reports are counted per household (a cluster's
-- household count, the escalation rule for the Casuistiekoverleg): the reporter's phone number,
-- else their e-mail address; an anonymous report counts by its typed street + house number; any
-- other report counts as its own household. The key stays inside the database.
create function household_key(phone_e164 text, email text, street text, house_number text, report_id uuid)
    returns text language sql immutable as $$
    select coalesce('phone:' || phone_e164, 'email:' || email,
                    case when house_number is not null and street is not null
                         then 'address:' || lower(street) || ' ' || lower(house_number) end,
                    'report:' || report_id::text)
$$;
