-- Issue 10 (notifier): error texts without phone numbers or addresses (item 6), a send whose outcome
-- is unknown is looked up at Twilio before it is sent again (item 10), texts per number per day (item 4).

-- Item 6. Providers echo what they refused ("Invalid 'To' Phone Number: +316..."). New texts are
-- masked before they are stored (nl.hartslag.notification.ErrorText); this is the database's twin
-- for texts at rest: the rows written before this version (below), and whatever an older instance
-- still writes during a rolling upgrade (the hourly retention job runs it). The recipient's own
-- address is masked as the staff API shows it; any other number of 9+ digits keeps its last two
-- digits, an e-mail address its domain, a postcode and a house number after a street name vanish.
create function mask_address(address text) returns text language sql immutable strict as $$
    select case
        when position('@' in address) > 1 then left(address, 1) || '***' || substr(address, position('@' in address))
        when length(address) <= 5 then repeat('*', length(address))
        else left(address, 3) || repeat('*', length(address) - 5) || right(address, 2)
    end
$$;

create function redact_error_text(t text, address text) returns text language sql immutable as $$
    select regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        case when address is null or length(address) < 3 then t else replace(t, address, mask_address(address)) end,
        '[A-Za-z0-9._%+-]+@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})', '***@\1', 'g'),
        '(?<![[:alnum:]_+*.-])(?![0-9]{4}-[0-9]{2}-[0-9]{2})(?:\+|00|%2[Bb])?[0-9](?:[ ./-]?[0-9]){6,14}[ ./-]?([0-9])[ ./-]?([0-9])(?![[:alnum:]_*]|:[0-9])',
        '***\1\2', 'g'),
        '(\m(?:[[:alpha:]][[:alpha:]''.-]*)?(?:straat|weg|laan|plein|gracht|kade|singel|dijk|hof|pad|steeg|dreef|park|plantsoen|markt|kanaal|wal|erf|baan|brug|veld|dam|boulevard|allee|street|road|lane|avenue)[[:space:]]+)[0-9]{1,5}(?:[[:space:]]?[a-z](?![[:alnum:]_]))?(?:[-/][0-9]{1,4})?(?![[:alnum:]_])',
        '\1**', 'gi'),
        '\m[1-9][0-9]{3} ?[A-Z]{2}\M', '**** **', 'g')
$$;

update notification n set last_error = redact_error_text(n.last_error,
        (select r.address from notification_recipient r where r.notification_id = n.id))
    where n.last_error is not null;
update notification_attempt a set detail = redact_error_text(a.detail,
        (select r.address from notification_recipient r where r.notification_id = a.notification_id))
    where a.detail is not null;

-- Item 10. When an attempt to text ended without knowing whether Twilio took the message (a
-- timeout, a connection lost after the request went out, a 5xx, an instance that died mid-send),
-- the start of the earliest such attempt. The next attempt first asks Twilio for a message to this
-- number sent since then with the same body; found, it is recorded as SENT (outcome FOUND) instead
-- of being sent again. Cleared when a send is known to have been accepted or refused.
alter table notification add column unknown_since timestamptz;
alter table notification_attempt drop constraint notification_attempt_outcome_check;
alter table notification_attempt add constraint notification_attempt_outcome_check
    check (outcome in ('ACCEPTED', 'FOUND', 'RETRY', 'FAILED', 'DEAD', 'SUPPRESSED', 'INTERRUPTED'));

-- Item 4. Texts handed to Twilio per resident's number per local day (Europe/Amsterdam), counted
-- once per notification (counted_on) with an atomic upsert, so that instances sending at the same
-- time share one count. Personal data: rows of past days are deleted by the retention job.
create table sms_daily_count (
    phone_e164  text not null check (phone_e164 ~ '^\+[1-9][0-9]{6,14}$'),
    day         date not null,
    texts       integer not null check (texts > 0),
    primary key (phone_e164, day)
);
alter table notification add column counted_on date;
