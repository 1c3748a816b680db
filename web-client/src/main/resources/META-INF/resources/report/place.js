/*
 * Hartslag resident page: the place of a report. A pin (a tap or drag on the map, or the device's location) named the
 * way a resident would name it (GET /api/v1/places/at), or a street or place typed in a search box with suggestions
 * (an ARIA combobox on GET /api/v1/places, also used for "Waar woont u?").
 */
import { t } from './i18n.js';
import { $, els, escapeHtml, headers, state } from './common.js';
import { scheduleKnown } from './known.js';
import { clearPin, pointFor, showPin, startMap } from './map.js';

/* ---------- messages under the place ---------- */

function setLocationMessage(key, kind) {
  state.locationMessage = key ? { key: key, kind: kind } : null;
  renderLocationMessage();
}

function renderLocationMessage() {
  var m = state.locationMessage;
  els.locationStatus.textContent = m ? t(m.key) : '';
  els.locationStatus.className = 'location-status' + (m && m.kind ? ' ' + m.kind : '');
  els.clearLocation.hidden = !state.location && !state.placeLabel;
  renderPlaceLabel();
}

function setPlaceLabel(label) {
  state.placeLabel = label; // {text} | {key} | null
  renderPlaceLabel();
  els.clearLocation.hidden = !state.location && !state.placeLabel;
}

function placeText() {
  var l = state.placeLabel;
  return l ? (l.text || t(l.key)) : '';
}

function renderPlaceLabel() {
  var text = placeText();
  els.placeLabel.textContent = text ? t('place.chosen', { label: text }) : '';
}

/* ---------- a pin ---------- */

var at = { seq: 0 };

function round(n) {
  return Math.round(n * 1e6) / 1e6;
}

/** A pin the resident put: it is the place now (a typed address no longer counts), named by the server. */
function pinAt(point) {
  state.location = { lat: round(point.lat), lon: round(point.lon) };
  els.address.value = '';
  closeList(address);
  setLocationMessage(null);
  setPlaceLabel({ key: 'place.looking' });
  scheduleKnown();
  var seq = ++at.seq;
  fetch('/api/v1/places/at?lat=' + encodeURIComponent(state.location.lat) + '&lon=' +
    encodeURIComponent(state.location.lon), { headers: headers() })
    .then(function (response) {
      return response.json().catch(function () {
        return null;
      }).then(function (data) {
        return { status: response.status, data: data };
      });
    })
    .then(function (result) {
      if (seq !== at.seq) {
        return;
      }
      if (result.status === 400) {
        // Outside the service area: the server would refuse the report; say so now.
        state.location = null;
        clearPin();
        setPlaceLabel(null);
        setLocationMessage('place.outside', 'bad');
        scheduleKnown();
      } else if (result.status === 200 && result.data && result.data.label) {
        setPlaceLabel({ text: String(result.data.label) });
      } else {
        setPlaceLabel({ key: 'place.pinned' }); // the pin still counts; only its name is missing
      }
    })
    .catch(function () {
      if (seq === at.seq) {
        setPlaceLabel({ key: 'place.pinned' });
      }
    });
}

function useLocation() {
  if (!navigator.geolocation) {
    setLocationMessage('place.unsupported', 'bad');
    return;
  }
  setLocationMessage('place.locating', '');
  navigator.geolocation.getCurrentPosition(function (position) {
    var point = { lat: position.coords.latitude, lon: position.coords.longitude };
    startMap(pinAt).then(function () {
      showPin(point.lat, point.lon, true);
    });
    pinAt(point);
  }, function (error) {
    setLocationMessage(error && error.code === 1 ? 'place.denied' : 'place.unavailable', 'bad');
  }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
}

function clearLocation() {
  at.seq++;
  state.location = null;
  els.address.value = '';
  clearPin();
  setPlaceLabel(null);
  setLocationMessage('place.cleared', '');
  scheduleKnown();
  els.address.focus();
}

/* ---------- suggestions: an ARIA combobox (the place, and "Waar woont u?") ---------- */

function combobox(input, listbox, announce, onChoose) {
  return { input: input, listbox: listbox, announce: announce, onChoose: onChoose, timer: null, controller: null,
    items: [], active: -1, seq: 0 };
}

var address = null;
var home = null;

function streetPart(value) {
  // "Passartweg 14b" -> "Passartweg": suggestions are streets and places; the number stays typed.
  return value.replace(/\s+\d.*$/, '').trim();
}

function onInput(box) {
  clearTimeout(box.timer);
  var q = streetPart(box.input.value);
  if (q.length < 2) {
    closeList(box);
    return;
  }
  box.timer = setTimeout(function () {
    fetchSuggestions(box, q);
  }, 250);
}

function fetchSuggestions(box, q) {
  if (box.controller && box.controller.abort) {
    box.controller.abort();
  }
  box.controller = typeof AbortController === 'function' ? new AbortController() : null;
  var seq = ++box.seq;
  fetch('/api/v1/places?limit=8&q=' + encodeURIComponent(q), {
    headers: headers(),
    signal: box.controller ? box.controller.signal : undefined
  })
    .then(function (response) {
      return response.ok ? response.json() : [];
    })
    .then(function (data) {
      if (seq !== box.seq || document.activeElement !== box.input) {
        return;
      }
      openList(box, suggestionList(data));
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
    var point = typeof item.lat === 'number' && typeof item.lon === 'number' ? { lat: item.lat, lon: item.lon } : null;
    var entry = { name: name, street: kind !== 'PLACE', from: item.houseFrom, to: item.houseTo, point: point,
      on: kind === 'PLACE' && item.street ? String(item.street) : null };
    byName[key] = entry;
    result.push(entry);
  });
  return result;
}

function openList(box, items) {
  box.items = items;
  box.active = -1;
  box.input.removeAttribute('aria-activedescendant');
  if (!items.length) {
    closeList(box);
    return;
  }
  var html = '';
  items.forEach(function (item, i) {
    // A street with its house numbers; a landmark with the street it is on.
    var extra = item.street && item.from != null && item.to != null ? t('address.houses', { from: item.from, to: item.to })
      : (item.on || '');
    html += '<li role="option" id="' + box.input.id + '-option-' + i + '" aria-selected="false" data-index="' + i + '">' +
      '<span>' + escapeHtml(item.name) + '</span>' + (extra ? ' <small>' + escapeHtml(extra) + '</small>' : '') + '</li>';
  });
  box.listbox.innerHTML = html;
  box.listbox.hidden = false;
  box.input.setAttribute('aria-expanded', 'true');
  box.announce.textContent = items.length === 1 ? t('address.suggestionOne') : t('address.suggestionCount', { count: items.length });
}

function closeList(box) {
  if (!box) {
    closeList(address);
    closeList(home);
    return;
  }
  box.items = [];
  box.active = -1;
  box.listbox.hidden = true;
  box.listbox.innerHTML = '';
  box.input.setAttribute('aria-expanded', 'false');
  box.input.removeAttribute('aria-activedescendant');
}

function setActive(box, index) {
  var options = box.listbox.querySelectorAll('[role="option"]');
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
  box.active = index;
  box.input.setAttribute('aria-activedescendant', options[index].id);
  if (options[index].scrollIntoView) {
    options[index].scrollIntoView({ block: 'nearest' });
  }
}

function choose(box, index) {
  var item = box.items[index];
  if (!item) {
    return;
  }
  var number = /\s(\d.*)$/.exec(box.input.value);
  // Keep a house number the resident already typed; for a street, leave room to type one.
  box.input.value = item.street ? item.name + ' ' + (number ? number[1] : '') : item.name;
  closeList(box);
  box.input.focus();
  var end = box.input.value.length;
  try {
    box.input.setSelectionRange(end, end);
  } catch (e) {
    /* not supported on this input type */
  }
  if (box.onChoose) {
    box.onChoose(item);
  }
}

/** A street or place chosen in the search: the typed text is the place; the pin only shows where that is. */
function placeChosen(item) {
  at.seq++;
  state.location = null;
  setLocationMessage(null);
  setPlaceLabel({ text: item.name });
  var point = item.point || pointFor(item.name);
  if (point) {
    startMap(pinAt).then(function () {
      showPin(point.lat, point.lon, true);
    });
  }
  scheduleKnown();
}

function onKeydown(box, event) {
  var open = !box.listbox.hidden;
  switch (event.key) {
    case 'ArrowDown':
      if (open) {
        setActive(box, box.active + 1);
        event.preventDefault();
      } else if (streetPart(box.input.value).length >= 2) {
        fetchSuggestions(box, streetPart(box.input.value));
        event.preventDefault();
      }
      break;
    case 'ArrowUp':
      if (open) {
        setActive(box, box.active - 1);
        event.preventDefault();
      }
      break;
    case 'Enter':
      if (open && box.active >= 0) {
        choose(box, box.active);
        event.preventDefault();
      }
      break;
    case 'Escape':
      if (open) {
        closeList(box);
        event.preventDefault();
      }
      break;
    case 'Tab':
      closeList(box);
      break;
    default:
      break;
  }
}

function wire(box) {
  box.input.addEventListener('input', function () {
    onInput(box);
  });
  box.input.addEventListener('keydown', function (event) {
    onKeydown(box, event);
  });
  box.input.addEventListener('blur', function () {
    clearTimeout(box.timer);
    closeList(box);
  });
  // Keep focus in the input while an option is tapped, then take the option.
  box.listbox.addEventListener('mousedown', function (event) {
    event.preventDefault();
  });
  box.listbox.addEventListener('click', function (event) {
    var option = event.target.closest('[role="option"]');
    if (option) {
      choose(box, +option.getAttribute('data-index'));
    }
  });
}

function initPlace() {
  address = combobox(els.address, els.listbox, els.announce, placeChosen);
  home = combobox($('home'), $('home-listbox'), $('home-announce'), null);
  wire(address);
  wire(home);
  // Typing a place again: the pin no longer counts (the typed place does), and its name goes.
  els.address.addEventListener('input', function () {
    var chosen = state.placeLabel && state.placeLabel.text;
    var stillChosen = chosen && !state.location &&
      els.address.value.toLowerCase().indexOf(String(chosen).toLowerCase()) === 0;
    // A house number typed after the chosen street keeps it; anything else is a new place.
    if ((state.location || state.placeLabel) && !stillChosen) {
      at.seq++;
      state.location = null;
      clearPin();
      setPlaceLabel(null);
    }
    scheduleKnown();
  });
  els.address.addEventListener('change', scheduleKnown);
  els.useLocation.addEventListener('click', useLocation);
  els.clearLocation.addEventListener('click', clearLocation);
  startMap(pinAt);
}

export { clearLocation, closeList, initPlace, placeText, renderLocationMessage, setLocationMessage, setPlaceLabel };
