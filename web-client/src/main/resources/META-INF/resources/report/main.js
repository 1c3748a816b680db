/*
 * Hartslag resident page: Entry point of the resident page (index.html loads it as <script type="module">): finds the
 * elements, wires the events and re-renders texts when the language changes. The order on the page: what (category),
 * where (search, map, location), is it known already, what happens (text, suggested category), photos, when, contact,
 * home, then the review step and sending.
 */
import { texts } from './texts.js';
import { I } from './i18n.js';
import { $, els, localNow, state } from './common.js';
import { loadCategories, renderMore, toggleMore } from './categories.js';
import { closeList, initPlace, renderLocationMessage } from './place.js';
import { labelMap } from './map.js';
import { renderErrors, renderStatus, updateCount } from './form.js';
import { newReport, onSubmit } from './submit.js';
import { known, renderKnown, scheduleKnown, support } from './known.js';
import { onPhotoListClick, onPhotosChosen, renderPhotos } from './photos.js';
import { closeReview, onReviewClick, openReview, renderReview } from './review.js';
import { loadService, renderCategoryAdvice, renderConfirmationAdvice } from './service.js';
import { renderSuggest, scheduleSuggest, takeSuggestion } from './suggest.js';

/* ---------- language ---------- */

function onLanguageChange() {
  updateCount();
  renderLocationMessage();
  renderStatus();
  renderErrors();
  renderMore();
  renderPhotos();
  labelMap();
  closeList();
  if (known.items.length) {
    renderKnown(); // texts now; the server's category labels after the next answer
  }
  known.query = null;
  scheduleKnown();
  var reload = state.categories.length || !els.categoryFailed.hidden ? loadCategories() : Promise.resolve();
  reload.then(function () {
    renderSuggest();
    renderCategoryAdvice();
    if (state.reviewing) {
      renderReview();
    }
  });
  if (!els.confirmation.hidden) {
    renderConfirmationAdvice();
  }
}

/* ---------- start ---------- */

function init() {
  I.init();
  els.texts = texts;
  els.form = $('report-form');
  els.formView = $('form-view');
  els.tiles = $('category-tiles');
  els.moreTiles = $('category-more-tiles');
  els.more = $('category-more');
  els.categoryFailed = $('category-failed');
  els.description = $('description');
  els.count = $('description-count');
  els.useLocation = $('use-location');
  els.clearLocation = $('clear-location');
  els.locationStatus = $('location-status');
  els.placeLabel = $('place-label');
  els.map = $('place-map');
  els.address = $('address');
  els.listbox = $('address-listbox');
  els.announce = $('address-announce');
  els.occurredAt = $('occurred-at');
  els.summary = $('error-summary');
  els.summaryList = $('error-summary-list');
  els.formStatus = $('form-status');
  els.toReview = $('to-review');
  els.review = $('review');
  els.submit = $('submit');
  els.confirmation = $('confirmation');
  els.confirmationTitle = $('confirmation-title');
  els.reference = $('confirmation-reference');
  els.statusLink = $('status-link');

  els.form.addEventListener('submit', openReview);
  els.submit.addEventListener('click', onSubmit);
  els.review.addEventListener('click', onReviewClick);
  $('review-back').addEventListener('click', function () {
    closeReview('description');
  });
  els.description.addEventListener('input', updateCount);
  els.description.addEventListener('input', scheduleKnown);
  els.description.addEventListener('input', scheduleSuggest);
  els.form.addEventListener('change', function (event) {
    if (event.target && event.target.name === 'category') {
      scheduleKnown();
      renderSuggest();
      renderCategoryAdvice();
    }
  });
  els.more.addEventListener('click', toggleMore);
  $('category-suggest-take').addEventListener('click', takeSuggestion);
  $('known-problem-list').addEventListener('click', function (event) {
    var button = event.target.closest('button[data-cluster]');
    if (button) {
      support(button.getAttribute('data-cluster'), button);
    }
  });
  $('photo').addEventListener('change', onPhotosChosen);
  $('photo-list').addEventListener('click', onPhotoListClick);
  $('category-retry').addEventListener('click', loadCategories);
  $('new-report').addEventListener('click', newReport);

  var setMax = function () {
    els.occurredAt.max = localNow();
  };
  setMax();
  els.occurredAt.addEventListener('focus', setMax);

  document.addEventListener('hartslag:language', onLanguageChange);

  updateCount();
  initPlace();
  loadCategories().then(function () {
    renderCategoryAdvice();
  });
  loadService();
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', init);
} else {
  init();
}
