/*
 * Hartslag status page, served for /m/{reference}?t={token}: shows the report's current status
 * and its history (newest first), in the resident's language.
 */
(function () {
  'use strict';

  var I = window.HartslagI18n;
  var t = I.t;
  var TIME_ZONE = 'Europe/Amsterdam';

  function $(id) {
    return document.getElementById(id);
  }

  var state = { reference: null, token: null, data: null, message: null, loading: false,
    feedback: null, service: null, privacy: null, confirming: false };

  function readAddress() {
    var segments = window.location.pathname.split('/').filter(function (s) {
      return s.length > 0;
    });
    var params = new URLSearchParams(window.location.search);
    var reference = null;
    if (segments.length >= 2 && segments[segments.length - 2] === 'm') {
      try {
        reference = decodeURIComponent(segments[segments.length - 1]);
      } catch (e) {
        reference = null;
      }
    }
    if (!reference && params.get('r')) {
      reference = params.get('r');
    }
    state.reference = reference ? reference.trim().toUpperCase() : null;
    state.token = params.get('t');
  }

  function setMessage(key, kind) {
    state.message = key ? { key: key, kind: kind } : null;
    renderMessage();
  }

  function renderMessage() {
    var box = $('status-message');
    var problem = $('status-problem');
    var m = state.message;
    if (m && m.kind === 'bad') {
      // Errors get a visible notice; the live region repeats it for screen readers.
      $('status-problem-text').textContent = t(m.key);
      problem.hidden = false;
      $('status-retry').hidden = !m.retry;
      box.className = 'visually-hidden';
      box.textContent = t(m.key);
      return;
    }
    problem.hidden = true;
    box.textContent = m ? t(m.key) : '';
    box.className = m && m.kind === 'done' ? 'visually-hidden' : 'form-status busy';
  }

  // The API gives days ("2026-12-03"), never a time of day: read them as that calendar day.
  function parseDay(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso));
    return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], 12)) : new Date(iso);
  }

  function formatDate(iso) {
    if (!iso) {
      return '';
    }
    var date = parseDay(iso);
    if (isNaN(date.getTime())) {
      return String(iso);
    }
    var options = { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE };
    try {
      return new Intl.DateTimeFormat(I.locale(), options).format(date);
    } catch (e) {
      delete options.timeZone;
      try {
        return new Intl.DateTimeFormat(I.locale(), options).format(date);
      } catch (e2) {
        return date.toLocaleDateString();
      }
    }
  }

  function time(el, iso) {
    el.textContent = formatDate(iso);
    if (iso) {
      el.setAttribute('datetime', iso);
    } else {
      el.removeAttribute('datetime');
    }
  }

  function placeText(location) {
    if (!location) {
      return t('status.placeUnknown');
    }
    // The server names the place as the resident would ("Bij Speeltuin Jasmijnhof, Jasmijnstraat"),
    // in the page's language; older answers only had the street.
    if (location.label) {
      return location.label;
    }
    if (location.street) {
      return t('status.placeNear', { street: location.street });
    }
    if (typeof location.lat === 'number' && typeof location.lon === 'number') {
      return t('status.placeCoords', { lat: location.lat.toFixed(3), lon: location.lon.toFixed(3) });
    }
    return t('status.placeUnknown');
  }

  function categoryText(category) {
    if (!category) {
      return '';
    }
    if (typeof category === 'string') {
      return category;
    }
    return category.label || category.code || '';
  }

  function render() {
    var d = state.data;
    if (!d) {
      $('status-details').hidden = true;
      return;
    }
    $('status-reference').textContent = d.reference || state.reference || '';
    $('status-current').textContent = d.statusLabel || d.status || '';
    $('status-category').textContent = categoryText(d.category);
    time($('status-received'), d.receivedAt);
    $('status-place').textContent = placeText(d.location);

    var hasDescription = typeof d.description === 'string' && d.description.length > 0;
    $('status-description-block').hidden = !hasDescription;
    $('status-description').textContent = hasDescription ? d.description : '';

    var history = Array.isArray(d.history) ? d.history.slice() : [];
    history = history.map(function (h, i) {
      return { h: h, i: i, time: (h && h.at && parseDay(h.at).getTime()) || 0 };
    }).sort(function (a, b) {
      // Newest first; entries at the same moment keep the later one on top.
      return b.time - a.time || b.i - a.i;
    });
    var list = $('status-history');
    list.innerHTML = '';
    history.forEach(function (entry) {
      var h = entry.h || {};
      var li = document.createElement('li');
      var when = document.createElement('time');
      time(when, h.at);
      li.appendChild(when);
      var label = document.createElement('span');
      label.className = 'event-status';
      label.textContent = h.statusLabel || h.status || '';
      li.appendChild(label);
      if (h.message) {
        var p = document.createElement('p');
        p.textContent = h.message;
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    // "Niet opgelost": only while the report is solved (the server also checks the 14 days).
    $('not-solved-block').hidden = d.status !== 'RESOLVED';
    renderFeedback();
    renderLostLink();
    $('status-history-title').hidden = history.length === 0;
    list.hidden = history.length === 0;
    $('status-details').hidden = false;
  }

  // "Bent u tevreden?": asked once the report is solved or closed; the answer shown once given.
  function renderFeedback() {
    var f = state.feedback;
    var d = state.data;
    var ask = !!(f && f.askable && d);
    $('feedback-block').hidden = !ask;
    $('feedback-closed-lead').hidden = !(ask && d.status === 'CLOSED');
    var answer = f && f.feedback;
    $('feedback-answer').hidden = !answer;
    if (answer) {
      $('feedback-answer-text').textContent = t(answer.satisfied ? 'feedback.answeredYes' : 'feedback.answeredNo');
      $('feedback-answer-reason').hidden = !answer.reason;
      $('feedback-answer-reason').textContent = answer.reason || '';
    }
  }

  // Issue 15: "Uw gegevens": what is held (masked by the server) and erasing it, with a confirm step.
  function privacyUrl() {
    return '/api/v1/reports/' + encodeURIComponent(state.reference) + '/personal-data?token='
      + encodeURIComponent(state.token);
  }

  function renderPrivacy() {
    var p = state.privacy;
    $('privacy-block').hidden = !(p && state.data);
    if (!p) {
      return;
    }
    $('privacy-summary').textContent = p.summary || '';
    var list = $('privacy-held');
    list.innerHTML = '';
    (Array.isArray(p.held) ? p.held : []).forEach(function (item) {
      var row = document.createElement('div');
      var dt = document.createElement('dt');
      dt.textContent = item.label || item.field;
      var dd = document.createElement('dd');
      dd.textContent = item.value || '';
      row.appendChild(dt);
      row.appendChild(dd);
      list.appendChild(row);
    });
    var held = Array.isArray(p.held) && p.held.length > 0;
    list.hidden = !held;
    $('privacy-erase').hidden = !held || state.confirming;
    $('privacy-confirm').hidden = !held || !state.confirming;
  }

  function loadPrivacy() {
    if (!state.data) {
      state.privacy = null;
      renderPrivacy();
      return Promise.resolve();
    }
    return getJson(privacyUrl()).then(function (p) {
      state.privacy = p;
      renderPrivacy();
    });
  }

  function askToErase() {
    state.confirming = true;
    renderPrivacy();
    $('privacy-no').focus();
  }

  function cancelErase() {
    state.confirming = false;
    renderPrivacy();
    $('privacy-erase').focus();
  }

  function erase() {
    var buttons = [$('privacy-yes'), $('privacy-no')];
    buttons.forEach(function (b) { b.disabled = true; });
    fetch(privacyUrl(), {
      method: 'DELETE',
      headers: { 'Accept': 'application/json, application/problem+json', 'Accept-Language': I.language() }
    }).then(function (response) {
      buttons.forEach(function (b) { b.disabled = false; });
      return response.json().catch(function () { return null; }).then(function (body) {
        if (!response.ok) {
          // 409: an open mediation; the server's B1 text says whom to contact.
          if (body && body.detail) {
            $('status-problem-text').textContent = body.detail;
            $('status-problem').hidden = false;
            $('status-retry').hidden = true;
          } else {
            setMessage('privacy.failed', 'bad');
          }
          return;
        }
        state.confirming = false;
        state.after = 'privacy.erased';
        load();
      });
    }).catch(function () {
      buttons.forEach(function (b) { b.disabled = false; });
      setMessage('privacy.failed', 'bad');
    });
  }

  // "Link kwijt?": STATUS by text works from the number that made the report; only when we have an SMS number.
  function renderLostLink() {
    var box = $('lost-link');
    var number = state.service && state.service.smsNumber;
    box.hidden = !number || !state.data;
    box.textContent = number && state.data
      ? t('feedback.lostLink', { reference: state.data.reference || state.reference, number: number }) : '';
  }

  function getJson(url) {
    return fetch(url, { headers: { 'Accept': 'application/json', 'Accept-Language': I.language() } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .catch(function () {
        return null;
      });
  }

  // Asked for every status: an answer stays visible when a "nee" put the report back in progress.
  function loadFeedback() {
    if (!state.data) {
      state.feedback = null;
      renderFeedback();
      return Promise.resolve();
    }
    return getJson(feedbackUrl()).then(function (f) {
      state.feedback = f;
      renderFeedback();
    });
  }

  function feedbackUrl() {
    return '/api/v1/reports/' + encodeURIComponent(state.reference) + '/feedback?token='
      + encodeURIComponent(state.token);
  }

  function answer(satisfied) {
    var buttons = [$('feedback-yes'), $('feedback-no')];
    buttons.forEach(function (b) { b.disabled = true; });
    var reason = $('feedback-reason').value.trim();
    var body = { satisfied: satisfied };
    if (reason) {
      body.reason = reason.slice(0, 500);
    }
    fetch(feedbackUrl(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json, application/problem+json',
        'Accept-Language': I.language() },
      body: JSON.stringify(body)
    }).then(function (response) {
      buttons.forEach(function (b) { b.disabled = false; });
      if (!response.ok && response.status !== 409) {
        setMessage('feedback.failed', 'bad');
        return;
      }
      return response.json().then(function (result) {
        var outcome = response.ok && result ? result.outcome : null;
        state.after = outcome === 'REOPENED' ? 'feedback.reopened'
          : outcome === 'FLAGGED' ? 'feedback.flagged' : 'feedback.thanks';
        load();
      });
    }).catch(function () {
      buttons.forEach(function (b) { b.disabled = false; });
      setMessage('feedback.failed', 'bad');
    });
  }

  function load() {
    if (!state.reference || !state.token) {
      state.data = null;
      render();
      setMessage('status.notFound', 'bad');
      return;
    }
    if (state.loading) {
      return;
    }
    state.loading = true;
    if (!state.data) {
      setMessage('status.loading', 'busy');
    }
    var url = '/api/v1/reports/' + encodeURIComponent(state.reference) + '?token=' + encodeURIComponent(state.token);
    fetch(url, { headers: { 'Accept': 'application/json, application/problem+json', 'Accept-Language': I.language() } })
      .then(function (response) {
        return response.text().then(function (text) {
          var data = null;
          try {
            data = text ? JSON.parse(text) : null;
          } catch (e) {
            data = null;
          }
          return { status: response.status, ok: response.ok, data: data };
        });
      })
      .then(function (result) {
        state.loading = false;
        if (result.ok && result.data) {
          state.data = result.data;
          render();
          loadFeedback();
          loadPrivacy();
          if (state.after) {
            setMessage(state.after, 'info');
            state.after = null;
          } else {
            setMessage('status.loaded', 'done');
          }
        } else if (result.status === 404 || result.status === 400 || result.status === 401 || result.status === 403) {
          // Unknown reference or wrong token: the same answer, so nothing can be guessed.
          state.data = null;
          render();
          setMessage('status.notFound', 'bad');
        } else {
          showFailure();
        }
      })
      .catch(function () {
        state.loading = false;
        showFailure();
      });
  }

  function notSolved() {
    var button = $('not-solved');
    button.disabled = true;
    fetch('/api/v1/reports/' + encodeURIComponent(state.reference) + '/not-solved', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json, application/problem+json',
        'Accept-Language': I.language() },
      body: JSON.stringify({ token: state.token })
    }).then(function (response) {
      button.disabled = false;
      if (!response.ok) {
        setMessage('status.reopenFailed', 'bad');
        return;
      }
      state.after = 'status.reopened';
      load();
    }).catch(function () {
      button.disabled = false;
      setMessage('status.reopenFailed', 'bad');
    });
  }

  function showFailure() {
    if (state.data) {
      return; // keep what we showed; a language switch that fails is not worth an alarm
    }
    state.message = { key: 'status.failed', kind: 'bad', retry: true };
    renderMessage();
  }

  function init() {
    I.init();
    readAddress();
    $('status-retry').addEventListener('click', load);
    $('not-solved').addEventListener('click', notSolved);
    $('privacy-erase').addEventListener('click', askToErase);
    $('privacy-no').addEventListener('click', cancelErase);
    $('privacy-yes').addEventListener('click', erase);
    var chosen = null;
    $('feedback-yes').addEventListener('click', function () { chosen = true; });
    $('feedback-no').addEventListener('click', function () { chosen = false; });
    $('feedback-block').addEventListener('submit', function (ev) {
      ev.preventDefault();
      // Which button was pressed (older browsers have no ev.submitter: the click told us).
      var submitter = ev.submitter;
      var satisfied = submitter ? submitter.value === 'true' : chosen;
      chosen = null;
      if (satisfied === true || satisfied === false) {
        answer(satisfied);
      }
    });
    getJson('/api/v1/service').then(function (service) {
      state.service = service;
      renderLostLink();
    });
    document.addEventListener('hartslag:language', function () {
      renderMessage();
      render(); // dates in the new language straight away, labels after the reload
      load();
    });
    load();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
