// Meetings of the Casuistiekoverleg: a partner sees the meetings they take part in, each case on
// the agenda with its summary and the agreed actions, and marks done only their own agency's open
// actions (the server says which: mayClose); a coordinator also records new actions, due no earlier
// than the meeting.
(function () {
  'use strict';
  var el = Staff.el;
  var PARTNER = { POLICE: 'Politie', HOUSING: 'Woningcorporatie', WELFARE: 'Welzijn', ENFORCEMENT: 'Handhaving' };
  var coordinator = false;

  function say(text) { document.getElementById('message').textContent = text; }
  function fail(e) { say(e.message); }

  function loadMeetings() {
    return Staff.get('/api/v1/staff/meetings').then(function (meetings) {
      var box = document.getElementById('meetings');
      box.textContent = '';
      var list = el('ul');
      meetings.forEach(function (m) {
        var li = el('li');
        var open = el('button', { type: 'button', 'class': 'secondary' }, m.heldOn + ' · ' + m.title);
        open.addEventListener('click', function () { showAgenda(m.id); });
        li.appendChild(open);
        list.appendChild(li);
      });
      if (!meetings.length) { list.appendChild(el('li', {}, 'U doet nog niet mee aan een overleg.')); }
      box.appendChild(list);
    });
  }

  function showAgenda(id, after) {
    Staff.get('/api/v1/staff/meetings/' + id).then(function (agenda) {
      var section = document.getElementById('agenda');
      section.hidden = false;
      document.getElementById('h-agenda').textContent = agenda.meeting.heldOn + ' · ' + agenda.meeting.title;
      var box = document.getElementById('items');
      box.textContent = '';
      agenda.items.forEach(function (item) {
        var s = item.summary;
        var card = el('article', { 'class': 'report' });
        card.appendChild(el('h3', {}, 'Zaak ' + item.number + ' · ' + (s.address || 'adres onbekend')));
        card.appendChild(el('p', { 'class': 'meta' }, s.reports + ' meldingen van ' + s.households + ' huishoudens'
          + (s.anonymousReports ? ' en ' + s.anonymousReports + ' anoniem' : '') + ' · '
          + s.categories.map(function (c) { return c.key + ' ' + c.count; }).join(', ')));
        var actions = el('ul');
        item.actions.forEach(function (a) {
          var li = el('li', {}, (PARTNER[a.partner] || a.partner) + ': ' + a.description + ' · ' + a.owner + ' · vóór '
            + a.dueOn + (a.doneAt ? ' · klaar' + (a.doneNote ? ': ' + a.doneNote : '') : a.overdue ? ' · te laat' : ''));
          if (a.mayClose) {
            var done = el('button', { type: 'button', id: 'done-' + a.id },
              'Klaar: ' + (PARTNER[a.partner] || a.partner) + ', ' + a.description);
            done.addEventListener('click', function () {
              var note = window.prompt('Wat is er gedaan?') || '';
              Staff.send('POST', '/api/v1/staff/actions/' + a.id + '/done', { note: note })
                .then(function () { showAgenda(id, 'Actie afgerond.'); }).catch(fail);
            });
            li.appendChild(document.createTextNode(' '));
            li.appendChild(done);
          }
          actions.appendChild(li);
        });
        if (!item.actions.length) { actions.appendChild(el('li', {}, 'Nog geen afspraken.')); }
        card.appendChild(actions);
        if (coordinator) { card.appendChild(actionForm(agenda.meeting, item)); }
        box.appendChild(card);
      });
      if (after) { say(after); }
      document.getElementById('h-agenda').focus();
    }).catch(fail);
  }

  function actionForm(meeting, item) {
    var meetingId = meeting.id;
    var form = el('form', { 'class': 'stack', 'aria-label': 'Nieuwe afspraak voor zaak ' + item.number });
    var prefix = 'a-' + item.number + '-';
    var partner = el('select', { id: prefix + 'partner' });
    Object.keys(PARTNER).forEach(function (k) { partner.appendChild(el('option', { value: k }, PARTNER[k])); });
    var fields = [[partner, 'Partner'], [el('input', { id: prefix + 'description', maxlength: '1000' }), 'Afspraak'],
      [el('input', { id: prefix + 'owner', maxlength: '200' }), 'Wie'], [el('input', { id: prefix + 'due', type: 'date', min: meeting.heldOn, 'aria-describedby': prefix + 'due-hint' }),
        'Klaar vóór']];
    fields.forEach(function (f) {
      var p = el('p');
      p.appendChild(el('label', { 'for': f[0].id }, f[1]));
      p.appendChild(f[0]);
      form.appendChild(p);
    });
    // An action is agreed in the meeting: it cannot be due before it (the server refuses that too).
    form.appendChild(el('p', { 'class': 'meta', id: prefix + 'due-hint' }, 'Op of na de datum van het overleg ('
      + meeting.heldOn + ').'));
    form.appendChild(el('button', { type: 'submit' }, 'Afspraak vastleggen'));
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      Staff.send('POST', '/api/v1/staff/meetings/' + meetingId + '/actions', { caseId: item.caseId,
        partner: partner.value, description: fields[1][0].value, owner: fields[2][0].value, dueOn: fields[3][0].value })
        .then(function () { showAgenda(meetingId, 'Afspraak vastgelegd.'); }).catch(fail);
    });
    return form;
  }

  Staff.start(function (me) {
    coordinator = me.roles.indexOf('COORDINATOR') >= 0;
    loadMeetings().then(function () {
      if (location.hash.length > 1) { showAgenda(location.hash.substring(1)); }
    }).catch(fail);
  });
}());
