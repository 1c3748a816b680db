// The outreach worker's page (issue 16), for a phone at the door: one form for a visit (address with the
// gazetteer's suggestions, today's date, topics, follow-up) with an optional report on the resident's behalf
// (POST /api/v1/staff/outreach/reports, then POST …/visits naming its reference), the confirmation with the
// reference (and the status link to hand over), and today's visits. Problems come back per field as
// problem+json in the page's language and are listed above the form.
(function () {
  'use strict';
  var el = Staff.el;
  var t = Staff.t;
  var CATEGORIES = [];   // [{code, label}] in the page's language
  var TOPICS = [];       // topic codes from the server
  var reportKey = null;  // one Idempotency-Key per report until it is stored, so a retry files it once
  var filed = null;      // the report stored for the form as it is now, when the visit still failed

  function $(id) { return document.getElementById(id); }
  function today() {
    var d = new Date();
    return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  }
  function newKey() {
    if (window.crypto && window.crypto.randomUUID) { return 'outreach-' + window.crypto.randomUUID(); }
    return 'outreach-' + Date.now() + '-' + Math.random().toString(36).slice(2);
  }

  // A JSON POST that answers {ok, status, body}, so the page can list a problem's field errors itself.
  function post(url, body, key) {
    var headers = { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': Staff.lang(),
      'X-XSRF-TOKEN': Staff.csrf() };
    if (key) { headers['Idempotency-Key'] = key; }
    return fetch(url, { method: 'POST', headers: headers, body: JSON.stringify(body) }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (b) { return { ok: r.ok, status: r.status, body: b }; });
    });
  }

  function showErrors(problem) {
    var box = $('errors');
    box.textContent = '';
    var errors = (problem && problem.errors) || [];
    box.appendChild(el('p', {}, t('outreach.errors')));
    var list = el('ul');
    if (errors.length === 0) {
      list.appendChild(el('li', {}, (problem && (problem.detail || problem.title)) || t('outreach.loadFailed')));
    }
    errors.forEach(function (e) { list.appendChild(el('li', {}, e.message)); });
    box.appendChild(list);
    box.hidden = false;
    box.focus();
  }

  function clearErrors() {
    $('errors').hidden = true;
    $('errors').textContent = '';
  }

  function topicLabel(code) {
    if (code === 'general' || code === 'contact') { return t('outreach.topic.' + code); }
    var c = CATEGORIES.filter(function (x) { return x.code === code; })[0];
    return c ? c.label : code;
  }

  function renderTopics() {
    var box = $('topic-list');
    var checked = {};
    box.querySelectorAll('input:checked').forEach(function (i) { checked[i.value] = true; });
    box.textContent = '';
    TOPICS.forEach(function (code) {
      var p = el('p', { 'class': 'check' });
      var input = el('input', { type: 'checkbox', id: 'topic-' + code, name: 'topic', value: code });
      input.checked = !!checked[code];
      p.appendChild(input);
      p.appendChild(el('label', { 'for': 'topic-' + code }, topicLabel(code)));
      box.appendChild(p);
    });
  }

  function renderCategories() {
    var select = $('category');
    var chosen = select.value;
    while (select.options.length > 1) { select.remove(1); }
    CATEGORIES.forEach(function (c) { select.appendChild(el('option', { value: c.code }, c.label)); });
    select.value = chosen;
  }

  function load() {
    return Promise.all([Staff.get('/api/v1/categories'), Staff.get('/api/v1/staff/outreach/topics')])
      .then(function (answers) {
        CATEGORIES = (answers[0] || []).map(function (c) { return { code: c.code, label: c.label }; });
        TOPICS = answers[1] || [];
        renderCategories();
        renderTopics();
      })
      .catch(function () { showErrors(null); });
  }

  // The gazetteer's streets and places as the worker types (the resident form's GET /api/v1/places).
  var suggest = Staff.debounce(function () {
    var typed = $('address').value.trim().replace(/\s+\d.*$/, '');
    if (typed.length < 2) { return; }
    Staff.get('/api/v1/places?limit=8&q=' + encodeURIComponent(typed)).then(function (list) {
      var options = $('address-options');
      options.textContent = '';
      (Array.isArray(list) ? list : []).forEach(function (s) {
        var name = s.name || s.street || s.label;
        if (name) { options.appendChild(el('option', { value: name + ' ' })); }
      });
    }).catch(function () { /* a help, never a blocker */ });
  }, 250);

  function via() {
    var v = document.querySelector('input[name="via"]:checked');
    return v ? v.value : 'NONE';
  }

  function toggleContact() {
    var v = via();
    $('phone-part').hidden = !(v === 'SMS' || v === 'PHONE');
    $('email-part').hidden = v !== 'EMAIL';
  }

  function toggleReport() {
    var on = $('with-report').checked;
    $('report-part').hidden = !on;
    $('with-report').setAttribute('aria-expanded', on ? 'true' : 'false');
  }

  function reportBody() {
    var v = via();
    var contact = { via: v };
    if (v === 'SMS' || v === 'PHONE') { contact.phone = $('phone').value; }
    if (v === 'EMAIL') { contact.email = $('email').value; }
    return { address: $('address').value, category: $('category').value, description: $('description').value,
      contact: contact, note: $('note').value, language: Staff.lang(), statusLink: $('status-link').checked };
  }

  function visitBody(reference) {
    var topics = [];
    document.querySelectorAll('input[name="topic"]:checked').forEach(function (i) { topics.push(i.value); });
    var body = { address: $('address').value, visitedOn: $('visited-on').value, topics: topics,
      followUp: $('follow-up').checked };
    if (reference) { body.report = reference; }
    return body;
  }

  function confirm(report, visit) {
    var box = $('done');
    box.textContent = '';
    box.appendChild(el('p', {}, t(report ? 'outreach.savedReport' : 'outreach.saved')));
    if (report) {
      var p = el('p', {}, t('outreach.reference') + ' ');
      p.appendChild(el('span', { 'class': 'reference', id: 'reference' }, report.reference));
      box.appendChild(p);
      if (report.statusUrl) {
        box.appendChild(el('p', {}, t('outreach.giveLink')));
        var link = el('p');
        link.appendChild(el('a', { href: report.statusUrl, id: 'status-url' }, report.statusUrl));
        box.appendChild(link);
      }
    }
    box.setAttribute('data-visit', visit.id);
    box.focus();
  }

  function resetForm() {
    var keepDate = $('visited-on').value;
    $('visit-form').reset();
    $('visited-on').value = keepDate;
    reportKey = null;
    filed = null;
    toggleReport();
    toggleContact();
  }

  function submit(e) {
    e.preventDefault();
    clearErrors();
    var button = $('save');
    button.disabled = true;
    button.textContent = t('outreach.saving');
    var withReport = $('with-report').checked;
    var stored = !withReport ? Promise.resolve(null)
      : filed ? Promise.resolve(filed)
      : post('/api/v1/staff/outreach/reports', reportBody(), reportKey || (reportKey = newKey())).then(function (a) {
        if (!a.ok) { showErrors(a.body); return Promise.reject(null); }
        filed = a.body;
        return a.body;
      });
    stored.then(function (report) {
      return post('/api/v1/staff/outreach/visits', visitBody(report && report.reference)).then(function (a) {
        if (!a.ok) {
          showErrors(a.body);
          if (report) {
            $('errors').insertBefore(el('p', {}, t('outreach.reportSavedVisitNot', { reference: report.reference })),
              $('errors').firstChild);
          }
          return;
        }
        resetForm();
        confirm(report, a.body);
        loadToday();
      });
    }).catch(function (problem) { if (problem) { showErrors(null); } })
      .then(function () {
        button.disabled = false;
        button.textContent = t('outreach.save');
      });
  }

  function loadToday() {
    var day = today();
    return Staff.get('/api/v1/staff/outreach/visits?from=' + day + '&to=' + day).then(function (visits) {
      var list = $('today');
      list.textContent = '';
      $('today-empty').hidden = visits.length > 0;
      visits.forEach(function (v) {
        var li = el('li', { id: 'visit-' + v.id });
        li.appendChild(el('strong', {}, (v.street + ' ' + (v.houseNumber || '')).trim()));
        var meta = (v.topics || []).map(topicLabel).join(', ');
        if (v.followUp) { meta += (meta ? ' · ' : '') + t('outreach.followUpNeeded'); }
        if (v.report) { meta += (meta ? ' · ' : '') + v.report; }
        if (meta) { li.appendChild(el('p', { 'class': 'meta' }, meta)); }
        list.appendChild(li);
      });
    }).catch(function () { /* the list is a help; the form works without it */ });
  }

  Staff.start(function () {
    $('visited-on').value = today();
    $('visited-on').setAttribute('max', today());
    $('address').addEventListener('input', suggest);
    $('with-report').addEventListener('change', toggleReport);
    document.querySelectorAll('input[name="via"]').forEach(function (r) { r.addEventListener('change', toggleContact); });
    $('visit-form').addEventListener('submit', submit);
    document.addEventListener('hartslag:language', function () {
      load().then(loadToday);
    });
    load().then(loadToday);
  });
})();
