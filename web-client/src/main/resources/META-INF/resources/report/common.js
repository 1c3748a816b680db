/*
 * Hartslag resident page: Limits, the page's elements and state, and small helpers every part of the form uses.
 */
import { I } from './i18n.js';

var MIN_DESCRIPTION = 3;
var MAX_DESCRIPTION = 4000;
var SEND_TIMEOUT_MS = 30000;

function $(id) {
  return document.getElementById(id);
}

var els = {};
var state = {
  categories: [],
  location: null, // {lat, lon}: a pin the resident put (map tap, drag, device location); sent as location
  placeLabel: null, // {text} | {key}: the place as a resident would name it, shown under the map
  locationMessage: null, // {key, kind}
  photos: [], // [{blob, name, preview}] at most 3, already shrunk when the browser could
  service: null, // GET /api/v1/service: numbers and Veilig Thuis, or null when unknown
  reviewing: false,
  idempotencyKey: null, // kept while a submission may have reached the server
  sending: false,
  errors: [], // [{field, message} | {field, key}]
  status: null // {key, kind} for the form status line
};

/* ---------- helpers ---------- */

function newIdempotencyKey() {
  if (window.crypto && typeof window.crypto.randomUUID === 'function') {
    try {
      return window.crypto.randomUUID();
    } catch (e) {
      /* insecure context: fall through */
    }
  }
  var bytes = new Uint8Array(16);
  if (window.crypto && window.crypto.getRandomValues) {
    window.crypto.getRandomValues(bytes);
  } else {
    for (var i = 0; i < bytes.length; i++) {
      bytes[i] = Math.floor(Math.random() * 256);
    }
  }
  var hex = '';
  for (var j = 0; j < bytes.length; j++) {
    hex += (bytes[j] < 16 ? '0' : '') + bytes[j].toString(16);
  }
  return hex;
}

function pad(n) {
  return (n < 10 ? '0' : '') + n;
}

/** "2026-11-27T22:30" (local time of the device) -> "2026-11-27T22:30:00+01:00". */
function withOffset(value) {
  var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value || '');
  if (!m) {
    return null;
  }
  var date = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0));
  var offset = -date.getTimezoneOffset();
  var sign = offset >= 0 ? '+' : '-';
  offset = Math.abs(offset);
  return m[1] + '-' + m[2] + '-' + m[3] + 'T' + m[4] + ':' + m[5] + ':' + (m[6] || '00') +
    sign + pad(Math.floor(offset / 60)) + ':' + pad(offset % 60);
}

function localNow() {
  var d = new Date();
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' + pad(d.getMinutes());
}

function headers(extra) {
  var h = { 'Accept': 'application/json, application/problem+json', 'Accept-Language': I.language() };
  for (var k in extra) {
    if (Object.prototype.hasOwnProperty.call(extra, k)) {
      h[k] = extra[k];
    }
  }
  return h;
}

function readJson(response) {
  return response.text().then(function (text) {
    if (!text) {
      return null;
    }
    try {
      return JSON.parse(text);
    } catch (e) {
      return null;
    }
  });
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, function (ch) {
    return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch];
  });
}

var escapeAttr = escapeHtml;

/** Opens the folded parts (details) around an element, so that focus and errors can reach it. */
function reveal(el) {
  for (var node = el; node; node = node.parentElement) {
    if (node.tagName === 'DETAILS') {
      node.open = true;
    }
  }
  return el;
}

export { $, MAX_DESCRIPTION, reveal, MIN_DESCRIPTION, SEND_TIMEOUT_MS, els, escapeAttr, escapeHtml, headers, localNow, newIdempotencyKey, readJson, state, withOffset };
