// Shared by the staff pages: the CSRF token from the XSRF-TOKEN cookie, small DOM helpers, JSON
// calls that turn a problem+json answer into its Dutch message, and the role-based navigation.
var Staff = (function () {
  'use strict';
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
    // The staff pages are Dutch: labels and problem messages too, whatever the browser's language.
    return fetch(url, { headers: { Accept: 'application/json', 'Accept-Language': 'nl' } })
      .then(function (r) { return r.ok ? r.json() : problem(r); });
  }
  function send(method, url, body) {
    return fetch(url, {
      method: method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': 'nl',
        'X-XSRF-TOKEN': csrf() },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      if (!r.ok) { return problem(r); }
      return r.status === 204 ? null : r.json();
    });
  }
  var PAGES = [
    { href: '/staff/', label: 'Meldingen', roles: ['COORDINATOR'] },
    { href: '/staff/coordinator.html', label: 'Bemiddeling en overleg', roles: ['COORDINATOR'] },
    { href: '/staff/work-orders.html', label: 'Werkbonnen', roles: ['WOP', 'COORDINATOR'] },
    { href: '/staff/inbox.html', label: 'Mijn bemiddelingen', roles: ['VOLUNTEER'] },
    { href: '/staff/meetings.html', label: 'Overleg', roles: ['PARTNER'] }
  ];
  // Fills the header (who, navigation for the roles) and tells `then` who is logged in.
  function start(then) {
    get('/api/v1/staff/me').then(function (me) {
      document.getElementById('who').textContent = 'Ingelogd als ' + me.username;
      var nav = document.getElementById('nav');
      if (nav) {
        var list = el('ul');
        PAGES.filter(function (p) { return p.roles.some(function (r) { return me.roles.indexOf(r) >= 0; }); })
          .forEach(function (p) {
            var li = el('li');
            var a = el('a', { href: p.href }, p.label);
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
  function date(iso) { return iso ? new Date(iso).toLocaleString('nl-NL') : ''; }
  return { csrf: csrf, el: el, get: get, send: send, start: start, date: date };
}());
