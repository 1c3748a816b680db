// The Woonomgevingploeg on a phone: open work orders by urgency and age, what residents said and
// their photos (never who they are), and a form to mark one done with a note and a photo link.
(function () {
  'use strict';
  var el = Staff.el;
  var CATEGORY = { dumping: 'Dumpen van afval', litter: 'Zwerfafval', public_lighting: 'Straatverlichting',
    vandalism: 'Vernieling', animal: 'Dieren', drugs: 'Drugsoverlast', youth_nuisance: 'Overlast van jongeren',
    traffic: 'Verkeer', noise: 'Geluidsoverlast', other: 'Iets anders', neighbour_dispute: 'Ruzie met de buren' };

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
  }

  function order(w) {
    var item = el('article', { 'class': 'report', 'aria-labelledby': 'w-' + w.number });
    item.appendChild(el('h2', { id: 'w-' + w.number }, 'Werkbon ' + w.number + ': ' + (CATEGORY[w.categoryCode]
      || w.categoryCode)));
    item.appendChild(el('p', { 'class': 'meta' }, (w.street || 'plaats onbekend') + ' · ' + age(w.ageHours)
      + ' · ' + w.reports.length + (w.reports.length === 1 ? ' melding' : ' meldingen')
      + (w.policeInformed ? ' · wijkagent ingelicht' : '')));
    var said = el('ul');
    w.reports.forEach(function (r) {
      var li = el('li', {}, (r.houseNumber ? 'nr. ' + r.houseNumber + ': ' : '') + r.description);
      r.photos.forEach(function (url, i) {
        li.appendChild(document.createTextNode(' '));
        li.appendChild(el('a', { href: url, rel: 'noreferrer' }, 'foto ' + (i + 1)));
      });
      said.appendChild(li);
    });
    item.appendChild(said);
    var form = el('form', { 'class': 'stack' });
    var noteId = 'note-' + w.number;
    var photoId = 'photo-' + w.number;
    var p1 = el('p');
    p1.appendChild(el('label', { 'for': noteId }, 'Wat is er gedaan? (de melders zien dit)'));
    var note = el('textarea', { id: noteId, maxlength: '1000', rows: '2', required: 'required' });
    p1.appendChild(note);
    var p2 = el('p');
    p2.appendChild(el('label', { 'for': photoId }, 'Link naar een foto (niet verplicht)'));
    var photo = el('input', { id: photoId, type: 'url', inputmode: 'url', placeholder: 'https://…' });
    p2.appendChild(photo);
    form.appendChild(p1);
    form.appendChild(p2);
    var button = el('button', { type: 'submit' }, 'Werkbon ' + w.number + ' is klaar');
    form.appendChild(button);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      button.disabled = true;
      Staff.send('POST', '/api/v1/staff/cases/' + w.id + '/done', { note: note.value, photoUrl: photo.value || null })
        .then(function () { load('Werkbon ' + w.number + ' is klaar. De melders krijgen bericht.'); })
        .catch(function (e) { button.disabled = false; say(e.message); });
    });
    item.appendChild(form);
    return item;
  }

  Staff.start(function () { load(); });
}());
