-- Issue 15: phone numbers and e-mail addresses a reporter types into the text are contact data. The
-- text in the clear (report.description: matching, the WOP, the status page) holds placeholders
-- ("[telefoonnummer]", "[e-mailadres]"); the text as typed is kept sealed here, for coordinators only,
-- and goes with the reporter's contact data (erasure, retention). Null when the text held none.
alter table report add column description_original_sealed text;
