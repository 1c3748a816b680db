-- The one household rule (V9) counted anonymous submissions: five empty "me too" calls made five
-- households and proposed an address for the Casuistiekoverleg. A household now counts only when
-- the reporter can be reached or was met: their phone number (a text or call counts through its
-- sender's number), else their e-mail address; an outreach visit counts by the address visited.
-- Anything else (an anonymous web report or "me too", a withheld caller) is no household: the key is
-- null and count(distinct ...) leaves it out. Still one rule, for a cluster's household count and
-- for the escalation rule alike; the key stays inside the database.
drop function household_key(text, text, text, text, uuid);

create function household_key(phone_e164 text, email text, channel text, street text, house_number text)
    returns text language sql immutable as $$
    select coalesce('phone:' || phone_e164, 'email:' || lower(email),
                    case when channel = 'outreach' and street is not null and house_number is not null
                         then 'address:' || lower(street) || ' ' || lower(house_number) end)
$$;

-- Every cluster's count under the new rule.
update cluster c set household_count = coalesce((
    select count(distinct household_key(rc.phone_e164, rc.email, r.channel, r.street, r.house_number))
    from report r left join reporter_contact rc on rc.id = r.reporter_contact_id
    where r.cluster_id = c.id), 0);
