/** HTTP adapters for reports: the public intake and status API, and the staff report API. */
package nl.hartslag.report.web;
