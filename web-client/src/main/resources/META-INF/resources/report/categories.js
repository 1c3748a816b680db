/*
 * Hartslag resident page: The category tiles: loaded from the server in the chosen language, with their icons, in two
 * columns, the first six shown and the rest behind "Meer onderwerpen".
 */
import { els, escapeAttr, escapeHtml, headers, state } from './common.js';
import { hasError } from './form.js';
import { t } from './i18n.js';

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
        els.more.hidden = true;
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

/* The first six (the server's order: the most common nuisances) always; the rest behind "Meer onderwerpen". */
var SHOWN_FIRST = 6;

function tile(c, selected, invalid) {
  var code = c.code;
  var id = 'cat-' + safeId(code);
  var label = c.label || c.name || code;
  var description = c.description || '';
  // The description stays for screen readers; on screen the tile is only icon and name, to keep the form short.
  return '<div class="tile">' +
    '<input type="radio" name="category" id="' + id + '" value="' + escapeAttr(code) + '"' +
    (description ? ' aria-describedby="' + id + '-desc"' : '') +
    (code === selected ? ' checked' : '') +
    (invalid ? ' aria-invalid="true"' : '') + '>' +
    icon(c.icon || code, 'tile-icon') +
    '<label for="' + id + '">' + escapeHtml(label) + '</label>' +
    (description ? '<span class="visually-hidden" id="' + id + '-desc">' + escapeHtml(description) + '</span>' : '') +
    '</div>';
}

function renderCategories() {
  var selected = selectedCategory();
  var invalid = hasError('category');
  var first = '';
  var more = '';
  var selectedInMore = false;
  state.categories.filter(function (c) {
    return c && c.code;
  }).forEach(function (c, i) {
    if (i < SHOWN_FIRST) {
      first += tile(c, selected, invalid);
    } else {
      more += tile(c, selected, invalid);
      selectedInMore = selectedInMore || c.code === selected;
    }
  });
  els.tiles.innerHTML = first;
  els.moreTiles.innerHTML = more;
  els.more.hidden = !more;
  if (selectedInMore) {
    showMore(true);
  } else {
    renderMore();
  }
}

function showMore(open) {
  els.moreTiles.hidden = !open;
  renderMore();
}

function toggleMore() {
  showMore(els.moreTiles.hidden);
}

function renderMore() {
  var open = !els.moreTiles.hidden;
  els.more.setAttribute('aria-expanded', open ? 'true' : 'false');
  els.more.textContent = t(open ? 'category.fewer' : 'category.more');
}

/** Picks a category (from a suggestion): checks its radio, opening "meer" when it lives there. */
function chooseCategory(code) {
  var radio = document.getElementById('cat-' + safeId(code));
  if (!radio) {
    return false;
  }
  if (els.moreTiles.contains(radio)) {
    showMore(true);
  }
  radio.checked = true;
  radio.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}

function categoryLabel(code) {
  var found = state.categories.filter(function (c) {
    return c.code === code;
  })[0];
  return found ? (found.label || found.name || code) : code;
}

export { categoryLabel, chooseCategory, loadCategories, renderMore, selectedCategory, showMore, toggleMore };
