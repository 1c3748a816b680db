/*
 * Hartslag resident page: Entry point of the resident page (index.html loads it as <script type="module">): finds the
 * elements, wires the events and re-renders texts when the language changes.
 */
import { I } from './i18n.js';
import { $, els, localNow, state } from './common.js';
import { loadCategories } from './categories.js';
import { choose, clearLocation, closeList, onAddressInput, onAddressKeydown, renderLocationMessage, suggest, useLocation } from './place.js';
import { renderErrors, renderStatus, updateCount } from './form.js';
import { newReport, onSubmit } from './submit.js';
import { known, renderKnown, scheduleKnown, support } from './known.js';

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
