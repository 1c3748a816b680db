-- Photos uploaded with a web report and the WOP's photo of a finished job (issue 14, photos).
-- Stored in the database, in the same transaction as the report or the move: a report that was
-- answered 201 has its photos, and a backup of the database has them too. What is stored has been
-- decoded and written again from its pixels (or, for HEIC, had its Exif/XMP items blanked), so no
-- EXIF and no GPS position is kept. Personal data of a kind: shown to coordinators and the WOP only.

-- A report's photo is either an MMS photo by Twilio's URL (as before) or one we keep ourselves.
alter table report_photo alter column url drop not null;
alter table report_photo
    add column data         bytea check (octet_length(data) <= 10485760),
    add column thumbnail    bytea check (octet_length(thumbnail) <= 1048576),
    add column width        integer check (width between 1 and 20000),
    add column height       integer check (height between 1 and 20000),
    add constraint report_photo_url_or_data check ((url is null) <> (data is null));

-- The team's photo when marking a work order done ("klaar"), kept with the case.
create table case_photo (
    id              bigint generated always as identity primary key,
    case_id         uuid not null references case_file (id),
    content_type    text not null check (content_type in ('image/jpeg', 'image/heic')),
    data            bytea not null check (octet_length(data) <= 10485760),
    thumbnail       bytea check (octet_length(thumbnail) <= 1048576),
    width           integer check (width between 1 and 20000),
    height          integer check (height between 1 and 20000),
    added_by        text not null check (char_length(added_by) <= 200),
    added_at        timestamptz not null default now()
);
create index case_photo_case_idx on case_photo (case_id, id);
