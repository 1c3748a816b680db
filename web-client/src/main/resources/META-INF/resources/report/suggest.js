/*
 * Hartslag resident page: a category suggested from the words the resident types (GET /api/v1/categories/suggest,
 * debounced): "Gaat het over: Geluidsoverlast? [Ja, kies dit]" when it differs from the chosen one. A help, never a
 * blocker: any failure (an older server without the endpoint, no network) just shows nothing.
 */
import { t } from './i18n.js';
import { $, MAX_DESCRIPTION, els, headers } from './common.js';
import { categoryLabel, chooseCategory, selectedCategory } from './categories.js';
import { renderCategoryAdvice } from './service.js';

var SUGGEST_MIN_TEXT = 8;
var SUGGEST_DELAY_MS = 700;

// timer: debounce; seq: the latest request; best: {code, label} suggested for the words; dismissed: codes taken or
// already chosen, so one suggestion is never offered twice for the same words.
var suggestion = { timer: null, seq: 0, best: null, text: '', controller: null };

function scheduleSuggest() {
  clearTimeout(suggestion.timer);
  suggestion.timer = setTimeout(askSuggest, SUGGEST_DELAY_MS);
}

function askSuggest() {
  var text = els.description.value.trim();
  if (text.length < SUGGEST_MIN_TEXT) {
    suggestion.best = null;
    suggestion.text = '';
    renderSuggest();
    return;
  }
  if (text === suggestion.text) {
    renderSuggest();
    return;
  }
  if (suggestion.controller && suggestion.controller.abort) {
    suggestion.controller.abort();
  }
  suggestion.controller = typeof AbortController === 'function' ? new AbortController() : null;
  var seq = ++suggestion.seq;
  fetch('/api/v1/categories/suggest?text=' + encodeURIComponent(text.slice(0, MAX_DESCRIPTION)), {
    headers: headers(),
    signal: suggestion.controller ? suggestion.controller.signal : undefined
  })
    .then(function (response) {
      return response.ok ? response.json() : [];
    })
    .catch(function () {
      return [];
    })
    .then(function (data) {
      if (seq !== suggestion.seq) {
        return;
      }
      var first = Array.isArray(data) ? data.filter(function (s) {
        return s && s.code;
      })[0] : null;
      suggestion.text = text;
      suggestion.best = first ? { code: String(first.code), label: first.label ? String(first.label) : null } : null;
      renderSuggest();
    });
}

function renderSuggest() {
  var best = suggestion.best;
  var box = $('category-suggest');
  var chosen = selectedCategory();
  var show = !!best && best.code !== chosen && !!document.getElementById('cat-' + best.code.replace(/[^A-Za-z0-9_-]/g, '_'));
  var wasShown = !box.hidden;
  if (show) {
    var label = categoryLabel(best.code) || best.label;
    $('category-suggest-text').textContent = t('suggest.question', { label: label });
    box.setAttribute('data-code', best.code);
    if (!wasShown) {
      $('category-suggest-announce').textContent = t('suggest.question', { label: label });
    }
  } else {
    box.removeAttribute('data-code');
  }
  box.hidden = !show;
  // A worry about a household shows the Veilig Thuis advice as soon as the words say so, chosen or not.
  renderCategoryAdvice(best ? best.code : null);
}

function takeSuggestion() {
  var code = $('category-suggest').getAttribute('data-code');
  if (!code || !chooseCategory(code)) {
    return;
  }
  $('category-suggest').hidden = true;
  $('category-suggest-announce').textContent = t('suggest.taken', { label: categoryLabel(code) });
  els.description.focus();
}

function suggestedCode() {
  return suggestion.best ? suggestion.best.code : null;
}

function resetSuggest() {
  clearTimeout(suggestion.timer);
  suggestion.seq++;
  suggestion.best = null;
  suggestion.text = '';
  $('category-suggest').hidden = true;
  $('category-suggest-announce').textContent = '';
}

export { renderSuggest, resetSuggest, scheduleSuggest, suggestedCode, takeSuggestion };
