/*
 * Hartslag resident page: The form itself: the description counter, checks before sending, errors (summary and per field,
 * from the browser or from a problem+json answer) and the status line.
 */
import { t } from './i18n.js';
import { $, MAX_DESCRIPTION, MIN_DESCRIPTION, els, reveal, state } from './common.js';
import { selectedCategory } from './categories.js';

/* ---------- description counter ---------- */

function updateCount() {
  var length = els.description.value.length;
  els.count.textContent = t('description.count', { count: length, max: MAX_DESCRIPTION });
}

/* ---------- errors ---------- */

var PLACE_FIELDS = { 'location': true, 'location.lat': true, 'location.lon': true, 'lat': true, 'lon': true };

function errorElementId(field) {
  if (PLACE_FIELDS[field]) {
    return 'error-location';
  }
  if (/^photo(\[\d+\])?$/.test(String(field))) {
    return 'error-photo'; // "photo[1]" is the second photo: one message place for all
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
    case 'lat':
    case 'lon':
      return [els.address];
    case 'contact':
      return [$('contact-phone'), $('contact-email')];
    case 'home':
      return [$('home')];
    case 'occurredAt':
      return [els.occurredAt];
    case 'contact.name':
      return [$('contact-name')];
    case 'contact.phone':
      return [$('contact-phone')];
    case 'contact.email':
      return [$('contact-email')];
    default:
      return /^photo(\[\d+\])?$/.test(String(field)) ? [$('photo')] : [];
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
    if (el) {
      reveal(el); // an error in a folded part opens it
    }
    inputsFor(error.field).forEach(function (input) {
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        reveal(input);
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
  // While the review is shown, sending happens there: the line under "Versturen" speaks.
  var target = state.reviewing ? $('review-status') : els.formStatus;
  var other = state.reviewing ? els.formStatus : $('review-status');
  other.textContent = '';
  other.className = 'form-status';
  target.textContent = s ? t(s.key) : '';
  target.className = 'form-status' + (s && s.kind ? ' ' + s.kind : '');
}

export { clearErrors, hasError, message, problemErrors, renderErrors, renderStatus, setStatus, showErrors, updateCount, validate };
