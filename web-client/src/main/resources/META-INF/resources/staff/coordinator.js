// The coordinator's desk: the mediation board by step (offer to volunteers, record party B),
// escalation proposals and meetings, volunteers and their availability, and the routing rules.
(function () {
  'use strict';
  var el = Staff.el;
  var STEPS = [['INTAKE', 'Intake'], ['OFFERED', 'Aangeboden'], ['ASSIGNED', 'Duo toegewezen'],
    ['TALK_A', 'Gesprek A'], ['TALK_B', 'Gesprek B'], ['JOINT', 'Gezamenlijk gesprek']];
  var INSTRUMENT = { MEDIATION: 'Buurtbemiddeling', WORK_ORDER: 'Woonomgevingploeg (werkbon)',
    COORDINATOR: 'Alleen coördinator', TRIAGE: 'Coördinator beslist per melding' };
  var meetings = [];
  var AGENCY = { POLICE: 'Politie', HOUSING: 'Woningcorporatie', WELFARE: 'Welzijn', ENFORCEMENT: 'Handhaving' };
  var ANSWER = { ACCEPTED: 'zei ja', DECLINED: 'zei nee', EXPIRED: 'niet op tijd geantwoord',
    TAKEN: 'niet meer nodig (duo compleet)', OPEN: 'nog geen antwoord' };

  function say(text) { document.getElementById('message').textContent = text; }
  function fail(e) { say(e.message); }

  function loadBoard() {
    return Staff.get('/api/v1/staff/cases?type=MEDIATION').then(function (cases) {
      var board = document.getElementById('board');
      board.textContent = '';
      STEPS.forEach(function (step) {
        var column = el('div', { 'class': 'column' });
        var inStep = cases.filter(function (c) { return c.step === step[0]; });
        column.appendChild(el('h3', {}, step[1] + ' (' + inStep.length + ')'));
        inStep.forEach(function (c) { column.appendChild(mediationCard(c)); });
        board.appendChild(column);
      });
    });
  }

  function mediationCard(c) {
    var card = el('article', { 'class': 'report' });
    card.appendChild(el('h4', {}, 'Zaak ' + c.number + ' · ' + (c.street || '')));
    card.appendChild(el('p', { 'class': 'meta' }, c.volunteers.length ? 'Bemiddelaars: ' + c.volunteers.join(', ')
      : 'Nog geen bemiddelaars'));
    card.appendChild(offersOf(c));
    if (c.volunteers.length < 2) {
      var offer = el('button', { type: 'button' }, 'Zaak ' + c.number + ' aanbieden');
      offer.addEventListener('click', function () {
        Staff.send('POST', '/api/v1/staff/cases/' + c.id + '/offer').then(function (r) {
          say('Zaak ' + c.number + ' is aangeboden aan ' + r.offered + (r.offered === 1 ? ' vrijwilliger.' : ' vrijwilligers.'));
          return loadBoard();
        }).catch(fail);
      });
      card.appendChild(offer);
    }
    var form = el('form', { 'class': 'stack' });
    form.appendChild(el('p', { 'class': 'meta' }, 'Partij B (de buren): hoe zijn zij te bereiken?'));
    var fields = {};
    [['name', 'Naam'], ['phone', 'Telefoon'], ['address', 'Adres'], ['street', 'Straat']].forEach(function (f) {
      var id = 'b-' + f[0] + '-' + c.number;
      var p = el('p');
      p.appendChild(el('label', { 'for': id }, f[1]));
      fields[f[0]] = el('input', { id: id, maxlength: '200' });
      p.appendChild(fields[f[0]]);
      form.appendChild(p);
    });
    form.appendChild(el('button', { type: 'submit' }, 'Partij B opslaan'));
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      Staff.send('POST', '/api/v1/staff/cases/' + c.id + '/party', { name: fields.name.value, phone: fields.phone.value,
        address: fields.address.value, street: fields.street.value })
        .then(function () { say('Partij B van zaak ' + c.number + ' is opgeslagen.'); }).catch(fail);
    });
    var details = el('details');
    details.appendChild(el('summary', {}, 'Partij B vastleggen'));
    details.appendChild(form);
    card.appendChild(details);
    return card;
  }

  // Who was asked, who answered what and when, and until when an open offer runs.
  function offersOf(c) {
    var offers = c.offers || [];
    if (!offers.length) { return el('p', { 'class': 'meta' }, 'Nog niemand gevraagd.'); }
    var box = el('div');
    box.appendChild(el('p', { 'class': 'meta' }, 'Gevraagd (' + offers.length + '):'));
    var list = el('ul', { 'class': 'offers' });
    offers.forEach(function (o) {
      var text = o.volunteer + ' · gevraagd ' + Staff.date(o.askedAt) + ' · ' + (ANSWER[o.answer] || o.answer);
      if (o.answer === 'OPEN') { text += ', verloopt ' + Staff.date(o.expiresAt); }
      else if (o.answer === 'EXPIRED') { text += ' (verlopen ' + Staff.date(o.expiresAt) + ')'; }
      else if (o.answeredAt) { text += ' op ' + Staff.date(o.answeredAt); }
      list.appendChild(el('li', {}, text));
    });
    box.appendChild(list);
    return box;
  }

  // The meeting form's check boxes: enabled partner accounts (what stays ticked survives a reload).
  function renderPartners(accounts) {
    var box = document.getElementById('meeting-people');
    var ticked = {};
    box.querySelectorAll('input[type="checkbox"]:checked').forEach(function (i) { ticked[i.value] = true; });
    while (box.lastChild && box.lastChild.nodeName !== 'LEGEND') { box.removeChild(box.lastChild); }
    var partners = accounts.filter(function (a) { return a.enabled && a.roles.indexOf('PARTNER') >= 0; });
    if (!partners.length) {
      box.appendChild(el('p', { 'class': 'meta' }, 'Nog geen actieve partneraccounts. Maak ze aan onder Accounts.'));
      return;
    }
    partners.forEach(function (a, i) {
      var id = 'meeting-partner-' + i;
      var p = el('p');
      var box2 = el('input', { type: 'checkbox', id: id, value: a.username, name: 'participants' });
      box2.checked = !!ticked[a.username];
      p.appendChild(box2);
      p.appendChild(el('label', { 'for': id }, a.displayName + (a.agency ? ' (' + (AGENCY[a.agency] || a.agency) + ')' : '')
        + ' · ' + a.username));
      box.appendChild(p);
    });
  }

  function loadEscalations() {
    return Promise.all([Staff.get('/api/v1/staff/escalations'), Staff.get('/api/v1/staff/meetings')])
      .then(function (both) {
        meetings = both[1];
        renderMeetings();
        var box = document.getElementById('escalations');
        box.textContent = '';
        if (!both[0].length) { box.appendChild(el('p', {}, 'Er zijn geen voorstellen.')); }
        both[0].forEach(function (p) {
          var s = p.summary;
          var card = el('article', { 'class': 'report' });
          card.appendChild(el('h3', {}, (s.address || 'Adres onbekend') + ' · ' + p.status));
          card.appendChild(el('p', {}, p.reason));
          card.appendChild(el('p', { 'class': 'meta' }, s.reports + ' meldingen van ' + s.households + ' huishoudens'
            + (s.anonymousReports ? ' en ' + s.anonymousReports + ' anoniem' : '') + ' · '
            + s.categories.map(function (c) { return c.key + ' ' + c.count; }).join(', ')));
          card.appendChild(el('p', { 'class': 'meta' }, 'Per week: ' + s.perWeek.map(function (w) {
            return w.key + ': ' + w.count; }).join(', ')));
          card.appendChild(el('p', { 'class': 'meta' }, 'Gedaan: ' + (s.whatWasDone.length ? s.whatWasDone.map(function (d) {
            return d.type + ' ' + d.number + ' (' + d.status + (d.outcome ? ', ' + d.outcome : '') + ')'; }).join(', ')
            : 'nog niets')));
          if (p.status === 'PROPOSED' && meetings.length) {
            var id = 'agenda-' + p.id;
            var row = el('div', { 'class': 'change' });
            row.appendChild(el('label', { 'for': id }, 'Overleg'));
            var select = el('select', { id: id });
            meetings.forEach(function (m) { select.appendChild(el('option', { value: m.id }, m.heldOn + ' ' + m.title)); });
            row.appendChild(select);
            var add = el('button', { type: 'button' }, 'Op de agenda');
            add.addEventListener('click', function () {
              Staff.send('POST', '/api/v1/staff/meetings/' + select.value + '/agenda', { proposalId: p.id })
                .then(function (item) { say('Zaak ' + item.number + ' staat op de agenda.'); return loadEscalations(); })
                .catch(fail);
            });
            row.appendChild(add);
            card.appendChild(row);
          }
          box.appendChild(card);
        });
      });
  }

  function renderMeetings() {
    var box = document.getElementById('meetings');
    box.textContent = '';
    var list = el('ul');
    meetings.forEach(function (m) {
      var li = el('li');
      li.appendChild(el('a', { href: '/staff/meetings.html#' + m.id }, m.heldOn + ' · ' + m.title));
      li.appendChild(document.createTextNode(m.participants.length ? ' · met ' + m.participants.join(', ') : ''));
      list.appendChild(li);
    });
    if (!meetings.length) { list.appendChild(el('li', {}, 'Nog geen overleggen gepland.')); }
    box.appendChild(list);
  }

  // Staff accounts: a coordinator blocks (and unblocks) an account; its sessions end at once.
  function loadAccounts() {
    return Staff.get('/api/v1/staff/accounts').then(function (accounts) {
      renderPartners(accounts);
      var box = document.getElementById('accounts');
      box.textContent = '';
      var table = el('table');
      var head = el('tr');
      ['Gebruikersnaam', 'Naam', 'Rollen', 'Status', ''].forEach(function (h) { head.appendChild(el('th', { scope: 'col' }, h)); });
      table.appendChild(head);
      accounts.forEach(function (a) {
        var tr = el('tr');
        tr.appendChild(el('td', {}, a.username));
        tr.appendChild(el('td', {}, a.displayName));
        tr.appendChild(el('td', {}, a.roles.join(', ') + (a.agency ? ' (' + a.agency + ')' : '')));
        tr.appendChild(el('td', {}, a.enabled ? 'Actief' : 'Geblokkeerd sinds ' + Staff.date(a.disabledAt)));
        var td = el('td');
        var toggle = el('button', { type: 'button', 'class': 'secondary' }, a.enabled ? 'Blokkeren' : 'Deblokkeren');
        toggle.addEventListener('click', function () {
          Staff.send('POST', '/api/v1/staff/accounts/' + encodeURIComponent(a.username) + (a.enabled ? '/disable' : '/enable'))
            .then(function () { say(a.username + (a.enabled ? ' is geblokkeerd.' : ' is gedeblokkeerd.')); return loadAccounts(); })
            .catch(fail);
        });
        td.appendChild(toggle);
        tr.appendChild(td);
        table.appendChild(tr);
      });
      box.appendChild(table);
    });
  }

  function loadVolunteers() {
    return Staff.get('/api/v1/staff/volunteers').then(function (volunteers) {
      var box = document.getElementById('volunteers');
      box.textContent = '';
      var table = el('table');
      var head = el('tr');
      ['Naam', 'Straat', 'Zaken', 'Beschikbaar', ''].forEach(function (h) { head.appendChild(el('th', { scope: 'col' }, h)); });
      table.appendChild(head);
      volunteers.forEach(function (v) {
        var tr = el('tr');
        tr.appendChild(el('td', {}, v.name));
        tr.appendChild(el('td', {}, v.street || ''));
        tr.appendChild(el('td', {}, v.openCases + ' van ' + v.maxOpenCases));
        tr.appendChild(el('td', {}, !v.active ? 'Nee' : v.awayUntil ? 'Weg tot ' + v.awayUntil : 'Ja'));
        var td = el('td');
        var toggle = el('button', { type: 'button', 'class': 'secondary' }, v.active ? 'Niet beschikbaar' : 'Weer beschikbaar');
        toggle.addEventListener('click', function () {
          Staff.send('PUT', '/api/v1/staff/volunteers/' + v.id + '/availability',
            { active: !v.active, awayUntil: v.awayUntil, maxOpenCases: v.maxOpenCases })
            .then(function () { say(v.name + ' is bijgewerkt.'); return loadVolunteers(); }).catch(fail);
        });
        td.appendChild(toggle);
        tr.appendChild(td);
        table.appendChild(tr);
      });
      box.appendChild(table);
    });
  }

  // Coverage: per channel, what share of the reports the engine read without a kind word, without a
  // place, or with a typed address it could not parse (the last 30 days): the early warning that the
  // vocabulary or the place list misses something.
  var CHANNEL = { web: 'Website', sms: 'Sms', phone: 'Telefoon', outreach: 'Huisbezoek' };
  function pct(share) { return share === null || share === undefined ? '–' : Math.round(share * 100) + '%'; }
  function loadCoverage() {
    return Staff.get('/api/v1/staff/figures/coverage').then(function (figures) {
      var box = document.getElementById('coverage');
      box.textContent = '';
      if (!figures.channels.length) { box.appendChild(el('p', {}, 'Nog geen meldingen in deze periode.')); return; }
      var table = el('table');
      var head = el('tr');
      ['Kanaal', 'Meldingen gelezen', 'Zonder soort-woord', 'Zonder plaats', 'Plaats niet in de tekst',
        'Getypt adres niet herkend'].forEach(function (h) { head.appendChild(el('th', { scope: 'col' }, h)); });
      table.appendChild(head);
      figures.channels.forEach(function (c) {
        var tr = el('tr');
        tr.appendChild(el('th', { scope: 'row' }, CHANNEL[c.channel] || c.channel));
        tr.appendChild(el('td', {}, c.read + ' van ' + c.reports));
        tr.appendChild(el('td', {}, pct(c.noKindWordShare)));
        tr.appendChild(el('td', {}, pct(c.noPlaceShare)));
        tr.appendChild(el('td', {}, pct(c.noPlaceInWordsShare)));
        tr.appendChild(el('td', {}, c.typedAddresses ? pct(c.unparsedAddressShare) + ' van ' + c.typedAddresses : '–'));
        table.appendChild(tr);
      });
      box.appendChild(table);
    });
  }

  function loadRules() {
    return Staff.get('/api/v1/staff/routing/rules').then(function (rules) {
      var box = document.getElementById('rules');
      box.textContent = '';
      rules.forEach(function (r) {
        var form = el('form', { 'class': 'change' });
        var id = 'rule-' + r.category;
        form.appendChild(el('label', { 'for': id }, r.category));
        var select = el('select', { id: id });
        Object.keys(INSTRUMENT).forEach(function (k) {
          var o = el('option', { value: k }, INSTRUMENT[k]);
          if (k === r.instrument) { o.selected = true; }
          select.appendChild(o);
        });
        if (r.category === 'domestic') { select.disabled = true; }
        form.appendChild(select);
        var police = el('input', { type: 'checkbox', id: id + '-police' });
        police.checked = r.informPolice;
        var pl = el('label', { 'for': id + '-police' });
        pl.appendChild(police);
        pl.appendChild(document.createTextNode(' wijkagent inlichten'));
        form.appendChild(pl);
        form.appendChild(el('button', { type: 'submit' }, 'Opslaan'));
        form.addEventListener('submit', function (ev) {
          ev.preventDefault();
          Staff.send('PUT', '/api/v1/staff/routing/rules/' + r.category, { instrument: select.value, informPolice: police.checked })
            .then(function () { say('De regel voor ' + r.category + ' is opgeslagen.'); }).catch(fail);
        });
        box.appendChild(form);
      });
    });
  }

  document.getElementById('check').addEventListener('click', function () {
    Staff.send('POST', '/api/v1/staff/escalations/check').then(function (r) {
      say(r.proposed + ' nieuwe voorstellen.');
      return loadEscalations();
    }).catch(fail);
  });
  document.getElementById('meeting-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var people = Array.prototype.map.call(
      document.querySelectorAll('#meeting-people input[type="checkbox"]:checked'), function (i) { return i.value; });
    Staff.send('POST', '/api/v1/staff/meetings', { heldOn: document.getElementById('meeting-date').value,
      title: document.getElementById('meeting-title').value, participants: people })
      .then(function () { say('Het overleg is gepland.'); return loadEscalations(); }).catch(fail);
  });
  document.getElementById('volunteer-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    Staff.send('POST', '/api/v1/staff/volunteers', { name: document.getElementById('v-name').value,
      phone: document.getElementById('v-phone').value, street: document.getElementById('v-street').value,
      username: document.getElementById('v-username').value, maxOpenCases: Number(document.getElementById('v-max').value) })
      .then(function (v) { say(v.name + ' is toegevoegd.'); ev.target.reset(); return loadVolunteers(); }).catch(fail);
  });
  Staff.start(function () {
    Promise.all([loadBoard(), loadEscalations(), loadVolunteers(), loadAccounts(), loadRules(), loadCoverage()])
      .catch(fail);
  });
}());
