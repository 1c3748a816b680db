-- Landmarks (issue 11, places). A named place gets the other names residents use for it
-- ("buurthuis", "wijkcentrum", "community centre") and the street it stands on, with its house
-- number or range ("Passartweg 118-130"). Coordinators add landmarks through the staff API;
-- added_by/added_at say who and when (both null for the seed, which R__seed_landmarks keeps in
-- step with nl/hartslag/db/seed/places.csv).
alter table named_place
    add column aliases  text[] not null default '{}' check (cardinality(aliases) <= 30),
    add column street   text check (char_length(street) <= 120),
    add column added_by text check (char_length(added_by) <= 100),
    add column added_at timestamptz;

-- One landmark per name whatever the case: "het Buurthuis" and "het buurthuis" are one place.
create unique index named_place_name_lower_idx on named_place (lower(name));
