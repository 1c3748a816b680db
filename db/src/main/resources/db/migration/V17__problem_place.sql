-- Issue 11: where the problem is, apart from where the reporter lives; anonymous reports counted
-- as such; how well the engine reads each report (coverage).
--
-- A typed address is often the reporter's own home. address_text, street and house_number stay
-- what the reporter gave (coordinators see them; an outreach visit counts its household by them).
-- The problem place is what the matching engine read from the report: its words first (a named
-- place or landmark, a street and number, a street), then its pin or map link, then the typed
-- address at street level only. Clusters, work orders, the status page and the Casuistiekoverleg
-- show the problem place; a reporter's typed house number is never "the address" of a problem.

-- Whether lat/lon is a GPS pin the resident dropped (web form). Otherwise it came from the typed
-- address, the words, a "me too" (the cluster's place) or the service area's middle.
alter table report add column pin boolean not null default false;
-- Existing web reports: a pin unless the report was a "me too" or its coordinates are exactly the
-- gazetteer point its typed address resolved to.
update report r set pin = true
where r.channel = 'web'
  and not exists (select 1 from cluster_match m where m.report_id = r.id and m.decided_by = 'resident')
  and (r.address_text is null
       or not (exists (select 1 from street_segment s where s.lat = r.lat and s.lon = r.lon)
               or exists (select 1 from named_place n where n.lat = r.lat and n.lon = r.lon)));

-- The problem place. problem_source names the evidence it was read from (named_place,
-- text_address, text_street, map_link, pin, typed_address, cluster for a "me too", none; the
-- engine may learn more kinds); null until the report has been read. Reports stored before this
-- migration are read by the engine at the next start.
alter table report add column problem_source text check (problem_source ~ '^[a-z_]{2,40}$');
alter table report add column problem_street text check (char_length(problem_street) <= 200);
-- Only ever a number the words gave, never the typed one.
alter table report add column problem_house_number integer check (problem_house_number between 1 and 99999);
alter table report add column problem_place_name text check (char_length(problem_place_name) <= 200);
alter table report add column problem_lat double precision check (problem_lat between -90 and 90);
alter table report add column problem_lon double precision check (problem_lon between -180 and 180);
alter table report add constraint report_problem_position check ((problem_lat is null) = (problem_lon is null));

-- Coverage: what the engine could read (null until read). The early warning that the vocabulary
-- or the place list misses something, per channel, in the staff figures.
alter table report add column read_kind_word boolean;
alter table report add column read_place_in_words boolean;
-- Null when no address was typed.
alter table report add column read_typed_address_parsed boolean;
alter table report add column read_at timestamptz;
create index report_unread_idx on report (received_at) where read_at is null;
create index report_read_channel_idx on report (received_at, channel) where read_at is not null;

-- A cluster's named place (a playground, a flat…) beside its street, from its reports' problem
-- places; and its anonymous reports, counted apart from its households (V10: a household is a
-- reporter who can be reached or was met; an anonymous report is none).
alter table cluster add column place_name text;
alter table cluster add column anonymous_count integer not null default 0 check (anonymous_count >= 0);
update cluster c set anonymous_count = coalesce((
    select count(*) from report r left join reporter_contact rc on rc.id = r.reporter_contact_id
    where r.cluster_id = c.id
      and household_key(rc.phone_e164, rc.email, r.channel, r.street, r.house_number) is null), 0);
