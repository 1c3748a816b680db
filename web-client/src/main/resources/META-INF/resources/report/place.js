/*
 * Hartslag resident page: The place of a report: the device's location, or an address with suggestions (an ARIA combobox).
 */
import { t } from './i18n.js';
import { $, els, escapeHtml, headers, state } from './common.js';
import { scheduleKnown } from './known.js';

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

export { choose, clearLocation, closeList, onAddressInput, onAddressKeydown, renderLocationMessage, setLocationMessage, suggest, useLocation };
