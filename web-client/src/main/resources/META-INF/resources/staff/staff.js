// Coordinators' report list: reads /api/v1/staff/reports on the login session, changes status
// with the CSRF token from the XSRF-TOKEN cookie (Spring Security's cookie repository).
(function () {
  'use strict';
  var STATUS = { RECEIVED: 'Ontvangen', IN_PROGRESS: 'In behandeling', RESOLVED: 'Opgelost', CLOSED: 'Afgesloten' };
  var NEXT = { RECEIVED: ['IN_PROGRESS', 'RESOLVED', 'CLOSED'], IN_PROGRESS: ['RESOLVED', 'CLOSED'],
    RESOLVED: ['IN_PROGRESS', 'CLOSED'], CLOSED: [] };

  // The staff pages' shared helpers (common.js).
  var csrf = Staff.csrf;
  var el = Staff.el;
  function say(text) { document.getElementById('message').textContent = text; }

  // `after` is said after the count, so a confirmation is not wiped out by the reload it triggers.
  function load(after) {
    var status = document.getElementById('filter').value;
    fetch('/api/v1/staff/reports' + (status ? '?status=' + status : ''), { headers: { Accept: 'application/json' } })
      .then(function (r) {
        if (r.status === 403) { throw new Error('Uw account mag de meldingen niet zien.'); }
        if (!r.ok) { throw new Error('De meldingen konden niet worden geladen.'); }
        return r.json();
      })
      // The queue is paged now ({items, page, size, total}); this page shows the first page.
      .then(function (page) { render(page.items, after); })
      .catch(function (e) { say(e.message); });
  }

  function render(reports, after) {
    var list = document.getElementById('reports');
    list.textContent = '';
    say((after ? after + ' ' : '') + reports.length + ' meldingen');
    reports.forEach(function (r) {
      var item = el('section', { 'class': 'report', 'aria-labelledby': 'h-' + r.reference });
      item.appendChild(el('h2', { id: 'h-' + r.reference }, r.reference + ' – ' + (STATUS[r.status] || r.status)));
      if (r.category === 'domestic') {
        // Worries about a household are the coordinator's alone: make them stand out in the queue.
        item.className = 'report flagged';
        item.appendChild(el('p', { 'class': 'flag' }, 'Zorgmelding: alleen voor de coördinator. De melder kreeg het nummer van Veilig Thuis.'));
      }
      // A text or call that never said where: stored at the area's middle, so say so instead of a street.
      var place = r.placeKnown === false ? 'plaats onbekend' : (r.street || '') + ' ' + (r.houseNumber || '');
      item.appendChild(el('p', { 'class': 'meta' }, (CATEGORY[r.category] || r.category) + ' · ' + place
        + ' · ' + new Date(r.receivedAt).toLocaleString('nl-NL') + ' · ' + r.channel));
      item.appendChild(el('p', {}, r.description));
      var next = NEXT[r.status] || [];
      if (next.length) {
        var form = el('form', { 'class': 'change' });
        var select = el('select', { 'aria-label': 'Nieuwe status voor ' + r.reference });
        next.forEach(function (s) { select.appendChild(el('option', { value: s }, STATUS[s])); });
        var note = el('textarea', { 'aria-label': 'Bericht aan de melder (openbaar)', maxlength: '1000',
          placeholder: 'Bericht aan de melder (optioneel)' });
        form.appendChild(select);
        form.appendChild(note);
        form.appendChild(el('button', { type: 'submit' }, 'Status wijzigen'));
        form.addEventListener('submit', function (ev) {
          ev.preventDefault();
          fetch('/api/v1/staff/reports/' + r.reference + '/status', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrf() },
            body: JSON.stringify({ status: select.value, publicNote: note.value })
          }).then(function (resp) {
            if (!resp.ok) { return resp.json().then(function (p) { throw new Error(p.detail || p.title); }); }
            say(r.reference + ': status gewijzigd.');
            load(r.reference + ': status gewijzigd.');
          }).catch(function (e) { say(e.message); });
        });
        item.appendChild(form);
        item.appendChild(routeForm(r));
        item.appendChild(categoryForm(r));
      }
      list.appendChild(item);
    });
  }

  // Texts and calls get a guessed category: the coordinator corrects it (recorded with who).
  var CATEGORY = {};
  function categoryForm(r) {
    var form = el('form', { 'class': 'change' });
    var select = el('select', { 'aria-label': 'Soort melding voor ' + r.reference });
    Object.keys(CATEGORY).forEach(function (code) {
      var option = el('option', { value: code }, CATEGORY[code]);
      if (code === r.category) { option.selected = true; }
      select.appendChild(option);
    });
    form.appendChild(select);
    // A report that was ever a worry about a household changes category only with a written reason.
    var reason = el('input', { type: 'text', maxlength: '500', 'aria-label': 'Reden voor ' + r.reference,
      placeholder: 'Reden (verplicht bij een zorgmelding)' });
    form.appendChild(reason);
    form.appendChild(el('button', { type: 'submit' }, 'Soort aanpassen'));
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      Staff.send('POST', '/api/v1/staff/reports/' + r.reference + '/category',
        { category: select.value, reason: reason.value })
        .then(function () { load(r.reference + ': soort aangepast naar ' + CATEGORY[select.value] + '.'); })
        .catch(function (e) { say(e.message); });
    });
    return form;
  }

  // The intake queue: send a report to an instrument by hand, with a reason (recorded with who).
  var INSTRUMENT = { MEDIATION: 'Buurtbemiddeling', WORK_ORDER: 'Woonomgevingploeg (werkbon)',
    COORDINATOR: 'Alleen coördinator', TRIAGE: 'Later beslissen' };
  function routeForm(r) {
    var form = el('form', { 'class': 'change' });
    var select = el('select', { 'aria-label': 'Doorsturen: ' + r.reference });
    Object.keys(INSTRUMENT).forEach(function (k) { select.appendChild(el('option', { value: k }, INSTRUMENT[k])); });
    var reason = el('input', { 'aria-label': 'Waarom doorsturen (' + r.reference + ')', maxlength: '500',
      placeholder: 'Waarom?' });
    form.appendChild(select);
    form.appendChild(reason);
    form.appendChild(el('button', { type: 'submit' }, 'Doorsturen'));
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      Staff.send('POST', '/api/v1/staff/routing/reports/' + r.reference,
        { instrument: select.value, reason: reason.value })
        .then(function () { load(r.reference + ': doorgestuurd naar ' + INSTRUMENT[select.value] + '.'); })
        .catch(function (e) { say(e.message); });
    });
    return form;
  }

  // Notifications that did not arrive: what went wrong, and a button to send again.
  var TEMPLATE = { REPORT_RECEIVED: 'Bevestiging van de melding', SUPPORT_ACKNOWLEDGED: 'Bevestiging "ik ook"',
    STATUS_IN_PROGRESS: 'Melding in behandeling', STATUS_RESOLVED: 'Melding opgelost', STATUS_CLOSED: 'Melding afgesloten',
    CASE_OFFER: 'Aanbod bemiddeling', WORK_ORDER: 'Werkbon' };
  var TROUBLE = { FAILED: 'Mislukt', DEAD: 'Opgegeven na alle pogingen', UNDELIVERED: 'Niet afgeleverd' };

  function notice(text) { document.getElementById('trouble-message').textContent = text; }

  function loadNotifications(after) {
    fetch('/api/v1/staff/notifications', { headers: { Accept: 'application/json' } })
      .then(function (r) {
        if (!r.ok) { throw new Error('De berichten konden niet worden geladen.'); }
        return r.json();
      })
      .then(function (list) { renderNotifications(list, after); })
      .catch(function (e) { notice(e.message); });
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
        + (n.attempts === 1 ? ' poging' : ' pogingen') + ' · ' + new Date(n.updatedAt).toLocaleString('nl-NL')));
      if (n.lastError || n.errorCode) {
        item.appendChild(el('p', {}, 'Reden: ' + (n.lastError || ('foutcode ' + n.errorCode))));
      }
      var button = el('button', { type: 'button' }, 'Opnieuw versturen');
      button.addEventListener('click', function () {
        button.disabled = true;
        fetch('/api/v1/staff/notifications/' + n.id + '/retry', {
          method: 'POST', headers: { 'X-XSRF-TOKEN': csrf(), Accept: 'application/json' }
        }).then(function (resp) {
          if (!resp.ok) { return resp.json().then(function (p) { throw new Error(p.detail || p.title); }); }
          loadNotifications((n.reference || 'Het bericht') + ' wordt opnieuw verstuurd.');
        }).catch(function (e) { button.disabled = false; notice(e.message); });
      });
      item.appendChild(button);
      box.appendChild(item);
    });
  }

  // Only coordinators work here; the others go to their own page (the login lands everyone here).
  var HOME = { VOLUNTEER: '/staff/inbox.html', WOP: '/staff/work-orders.html', PARTNER: '/staff/meetings.html' };
  Staff.start(function (me) {
    if (me.roles.indexOf('COORDINATOR') < 0) {
      var home = me.roles.map(function (role) { return HOME[role]; }).filter(function (h) { return h; })[0];
      if (home) { location.replace(home); return; }
    }
    document.getElementById('filter').addEventListener('change', function () { load(); });
    Staff.get('/api/v1/categories').then(function (categories) {
      categories.forEach(function (c) { CATEGORY[c.code] = c.label; });
    }).catch(function () { /* the list still works with codes */ }).then(function () {
      load();
      loadNotifications();
    });
  });
}());
