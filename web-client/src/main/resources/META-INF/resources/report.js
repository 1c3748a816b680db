/*
 * Hartslag report form: category tiles, description, place (location or address with
 * suggestions), time, optional contact details; sends POST /api/v1/reports with an
 * Idempotency-Key that is kept for retries after a network or server failure.
 */
(function () {
  'use strict';

  var I = window.HartslagI18n;
  var t = I.t;

  var MIN_DESCRIPTION = 3;
  var MAX_DESCRIPTION = 4000;
  var SEND_TIMEOUT_MS = 30000;

  /* Simple line icons (24x24, stroke = currentColor) keyed by the category's icon name. */
  var ICONS = {
    noise: '<path d="M4 9.5v5h3.5L12 18.5v-13L7.5 9.5z"/><path d="M15.5 9a4 4 0 0 1 0 6"/><path d="M18 6.5a7.5 7.5 0 0 1 0 11"/>',
    drugs: '<rect x="2.8" y="8.5" width="18.4" height="7" rx="3.5" transform="rotate(-45 12 12)"/><path d="M9.5 9.5l5 5"/>',
    dumping: '<path d="M4 7h16"/><path d="M9.5 7V4.5h5V7"/><path d="M6 7l1 13h10l1-13"/><path d="M10 11v5M14 11v5"/>',
    litter: '<path d="M8 3.5h8"/><path d="M7 6h10l-1 14.5H8z"/><path d="M7.5 10h9"/><path d="M3 20.5h4M17 20.5h4"/>',
    traffic: '<path d="M3.5 13l2-5.5h13l2 5.5v5h-17z"/><path d="M3.5 13h17"/><circle cx="7.5" cy="15.8" r="1.2"/><circle cx="16.5" cy="15.8" r="1.2"/><path d="M5.5 18.5v2M18.5 18.5v2"/>',
    vandalism: '<path d="M13 2.5L5 13.5h6l-1 8 8-11h-6z"/>',
    youth: '<circle cx="9" cy="8" r="3"/><path d="M3.5 20a5.5 5.5 0 0 1 11 0"/><circle cx="17" cy="9" r="2.5"/><path d="M15.5 14.3A4.5 4.5 0 0 1 21 18.5"/>',
    animal: '<circle cx="6.5" cy="10" r="1.8"/><circle cx="10" cy="6.3" r="1.8"/><circle cx="14.5" cy="6.3" r="1.8"/><circle cx="18" cy="10" r="1.8"/><path d="M8 17.3c0-2.9 1.9-5.3 4.3-5.3s4.3 2.4 4.3 5.3c0 2-1.9 3-4.3 2.2-2.4.8-4.3-.2-4.3-2.2z"/>',
    light: '<path d="M9 17.5h6M10 21h4"/><path d="M12 3a6 6 0 0 0-3.6 10.8c.7.6 1.1 1.4 1.1 2.2v1.5h5V16c0-.8.4-1.6 1.1-2.2A6 6 0 0 0 12 3z"/>',
    home: '<path d="M3 11.5L12 4l9 7.5"/><path d="M5.5 10v10h13V10"/><path d="M10 20v-5.5h4V20"/>',
    handshake: '<path d="M3 4.5h11v7.5H8.5L5 15v-3H3z"/><path d="M17 8.5h4V16h-2v3l-3.5-3H10v-1.5"/>',
    other: '<circle cx="12" cy="12" r="9"/><path d="M9.6 9.4a2.5 2.5 0 1 1 3.4 2.4c-.6.3-1 .8-1 1.5v.7"/><path d="M12 17v.01"/>'
  };

  function icon(name, className) {
    var paths = ICONS[name] || ICONS.other;
    return '<svg class="icon ' + (className || '') + '" viewBox="0 0 24 24" aria-hidden="true" focusable="false">' + paths + '</svg>';
  }

  function $(id) {
    return document.getElementById(id);
  }

  var els = {};
  var state = {
    categories: [],
    location: null, // {lat, lon}
    locationMessage: null, // {key, kind}
    idempotencyKey: null, // kept while a submission may have reached the server
    sending: false,
    errors: [], // [{field, message} | {field, key}]
    status: null // {key, kind} for the form status line
  };

  /* ---------- helpers ---------- */

  function newIdempotencyKey() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') {
      try {
        return window.crypto.randomUUID();
      } catch (e) {
        /* insecure context: fall through */
      }
    }
    var bytes = new Uint8Array(16);
    if (window.crypto && window.crypto.getRandomValues) {
      window.crypto.getRandomValues(bytes);
    } else {
      for (var i = 0; i < bytes.length; i++) {
        bytes[i] = Math.floor(Math.random() * 256);
      }
    }
    var hex = '';
    for (var j = 0; j < bytes.length; j++) {
      hex += (bytes[j] < 16 ? '0' : '') + bytes[j].toString(16);
    }
    return hex;
  }

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  /** "2026-11-27T22:30" (local time of the device) -> "2026-11-27T22:30:00+01:00". */
  function withOffset(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value || '');
    if (!m) {
      return null;
    }
    var date = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0));
    var offset = -date.getTimezoneOffset();
    var sign = offset >= 0 ? '+' : '-';
    offset = Math.abs(offset);
    return m[1] + '-' + m[2] + '-' + m[3] + 'T' + m[4] + ':' + m[5] + ':' + (m[6] || '00') +
      sign + pad(Math.floor(offset / 60)) + ':' + pad(offset % 60);
  }

  function localNow() {
    var d = new Date();
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' + pad(d.getMinutes());
  }

  function headers(extra) {
    var h = { 'Accept': 'application/json, application/problem+json', 'Accept-Language': I.language() };
    for (var k in extra) {
      if (Object.prototype.hasOwnProperty.call(extra, k)) {
        h[k] = extra[k];
      }
    }
    return h;
  }

  function readJson(response) {
    return response.text().then(function (text) {
      if (!text) {
        return null;
      }
      try {
        return JSON.parse(text);
      } catch (e) {
        return null;
      }
    });
  }

  /* ---------- categories ---------- */

  function categoryList(data) {
    if (Array.isArray(data)) {
      return data;
    }
    if (data && Array.isArray(data.categories)) {
      return data.categories;
    }
    if (data && Array.isArray(data.items)) {
      return data.items;
    }
    return [];
  }

  function loadCategories() {
    els.categoryFailed.hidden = true;
    return fetch('/api/v1/categories', { headers: headers() })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        state.categories = categoryList(data);
        renderCategories();
      })
      .catch(function () {
        if (!state.categories.length) {
          els.tiles.innerHTML = '';
        }
        els.categoryFailed.hidden = false;
      });
  }

  function selectedCategory() {
    var checked = els.form.querySelector('input[name="category"]:checked');
    return checked ? checked.value : null;
  }

  function safeId(code) {
    return String(code).replace(/[^A-Za-z0-9_-]/g, '_');
  }

  function renderCategories() {
    var selected = selectedCategory();
    var invalid = hasError('category');
    var html = '';
    state.categories.forEach(function (c) {
      var code = c.code;
      if (!code) {
        return;
      }
      var id = 'cat-' + safeId(code);
      var label = c.label || c.name || code;
      var description = c.description || '';
      html += '<div class="tile">' +
        '<input type="radio" name="category" id="' + id + '" value="' + escapeAttr(code) + '"' +
        (description ? ' aria-describedby="' + id + '-desc"' : '') +
        (code === selected ? ' checked' : '') +
        (invalid ? ' aria-invalid="true"' : '') + '>' +
        icon(c.icon || code, 'tile-icon') +
        '<label for="' + id + '">' + escapeHtml(label) + '</label>' +
        (description ? '<span class="tile-desc" id="' + id + '-desc">' + escapeHtml(description) + '</span>' : '') +
        '</div>';
    });
    els.tiles.innerHTML = html;
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (ch) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch];
    });
  }

  var escapeAttr = escapeHtml;

  /* ---------- description counter ---------- */

  function updateCount() {
    var length = els.description.value.length;
    els.count.textContent = t('description.count', { count: length, max: MAX_DESCRIPTION });
  }

  /* ---------- location ---------- */

  function setLocationMessage(key, kind) {
    state.locationMessage = key ? { key: key, kind: kind } : null;
    renderLocationMessage();
  }

  function renderLocationMessage() {
    var m = state.locationMessage;
    els.locationStatus.textContent = m ? t(m.key) : '';
    els.locationStatus.className = 'location-status' + (m && m.kind ? ' ' + m.kind : '');
    els.clearLocation.hidden = !state.location;
  }

  function useLocation() {
    if (!navigator.geolocation) {
      setLocationMessage('place.unsupported', 'bad');
      return;
    }
    setLocationMessage('place.locating', '');
    navigator.geolocation.getCurrentPosition(function (position) {
      state.location = {
        lat: Math.round(position.coords.latitude * 1e6) / 1e6,
        lon: Math.round(position.coords.longitude * 1e6) / 1e6
      };
      setLocationMessage('place.found', 'ok');
      scheduleKnown();
    }, function (error) {
      state.location = null;
      setLocationMessage(error && error.code === 1 ? 'place.denied' : 'place.unavailable', 'bad');
    }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
  }

  function clearLocation() {
    state.location = null;
    setLocationMessage('place.cleared', '');
    scheduleKnown();
    els.useLocation.focus();
  }

  /* ---------- address suggestions: ARIA combobox ---------- */

  var suggest = { timer: null, controller: null, items: [], active: -1, seq: 0 };

  function streetPart(value) {
    // "Passartweg 14b" -> "Passartweg": suggestions are streets and places; the number stays typed.
    return value.replace(/\s+\d.*$/, '').trim();
  }

  function onAddressInput() {
    clearTimeout(suggest.timer);
    var q = streetPart(els.address.value);
    if (q.length < 2) {
      closeList();
      return;
    }
    suggest.timer = setTimeout(function () {
      fetchSuggestions(q);
    }, 250);
  }

  function fetchSuggestions(q) {
    if (suggest.controller && suggest.controller.abort) {
      suggest.controller.abort();
    }
    suggest.controller = typeof AbortController === 'function' ? new AbortController() : null;
    var seq = ++suggest.seq;
    fetch('/api/v1/places?limit=8&q=' + encodeURIComponent(q), {
      headers: headers(),
      signal: suggest.controller ? suggest.controller.signal : undefined
    })
      .then(function (response) {
        return response.ok ? response.json() : [];
      })
      .then(function (data) {
        if (seq !== suggest.seq || document.activeElement !== els.address) {
          return;
        }
        openList(suggestionList(data));
      })
      .catch(function () {
        /* suggestions are a help, never a blocker */
      });
  }

  function suggestionList(data) {
    var list = Array.isArray(data) ? data : (data && (data.suggestions || data.places || data.items)) || [];
    var byName = {};
    var result = [];
    list.forEach(function (s) {
      var item = typeof s === 'string' ? { name: s } : s || {};
      var name = item.name || item.label || item.street;
      if (!name) {
        return;
      }
      var kind = String(item.kind || '').toUpperCase();
      var key = name.toLowerCase();
      var existing = byName[key];
      if (existing) {
        // A street in several segments: show one line with the whole range of house numbers.
        if (item.houseFrom != null) {
          existing.from = existing.from == null ? item.houseFrom : Math.min(existing.from, item.houseFrom);
        }
        if (item.houseTo != null) {
          existing.to = existing.to == null ? item.houseTo : Math.max(existing.to, item.houseTo);
        }
        return;
      }
      var entry = { name: name, street: kind !== 'PLACE', from: item.houseFrom, to: item.houseTo };
      byName[key] = entry;
      result.push(entry);
    });
    return result;
  }

  function openList(items) {
    suggest.items = items;
    suggest.active = -1;
    els.address.removeAttribute('aria-activedescendant');
    if (!items.length) {
      closeList();
      return;
    }
    var html = '';
    items.forEach(function (item, i) {
      var extra = item.street && item.from != null && item.to != null ? t('address.houses', { from: item.from, to: item.to }) : '';
      html += '<li role="option" id="address-option-' + i + '" aria-selected="false" data-index="' + i + '">' +
        '<span>' + escapeHtml(item.name) + '</span>' + (extra ? ' <small>' + escapeHtml(extra) + '</small>' : '') + '</li>';
    });
    els.listbox.innerHTML = html;
    els.listbox.hidden = false;
    els.address.setAttribute('aria-expanded', 'true');
    els.announce.textContent = items.length === 1 ? t('address.suggestionOne') : t('address.suggestionCount', { count: items.length });
  }

  function closeList() {
    suggest.items = [];
    suggest.active = -1;
    els.listbox.hidden = true;
    els.listbox.innerHTML = '';
    els.address.setAttribute('aria-expanded', 'false');
    els.address.removeAttribute('aria-activedescendant');
  }

  function setActive(index) {
    var options = els.listbox.querySelectorAll('[role="option"]');
    if (!options.length) {
      return;
    }
    if (index < 0) {
      index = options.length - 1;
    }
    if (index >= options.length) {
      index = 0;
    }
    for (var i = 0; i < options.length; i++) {
      options[i].setAttribute('aria-selected', i === index ? 'true' : 'false');
    }
    suggest.active = index;
    els.address.setAttribute('aria-activedescendant', options[index].id);
    if (options[index].scrollIntoView) {
      options[index].scrollIntoView({ block: 'nearest' });
    }
  }

  function choose(index) {
    var item = suggest.items[index];
    if (!item) {
      return;
    }
    var typed = els.address.value;
    var number = /\s(\d.*)$/.exec(typed);
    // Keep a house number the resident already typed; for a street, leave room to type one.
    els.address.value = item.street ? item.name + ' ' + (number ? number[1] : '') : item.name;
    closeList();
    scheduleKnown();
    els.address.focus();
    var end = els.address.value.length;
    try {
      els.address.setSelectionRange(end, end);
    } catch (e) {
      /* not supported on this input type */
    }
  }

  function onAddressKeydown(event) {
    var open = !els.listbox.hidden;
    switch (event.key) {
      case 'ArrowDown':
        if (open) {
          setActive(suggest.active + 1);
          event.preventDefault();
        } else if (streetPart(els.address.value).length >= 2) {
          fetchSuggestions(streetPart(els.address.value));
          event.preventDefault();
        }
        break;
      case 'ArrowUp':
        if (open) {
          setActive(suggest.active - 1);
          event.preventDefault();
        }
        break;
      case 'Enter':
        if (open && suggest.active >= 0) {
          choose(suggest.active);
          event.preventDefault();
        }
        break;
      case 'Escape':
        if (open) {
          closeList();
          event.preventDefault();
        }
        break;
      case 'Tab':
        closeList();
        break;
      default:
        break;
    }
  }

  /* ---------- errors ---------- */

  var PLACE_FIELDS = { 'location': true, 'location.lat': true, 'location.lon': true };

  function errorElementId(field) {
    if (PLACE_FIELDS[field]) {
      return 'error-location';
    }
    return 'error-' + String(field).replace(/\./g, '-');
  }

  /** The control a field's error belongs to (focus target and aria-invalid). */
  function inputsFor(field) {
    switch (field) {
      case 'category':
        return Array.prototype.slice.call(els.form.querySelectorAll('input[name="category"]'));
      case 'description':
        return [els.description];
      case 'address':
        return [els.address];
      case 'location':
      case 'location.lat':
      case 'location.lon':
        return [els.useLocation];
      case 'occurredAt':
        return [els.occurredAt];
      case 'contact.name':
        return [$('contact-name')];
      case 'contact.phone':
        return [$('contact-phone')];
      case 'contact.email':
        return [$('contact-email')];
      default:
        return [];
    }
  }

  function focusTarget(field) {
    if (field === 'category') {
      return els.form.querySelector('input[name="category"]:checked') || els.form.querySelector('input[name="category"]');
    }
    return inputsFor(field)[0] || null;
  }

  function hasError(field) {
    return state.errors.some(function (e) {
      return e.field === field;
    });
  }

  function message(error) {
    return error.key ? t(error.key) : (error.message || t('error.generic'));
  }

  function clearErrors() {
    state.errors = [];
    renderErrors();
  }

  function showErrors(errors) {
    state.errors = errors;
    renderErrors();
    els.summary.hidden = false;
    els.summary.focus();
    if (els.summary.scrollIntoView) {
      els.summary.scrollIntoView({ block: 'start' });
    }
  }

  function renderErrors() {
    var nodes = els.form.querySelectorAll('.field-error');
    for (var i = 0; i < nodes.length; i++) {
      nodes[i].textContent = '';
      nodes[i].hidden = true;
    }
    var invalid = els.form.querySelectorAll('[aria-invalid]');
    for (var j = 0; j < invalid.length; j++) {
      invalid[j].removeAttribute('aria-invalid');
    }
    $('category-group').classList.remove('invalid');
    els.summaryList.innerHTML = '';

    if (!state.errors.length) {
      els.summary.hidden = true;
      return;
    }

    state.errors.forEach(function (error) {
      var text = message(error);
      var el = error.field ? $(errorElementId(error.field)) : null;
      if (el) {
        el.textContent = el.textContent ? el.textContent + ' ' + text : text;
        el.hidden = false;
      }
      inputsFor(error.field).forEach(function (input) {
        if (input && input !== els.useLocation) {
          input.setAttribute('aria-invalid', 'true');
        }
      });
      if (error.field === 'category') {
        $('category-group').classList.add('invalid');
      }

      var li = document.createElement('li');
      var target = focusTarget(error.field);
      if (target && target.id) {
        var a = document.createElement('a');
        a.href = '#' + target.id;
        a.textContent = text;
        a.addEventListener('click', function (event) {
          event.preventDefault();
          var current = focusTarget(error.field) || target;
          var scrollTo = current.closest('fieldset, .field') || current;
          if (scrollTo.scrollIntoView) {
            scrollTo.scrollIntoView({ block: 'start' });
          }
          current.focus({ preventScroll: true });
        });
        li.appendChild(a);
      } else {
        li.textContent = text;
      }
      els.summaryList.appendChild(li);
    });
  }

  function validate() {
    var errors = [];
    if (!selectedCategory()) {
      errors.push({ field: 'category', key: 'category.required' });
    }
    var description = els.description.value.trim();
    if (description.length < MIN_DESCRIPTION) {
      errors.push({ field: 'description', key: 'description.required' });
    } else if (description.length > MAX_DESCRIPTION) {
      errors.push({ field: 'description', key: 'description.tooLong' });
    }
    if (!state.location && !els.address.value.trim()) {
      errors.push({ field: 'address', key: 'place.required' });
    }
    return errors;
  }

  function problemErrors(problem) {
    var errors = [];
    if (problem && Array.isArray(problem.errors)) {
      problem.errors.forEach(function (e) {
        if (e && (e.message || e.field)) {
          errors.push({ field: e.field || null, message: e.message || (problem.detail || problem.title) });
        }
      });
    }
    if (!errors.length) {
      errors.push({ field: null, message: (problem && (problem.detail || problem.title)) || t('error.generic') });
    }
    return errors;
  }

  /* ---------- form status line ---------- */

  function setStatus(key, kind) {
    state.status = key ? { key: key, kind: kind } : null;
    renderStatus();
  }

  function renderStatus() {
    var s = state.status;
    els.formStatus.textContent = s ? t(s.key) : '';
    els.formStatus.className = 'form-status' + (s && s.kind ? ' ' + s.kind : '');
  }

  /* ---------- submit ---------- */

  function buildBody() {
    var body = {
      category: selectedCategory(),
      description: els.description.value.trim(),
      language: I.language()
    };
    if (state.location) {
      body.location = { lat: state.location.lat, lon: state.location.lon };
    }
    var address = els.address.value.trim().replace(/\s+/g, ' ');
    if (address) {
      body.address = address;
    }
    var occurredAt = withOffset(els.occurredAt.value);
    if (occurredAt) {
      body.occurredAt = occurredAt;
    }
    var contact = {};
    var any = false;
    [['name', 'contact-name'], ['phone', 'contact-phone'], ['email', 'contact-email']].forEach(function (pair) {
      var value = $(pair[1]).value.trim();
      if (value) {
        contact[pair[0]] = value;
        any = true;
      }
    });
    if (any) {
      body.contact = contact;
    }
    return body;
  }

  function setSending(sending) {
    state.sending = sending;
    if (sending) {
      els.submit.setAttribute('aria-disabled', 'true');
      els.form.setAttribute('aria-busy', 'true');
    } else {
      els.submit.removeAttribute('aria-disabled');
      els.form.removeAttribute('aria-busy');
    }
  }

  function onSubmit(event) {
    event.preventDefault();
    if (state.sending) {
      return;
    }
    closeList();
    setStatus(null);
    var errors = validate();
    if (errors.length) {
      showErrors(errors);
      return;
    }
    clearErrors();

    // One key per submission; a retry after a network or server failure sends the same key,
    // so a report that did arrive is never stored twice.
    if (!state.idempotencyKey) {
      state.idempotencyKey = newIdempotencyKey();
    }
    var key = state.idempotencyKey;
    var body = buildBody();

    setSending(true);
    setStatus('submitting', 'busy');

    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = controller ? setTimeout(function () {
      controller.abort();
    }, SEND_TIMEOUT_MS) : null;

    fetch('/api/v1/reports', {
      method: 'POST',
      headers: headers({ 'Content-Type': 'application/json', 'Idempotency-Key': key }),
      body: JSON.stringify(body),
      signal: controller ? controller.signal : undefined
    })
      .then(function (response) {
        return readJson(response).then(function (data) {
          return { status: response.status, ok: response.ok, data: data };
        });
      })
      .then(function (result) {
        clearTimeout(timer);
        setSending(false);
        if (result.ok && result.data && result.data.reference) {
          state.idempotencyKey = null;
          setStatus(null);
          showConfirmation(result.data);
        } else if (result.status === 409 || result.status === 429) {
          setStatus('error.busy', 'bad'); // keep the key: the first attempt may still be running
        } else if (result.status >= 500 || result.ok) {
          setStatus('error.server', 'bad'); // keep the key for the retry
        } else if (result.status === 413) {
          state.idempotencyKey = null;
          setStatus(null);
          showErrors([{ field: 'description', key: 'description.tooLong' }]);
        } else {
          // The server looked at the report and refused it: the next try is a new submission.
          state.idempotencyKey = null;
          setStatus(null);
          showErrors(problemErrors(result.data));
        }
      })
      .catch(function () {
        clearTimeout(timer);
        setSending(false);
        setStatus('error.network', 'bad'); // keep the key for the retry
      });
  }

  /* ---------- known problems: "Ik heb hier ook last van" ---------- */

  var KNOWN_MIN_TEXT = 10;
  var KNOWN_DELAY_MS = 600;
  // timer: debounce; busy: a request is in flight; again: inputs changed while it was;
  // query: the last query asked; items: the clusters shown; signature: what is rendered;
  // support: {clusterId, key} kept for a retry after a network or server failure.
  var known = { timer: null, busy: false, again: false, query: null, items: [], signature: '', support: null,
    status: null };

  function knownQuery() {
    var category = selectedCategory();
    var text = els.description.value.trim();
    if (!category || text.length < KNOWN_MIN_TEXT) {
      return null;
    }
    var place;
    if (state.location) {
      place = 'lat=' + encodeURIComponent(state.location.lat) + '&lon=' + encodeURIComponent(state.location.lon);
    } else {
      var address = els.address.value.trim().replace(/\s+/g, ' ');
      if (!address) {
        return null;
      }
      place = 'address=' + encodeURIComponent(address);
    }
    return place + '&text=' + encodeURIComponent(text.slice(0, MAX_DESCRIPTION)) +
      '&category=' + encodeURIComponent(category) + '&lang=' + I.language();
  }

  function scheduleKnown() {
    clearTimeout(known.timer);
    known.timer = setTimeout(askKnown, KNOWN_DELAY_MS);
  }

  function askKnown() {
    if (els.formView.hidden) {
      return;
    }
    if (known.busy) {
      known.again = true; // at most one request in flight; ask again when it is done
      return;
    }
    var query = knownQuery();
    if (!query) {
      known.query = null;
      showKnown([]);
      return;
    }
    if (query === known.query) {
      return;
    }
    known.query = query;
    known.busy = true;
    known.again = false;
    // "lang" only makes the query differ per language; the server reads Accept-Language.
    fetch('/api/v1/reports/similar?' + query.replace(/&lang=\w+$/, ''), { headers: headers() })
      .then(function (response) {
        return response.ok ? response.json() : [];
      })
      .catch(function () {
        return null; // a help, never a blocker: keep what is shown
      })
      .then(function (data) {
        known.busy = false;
        if (known.again) {
          askKnown();
          return;
        }
        if (data === null) {
          known.query = null; // ask again after the next change
          return;
        }
        showKnown(Array.isArray(data) ? data.slice(0, 5) : []);
      });
  }

  function knownDate(value) {
    // A day ("2026-12-03"), never a time of day: read it as that calendar day, wherever the browser is.
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
    var date = m ? new Date(+m[1], +m[2] - 1, +m[3], 12) : new Date(value);
    if (!value || isNaN(date.getTime())) {
      return null;
    }
    var options = { day: 'numeric', month: 'long' };
    if (date.getFullYear() !== new Date().getFullYear()) {
      options.year = 'numeric';
    }
    try {
      return date.toLocaleDateString(I.locale(), options);
    } catch (e) {
      return date.toDateString();
    }
  }

  function knownText(c) {
    var category = (c.category && (c.category.label || c.category.code)) || '';
    var street = c.approximateLocation && c.approximateLocation.street;
    var text = street ? t('known.near', { category: category, street: street }) : t('known.nearby', { category: category });
    var reports = +c.reports || 0;
    var households = +c.households || 0;
    var counts = reports === 1 ? t('known.reportsOne') : t('known.reportsMany', { count: reports });
    if (households > 0) {
      counts += ' ' + (households === 1 ? t('known.householdsOne') : t('known.householdsMany', { count: households }));
    }
    var date = knownDate(c.lastReportedAt);
    if (date) {
      counts += ', ' + t('known.last', { date: date });
    }
    return text + ' ' + counts + '.';
  }

  function showKnown(items) {
    items = items.filter(function (c) {
      return c && c.clusterId;
    });
    var signature = I.language() + '|' + items.map(function (c) {
      return [c.clusterId, c.reports, c.households, c.lastReportedAt].join(',');
    }).join(';');
    if (signature === known.signature) {
      return;
    }
    var box = $('known-problem');
    // Never pull the rug from under a resident who is using the box: it updates after they leave it.
    if (box.contains(document.activeElement) && document.activeElement !== document.body) {
      known.query = null; // ask again after the next change
      return;
    }
    var wasShown = known.items.length > 0;
    known.items = items;
    known.signature = signature;
    known.status = null;
    renderKnown();
    if (items.length && !wasShown) {
      $('known-problem-announce').textContent = t('known.announce', { item: knownText(items[0]) });
    } else if (!items.length) {
      $('known-problem-announce').textContent = '';
    }
  }

  function renderKnown() {
    var box = $('known-problem');
    var list = $('known-problem-list');
    list.innerHTML = '';
    known.items.forEach(function (c, i) {
      var li = document.createElement('li');
      var p = document.createElement('p');
      p.id = 'known-problem-item-' + i;
      p.textContent = knownText(c);
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'button button-secondary known-support';
      button.setAttribute('aria-describedby', p.id);
      button.setAttribute('data-cluster', c.clusterId);
      button.textContent = t('known.support');
      li.appendChild(p);
      li.appendChild(button);
      list.appendChild(li);
    });
    box.hidden = !known.items.length;
    renderKnownStatus();
  }

  function setKnownStatus(status) {
    known.status = status; // {key} | {message} with kind
    renderKnownStatus();
  }

  function renderKnownStatus() {
    var s = known.status;
    var el = $('known-problem-status');
    el.textContent = s ? (s.key ? t(s.key) : s.message) : '';
    el.className = 'known-status' + (s && s.kind ? ' ' + s.kind : '');
  }

  function problemDetail(problem) {
    if (problem && Array.isArray(problem.errors) && problem.errors.length) {
      var messages = problem.errors.map(function (e) {
        return e && e.message;
      }).filter(Boolean);
      if (messages.length) {
        return messages.join(' ');
      }
    }
    return (problem && (problem.detail || problem.title)) || t('error.generic');
  }

  function supportBody() {
    var body = { language: I.language() };
    var description = els.description.value.trim();
    if (description) {
      body.description = description;
    }
    var full = buildBody();
    if (full.contact) {
      body.contact = full.contact;
    }
    return body;
  }

  function support(clusterId, button) {
    if (state.sending) {
      return;
    }
    // One key per attempt; the same key again only for a retry of the same attempt.
    if (!known.support || known.support.clusterId !== clusterId) {
      known.support = { clusterId: clusterId, key: newIdempotencyKey() };
    }
    var key = known.support.key;
    setSending(true);
    if (button) {
      button.setAttribute('aria-disabled', 'true');
    }
    setKnownStatus({ key: 'known.sending', kind: 'busy' });

    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = controller ? setTimeout(function () {
      controller.abort();
    }, SEND_TIMEOUT_MS) : null;

    var done = function () {
      clearTimeout(timer);
      setSending(false);
      if (button) {
        button.removeAttribute('aria-disabled');
      }
    };

    fetch('/api/v1/clusters/' + encodeURIComponent(clusterId) + '/support', {
      method: 'POST',
      headers: headers({ 'Content-Type': 'application/json', 'Idempotency-Key': key }),
      body: JSON.stringify(supportBody()),
      signal: controller ? controller.signal : undefined
    })
      .then(function (response) {
        return readJson(response).then(function (data) {
          return { status: response.status, ok: response.ok, data: data };
        });
      })
      .then(function (result) {
        done();
        if (result.ok && result.data && result.data.reference) {
          known.support = null;
          setKnownStatus(null);
          hideKnown();
          showConfirmation(result.data);
        } else if (result.status === 409 || result.status === 429) {
          setKnownStatus({ key: 'error.busy', kind: 'bad' }); // keep the key
        } else if (result.status >= 500 || result.ok) {
          setKnownStatus({ key: 'error.server', kind: 'bad' }); // keep the key for the retry
        } else {
          known.support = null; // refused: the next try is a new attempt
          setKnownStatus({ message: problemDetail(result.data), kind: 'bad' });
        }
      })
      .catch(function () {
        done();
        setKnownStatus({ key: 'error.network', kind: 'bad' }); // keep the key for the retry
      });
  }

  function hideKnown() {
    clearTimeout(known.timer);
    known.query = null;
    known.items = [];
    known.signature = '';
    known.status = null;
    $('known-problem-announce').textContent = '';
    renderKnown();
  }

  /* ---------- confirmation ---------- */

  function showConfirmation(data) {
    var reference = String(data.reference);
    els.reference.textContent = reference;
    var link = '/m/' + encodeURIComponent(reference);
    if (data.trackingToken) {
      link += '?t=' + encodeURIComponent(data.trackingToken);
    }
    els.statusLink.setAttribute('href', link);
    els.formView.hidden = true;
    els.confirmation.hidden = false;
    window.scrollTo(0, 0);
    els.confirmationTitle.focus();
  }

  function newReport() {
    els.form.reset();
    state.location = null;
    state.idempotencyKey = null;
    setLocationMessage(null);
    hideKnown();
    known.support = null;
    clearErrors();
    setStatus(null);
    updateCount();
    els.reference.textContent = '';
    els.confirmation.hidden = true;
    els.formView.hidden = false;
    window.scrollTo(0, 0);
    $('form-title').setAttribute('tabindex', '-1');
    $('form-title').focus();
  }

  /* ---------- language ---------- */

  function onLanguageChange() {
    updateCount();
    renderLocationMessage();
    renderStatus();
    renderErrors();
    closeList();
    if (known.items.length) {
      renderKnown(); // texts now; the server's category labels after the next answer
    }
    known.query = null;
    scheduleKnown();
    if (state.categories.length || !els.categoryFailed.hidden) {
      loadCategories();
    }
  }

  /* ---------- start ---------- */

  function init() {
    I.init();
    els.form = $('report-form');
    els.formView = $('form-view');
    els.tiles = $('category-tiles');
    els.categoryFailed = $('category-failed');
    els.description = $('description');
    els.count = $('description-count');
    els.useLocation = $('use-location');
    els.clearLocation = $('clear-location');
    els.locationStatus = $('location-status');
    els.address = $('address');
    els.listbox = $('address-listbox');
    els.announce = $('address-announce');
    els.occurredAt = $('occurred-at');
    els.summary = $('error-summary');
    els.summaryList = $('error-summary-list');
    els.formStatus = $('form-status');
    els.submit = $('submit');
    els.confirmation = $('confirmation');
    els.confirmationTitle = $('confirmation-title');
    els.reference = $('confirmation-reference');
    els.statusLink = $('status-link');

    els.form.addEventListener('submit', onSubmit);
    els.description.addEventListener('input', updateCount);
    els.description.addEventListener('input', scheduleKnown);
    els.address.addEventListener('input', scheduleKnown);
    els.form.addEventListener('change', function (event) {
      if (event.target && event.target.name === 'category') {
        scheduleKnown();
      }
    });
    $('known-problem-list').addEventListener('click', function (event) {
      var button = event.target.closest('button[data-cluster]');
      if (button) {
        support(button.getAttribute('data-cluster'), button);
      }
    });
    els.useLocation.addEventListener('click', useLocation);
    els.clearLocation.addEventListener('click', clearLocation);
    $('category-retry').addEventListener('click', loadCategories);
    $('new-report').addEventListener('click', newReport);

    els.address.addEventListener('input', onAddressInput);
    els.address.addEventListener('keydown', onAddressKeydown);
    els.address.addEventListener('blur', function () {
      clearTimeout(suggest.timer);
      closeList();
    });
    // Keep focus in the input while an option is tapped, then take the option.
    els.listbox.addEventListener('mousedown', function (event) {
      event.preventDefault();
    });
    els.listbox.addEventListener('click', function (event) {
      var option = event.target.closest('[role="option"]');
      if (option) {
        choose(+option.getAttribute('data-index'));
      }
    });

    var setMax = function () {
      els.occurredAt.max = localNow();
    };
    setMax();
    els.occurredAt.addEventListener('focus', setMax);

    document.addEventListener('hartslag:language', onLanguageChange);

    updateCount();
    loadCategories();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
