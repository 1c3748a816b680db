/*
 * Hartslag resident page: The page's texts: the shared dictionary and language switch of /i18n.js (a classic script, also used by
 * the status and staff pages), as module imports.
 */

var I = window.HartslagI18n;
var t = I.t;

export { I, t };
