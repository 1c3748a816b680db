// The coordinator's "te laat" list (GET /api/v1/staff/late, docs/norms.md): what is past its deadline,
// longest overdue first, each linked to where it is handled (its problem, the queue, the work orders or
// the mediation board); never who reported it. Below it the norms per category, which coordinators change here.
(function () {
  'use strict';
  var el = Staff.el;
  var t = Staff.t;
  var norms = [];

  function say(text) { document.getElementById('message').textContent = text; }

  // Where the item is worked on: its problem when it has one, otherwise its own list.
  function link(i) {
    if (i.clusterId) { return '/staff/problem.html?id=' + encodeURIComponent(i.clusterId); }
    if (i.kind === 'REPORT') { return '/staff/?q=' + encodeURIComponent(i.reference); }
    if (i.kind === 'WORK_ORDER') { return '/staff/work-orders.html#w-' + encodeURIComponent(i.reference); }
    return '/staff/coordinator.html';
  }

  function cell(tag, content) {
    var c = el(tag);
    if (content instanceof Node) { c.appendChild(content); } else { c.textContent = content == null ? '' : content; }
    return c;
  }

  function load() {
    return Staff.get('/api/v1/staff/late').then(function (items) {
      var box = document.getElementById('late');
      box.textContent = '';
      say(items.length === 1 ? t('late.countOne') : t('late.count', { n: items.length }));
      if (!items.length) { box.appendChild(el('p', {}, t('late.none'))); return; }
      var table = el('table', { 'class': 'late-table', id: 'late-table' });
      table.appendChild(el('caption', {}, t('late.caption')));
      var head = el('tr');
      ['late.what', 'late.kind', 'late.where', 'late.late', 'late.since', 'late.days'].forEach(function (k) {
        head.appendChild(el('th', { scope: 'col' }, t(k)));
      });
      table.appendChild(el('thead')).appendChild(head);
      var body = table.appendChild(el('tbody'));
      items.forEach(function (i) {
        var row = el('tr', { id: 'late-' + i.kind + '-' + i.reference });
        var th = el('th', { scope: 'row' });
        th.appendChild(el('a', { href: link(i) }, i.kindLabel + ' ' + i.reference));
        row.appendChild(th);
        row.appendChild(cell('td', i.categoryLabel));
        row.appendChild(cell('td', [i.street, i.neighbourhood].filter(function (x) { return x; }).join(' · ')
          || t('place.unknown')));
        row.appendChild(cell('td', el('span', { 'class': 'badge badge-late' }, i.lateLabel)));
        row.appendChild(cell('td', Staff.lastDay(i.since)));
        row.appendChild(cell('td', String(i.daysOver)));
        body.appendChild(row);
      });
      box.appendChild(scroller(table, t('late.caption')));
    }).catch(function (e) { say(e.message); });
  }

  // A wide table scrolls inside its own box on a phone (focusable, so it scrolls by keyboard too).
  function scroller(table, label) {
    var box = el('div', { 'class': 'table-scroll', tabindex: '0', role: 'region', 'aria-label': label });
    box.appendChild(table);
    return box;
  }

  function loadNorms() {
    return Staff.get('/api/v1/staff/norms').then(function (list) {
      norms = list;
      var box = document.getElementById('norms');
      box.textContent = '';
      var table = el('table', { 'class': 'late-table', id: 'norms-table' });
      table.appendChild(el('caption', {}, t('late.norms')));
      var head = el('tr');
      ['late.kind', 'late.response', 'late.resolution', 'late.dayKind'].forEach(function (k) {
        head.appendChild(el('th', { scope: 'col' }, t(k)));
      });
      table.appendChild(el('thead')).appendChild(head);
      var body = table.appendChild(el('tbody'));
      var select = document.getElementById('n-category');
      var chosen = select.value;
      select.textContent = '';
      list.forEach(function (n) {
        var row = el('tr', { id: 'norm-' + n.category });
        row.appendChild(el('th', { scope: 'row' }, n.categoryLabel));
        row.appendChild(cell('td', String(n.responseDays)));
        row.appendChild(cell('td', String(n.resolutionDays)));
        row.appendChild(cell('td', n.dayKindLabel));
        body.appendChild(row);
        select.appendChild(el('option', { value: n.category }, n.categoryLabel));
      });
      box.appendChild(scroller(table, t('late.norms')));
      if (chosen) { select.value = chosen; }
      fill();
    }).catch(function (e) { say(e.message); });
  }

  // The form shows the chosen category's current norm.
  function fill() {
    var code = document.getElementById('n-category').value;
    var n = norms.filter(function (x) { return x.category === code; })[0];
    if (!n) { return; }
    document.getElementById('n-response').value = n.responseDays;
    document.getElementById('n-resolution').value = n.resolutionDays;
    document.getElementById('n-kind').value = n.dayKind;
  }

  document.getElementById('n-category').addEventListener('change', fill);
  document.getElementById('norm-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var code = document.getElementById('n-category').value;
    Staff.send('PUT', '/api/v1/staff/norms/' + encodeURIComponent(code), {
      responseDays: Number(document.getElementById('n-response').value),
      resolutionDays: Number(document.getElementById('n-resolution').value),
      dayKind: document.getElementById('n-kind').value
    }).then(function (saved) {
      // Deadlines follow the new norm at once: the list is read again, then the page says it is saved.
      return Promise.all([loadNorms(), load()]).then(function () {
        say(t('late.saved', { kind: saved.categoryLabel }));
      });
    }).catch(function (e) { say(e.message); });
  });
  document.addEventListener('hartslag:language', function () { load(); loadNorms(); });

  Staff.start(function () { load(); loadNorms(); });
}());
