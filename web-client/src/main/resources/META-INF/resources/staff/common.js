// Shared by the staff pages: the CSRF token from the XSRF-TOKEN cookie, small DOM helpers, JSON
// calls that turn a problem+json answer into its Dutch message, the role-based navigation, texts in
// Dutch or English (i18n.js + texts.js on the pages that load them) and a self-healing live stream.
var Staff = (function () {
  'use strict';
  var I18N = window.HartslagI18n;
  // A text by key (texts.js); pages without i18n.js fall back to the Dutch text they pass along.
  function t(key, vars, dutch) {
    if (I18N) { return I18N.t(key, vars); }
    return dutch || key;
  }
  function lang() { return I18N ? I18N.language() : 'nl'; }
  function csrf() {
    var m = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : '';
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function problem(resp) {
    return resp.json().catch(function () { return {}; }).then(function (p) {
      var fields = (p.errors || []).map(function (e) { return e.message; }).join(' ');
      throw new Error(fields || p.detail || p.title || 'Er ging iets mis (' + resp.status + ').');
    });
  }
  function get(url) {
    // The staff pages are Dutch unless the English switch was used: labels and problem messages too,
    // whatever the browser's language.
    return fetch(url, { headers: { Accept: 'application/json', 'Accept-Language': lang() } })
      .then(function (r) { return r.ok ? r.json() : problem(r); });
  }
  function send(method, url, body) {
    return fetch(url, {
      method: method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': lang(),
        'X-XSRF-TOKEN': csrf() },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      if (!r.ok) { return problem(r); }
      return r.status === 204 ? null : r.json();
    });
  }
  // A multipart/form-data call (a FormData with a photo): the browser sets the boundary itself.
  function sendForm(method, url, form) {
    return fetch(url, {
      method: method,
      headers: { Accept: 'application/json', 'Accept-Language': lang(), 'X-XSRF-TOKEN': csrf() },
      body: form
    }).then(function (r) {
      if (!r.ok) { return problem(r); }
      return r.status === 204 ? null : r.json();
    });
  }
  // A photo of a report or work order, as a thumbnail that links to the full photo. Photos we keep are
  // served by the staff API, which has a small version (?size=thumb); an MMS photo is shown as it is.
  function photoLink(url, alt) {
    var ours = typeof url === 'string' && url.indexOf('/api/v1/staff/') === 0;
    var a = el('a', { href: url, 'class': 'photo', rel: 'noreferrer', target: '_blank' });
    a.appendChild(el('img', { src: ours ? url + '?size=thumb' : url, alt: alt, loading: 'lazy' }));
    return a;
  }
  var PAGES = [
    { href: '/staff/problems.html', label: 'Problemen', key: 'nav.problems', roles: ['COORDINATOR'] },
    { href: '/staff/', label: 'Meldingen', key: 'nav.reports', roles: ['COORDINATOR'] },
    { href: '/staff/coordinator.html', label: 'Bemiddeling en overleg', roles: ['COORDINATOR'] },
    { href: '/staff/work-orders.html', label: 'Werkbonnen', roles: ['WOP', 'COORDINATOR'] },
    { href: '/staff/late.html', label: 'Te laat', key: 'nav.late', roles: ['COORDINATOR'] },
    { href: '/staff/inbox.html', label: 'Mijn bemiddelingen', roles: ['VOLUNTEER'] },
    { href: '/staff/meetings.html', label: 'Overleg', roles: ['PARTNER'] },
    { href: '/staff/outreach.html', label: 'Huisbezoek', roles: ['OUTREACH'] },
    { href: '/staff/figures.html', label: 'Cijfers', roles: ['COORDINATOR', 'PARTNER'] },
    { href: '/staff/totp.html', label: 'Tweestapsverificatie', roles: ['COORDINATOR'] }
  ];
  // The header every staff page shares, built here once instead of copied into each page: who is
  // logged in, the language switch (pages that load i18n.js), the logout form, and after the header
  // the navigation that start() fills for the roles. A page's own markup holds only <header><h1>.
  function header() {
    var top = document.querySelector('body > header');
    if (!top || document.getElementById('who')) { return; }
    top.appendChild(el('p', { id: 'who', 'aria-live': 'polite' }));
    if (I18N) {
      top.appendChild(el('button', { type: 'button', id: 'lang-switch', 'class': 'secondary', lang: 'en' }, 'English'));
    }
    var logout = el('form', { method: 'post', action: '/logout', id: 'logout-form' });
    logout.appendChild(el('input', { type: 'hidden', name: '_csrf', id: 'logout-csrf' }));
    logout.appendChild(el('button', { type: 'submit', 'data-i18n': 'staff.logout' }, 'Uitloggen'));
    top.appendChild(logout);
    var nav = el('nav', { id: 'nav', 'aria-label': 'Pagina\'s' });
    if (I18N) { nav.setAttribute('data-i18n-attr', 'aria-label:staff.nav'); }
    top.parentNode.insertBefore(nav, top.nextSibling);
  }
  // The pages load this script at the end of <body>: the header exists before the page's own script runs.
  header();

  // Fills the header (who, navigation for the roles) and tells `then` who is logged in.
  function start(then) {
    if (I18N) { I18N.init(); }
    get('/api/v1/staff/me').then(function (me) {
      var who = document.getElementById('who');
      who.textContent = t('staff.who', { name: me.username }, 'Ingelogd als ' + me.username);
      document.addEventListener('hartslag:language', function () {
        who.textContent = t('staff.who', { name: me.username }, 'Ingelogd als ' + me.username);
        if (nav) { nav.querySelectorAll('a[data-key]').forEach(function (a) { a.textContent = t(a.getAttribute('data-key')); }); }
      });
      var nav = document.getElementById('nav');
      if (nav) {
        var list = el('ul');
        PAGES.filter(function (p) { return p.roles.some(function (r) { return me.roles.indexOf(r) >= 0; }); })
          .forEach(function (p) {
            var li = el('li');
            var a = el('a', { href: p.href }, p.key ? t(p.key, null, p.label) : p.label);
            if (p.key) { a.setAttribute('data-key', p.key); }
            if (location.pathname === p.href) { a.setAttribute('aria-current', 'page'); }
            li.appendChild(a);
            list.appendChild(li);
          });
        nav.appendChild(list);
      }
      var logout = document.getElementById('logout-form');
      if (logout) {
        logout.addEventListener('submit', function () { document.getElementById('logout-csrf').value = csrf(); });
      }
      then(me);
    });
  }
  function date(iso) {
    return iso ? new Date(iso).toLocaleString(I18N ? I18N.locale() : 'nl-NL', { dateStyle: 'medium', timeStyle: 'short' })
      : '';
  }

  // A phone number as a tap-to-call link (staff on the road call from the page).
  function tel(number, label) {
    var a = el('a', { href: 'tel:' + String(number).replace(/[^+0-9]/g, ''), 'class': 'tel' }, label || number);
    return a;
  }

  // "Vorige · pagina 2 van 5 · Volgende" under a paged list (#pager); go(n) loads page n (0-based).
  function pager(page, pages, go) {
    var box = document.getElementById('pager');
    box.textContent = '';
    if (pages <= 1) { return; }
    var prev = el('button', { type: 'button', 'class': 'secondary' }, t('pager.prev'));
    prev.disabled = page === 0;
    prev.addEventListener('click', function () { go(page - 1); });
    var next = el('button', { type: 'button', 'class': 'secondary' }, t('pager.next'));
    next.disabled = page + 1 >= pages;
    next.addEventListener('click', function () { go(page + 1); });
    box.appendChild(prev);
    box.appendChild(el('span', {}, t('pager.of', { page: page + 1, pages: pages })));
    box.appendChild(next);
  }

  /*
   * Server-Sent Events with a reconnect of our own: the browser retries a dropped connection by itself, but
   * gives up for good after an error answer (a restart, a 502 from a proxy), so we start a new EventSource
   * with a growing pause. onState('live'|'reconnecting') lets the page say so; onOpen runs after every
   * (re)connect so a page can catch up on what it missed meanwhile.
   */
  function stream(url, eventName, onEvent, onState, onOpen) {
    var source = null;
    var pause = 1000;
    var opened = false;
    function connect() {
      if (!window.EventSource) { onState('unsupported'); return; }
      source = new EventSource(url);
      source.addEventListener('open', function () {
        pause = 1000;
        onState('live');
        if (opened && onOpen) { onOpen(); }
        opened = true;
      });
      source.addEventListener(eventName, function (ev) {
        var data;
        try { data = JSON.parse(ev.data); } catch (e) { return; }
        onEvent(data);
      });
      source.addEventListener('error', function () {
        onState('reconnecting');
        if (source.readyState === EventSource.CLOSED) {
          source = null;
          setTimeout(connect, pause);
          pause = Math.min(pause * 2, 30000);
        }
      });
    }
    connect();
    return { close: function () { if (source) { source.close(); } } };
  }

  // Calls `fn` once, `ms` after the last of a burst of calls (many events, one reload).
  function debounce(fn, ms) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  /*
   * Whether a cluster event brings a new report (1) or not (0). A "report" event is one report joining or
   * starting a problem, but a report split off into another problem also gives its new problem a "report"
   * event: that is no new report, so it is not counted (whichever of the two events comes first).
   */
  function newReports() {
    var moved = {};
    var counted = {};
    return function (e) {
      if (e.change === 'split' && e.other) {
        if (counted[e.other]) { delete counted[e.other]; return -1; }
        moved[e.other] = true;
        setTimeout(function () { delete moved[e.other]; }, 10000);
        return 0;
      }
      if (e.change !== 'report') { return 0; }
      if (moved[e.clusterId]) { delete moved[e.clusterId]; return 0; }
      counted[e.clusterId] = true;
      setTimeout(function () { delete counted[e.clusterId]; }, 10000);
      return 1;
    };
  }

  // The last day that still counts for a deadline (the API gives the moment it passes: local midnight after it).
  function lastDay(iso) {
    return new Date(Date.parse(iso) - 1).toLocaleDateString(I18N ? I18N.locale() : 'nl-NL',
      { timeZone: 'Europe/Amsterdam', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  }
  var LATE_NL = { RESPONSE: 'nog geen reactie', RESOLUTION: 'nog niet opgelost' };
  // A deadline badge (docs/norms.md): "Te laat: …" when something has passed its deadline, otherwise
  // "Reageren uiterlijk …" (a report nobody responded to yet) or "Uiterlijk …"; nothing for what is finished.
  // opts: open (still to be handled), waiting (a report still RECEIVED), report (name what is late), id.
  // Pages without texts.js get the Dutch text.
  function deadline(d, opts) {
    if (!d || !d.resolveBy || !opts.open) { return null; }
    if (d.late && d.late.length) {
      var what = d.late.map(function (l) { return t('deadline.' + l, null, LATE_NL[l]); }).join(', ');
      return el('span', { 'class': 'badge badge-late', id: opts.id }, opts.report
        ? t('deadline.lateWhat', { what: what }, 'Te laat: ' + what) : t('deadline.late', null, 'Te laat'));
    }
    var answer = opts.waiting && d.respondBy;
    var day = lastDay(answer ? d.respondBy : d.resolveBy);
    return el('span', { 'class': 'badge badge-due', id: opts.id }, answer
      ? t('deadline.respondBy', { date: day }, 'Reageren uiterlijk ' + day)
      : t('deadline.by', { date: day }, 'Uiterlijk ' + day));
  }

  return { csrf: csrf, el: el, get: get, send: send, start: start, date: date, t: t, tel: tel, stream: stream,
    pager: pager, debounce: debounce, lang: lang, newReports: newReports, sendForm: sendForm, photoLink: photoLink,
    deadline: deadline, lastDay: lastDay };
}());
