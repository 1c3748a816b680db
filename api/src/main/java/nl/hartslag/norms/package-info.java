/**
 * Handling-time norms (issue 16): per category a response norm and a resolution norm, in working
 * days (weekends and Dutch public holidays skipped) or calendar days, and the deadlines they give a
 * report, work order or mediation case. The calendar is plain Java ({@link DutchHolidays},
 * {@link WorkingDays}); {@link HandlingNorms} reads the norms from the database.
 */
package nl.hartslag.norms;
