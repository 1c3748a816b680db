/*
 * Hartslag resident page: Hartslag's own numbers and the advice that depends on the kind of problem.
 * GET /api/v1/service gives the SMS and phone numbers ("Liever sms'en of bellen?", hidden when not configured) and
 * Veilig Thuis; a worry about a household shows the Veilig Thuis advice on screen, and a request for mediation says
 * before sending why contact details are needed.
 */
import { t } from './i18n.js';
import { $, headers, state } from './common.js';
import { selectedCategory } from './categories.js';

// Veilig Thuis is the national number: the advice never disappears because our own endpoint did not answer.
var VEILIG_THUIS = { phone: '0800-2000', url: 'https://veiligthuis.nl' };
var HOUSEHOLD = { domestic: true };

var advice = { suggested: null, shownFor: null };

function loadService() {
  return fetch('/api/v1/service', { headers: headers() })
    .then(function (response) {
      return response.ok ? response.json() : null;
    })
    .catch(function () {
      return null;
    })
    .then(function (data) {
      state.service = data && typeof data === 'object' ? data : null;
      renderService();
      renderCategoryAdvice();
    });
}

function veiligThuis() {
  var v = state.service && state.service.veiligThuis;
  return { phone: (v && v.phone) || VEILIG_THUIS.phone, url: (v && v.url) || VEILIG_THUIS.url };
}

function el(tag, attrs, text) {
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) {
    node.setAttribute(k, attrs[k]);
  });
  if (text != null) {
    node.textContent = text;
  }
  return node;
}

function tel(number, e164, scheme) {
  var target = String(e164 || number).replace(/[^+\d]/g, '');
  return el('a', { href: scheme + ':' + target }, number);
}

/** "Sms: +31 6 … · Bel: 045 …" into a paragraph, or hides it when there are no numbers. */
function fillNumbers(p, leadKey) {
  var s = state.service || {};
  p.textContent = '';
  var parts = [];
  if (s.smsNumber) {
    parts.push(['service.sms', tel(s.smsNumber, s.smsNumberE164, 'sms')]);
  }
  if (s.phoneNumber) {
    parts.push(['service.phone', tel(s.phoneNumber, s.phoneNumberE164, 'tel')]);
  }
  p.hidden = !parts.length;
  if (!parts.length) {
    return;
  }
  p.appendChild(el('span', { 'class': 'service-lead' }, t(leadKey)));
  parts.forEach(function (part) {
    p.appendChild(document.createTextNode(' '));
    var span = el('span', { 'class': 'service-number' });
    var text = t(part[0], { number: '\u0000' }).split('\u0000');
    span.appendChild(document.createTextNode(text[0]));
    span.appendChild(part[1]);
    span.appendChild(document.createTextNode(text[1] || ''));
    p.appendChild(span);
  });
}

function renderService() {
  fillNumbers($('service-line'), 'service.line');
  fillNumbers($('confirm-service'), 'service.confirm');
}

function fillVeiligThuis(box) {
  var v = veiligThuis();
  box.textContent = '';
  box.appendChild(el('p', { 'class': 'advice-lead' }, t('veiligThuis.lead')));
  var call = el('p');
  var parts = t('veiligThuis.call', { phone: '\u0000' }).split('\u0000');
  call.appendChild(document.createTextNode(parts[0]));
  call.appendChild(tel(v.phone, null, 'tel'));
  call.appendChild(document.createTextNode(parts[1] || ''));
  box.appendChild(call);
  var web = el('p');
  var host = String(v.url).replace(/^https?:\/\//, '').replace(/\/$/, '');
  var webParts = t('veiligThuis.web', { url: '\u0000' }).split('\u0000');
  web.appendChild(document.createTextNode(webParts[0]));
  web.appendChild(el('a', { href: v.url, rel: 'noopener' }, host));
  web.appendChild(document.createTextNode(webParts[1] || ''));
  box.appendChild(web);
  box.appendChild(el('p', {}, t('veiligThuis.danger')));
}

function isHousehold(code) {
  return !!code && HOUSEHOLD[code] === true;
}

function isMediation(code) {
  if (!code) {
    return false;
  }
  var found = state.categories.filter(function (c) {
    return c.code === code;
  })[0];
  return code === 'neighbour_dispute' || !!(found && String(found.kind || '').toUpperCase() === 'MEDIATION');
}

/** The advice for the chosen (or, for households, the suggested) category; {@code suggested} when it changed. */
function renderCategoryAdvice(suggested) {
  if (suggested !== undefined) {
    advice.suggested = suggested;
  }
  var chosen = selectedCategory();
  var household = isHousehold(chosen) || isHousehold(advice.suggested);
  var box = $('veilig-thuis');
  if (household) {
    fillVeiligThuis(box);
  }
  box.hidden = !household;

  var mediation = isMediation(chosen);
  $('contact-required').hidden = !mediation;
  $('contact-legend').textContent = t(mediation ? 'contact.legendRequired' : 'contact.legend');
  $('contact-summary').textContent = t(mediation ? 'contact.summaryRequired' : 'contact.summary');
  if (mediation) {
    $('contact-details').open = true; // needed here: never folded away
  }
}

/** On the confirmation: the numbers, and Veilig Thuis for a worry about a household. */
function renderConfirmationAdvice(code) {
  renderService();
  var box = $('confirm-veilig-thuis');
  var household = isHousehold(code) || (code === undefined && advice.shownFor !== null && isHousehold(advice.shownFor));
  if (code !== undefined) {
    advice.shownFor = code;
  }
  if (household) {
    fillVeiligThuis(box);
  }
  box.hidden = !household;
}

export { isMediation, loadService, renderCategoryAdvice, renderConfirmationAdvice, renderService };
