/** The Casuïstiekoverleg's staff API: proposals, meetings, agendas and agreed actions. */
package nl.hartslag.escalation.web;
