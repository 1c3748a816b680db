// One problem (cluster): its place, kind, reports per week, households, who works on it, every member report
// with why the engine put it here, and the corrections a coordinator can make behind "Wijzigen": split a
// report out, merge two problems, or record that two problems are not the same. Every correction asks for
// a reason and a confirmation; nothing is preselected.
(function () {
  'use strict';
  var el = Staff.el;
  var t = Staff.t;
  var id = new URLSearchParams(location.search).get('id');
  var detail = null;
  var chart = null;
  var pending = null; // the correction waiting for "Ja"

  function say(text) { document.getElementById('message').textContent = text; }
  function fail(e) { say(e.message); }

  var CHANNEL = { web: 'channel.web', sms: 'channel.sms', phone: 'channel.phone', voice: 'channel.phone',
    outreach: 'channel.outreach' };
  function channel(c) {
    var key = CHANNEL[String(c || '').toLowerCase()];
    return key ? t(key) : c;
  }

  function placeName(c) {
    var p = c.place || {};
    if (p.name && p.street && p.name !== p.street) { return p.name + ' (' + p.street + ')'; }
    return p.name || p.street || c.street || t('place.unknown');
  }

  function statusLabel(status, label) {
    if (label) { return label; }
    var key = 'cluster.status.' + status;
    var text = t(key);
    return text === key ? status : text;
  }

  function instrumentLabel(i) {
    if (!i) { return t('instrument.none'); }
    var label = i.label || t('instrument.' + i.type);
    var number = i.number === undefined || i.number === null ? ''
      : t(i.type === 'WORK_ORDER' ? 'desk.workOrder' : 'desk.case', { n: i.number });
    return label + (number ? ' · ' + number : '') + (i.state ? ' (' + (i.stateLabel || i.state) + ')' : '');
  }

  function load(after) {
    if (!id) { say(t('problem.noId')); return Promise.resolve(); }
    return Staff.get('/api/v1/staff/clusters/' + encodeURIComponent(id)).then(function (d) {
      detail = d;
      render(d);
      if (after) { say(after); }
    }).catch(fail);
  }

  function render(d) {
    var c = d.cluster;
    var title = (c.category ? c.category.label : '') + ' · ' + placeName(c);
    document.getElementById('title').textContent = title;
    document.title = title + ' – Hartslag';
    facts(c);
    lateHere();
    if (d.apart && d.apart.length) {
      var links = el('span');
      d.apart.forEach(function (other, i) {
        if (i) { links.appendChild(document.createTextNode(', ')); }
        links.appendChild(el('a', { href: '/staff/problem.html?id=' + encodeURIComponent(other) }, t('problem.apartLink', { n: i + 1 })));
      });
      fact(document.getElementById('facts'), t('problem.apart'), links);
    }
    weeks(d.weeks || []);
    reports(d.reports || []);
    history(d.corrections || []);
    var select = document.getElementById('split-report');
    keepFirst(select);
    (d.reports || []).forEach(function (r) {
      select.appendChild(el('option', { value: r.reference }, r.reference + ' – ' + short(r.description)));
    });
    // A problem merged away has no reports left to correct.
    document.getElementById('edit').hidden = !!c.mergedInto;
  }

  function short(text) { text = text || ''; return text.length > 60 ? text.slice(0, 57) + '…' : text; }

  function keepFirst(select) { while (select.options.length > 1) { select.remove(1); } }

  function fact(list, label, value) {
    var div = el('div');
    div.appendChild(el('dt', {}, label));
    var dd = el('dd');
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = value; }
    div.appendChild(dd);
    list.appendChild(div);
  }

  // What of this problem is past its deadline (its reports, its work order or mediation), from the
  // coordinator's "te laat" list (docs/norms.md): one fact "Te laat" with a badge per item.
  function lateHere() {
    Staff.get('/api/v1/staff/late').then(function (items) {
      var mine = items.filter(function (i) { return i.clusterId === id; });
      var old = document.getElementById('late-here');
      if (old) { old.parentNode.removeChild(old); }
      if (!mine.length) { return; }
      var box = el('span', { id: 'late-here' });
      mine.forEach(function (i) {
        box.appendChild(el('span', { 'class': 'badge badge-late' }, t('late.item', { kind: i.kindLabel,
          ref: i.reference, what: i.lateLabel, days: i.daysOver })));
        box.appendChild(document.createTextNode(' '));
      });
      fact(document.getElementById('facts'), t('late.h'), box);
    }).catch(function () { /* the problem page works without it */ });
  }

  function facts(c) {
    var list = document.getElementById('facts');
    list.textContent = '';
    fact(list, t('problem.place'), placeName(c));
    fact(list, t('problem.kind'), c.category ? c.category.label : '');
    fact(list, t('problem.status'), statusLabel(c.status, c.statusLabel));
    fact(list, t('problem.reportsCount'), String(c.reports));
    fact(list, t('problem.households'), c.households ? String(c.households)
      + (c.anonymousReports ? ' ' + t('desk.anonymous', { n: c.anonymousReports }) : '')
      : t('desk.householdsNone') + (c.anonymousReports ? ' (' + t('desk.anonymousOnly', { n: c.anonymousReports }) + ')' : ''));
    fact(list, t('problem.first'), Staff.date(c.firstReportAt));
    fact(list, t('problem.last'), Staff.date(c.lastReportAt));
    fact(list, t('problem.instrument'), instrumentLabel(c.instrument));
    if (c.instrument && c.instrument.workOrderId) { teamWork(list, c.instrument); }
    if (c.mergedInto) {
      fact(list, t('problem.mergedInto'), el('a', { href: '/staff/problem.html?id=' + encodeURIComponent(c.mergedInto) },
        t('problem.mergedLink')));
    }
  }

  // What the WOP wrote and photographed when it marked the work order done.
  function teamWork(list, instrument) {
    Staff.get('/api/v1/staff/work-orders/' + encodeURIComponent(instrument.workOrderId)).then(function (w) {
      if (w.closingNote) { fact(list, t('problem.teamNote'), w.closingNote); }
      if (w.photos && w.photos.length) {
        var row = el('span', { 'class': 'photos', id: 'team-photos' });
        w.photos.forEach(function (url, i) {
          row.appendChild(Staff.photoLink(url, t('problem.teamPhoto', { n: i + 1, number: w.number })));
        });
        fact(list, t('problem.teamPhotos'), row);
      }
    }).catch(function () { /* the work order's details are extra: the problem shows without them */ });
  }

  // The chart is for the eye; the table (and the canvas's own label) say the same for a screen reader.
  function weeks(list) {
    var table = document.getElementById('weeks-table');
    table.textContent = '';
    var head = el('tr');
    head.appendChild(el('th', { scope: 'col' }, t('problem.week')));
    head.appendChild(el('th', { scope: 'col' }, t('problem.reportsCount')));
    table.appendChild(head);
    list.forEach(function (w) {
      var tr = el('tr');
      tr.appendChild(el('th', { scope: 'row' }, w.week));
      tr.appendChild(el('td', {}, String(w.reports)));
      table.appendChild(tr);
    });
    var canvas = document.getElementById('weeks-chart');
    canvas.setAttribute('aria-label', t('problem.weeksLabel') + ' ' + list.map(function (w) {
      return w.week + ': ' + w.reports; }).join(', '));
    if (!window.Chart) { canvas.hidden = true; document.getElementById('weeks-details').open = true; return; }
    var data = { labels: list.map(function (w) { return w.week; }),
      datasets: [{ label: t('problem.reportsCount'), data: list.map(function (w) { return w.reports; }),
        backgroundColor: '#7a1f2b' }] };
    if (chart) { chart.destroy(); }
    chart = new Chart(canvas, { type: 'bar', data: data, options: { animation: false, responsive: true,
      maintainAspectRatio: false, plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });
  }

  function reports(list) {
    var box = document.getElementById('reports');
    box.textContent = '';
    list.forEach(function (r) {
      var item = el('article', { 'class': 'report', id: 'report-' + r.reference, 'aria-labelledby': 'h-' + r.reference });
      item.appendChild(el('h3', { id: 'h-' + r.reference }, r.reference));
      var cat = r.category && (r.category.label || r.category.code || r.category);
      item.appendChild(el('p', { 'class': 'meta' }, [r.channelLabel || channel(r.channel), Staff.date(r.receivedAt), cat]
        .filter(function (x) { return x; }).join(' · ')));
      if (r.problemPlace) {
        item.appendChild(el('p', { 'class': 'meta' }, t('problem.where', { place: r.problemPlace })
          + (r.problemPlaceSource ? ' (' + source(r.problemPlaceSource) + ')' : '')));
      }
      item.appendChild(el('blockquote', { 'class': 'said' }, r.description));
      var photos = r.photos || [];
      if (photos.length) {
        var row = el('p', { 'class': 'photos' });
        photos.forEach(function (p, i) {
          var url = typeof p === 'string' ? p : p.url;
          row.appendChild(Staff.photoLink(url, t('problem.photo', { n: i + 1, ref: r.reference })));
        });
        item.appendChild(row);
      }
      var m = r.match;
      if (m && m.reasons && m.reasons.length) {
        item.appendChild(el('p', { 'class': 'why' }, t('problem.why')));
        var ul = el('ul', { 'class': 'reasons' });
        m.reasons.forEach(function (reason) { ul.appendChild(el('li', {}, reason)); });
        item.appendChild(ul);
      } else if (m && m.explanation) {
        item.appendChild(el('p', { 'class': 'why' }, t('problem.why') + ' ' + m.explanation));
      } else {
        item.appendChild(el('p', { 'class': 'meta' }, t('problem.first_report')));
      }
      box.appendChild(item);
    });
  }

  // What the problem place was read from (problem_source), in words; an unknown new source shows its code.
  function source(code) {
    var key = 'source.' + String(code).toLowerCase();
    var text = t(key);
    return text === key ? t('problem.source') + ' ' + code : text;
  }

  var KIND = { split: 'history.split', merge: 'history.merge', apart: 'history.apart', move: 'history.move' };
  function history(list) {
    var box = document.getElementById('history');
    box.textContent = '';
    if (!list.length) { box.appendChild(el('li', {}, t('problem.noHistory'))); return; }
    list.forEach(function (c) {
      var kind = KIND[String(c.kind || '').toLowerCase()];
      box.appendChild(el('li', {}, (kind ? t(kind) : c.kind) + (c.reference ? ' ' + c.reference : '') + ' · '
        + Staff.date(c.at) + ' · ' + String(c.actor || '').replace(/^staff:/, '') + ' · "' + (c.reason || '') + '"'));
    });
  }

  // The other open problems, for merge, "move into" and "not the same".
  function loadOthers() {
    return Staff.get('/api/v1/staff/clusters?page=0&size=200&sort=lastReport&dir=desc').then(function (answer) {
      var items = (Array.isArray(answer) ? answer : answer.items).filter(function (c) {
        return c.id !== id && !c.mergedInto && c.status !== 'closed';
      });
      document.querySelectorAll('select.other-problems').forEach(function (select) {
        keepFirst(select);
        items.forEach(function (c) {
          select.appendChild(el('option', { value: c.id }, (c.category ? c.category.label : '') + ' · ' + placeName(c)
            + ' · ' + (c.reports === 1 ? t('desk.reportsOne') : t('desk.reportsMany', { n: c.reports }))));
        });
      });
    }).catch(fail);
  }

  function optionText(select) { return select.options[select.selectedIndex].textContent; }

  // ---- corrections: form → confirmation → call ----

  function ask(text, yes, action) {
    pending = action;
    var box = document.getElementById('confirm');
    document.getElementById('confirm-text').textContent = text;
    document.getElementById('confirm-yes').textContent = yes;
    box.hidden = false;
    box.focus();
  }

  function closeConfirm() {
    pending = null;
    document.getElementById('confirm').hidden = true;
  }

  document.getElementById('edit').addEventListener('click', function () {
    var panel = document.getElementById('edit-panel');
    var open = panel.hidden;
    panel.hidden = !open;
    this.setAttribute('aria-expanded', String(open));
    if (open) { loadOthers(); } else { closeConfirm(); }
  });

  document.querySelectorAll('input[name=split-to]').forEach(function (radio) {
    radio.addEventListener('change', function () {
      var other = document.getElementById('split-other').checked;
      document.getElementById('split-into-row').hidden = !other;
      document.getElementById('split-into').required = other;
    });
  });

  document.getElementById('split-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var select = document.getElementById('split-report');
    var reference = select.value;
    var other = document.getElementById('split-other').checked;
    var into = other ? document.getElementById('split-into') : null;
    var body = { reference: reference, reason: document.getElementById('split-reason').value.trim() };
    if (into) { body.into = into.value; }
    var text = other ? t('split.confirmInto', { ref: reference, other: optionText(into) })
      : t('split.confirmNew', { ref: reference });
    ask(text, t('split.yes'), function () {
      return Staff.send('POST', '/api/v1/staff/clusters/' + encodeURIComponent(id) + '/split', body).then(function (r) {
        ev.target.reset();
        document.getElementById('split-into-row').hidden = true;
        var target = r && r.toCluster;
        return load(t('split.done', { ref: reference })).then(function () {
          if (target) { link(target, t('split.goTo')); }
        });
      });
    });
  });

  document.getElementById('merge-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var into = document.getElementById('merge-into');
    var body = { into: into.value, reason: document.getElementById('merge-reason').value.trim() };
    ask(t('merge.confirm', { other: optionText(into) }), t('merge.yes'), function () {
      return Staff.send('POST', '/api/v1/staff/clusters/' + encodeURIComponent(id) + '/merge', body).then(function () {
        ev.target.reset();
        return load(t('merge.done')).then(function () { link(body.into, t('merge.goTo')); });
      });
    });
  });

  document.getElementById('apart-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var other = document.getElementById('apart-other');
    var body = { other: other.value, reason: document.getElementById('apart-reason').value.trim() };
    ask(t('apart.confirm', { other: optionText(other) }), t('apart.yes'), function () {
      return Staff.send('POST', '/api/v1/staff/clusters/' + encodeURIComponent(id) + '/apart', body).then(function () {
        ev.target.reset();
        return load(t('apart.done'));
      });
    });
  });

  // After a correction: a link to where the report or problem went, next to the message.
  function link(cluster, text) {
    var msg = document.getElementById('message');
    msg.appendChild(document.createTextNode(' '));
    msg.appendChild(el('a', { href: '/staff/problem.html?id=' + encodeURIComponent(cluster), id: 'went-to' }, text));
  }

  document.getElementById('confirm-yes').addEventListener('click', function () {
    var action = pending;
    closeConfirm();
    if (action) {
      action().then(function () { document.getElementById('message').focus(); }).catch(fail);
    }
  });
  document.getElementById('confirm-no').addEventListener('click', function () {
    closeConfirm();
    say(t('staff.cancelled'));
  });
  document.addEventListener('hartslag:language', function () { if (detail) { render(detail); } });

  Staff.start(function () {
    load().then(function () {
      // Someone else's correction or a new report shows up here too.
      var reload = Staff.debounce(function () { if (!pending) { load(); } }, 500);
      Staff.stream('/api/v1/staff/clusters/stream', 'cluster', function (e) {
        if (e.clusterId === id) { reload(); }
      }, function () { /* the page works without the stream */ });
    });
  });
}());
