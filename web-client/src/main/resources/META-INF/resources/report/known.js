/*
 * Hartslag resident page: "Is dit al gemeld?": known problems near the place, asked as soon as the place is known, with
 * one tap to support an existing problem ("Ik heb hier ook last van") instead of writing a new report.
 */
import { I, t } from './i18n.js';
import { $, MAX_DESCRIPTION, SEND_TIMEOUT_MS, els, headers, newIdempotencyKey, readJson, state } from './common.js';
import { selectedCategory } from './categories.js';
import { message } from './form.js';
import { buildBody, setSending, showConfirmation } from './submit.js';

/* ---------- known problems: "Ik heb hier ook last van" ---------- */

var KNOWN_MIN_TEXT = 10;
var KNOWN_DELAY_MS = 600;
// The three nearest: enough to recognise one's problem, and the form stays short on a phone.
var KNOWN_SHOWN = 3;
// timer: debounce; busy: a request is in flight; again: inputs changed while it was;
// query: the last query asked; items: the clusters shown; signature: what is rendered;
// support: {clusterId, key} kept for a retry after a network or server failure.
var known = { timer: null, busy: false, again: false, query: null, items: [], signature: '', support: null,
  status: null };

/*
 * Asked as soon as the place is known, before a word is typed: the place alone is enough (the server ranks nearby
 * public-space problems); the category and the words, when there are any, only sharpen the ranking.
 */
function knownQuery() {
  var place;
  if (state.location) {
    place = 'lat=' + encodeURIComponent(state.location.lat) + '&lon=' + encodeURIComponent(state.location.lon);
  } else {
    var address = els.address.value.trim().replace(/\s+/g, ' ');
    // A typed place counts once it was chosen from the suggestions or the resident left the box: half a word
    // ("speelt") is no place yet.
    if (address.length < 3 || (!state.placeLabel && document.activeElement === els.address)) {
      return null;
    }
    place = 'address=' + encodeURIComponent(address);
  }
  var category = selectedCategory();
  if (category) {
    place += '&category=' + encodeURIComponent(category);
  }
  var text = els.description.value.trim();
  if (text.length >= KNOWN_MIN_TEXT) {
    place += '&text=' + encodeURIComponent(text.slice(0, MAX_DESCRIPTION));
  }
  return place + '&lang=' + I.language();
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
      showKnown(Array.isArray(data) ? data.slice(0, KNOWN_SHOWN) : []);
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
        showConfirmation(result.data, true);
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

export { hideKnown, known, renderKnown, scheduleKnown, support };
