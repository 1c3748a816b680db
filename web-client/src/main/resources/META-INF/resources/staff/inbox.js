// A volunteer's phone: open offers (accept or decline), their cases, and one case with the
// parties' contact details, the conversations so far and forms for a new conversation and the outcome.
(function () {
  'use strict';
  var el = Staff.el;
  // The step the server recorded (after a conversation with party A: "Gesprek met partij A").
  var STEP = { INTAKE: 'Intake', OFFERED: 'Aangeboden', ASSIGNED: 'Toegewezen', TALK_A: 'Gesprek met partij A',
    TALK_B: 'Gesprek met partij B', JOINT: 'Gezamenlijk gesprek', CLOSED: 'Afgesloten' };
  var KIND = { PARTY_A: 'Gesprek met partij A (melder)', PARTY_B: 'Gesprek met partij B (buren)',
    JOINT: 'Gezamenlijk gesprek', OTHER: 'Ander contact' };
  var OUTCOME = { AGREEMENT: 'Afspraken gemaakt', PARTIAL: 'Deels afspraken', NO_AGREEMENT: 'Geen afspraken',
    REFERRED: 'Doorverwezen', PARTY_DECLINED: 'Een partij wilde niet', NOT_SUITABLE: 'Niet geschikt voor bemiddeling' };
  var ANSWER = { ASSIGNED: 'U bemiddelt in deze zaak, samen met een tweede bemiddelaar.',
    WAITING_FOR_SECOND: 'U bemiddelt in deze zaak. We zoeken nog een tweede bemiddelaar.',
    DECLINED: 'U hebt nee gezegd. We vragen iemand anders.', TAKEN: 'Deze zaak is al vergeven aan twee anderen.',
    EXPIRED: 'Dit aanbod is verlopen.', NOT_OFFERED: 'Dit aanbod is niet (meer) voor u.' };

  function say(text) { document.getElementById('message').textContent = text; }

  function load(after) {
    Promise.all([Staff.get('/api/v1/staff/inbox/offers'), Staff.get('/api/v1/staff/inbox/cases')])
      .then(function (both) { renderOffers(both[0]); renderCases(both[1]); if (after) { say(after); } })
      .catch(function (e) { say(e.message); });
  }

  function renderOffers(offers) {
    var box = document.getElementById('offers');
    box.textContent = '';
    if (!offers.length) { box.appendChild(el('p', {}, 'Er zijn geen nieuwe aanbiedingen.')); }
    offers.forEach(function (o) {
      var item = el('article', { 'class': 'report', 'aria-labelledby': 'o-' + o.number });
      item.appendChild(el('h3', { id: 'o-' + o.number }, 'Zaak ' + o.number + ': ' + o.conflict));
      item.appendChild(el('p', { 'class': 'meta' }, o.street + ' · antwoord vóór ' + Staff.date(o.expiresAt)));
      var yes = el('button', { type: 'button' }, 'Ja, ik neem zaak ' + o.number + ' aan');
      var no = el('button', { type: 'button', 'class': 'secondary' }, 'Nee, nu niet');
      [[yes, 'accept'], [no, 'decline']].forEach(function (pair) {
        pair[0].addEventListener('click', function () {
          yes.disabled = no.disabled = true;
          Staff.send('POST', '/api/v1/staff/inbox/offers/' + o.number + '/' + pair[1])
            .then(function (a) { load('Zaak ' + o.number + ': ' + (ANSWER[a.answer] || a.answer)); })
            .catch(function (e) { yes.disabled = no.disabled = false; say(e.message); });
        });
      });
      var row = el('div', { 'class': 'change' });
      row.appendChild(yes);
      row.appendChild(no);
      item.appendChild(row);
      box.appendChild(item);
    });
  }

  function renderCases(cases) {
    var box = document.getElementById('cases');
    box.textContent = '';
    if (!cases.length) { box.appendChild(el('p', {}, 'U hebt nog geen zaken.')); }
    cases.forEach(function (c) {
      var item = el('article', { 'class': 'report' });
      item.appendChild(el('h3', {}, 'Zaak ' + c.number + ' · ' + (c.street || '')));
      item.appendChild(el('p', { 'class': 'meta' }, (STEP[c.step] || c.step) + (c.outcome ? ' · '
        + (OUTCOME[c.outcome] || c.outcome) : '') + ' · met ' + c.volunteers.join(' en ')));
      var open = el('button', { type: 'button' }, 'Open zaak ' + c.number);
      open.addEventListener('click', function () { showCase(c.id); });
      item.appendChild(open);
      box.appendChild(item);
    });
  }

  function showCase(id, after) {
    Staff.get('/api/v1/staff/inbox/cases/' + id).then(function (m) {
      var section = document.getElementById('case');
      var body = document.getElementById('case-body');
      section.hidden = false;
      body.textContent = '';
      document.getElementById('h-case').textContent = 'Zaak ' + m.summary.number + ': ' + m.conflict;
      body.appendChild(el('p', { 'class': 'meta' }, (STEP[m.summary.step] || m.summary.step)
        + (m.summary.outcome ? ' · ' + (OUTCOME[m.summary.outcome] || m.summary.outcome) : '')));
      body.appendChild(el('h3', {}, 'Partijen'));
      var parties = el('ul');
      m.parties.forEach(function (p) {
        parties.appendChild(el('li', {}, 'Partij ' + p.role + ': ' + [p.name, p.phone, p.email, p.address]
          .filter(function (x) { return x; }).join(' · ')));
      });
      body.appendChild(parties);
      body.appendChild(el('h3', {}, 'Wat de melder schreef'));
      m.whatWasSaid.forEach(function (t) { body.appendChild(el('p', {}, t)); });
      body.appendChild(el('h3', {}, 'Gesprekken'));
      var contacts = el('ul');
      m.contacts.forEach(function (c) {
        contacts.appendChild(el('li', {}, Staff.date(c.occurredAt) + ' · ' + (KIND[c.kind] || c.kind) + ' · '
          + c.volunteer + (c.note ? ': ' + c.note : '')));
      });
      if (!m.contacts.length) { contacts.appendChild(el('li', {}, 'Nog geen gesprekken.')); }
      body.appendChild(contacts);
      if (m.summary.status === 'OPEN') {
        body.appendChild(contactForm(m.summary));
        body.appendChild(outcomeForm(m.summary));
      }
      if (after) { say(after); }
      document.getElementById('h-case').focus();
    }).catch(function (e) { say(e.message); });
  }

  function select(id, label, options) {
    var wrap = el('p');
    wrap.appendChild(el('label', { 'for': id }, label));
    var s = el('select', { id: id });
    Object.keys(options).forEach(function (k) { s.appendChild(el('option', { value: k }, options[k])); });
    wrap.appendChild(s);
    return { wrap: wrap, input: s };
  }

  function textarea(id, label) {
    var wrap = el('p');
    wrap.appendChild(el('label', { 'for': id }, label));
    var t = el('textarea', { id: id, maxlength: '1000', rows: '3' });
    wrap.appendChild(t);
    return { wrap: wrap, input: t };
  }

  function contactForm(c) {
    var form = el('form', { 'class': 'stack', 'aria-labelledby': 'h-contact' });
    form.appendChild(el('h3', { id: 'h-contact' }, 'Gesprek vastleggen'));
    var kind = select('contact-kind', 'Soort gesprek', KIND);
    var note = textarea('contact-note', 'Korte notitie (alleen voor bemiddelaars en coördinator)');
    form.appendChild(kind.wrap);
    form.appendChild(note.wrap);
    form.appendChild(el('button', { type: 'submit' }, 'Gesprek opslaan'));
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      Staff.send('POST', '/api/v1/staff/cases/' + c.id + '/contacts', { kind: kind.input.value, note: note.input.value })
        // The list shows the step too: reload it with the case.
        .then(function () { load(); showCase(c.id, 'Gesprek opgeslagen.'); })
        .catch(function (e) { say(e.message); });
    });
    return form;
  }

  // Closing is final (the resident is texted at once): the form asks "Weet u het zeker?" first and
  // only a second, explicit "Ja" sends it, with confirmed: true.
  function outcomeForm(c) {
    var form = el('form', { 'class': 'stack', 'aria-labelledby': 'h-outcome' });
    form.appendChild(el('h3', { id: 'h-outcome' }, 'Zaak afsluiten'));
    var outcome = select('outcome', 'Uitkomst', OUTCOME);
    var note = textarea('outcome-note', 'Bericht aan de melder (de melder krijgt dit te zien)');
    form.appendChild(outcome.wrap);
    form.appendChild(note.wrap);
    var close = el('button', { type: 'submit' }, 'Zaak afsluiten');
    form.appendChild(close);
    var confirmBox = el('div', { id: 'confirm-close', role: 'group', 'aria-labelledby': 'confirm-question' });
    confirmBox.hidden = true;
    var question = el('p', { id: 'confirm-question' }, '');
    var yes = el('button', { type: 'button' }, 'Ja, zaak afsluiten');
    var no = el('button', { type: 'button', 'class': 'secondary' }, 'Nee, terug');
    confirmBox.appendChild(question);
    confirmBox.appendChild(yes);
    confirmBox.appendChild(no);
    form.appendChild(confirmBox);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      question.textContent = 'Weet u het zeker? Zaak ' + c.number + ' wordt afgesloten met "'
        + OUTCOME[outcome.input.value] + '" en de melder krijgt uw bericht meteen.';
      confirmBox.hidden = false;
      close.disabled = true;
      yes.focus();
    });
    no.addEventListener('click', function () {
      confirmBox.hidden = true;
      close.disabled = false;
      close.focus();
    });
    yes.addEventListener('click', function () {
      yes.disabled = no.disabled = true;
      Staff.send('POST', '/api/v1/staff/cases/' + c.id + '/outcome',
        { outcome: outcome.input.value, note: note.input.value, confirmed: true })
        .then(function () { load(); showCase(c.id, 'Zaak ' + c.number + ' is afgesloten.'); })
        .catch(function (e) {
          yes.disabled = no.disabled = false;
          confirmBox.hidden = true;
          close.disabled = false;
          say(e.message);
        });
    });
    return form;
  }

  document.getElementById('h-case').setAttribute('tabindex', '-1');
  Staff.start(function () { load(); });
}());
