/*
 * Hartslag resident page: the review step ("Controleer uw melding"): everything at a glance before sending, each part
 * with a "Wijzigen" link back to its field. The form is hidden meanwhile and keeps what was typed.
 */
import { t } from './i18n.js';
import { $, els, reveal, state } from './common.js';
import { categoryLabel, selectedCategory } from './categories.js';
import { placeText } from './place.js';
import { clearErrors, setStatus, showErrors, validate } from './form.js';

function field(list, key, value, target) {
  var dt = document.createElement('dt');
  dt.textContent = t(key);
  var dd = document.createElement('dd');
  var text = document.createElement('span');
  text.className = 'review-value';
  text.textContent = value;
  dd.appendChild(text);
  var a = document.createElement('a');
  a.href = '#' + target;
  a.className = 'review-change';
  a.setAttribute('data-target', target);
  a.appendChild(document.createTextNode(t('review.change')));
  var what = document.createElement('span');
  what.className = 'visually-hidden';
  what.textContent = ': ' + t(key);
  a.appendChild(what);
  dd.appendChild(a);
  list.appendChild(dt);
  list.appendChild(dd);
}

function when() {
  var value = els.occurredAt.value;
  if (!value) {
    return t('review.now');
  }
  var date = new Date(value);
  if (isNaN(date.getTime())) {
    return value;
  }
  try {
    return date.toLocaleString(window.HartslagI18n.locale(), { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
  } catch (e) {
    return value;
  }
}

function renderReview() {
  var list = $('review-list');
  list.textContent = '';
  var code = selectedCategory();
  field(list, 'review.category', code ? categoryLabel(code) : t('review.none'), 'category-legend');
  var place = placeText() || els.address.value.trim();
  field(list, 'review.place', place || t('review.none'), 'address');
  field(list, 'review.description', els.description.value.trim(), 'description');
  field(list, 'review.photos', String(state.photos.length), 'photo');
  field(list, 'review.when', when(), 'occurred-at');
  var contact = $('contact-phone').value.trim() || $('contact-email').value.trim();
  field(list, 'review.contact', t(contact ? 'review.yes' : 'review.no'), 'contact-phone');
  var home = $('home').value.trim();
  field(list, 'review.home', home || t('review.none'), 'home');
}

/** "Controleren": checks what the browser can check, then shows the summary instead of the form. */
function openReview(event) {
  if (event) {
    event.preventDefault();
  }
  if (state.sending) {
    return;
  }
  setStatus(null);
  var errors = validate();
  if (errors.length) {
    showErrors(errors);
    return;
  }
  clearErrors();
  state.reviewing = true;
  renderReview();
  els.form.hidden = true;
  $('review-status').textContent = '';
  els.review.hidden = false;
  $('review-title').focus();
  if (window.scrollTo) {
    window.scrollTo(0, 0);
  }
}

/** Back to the form, optionally to one field ("Wijzigen"). */
function closeReview(targetId) {
  state.reviewing = false;
  els.review.hidden = true;
  els.form.hidden = false;
  if (targetId === undefined) {
    return;
  }
  var target = targetId === 'category-legend'
    ? (els.form.querySelector('input[name="category"]:checked') || els.form.querySelector('input[name="category"]'))
    : $(targetId || 'description');
  if (target) {
    reveal(target);
    var scrollTo = target.closest('fieldset, .field') || target;
    if (scrollTo.scrollIntoView) {
      scrollTo.scrollIntoView({ block: 'start' });
    }
    target.focus({ preventScroll: true });
  }
}

function onReviewClick(event) {
  var change = event.target.closest('a[data-target]');
  if (change) {
    event.preventDefault();
    closeReview(change.getAttribute('data-target'));
  }
}

export { closeReview, onReviewClick, openReview, renderReview };
