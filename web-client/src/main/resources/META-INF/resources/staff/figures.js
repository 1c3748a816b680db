// The figures page (issue 16): period and neighbourhood pickers, a chart with its table for every instrument,
// CSV downloads, and the printable "jaarverslag" (a year by quarter, all instruments, see figures.css @media print).
// Every chart is for the eye only: the table under it holds the same figures for everyone.
(function () {
  'use strict';
  var el = Staff.el;
  var t = Staff.t;
  var API = '/api/v1/staff/figures';
  var SECTIONS = [
    { key: 'section.reports', tables: ['reports_by_category', 'reports_by_channel', 'households', 'reports_per_1000'] },
    { key: 'section.mediation', tables: ['mediation', 'mediation_steps', 'mediation_outcomes'] },
    { key: 'section.workorders', tables: ['work_orders'] },
    { key: 'section.escalations', tables: ['escalations'] },
    { key: 'section.outreach', tables: ['outreach'] },
    { key: 'section.notifications', tables: ['notifications'] },
    { key: 'section.times', tables: ['response_times', 'late_work'] },
    { key: 'section.satisfaction', tables: ['satisfaction', 'coverage'] }
  ];
  // How to draw a table: "long" tables (period, key, count) stack the keys; "wide" ones draw some columns.
  var CHARTS = {
    reports_by_category: { long: [1, 2] },
    reports_by_channel: { long: [1, 2] },
    households: { wide: ['households', 'reports'] },
    reports_per_1000: { wide: ['per_1000', 'municipality_per_1000'], type: 'line' },
    mediation: { wide: ['opened', 'closed'] },
    mediation_steps: { long: [1, 2] },
    work_orders: { wide: ['opened', 'done'] },
    escalations: { wide: ['proposed', 'put_on_agenda', 'actions_done_on_time', 'actions_done_late', 'actions_open'] },
    outreach: { wide: ['visits', 'households_visited', 'visits_with_report', 'outreach_reports'] },
    notifications: { long: [1, 2] },
    late_work: { long: [1, 2] },
    satisfaction: { wide: ['satisfied', 'dissatisfied'] }
  };
  var COLOURS = ['#7a1f2b', '#1a4f8b', '#2e7d32', '#a35200', '#5b3a8e', '#00707a', '#8a6d00', '#444444', '#b0305f',
    '#3b6e3b', '#6b4226', '#1f5f5f'];
  var charts = [];
  var categories = {};
  var last = null;

  function params() {
    var q = new URLSearchParams(location.search);
    if (q.get('view') === 'jaarverslag') {
      var year = q.get('year') || String(new Date().getFullYear() - 1);
      return { view: 'jaarverslag', year: year, from: year + '-01-01', to: year + '-12-31', groupBy: 'quarter',
        neighbourhood: q.get('neighbourhood') || '' };
    }
    return { from: q.get('from') || '', to: q.get('to') || '', groupBy: q.get('groupBy') || 'month',
      neighbourhood: q.get('neighbourhood') || '' };
  }

  function query(p, extra) {
    var q = new URLSearchParams();
    if (p.from) { q.set('from', p.from); }
    if (p.to) { q.set('to', p.to); }
    q.set('groupBy', p.groupBy);
    if (p.neighbourhood) { q.set('neighbourhood', p.neighbourhood); }
    Object.keys(extra || {}).forEach(function (k) { q.set(k, extra[k]); });
    return API + '?' + q.toString();
  }

  function number(value, column) {
    if (value === null || value === undefined) { return ''; }
    if (typeof value !== 'number') { return column === 'day_kind' ? t('dayKind.' + value) : label(value); }
    var locale = window.HartslagI18n ? HartslagI18n.locale() : 'nl-NL';
    if (/within_norm$/.test(column)) {
      return (value * 100).toLocaleString(locale, { maximumFractionDigits: 1 }) + ' %';
    }
    return value.toLocaleString(locale, { maximumFractionDigits: 2 });
  }

  function label(value) {
    return categories[value] || value;
  }

  function columnLabel(name) {
    var key = 'col.' + name;
    var text = t(key);
    return text === key ? name : text;
  }

  function render(data, p) {
    charts.forEach(function (c) { c.destroy(); });
    charts = [];
    last = data;
    fillPickers(data, p);
    var head = document.getElementById('report-head');
    head.textContent = '';
    var place = data.neighbourhood || t('figures.allShort');
    if (p.view === 'jaarverslag') {
      head.appendChild(el('h2', { 'class': 'report-title' }, t('figures.annualTitle', { year: p.year, neighbourhood: place })));
      document.getElementById('title').textContent = t('figures.annualTitle', { year: p.year, neighbourhood: place });
    }
    head.appendChild(el('p', {}, t('figures.period', { from: data.from, to: data.to, groupBy: t('figures.' + data.groupBy),
      neighbourhood: place })));
    head.appendChild(el('p', { 'class': 'legend-note' }, t('figures.note', {
      categories: data.suppression.sensitiveCategories.map(label).join(', '), small: data.suppression.small,
      hidden: data.suppression.hidden, threshold: data.suppression.threshold })));
    document.getElementById('csv-all').setAttribute('href', query(p, { format: 'csv' }));

    var box = document.getElementById('sections');
    box.textContent = '';
    SECTIONS.forEach(function (s, i) {
      var section = el('section', { 'class': 'instrument', 'aria-labelledby': 'h-section-' + i });
      section.appendChild(el('h2', { id: 'h-section-' + i }, t(s.key)));
      s.tables.forEach(function (name) {
        var table = data.tables.filter(function (x) { return x.name === name; })[0];
        if (table) { section.appendChild(figure(table, data, p)); }
      });
      box.appendChild(section);
    });
  }

  function figure(table, data, p) {
    var title = t('table.' + table.name);
    var box = el('div', { 'class': 'figure', id: 'figure-' + table.name });
    box.appendChild(el('h3', { id: 'h-' + table.name }, title));
    var spec = CHARTS[table.name];
    if (spec && table.rows.length && window.Chart) {
      var chartBox = el('div', { 'class': 'chart-box' });
      var canvas = el('canvas', { role: 'img', id: 'chart-' + table.name, 'aria-label': t('figures.chartOf', { title: title }) });
      chartBox.appendChild(canvas);
      box.appendChild(chartBox);
      charts.push(new Chart(canvas, chart(table, data, spec)));
    }
    if (!table.rows.length) {
      box.appendChild(el('p', { 'class': 'empty' }, t('figures.empty')));
    } else {
      var tableEl = el('table', { id: 'table-' + table.name });
      tableEl.appendChild(el('caption', {}, title));
      var thead = el('thead');
      var tr = el('tr');
      table.columns.forEach(function (c) { tr.appendChild(el('th', { scope: 'col' }, columnLabel(c))); });
      thead.appendChild(tr);
      tableEl.appendChild(thead);
      var tbody = el('tbody');
      table.rows.forEach(function (row) {
        var r = el('tr');
        row.forEach(function (cell, i) {
          var numeric = typeof cell === 'number' || cell === data.suppression.small || cell === data.suppression.hidden;
          r.appendChild(el(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : (numeric ? { 'class': 'num' } : {}),
            number(cell, table.columns[i])));
        });
        tbody.appendChild(r);
      });
      tableEl.appendChild(tbody);
      box.appendChild(tableEl);
    }
    var csv = el('a', { 'class': 'csv', href: query(p, { format: 'csv', table: table.name }) }, t('figures.csv'));
    csv.setAttribute('aria-describedby', 'h-' + table.name);
    box.appendChild(el('p', {})).appendChild(csv);
    return box;
  }

  // A suppressed cell ("<5", "x") is no number: the chart leaves a gap, the table says what it is.
  function value(cell) {
    return typeof cell === 'number' ? cell : null;
  }

  function chart(table, data, spec) {
    var periods = data.periods;
    var datasets;
    if (spec.long) {
      var keys = [];
      table.rows.forEach(function (r) { if (keys.indexOf(r[spec.long[0]]) < 0) { keys.push(r[spec.long[0]]); } });
      datasets = keys.map(function (k, i) {
        return { label: label(k), backgroundColor: COLOURS[i % COLOURS.length], borderColor: COLOURS[i % COLOURS.length],
          data: periods.map(function (period) {
            var row = table.rows.filter(function (r) { return r[0] === period && r[spec.long[0]] === k; })[0];
            return row ? value(row[spec.long[1]]) : 0;
          }) };
      });
    } else {
      datasets = spec.wide.map(function (c, i) {
        var index = table.columns.indexOf(c);
        return { label: columnLabel(c), backgroundColor: COLOURS[i % COLOURS.length], borderColor: COLOURS[i % COLOURS.length],
          data: periods.map(function (period) {
            var row = table.rows.filter(function (r) { return r[0] === period; })[0];
            return row ? value(row[index]) : null;
          }) };
      });
    }
    return { type: spec.type || 'bar', data: { labels: periods, datasets: datasets },
      options: { animation: false, responsive: true, maintainAspectRatio: false,
        scales: { x: { stacked: !!spec.long }, y: { stacked: !!spec.long, beginAtZero: true } } } };
  }

  function fillPickers(data, p) {
    document.getElementById('from').value = data.from;
    document.getElementById('to').value = data.to;
    document.getElementById('group-by').value = data.groupBy;
    var select = document.getElementById('neighbourhood');
    if (select.options.length <= 1) {
      data.neighbourhoods.forEach(function (n) { select.appendChild(el('option', { value: n.name }, n.name)); });
    }
    select.value = data.neighbourhood || '';
    if (p.view === 'jaarverslag') { document.getElementById('annual-year').value = p.year; }
  }

  function quickPicks() {
    var quick = document.getElementById('quick');
    var annual = document.getElementById('annual-year');
    var now = new Date();
    var year = now.getFullYear();
    var q = Math.floor(now.getMonth() / 3); // this quarter, 0-based; the quick picks start at the last full one
    for (var i = 0; i < 8; i++) {
      q -= 1;
      if (q < 0) { q = 3; year -= 1; }
      var from = year + '-' + String(q * 3 + 1).padStart(2, '0') + '-01';
      var end = new Date(Date.UTC(year, q * 3 + 3, 0));
      var to = end.toISOString().substring(0, 10);
      quick.appendChild(el('option', { value: from + '/' + to + '/month' }, t('figures.quarterOption', { q: q + 1, year: year })));
    }
    for (var y = now.getFullYear(); y > now.getFullYear() - 4; y--) {
      quick.appendChild(el('option', { value: y + '-01-01/' + y + '-12-31/quarter' }, t('figures.yearOption', { year: y })));
      annual.appendChild(el('option', { value: String(y - 1) }, String(y - 1)));
    }
    quick.addEventListener('change', function () {
      if (!quick.value) { return; }
      var parts = quick.value.split('/');
      document.getElementById('from').value = parts[0];
      document.getElementById('to').value = parts[1];
      document.getElementById('group-by').value = parts[2];
    });
  }

  function load() {
    var p = params();
    var message = document.getElementById('message');
    message.textContent = t('figures.loading');
    document.body.classList.toggle('annual', p.view === 'jaarverslag');
    return Staff.get(query(p)).then(function (data) {
      render(data, p);
      message.textContent = t('figures.loaded', { from: data.from, to: data.to });
      document.body.setAttribute('data-loaded', 'true');
    }).catch(function (e) {
      message.textContent = e.message;
      document.body.setAttribute('data-loaded', 'error');
    });
  }

  function go(search) {
    history.pushState(null, '', location.pathname + '?' + search.toString());
    load();
  }

  Staff.start(function (me) {
    if (me.roles.indexOf('COORDINATOR') < 0 && me.roles.indexOf('PARTNER') < 0) { location.replace('/staff/'); return; }
    document.title = t('figures.title');
    quickPicks();
    document.getElementById('pickers').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var s = new URLSearchParams();
      s.set('from', document.getElementById('from').value);
      s.set('to', document.getElementById('to').value);
      s.set('groupBy', document.getElementById('group-by').value);
      var n = document.getElementById('neighbourhood').value;
      if (n) { s.set('neighbourhood', n); }
      go(s);
    });
    document.getElementById('annual').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var s = new URLSearchParams();
      s.set('view', 'jaarverslag');
      s.set('year', document.getElementById('annual-year').value);
      var n = document.getElementById('neighbourhood').value;
      if (n) { s.set('neighbourhood', n); }
      go(s);
    });
    document.getElementById('print').addEventListener('click', function () { window.print(); });
    window.addEventListener('popstate', load);
    document.addEventListener('hartslag:language', function () {
      if (last) { render(last, params()); }
    });
    Staff.get('/api/v1/categories').then(function (list) {
      list.forEach(function (c) { categories[c.code] = c.label; });
    }).catch(function () { /* codes instead of labels */ }).then(load);
  });
}());
