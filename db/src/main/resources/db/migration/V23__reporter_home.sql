-- Issue 14 (hplace): "Waar woont u?" The reporter's home, apart from where the problem is. Optional,
-- given on the web form, checked against the gazetteer (a street and a house number it has). Personal
-- data like the phone number: kept with the reporter's contact details, shown to coordinators only,
-- never on a public page, a token link or in a log line.
--
-- A home is no household key: household_key (V10) stays the reporter's phone number or e-mail
-- address. The same resident reporting once with and once without their home would otherwise count
-- twice, and a home nobody can be reached at proves nothing. An anonymous report with a home is still
-- no household (docs/places-and-categories.md).
alter table reporter_contact
    add column home_street       text check (char_length(home_street) <= 200),
    add column home_house_number text check (home_house_number ~ '^[0-9]{1,5}[a-z]{0,3}$'),
    add constraint reporter_contact_home_whole check ((home_street is null) = (home_house_number is null));

-- A reporter may leave only a home: that is contact data too.
alter table reporter_contact drop constraint reporter_contact_check;
alter table reporter_contact add constraint reporter_contact_check
    check (name is not null or phone_e164 is not null or email is not null or home_street is not null);
