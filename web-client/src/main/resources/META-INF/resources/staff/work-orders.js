// The Woonomgevingploeg on a phone: open work orders by urgency and age with their status, what
// residents said and their photos (never who they are), and three moves: "Onderweg", "Klaar" (a note
// the residents see, and a photo from the phone's camera) and "Niet voor ons" (a reason for the coordinator; residents are
// not told). Coordinators also see the work orders the team gave back, with the reason, and send
// them to the team again.
(function () {
  'use strict';
  var el = Staff.el;
  var CATEGORY = { dumping: 'Dumpen van afval', litter: 'Zwerfafval', public_lighting: 'Straatverlichting',
    vandalism: 'Vernieling', animal: 'Dieren', drugs: 'Drugsoverlast', youth_nuisance: 'Overlast van jongeren',
    traffic: 'Verkeer', noise: 'Geluidsoverlast', other: 'Iets anders', neighbour_dispute: 'Ruzie met de buren' };
  var STATUS = { OPEN: 'Open', UNDERWAY: 'Onderweg', DONE: 'Klaar', NOT_FOR_US: 'Niet voor ons', CLOSED: 'Gesloten' };
  var coordinator = false;

  function say(text) { document.getElementById('message').textContent = text; }

  function age(hours) {
    return hours < 24 ? hours + ' uur oud' : Math.floor(hours / 24) + (hours < 48 ? ' dag oud' : ' dagen oud');
  }

  function load(after) {
    Staff.get('/api/v1/staff/work-orders').then(function (orders) {
      var box = document.getElementById('orders');
      box.textContent = '';
      say((after ? after + ' ' : '') + (orders.length === 1 ? '1 open werkbon.' : orders.length + ' open werkbonnen.'));
      orders.forEach(function (w) { box.appendChild(order(w)); });
    }).catch(function (e) { say(e.message); });
    if (coordinator) { loadReturned(); }
  }

  function loadReturned() {
    Staff.get('/api/v1/staff/work-orders?status=NOT_FOR_US').then(function (orders) {
      var section = document.getElementById('returned');
      var box = document.getElementById('returned-orders');
      box.textContent = '';
      section.hidden = false;
      if (!orders.length) { box.appendChild(el('p', { 'class': 'meta' }, 'Geen werkbonnen teruggegeven.')); }
      orders.forEach(function (w) { box.appendChild(returned(w)); });
    }).catch(function (e) { say(e.message); });
  }

  function heading(w, level) {
    return el(level, { id: 'w-' + w.number }, 'Werkbon ' + w.number + ': ' + (CATEGORY[w.categoryCode]
      || w.categoryCode));
  }

  function order(w) {
    var item = el('article', { 'class': 'report', 'aria-labelledby': 'w-' + w.number });
    item.appendChild(heading(w, 'h2'));
    item.appendChild(el('p', { 'class': 'meta', id: 'status-' + w.number }, 'Status: ' + (STATUS[w.status] || w.status)));
    var due = Staff.deadline(w.deadline, { open: w.status === 'OPEN' || w.status === 'UNDERWAY' || w.status === 'NOT_FOR_US',
      id: 'due-' + w.number });
    if (due) { item.appendChild(el('p', {}, '')).appendChild(due); }
    item.appendChild(el('p', { 'class': 'meta' }, (w.street || 'plaats onbekend') + ' · ' + age(w.ageHours)
      + ' · ' + w.reports.length + (w.reports.length === 1 ? ' melding' : ' meldingen')
      + (w.policeInformed ? ' · wijkagent ingelicht' : '')));
    var said = el('ul');
    w.reports.forEach(function (r) {
      var li = el('li', {}, (r.houseNumber ? 'nr. ' + r.houseNumber + ': ' : '') + r.description);
      if (r.photos.length) {
        var row = el('span', { 'class': 'photos' });
        r.photos.forEach(function (url, i) {
          row.appendChild(Staff.photoLink(url, 'Foto ' + (i + 1) + ' bij melding ' + r.reference));
        });
        li.appendChild(row);
      }
      said.appendChild(li);
    });
    item.appendChild(said);
    item.appendChild(teamPhotos(w));
    if (w.status === 'OPEN') { item.appendChild(underway(w)); }
    item.appendChild(done(w));
    item.appendChild(notForUs(w));
    return item;
  }

  // The photos the team added with "klaar" (the coordinator sees them on a returned or reopened order).
  function teamPhotos(w) {
    var row = el('p', { 'class': 'photos', id: 'team-photos-' + w.number });
    (w.photos || []).forEach(function (url, i) {
      row.appendChild(Staff.photoLink(url, 'Foto ' + (i + 1) + ' van de WOP bij werkbon ' + w.number));
    });
    row.hidden = !(w.photos || []).length;
    return row;
  }

  function underway(w) {
    var p = el('p');
    var button = el('button', { type: 'button', id: 'underway-' + w.number, 'class': 'secondary' },
      'Werkbon ' + w.number + ': onderweg');
    button.addEventListener('click', function () {
      button.disabled = true;
      Staff.send('POST', '/api/v1/staff/cases/' + w.id + '/underway')
        .then(function () { load('Werkbon ' + w.number + ' staat op onderweg.'); })
        .catch(function (e) { button.disabled = false; say(e.message); });
    });
    p.appendChild(button);
    return p;
  }

  function done(w) {
    var form = el('form', { 'class': 'stack', 'aria-label': 'Werkbon ' + w.number + ' klaar melden' });
    var noteId = 'note-' + w.number;
    var photoId = 'photo-' + w.number;
    var p1 = el('p');
    p1.appendChild(el('label', { 'for': noteId }, 'Wat is er gedaan? (de melders zien dit)'));
    var note = el('textarea', { id: noteId, maxlength: '1000', rows: '2', required: 'required' });
    p1.appendChild(note);
    var p2 = el('p');
    p2.appendChild(el('label', { 'for': photoId }, 'Foto van het resultaat (niet verplicht)'));
    // On a phone this opens the back camera; the server removes the location and other metadata.
    var photo = el('input', { id: photoId, type: 'file', accept: 'image/*', capture: 'environment' });
    p2.appendChild(photo);
    form.appendChild(p1);
    form.appendChild(p2);
    var button = el('button', { type: 'submit', id: 'done-' + w.number }, 'Werkbon ' + w.number + ' is klaar');
    form.appendChild(button);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      button.disabled = true;
      var body = { note: note.value };
      var sent;
      if (photo.files && photo.files.length) {
        var data = new FormData();
        data.append('done', new Blob([JSON.stringify(body)], { type: 'application/json' }));
        data.append('photo', photo.files[0]);
        sent = Staff.sendForm('POST', '/api/v1/staff/cases/' + w.id + '/done', data);
      } else {
        sent = Staff.send('POST', '/api/v1/staff/cases/' + w.id + '/done', body);
      }
      sent.then(function () { load('Werkbon ' + w.number + ' is klaar. De melders krijgen bericht.'); })
        .catch(function (e) { button.disabled = false; say(e.message); });
    });
    return form;
  }

  // "Niet voor ons" behind its own form: the reason is required, the coordinator reads it.
  function notForUs(w) {
    var form = el('form', { 'class': 'stack', 'aria-label': 'Werkbon ' + w.number + ' is niet voor ons' });
    var reasonId = 'reason-' + w.number;
    var p = el('p');
    p.appendChild(el('label', { 'for': reasonId }, 'Niet voor de WOP? Waarom niet (de coördinator leest dit, de melders niet)'));
    var reason = el('textarea', { id: reasonId, maxlength: '500', rows: '2', required: 'required' });
    p.appendChild(reason);
    form.appendChild(p);
    var button = el('button', { type: 'submit', id: 'not-for-us-' + w.number, 'class': 'secondary' },
      'Werkbon ' + w.number + ' is niet voor ons');
    form.appendChild(button);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      button.disabled = true;
      Staff.send('POST', '/api/v1/staff/cases/' + w.id + '/not-for-us', { reason: reason.value })
        .then(function () { load('Werkbon ' + w.number + ' is terug bij de coördinator.'); })
        .catch(function (e) { button.disabled = false; say(e.message); });
    });
    return form;
  }

  function returned(w) {
    var item = el('article', { 'class': 'report', 'aria-labelledby': 'w-' + w.number });
    item.appendChild(heading(w, 'h3'));
    var r = w.returned || {};
    item.appendChild(el('p', { 'class': 'meta' }, (w.street || 'plaats onbekend') + ' · niet voor ons volgens '
      + String(r.by || '').replace(/^staff:/, '') + (r.at ? ' op ' + Staff.date(r.at) : '')));
    item.appendChild(el('p', { id: 'returned-reason-' + w.number }, 'Reden: ' + (r.reason || '')));
    var due = Staff.deadline(w.deadline, { open: true, id: 'due-' + w.number });
    if (due) { item.appendChild(el('p', {}, '')).appendChild(due); }
    var button = el('button', { type: 'button', id: 'back-' + w.number }, 'Werkbon ' + w.number + ' terug naar de WOP');
    button.addEventListener('click', function () {
      button.disabled = true;
      Staff.send('POST', '/api/v1/staff/cases/' + w.id + '/back-to-team', {})
        .then(function () { load('Werkbon ' + w.number + ' staat weer open voor de WOP.'); })
        .catch(function (e) { button.disabled = false; say(e.message); });
    });
    item.appendChild(el('p')).appendChild(button);
    return item;
  }

  Staff.start(function (me) {
    coordinator = me.roles.indexOf('COORDINATOR') >= 0;
    load();
  });
}());
