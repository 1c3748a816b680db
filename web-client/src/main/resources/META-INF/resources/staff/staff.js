// The coordinators' queue: one line per report with a badge for its problem, search, filters, sort and
// server-side paging (GET /api/v1/staff/reports?page=&size=&sort=&dir=&q=&status=&category=). The list follows
// the clusters stream by itself; changes sit behind an explicit "Wijzigen", with nothing preselected that
// would change a report. Changes go with the CSRF token from the XSRF-TOKEN cookie (Spring Security).
(function () {
  'use strict';
  var el = Staff.el;
  var t = Staff.t;
  var SIZE = 25;
  var NEXT = { RECEIVED: ['IN_PROGRESS', 'RESOLVED', 'CLOSED'], IN_PROGRESS: ['RESOLVED', 'CLOSED'],
    RESOLVED: ['IN_PROGRESS', 'CLOSED'], CLOSED: [] };
  var INSTRUMENTS = ['MEDIATION', 'WORK_ORDER', 'COORDINATOR', 'TRIAGE'];
  var CATEGORY = {};
  var page = 0;
  var total = 0;
  var stale = false;     // the stream said something changed while a report was open for changes
  var newReports = 0;

  function say(text) { document.getElementById('message').textContent = text; }
  function value(id) { return document.getElementById(id).value; }

  function statusLabel(r) { return r.statusLabel || t('status.' + r.status); }
  function categoryLabel(r) { return r.categoryLabel || CATEGORY[r.category] || r.category; }
  function channelLabel(r) {
    if (r.channelLabel) { return r.channelLabel; }
    var key = 'channel.' + String(r.channel || '').toLowerCase();
    var text = t(key);
    return text === key ? r.channel : text;
  }

  function query() {
    var params = new URLSearchParams();
    params.set('page', page);
    params.set('size', SIZE);
    params.set('sort', value('sort'));
    params.set('dir', value('dir'));
    [['q', 'q'], ['status', 'filter'], ['category', 'f-category']].forEach(function (p) {
      var v = value(p[1]).trim();
      if (v) { params.set(p[0], v); }
    });
    return params.toString();
  }

  // `after` is said before the count, so a confirmation is not wiped out by the reload it triggers.
  var asked = 0; // only the newest answer is shown when a search and a live refresh cross
  // A confirmation waits for the answer that is shown: a live refresh that overtakes the reload
  // after a change (the change itself wakes the stream) must not swallow "status gewijzigd".
  var confirmation = null;
  function load(after) {
    var mine = ++asked;
    if (after) { confirmation = after; }
    return Staff.get('/api/v1/staff/reports?' + query())
      .then(function (answer) {
        if (mine !== asked) { return; }
        var items = Array.isArray(answer) ? answer : answer.items;
        total = Array.isArray(answer) ? items.length : answer.total;
        stale = false;
        var said = confirmation;
        confirmation = null;
        render(items, said);
      })
      .catch(function (e) { say(e.message); });
  }

  function render(reports, after) {
    var list = document.getElementById('reports');
    list.textContent = '';
    var pages = Math.max(1, Math.ceil(total / SIZE));
    say((after ? after + ' ' : '') + t('queue.count', { n: total, page: page + 1, pages: pages }));
    reports.forEach(function (r) { list.appendChild(row(r)); });
    pager(pages);
    document.getElementById('refresh').hidden = true;
  }

  function place(r) {
    // A text or call that never said where: stored at the area's middle, so say so instead of a street.
    return r.placeKnown === false ? t('place.unknown') : ((r.street || '') + ' ' + (r.houseNumber || '')).trim();
  }

  function row(r) {
    var item = el('li', { 'class': 'row' + (r.category === 'domestic' ? ' flagged' : ''), id: 'r-' + r.reference,
      'aria-labelledby': 'h-' + r.reference });
    var line = el('div', { 'class': 'line' });
    line.appendChild(el('h2', { id: 'h-' + r.reference, 'class': 'ref' }, r.reference));
    line.appendChild(el('span', { 'class': 'tag status-' + r.status }, statusLabel(r)));
    line.appendChild(el('p', { 'class': 'meta' }, categoryLabel(r) + ' · ' + place(r) + ' · ' + Staff.date(r.receivedAt)
      + ' · ' + channelLabel(r)));
    line.appendChild(el('p', { 'class': 'desc' }, r.description));
    if (r.cluster && r.cluster.id) {
      line.appendChild(el('a', { 'class': 'badge', href: '/staff/problem.html?id=' + encodeURIComponent(r.cluster.id) },
        r.cluster.reports > 1 ? t('queue.problemMany', { n: r.cluster.reports }) : t('queue.problemOne')));
    } else {
      line.appendChild(el('span', { 'class': 'badge badge-waiting' }, t('queue.noProblem')));
    }
    // After the problem's badge (the first badge of a row links to its problem).
    var due = Staff.deadline(r.deadline, { open: r.status === 'RECEIVED' || r.status === 'IN_PROGRESS',
      waiting: r.status === 'RECEIVED', report: true, id: 'due-' + r.reference });
    if (due) { line.appendChild(due); }
    var panelId = 'edit-' + r.reference;
    // A disclosure button: "Wijzigen" with aria-expanded; the row's reference describes which report.
    var edit = el('button', { type: 'button', 'class': 'secondary edit-toggle', 'aria-expanded': 'false',
      'aria-controls': panelId, 'aria-describedby': 'h-' + r.reference }, t('staff.edit'));
    line.appendChild(edit);
    item.appendChild(line);

    var panel = el('div', { id: panelId, 'class': 'edit', hidden: '' });
    var details = false;
    edit.addEventListener('click', function () {
      var open = panel.hidden;
      panel.hidden = !open;
      edit.setAttribute('aria-expanded', String(open));
      if (open && !details) {
        // The list leaves out who reported (and the photos); the report itself has them.
        details = true;
        Staff.get('/api/v1/staff/reports/' + encodeURIComponent(r.reference)).then(function (full) {
          var shown = contact(full);
          panel.replaceChild(shown, who);
          if (full.photos && full.photos.length) { panel.insertBefore(photos(full), shown.nextSibling); }
          if (full.feedback) { panel.insertBefore(feedbackLine(full.feedback), shown.nextSibling); }
          // Issue 16: the outreach worker's own note on a report filed at the door (coordinators only).
          (full.coordinatorNotes || []).forEach(function (n) {
            var note = el('p', { 'class': 'coordinator-note' });
            note.appendChild(el('strong', {}, t('queue.outreachNote', { worker: n.author })));
            note.appendChild(document.createTextNode(' ' + n.text));
            panel.insertBefore(note, shown.nextSibling);
          });
          if (full.contact && full.contact.phone) { offerNumberFix(full, panel, shown); }
        }).catch(function (e) { who.textContent = e.message; });
      }
      if (!open && stale) { load(); }
    });
    if (r.category === 'domestic') {
      // Worries about a household are the coordinator's alone: make them stand out in the queue.
      item.insertBefore(el('p', { 'class': 'flag' }, t('queue.domestic')), line.nextSibling);
    }
    panel.appendChild(el('p', { 'class': 'full' }, r.description));
    var who = panel.appendChild(r.contact ? contact(r) : el('p', { 'class': 'contact' }, t('queue.loading')));
    if (r.routingLabel) { panel.appendChild(el('p', { 'class': 'meta' }, t('queue.routed', { to: r.routingLabel }))); }
    if ((NEXT[r.status] || []).length) {
      panel.appendChild(statusForm(r));
      panel.appendChild(routeForm(r));
      panel.appendChild(categoryForm(r));
    } else {
      panel.appendChild(el('p', { 'class': 'meta' }, t('queue.closed')));
    }
    item.appendChild(panel);
    return item;
  }

  // Who reported, with a tap-to-call link (coordinators call back from a phone on the road).
  function contact(r) {
    var p = el('p', { 'class': 'contact' });
    var c = r.contact;
    if (!c || (!c.name && !c.phone && !c.email)) {
      p.textContent = t('queue.anonymous');
      return p;
    }
    p.appendChild(document.createTextNode(t('queue.reporter') + ' ' + (c.name ? c.name + ' ' : '')));
    if (c.phone) { p.appendChild(Staff.tel(c.phone, t('queue.call', { phone: c.phone }))); }
    if (c.email) {
      p.appendChild(document.createTextNode(' '));
      p.appendChild(el('a', { href: 'mailto:' + c.email, 'class': 'tel' }, c.email));
    }
    return p;
  }

  // Issue 14: the reporter's answer to "Bent u tevreden?" (a "nee" heads the list below the queue).
  function feedbackLine(f) {
    var p = el('p', { 'class': f.satisfied ? 'meta feedback-line' : 'flag feedback-line' },
      t(f.satisfied ? 'feedback.satisfied' : 'feedback.dissatisfied', { via: t('feedback.via.' + f.channel) }));
    if (f.reason) { p.appendChild(document.createTextNode(' “' + f.reason + '”')); }
    return p;
  }

  function loadUnhappy() {
    var box = document.getElementById('unhappy-list');
    if (!box) { return; }
    Staff.get('/api/v1/staff/reports/feedback?satisfied=false&limit=20').then(function (list) {
      box.innerHTML = '';
      if (!list.length) { box.appendChild(el('li', { 'class': 'meta' }, t('feedback.none'))); }
      list.forEach(function (a) {
        var item = el('li');
        item.appendChild(el('strong', null, a.reference));
        item.appendChild(document.createTextNode(' (' + (CATEGORY[a.category] || a.category) + ') '));
        item.appendChild(feedbackLine(a.feedback));
        box.appendChild(item);
      });
    }).catch(function (e) { box.textContent = e.message; });
  }

  function photos(r) {
    var row = el('p', { 'class': 'photos' });
    r.photos.forEach(function (p, i) {
      row.appendChild(Staff.photoLink(p.url, t('problem.photo', { n: i + 1, ref: r.reference })));
    });
    return row;
  }

  function field(form, id, label, control) {
    var p = el('p');
    p.appendChild(el('label', { 'for': id }, label));
    control.id = id;
    p.appendChild(control);
    form.appendChild(p);
    return control;
  }

  function choose(select) { select.appendChild(el('option', { value: '' }, t('staff.choose'))); return select; }

  function statusForm(r) {
    var form = el('form', { 'class': 'change' });
    var select = choose(el('select', { required: '' }));
    NEXT[r.status].forEach(function (s) { select.appendChild(el('option', { value: s }, t('status.' + s))); });
    field(form, 'st-' + r.reference, t('queue.newStatus'), select);
    var note = field(form, 'note-' + r.reference, t('queue.note'), el('textarea', { maxlength: '1000' }));
    form.appendChild(el('button', { type: 'submit' }, t('queue.statusGo')));
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      Staff.send('POST', '/api/v1/staff/reports/' + r.reference + '/status', { status: select.value, publicNote: note.value })
        .then(function () { load(t('queue.statusDone', { ref: r.reference })); })
        .catch(function (e) { say(e.message); });
    });
    return form;
  }

  // Texts and calls get a guessed category: the coordinator corrects it (recorded with who).
  function categoryForm(r) {
    var form = el('form', { 'class': 'change' });
    var select = el('select');
    Object.keys(CATEGORY).forEach(function (code) {
      var option = el('option', { value: code }, CATEGORY[code]);
      if (code === r.category) { option.selected = true; }
      select.appendChild(option);
    });
    field(form, 'cat-' + r.reference, t('queue.categoryLabel'), select);
    // A report that was ever a worry about a household changes category only with a written reason.
    var reason = field(form, 'catr-' + r.reference, t('queue.categoryReason'), el('input', { type: 'text', maxlength: '500' }));
    form.appendChild(el('button', { type: 'submit' }, t('queue.categoryGo')));
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (select.value === r.category) { say(t('queue.categorySame')); return; }
      Staff.send('POST', '/api/v1/staff/reports/' + r.reference + '/category', { category: select.value, reason: reason.value })
        .then(function () { load(t('queue.categoryDone', { ref: r.reference, label: CATEGORY[select.value] })); })
        .catch(function (e) { say(e.message); });
    });
    return form;
  }

  // Send a report to an instrument by hand, with a reason (recorded with who).
  function routeForm(r) {
    var form = el('form', { 'class': 'change' });
    var select = choose(el('select', { required: '' }));
    INSTRUMENTS.forEach(function (k) { select.appendChild(el('option', { value: k }, t('route.' + k))); });
    field(form, 'rt-' + r.reference, t('queue.route'), select);
    var reason = field(form, 'rtr-' + r.reference, t('staff.reason'), el('input', { type: 'text', maxlength: '500', required: '' }));
    form.appendChild(el('button', { type: 'submit' }, t('queue.routeGo')));
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      Staff.send('POST', '/api/v1/staff/routing/reports/' + r.reference, { instrument: select.value, reason: reason.value })
        .then(function () { load(t('queue.routeDone', { ref: r.reference, to: t('route.' + select.value) })); })
        .catch(function (e) { say(e.message); });
    });
    return form;
  }

  function pager(pages) {
    Staff.pager(page, pages, function (to) { page = to; load(); });
  }

  // ---- live: the clusters stream says when a report came in or a problem changed ----

  function editing() { return !!document.querySelector('#reports .edit:not([hidden])'); }

  var reload = Staff.debounce(function () {
    // Never pull the list from under a coordinator who is filling in a change.
    if (editing()) {
      stale = true;
      document.getElementById('refresh').hidden = false;
    } else {
      load();
    }
  }, 400);

  var newReportsIn = Staff.newReports();
  function onCluster(e) {
    var added = newReportsIn(e);
    if (added) {
      newReports = Math.max(0, newReports + added);
      var box = document.getElementById('new-count');
      box.textContent = newReports === 0 ? '' : newReports === 1 ? t('desk.newOne') : t('desk.newMany', { n: newReports });
      box.classList.toggle('active', newReports > 0);
    }
    reload();
  }

  var lastState = 'connecting';
  function liveState(state) {
    lastState = state;
    document.getElementById('live-state').textContent = t('live.' + state);
  }

  // ---- notifications that did not arrive: what went wrong, and "send again" where that can help ----

  var TEMPLATE = { REPORT_RECEIVED: 'Bevestiging van de melding', SUPPORT_ACKNOWLEDGED: 'Bevestiging "ik ook"',
    STATUS_IN_PROGRESS: 'Melding in behandeling', STATUS_RESOLVED: 'Melding opgelost', STATUS_CLOSED: 'Melding afgesloten',
    CASE_OFFER: 'Aanbod bemiddeling', WORK_ORDER: 'Werkbon' };
  var TROUBLE = { FAILED: 'Mislukt', DEAD: 'Opgegeven na alle pogingen', UNDELIVERED: 'Niet afgeleverd' };
  // Twilio errors that sending again cannot fix: an invalid number, a number that is no mobile, a resident
  // who sent STOP.
  var FINAL = { 21211: 'trouble.invalid', 21614: 'trouble.invalid', 21610: 'trouble.optedOut' };

  function notice(text) { document.getElementById('trouble-message').textContent = text; }

  function loadNotifications(after) {
    Staff.get('/api/v1/staff/notifications')
      .then(function (list) { renderNotifications(list, after); })
      .catch(function (e) { notice(e.message); });
  }

  // In the report's view too: a text to this reporter failed because the number is wrong.
  function offerNumberFix(r, panel, after) {
    Staff.get('/api/v1/staff/notifications?reference=' + encodeURIComponent(r.reference)).then(function (list) {
      var wrong = list.filter(function (n) { return n.channel === 'SMS' && FINAL[n.errorCode] === 'trouble.invalid'; });
      if (!wrong.length) { return; }
      var box = el('div', { 'class': 'number-fix' });
      box.appendChild(el('p', { 'class': 'meta' }, t('trouble.invalid')));
      box.appendChild(fixNumber(wrong[0], 'report-'));
      panel.insertBefore(box, after.nextSibling);
    }).catch(function () { /* the trouble list below still offers the correction */ });
  }

  function fixNumber(n, prefix) {
    var id = 'fix-' + (prefix || '') + n.id;
    var form = el('form', { 'class': 'stack' });
    var p = el('p');
    p.appendChild(el('label', { 'for': id }, t('trouble.fixLabel')));
    var input = el('input', { id: id, type: 'tel', inputmode: 'tel', autocomplete: 'off', required: 'required',
      maxlength: '30' });
    p.appendChild(input);
    form.appendChild(p);
    var button = el('button', { type: 'submit' }, t('trouble.fix'));
    form.appendChild(button);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      button.disabled = true;
      Staff.send('PUT', '/api/v1/staff/reports/' + encodeURIComponent(n.reference) + '/contact', { phone: input.value })
        .then(function (r) { loadNotifications(t('trouble.fixed', { reference: r.reference, n: r.resent })); })
        .catch(function (e) { button.disabled = false; notice(e.message); input.focus(); });
    });
    return form;
  }

  function renderNotifications(list, after) {
    var box = document.getElementById('notifications');
    box.textContent = '';
    notice((after ? after + ' ' : '') + (list.length === 0 ? 'Alle berichten zijn aangekomen.'
      : list.length + (list.length === 1 ? ' bericht kwam' : ' berichten kwamen') + ' niet aan.'));
    list.forEach(function (n) {
      var item = el('article', { 'class': 'notification', 'aria-labelledby': 'n-' + n.id });
      item.appendChild(el('h3', { id: 'n-' + n.id }, (n.reference || 'Zonder melding') + ' – '
        + (TEMPLATE[n.template] || n.template)));
      item.appendChild(el('p', { 'class': 'meta' }, (TROUBLE[n.status] || n.status) + ' · '
        + (n.channel === 'SMS' ? 'sms' : 'e-mail') + ' naar ' + n.recipient + ' · ' + n.attempts
        + (n.attempts === 1 ? ' poging' : ' pogingen') + ' · ' + Staff.date(n.updatedAt)));
      if (n.lastError || n.errorCode) {
        item.appendChild(el('p', {}, 'Reden: ' + (n.lastError || ('foutcode ' + n.errorCode))));
      }
      var final = FINAL[n.errorCode];
      if (final) {
        item.appendChild(el('p', { 'class': 'meta' }, t(final)));
        // A wrong number can be corrected instead: the failed text then goes to the new number.
        if (final === 'trouble.invalid' && n.channel === 'SMS' && n.reference) { item.appendChild(fixNumber(n)); }
        box.appendChild(item);
        return;
      }
      var button = el('button', { type: 'button' }, 'Opnieuw versturen');
      button.addEventListener('click', function () {
        button.disabled = true;
        Staff.send('POST', '/api/v1/staff/notifications/' + n.id + '/retry').then(function () {
          loadNotifications((n.reference || 'Het bericht') + ' wordt opnieuw verstuurd.');
        }).catch(function (e) { button.disabled = false; notice(e.message); });
      });
      item.appendChild(button);
      box.appendChild(item);
    });
  }

  // ---- start ----

  document.getElementById('filters').addEventListener('submit', function (ev) {
    ev.preventDefault();
    page = 0;
    load();
  });
  ['filter', 'f-category', 'sort', 'dir'].forEach(function (id) {
    document.getElementById(id).addEventListener('change', function () { page = 0; load(); });
  });
  // The filters fold away on a phone and stand open on a desk.
  if (window.matchMedia && window.matchMedia('(min-width: 64rem)').matches) {
    document.getElementById('more-filters').open = true;
  }
  document.getElementById('refresh').addEventListener('click', function () {
    newReports = 0;
    document.getElementById('new-count').textContent = '';
    document.getElementById('new-count').classList.remove('active');
    load().then(function () { document.getElementById('reports').focus(); });
  });
  document.addEventListener('hartslag:language', function () { liveState(lastState); load(); });

  // Only coordinators work here; the others go to their own page.
  var HOME = { VOLUNTEER: '/staff/inbox.html', WOP: '/staff/work-orders.html', PARTNER: '/staff/meetings.html',
    OUTREACH: '/staff/outreach.html' };
  Staff.start(function (me) {
    if (me.roles.indexOf('COORDINATOR') < 0) {
      var home = me.roles.map(function (role) { return HOME[role]; }).filter(function (h) { return h; })[0];
      if (home) { location.replace(home); return; }
    }
    Staff.get('/api/v1/categories').then(function (categories) {
      var select = document.getElementById('f-category');
      categories.forEach(function (c) {
        CATEGORY[c.code] = c.label;
        select.appendChild(el('option', { value: c.code }, c.label));
      });
    }).catch(function () { /* the list still works with the server's labels */ }).then(function () {
      // The "te laat" page links a report here by its reference.
      var asked = new URLSearchParams(location.search).get('q');
      if (asked) { document.getElementById('q').value = asked; }
      load();
      loadNotifications();
      loadUnhappy();
      Staff.stream('/api/v1/staff/clusters/stream', 'cluster', onCluster, liveState, function () { reload(); });
    });
  });
}());
