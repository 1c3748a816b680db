/*
 * Hartslag resident page: Sending: POST /api/v1/reports with an Idempotency-Key kept for retries after a network or server
 * failure (JSON, or multipart/form-data with a "report" JSON part and "photo" parts when there are photos), and the
 * confirmation with the reference, our numbers and, for a worry about a household, the Veilig Thuis advice.
 */
import { I } from './i18n.js';
import { $, SEND_TIMEOUT_MS, els, headers, newIdempotencyKey, readJson, state, withOffset } from './common.js';
import { selectedCategory } from './categories.js';
import { clearLocation, closeList, setLocationMessage } from './place.js';
import { clearErrors, problemErrors, setStatus, showErrors, updateCount, validate } from './form.js';
import { hideKnown, known } from './known.js';
import { resetPhotos } from './photos.js';
import { closeReview } from './review.js';
import { renderCategoryAdvice, renderConfirmationAdvice } from './service.js';
import { resetSuggest } from './suggest.js';

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
  var home = $('home').value.trim().replace(/\s+/g, ' ');
  if (home) {
    body.home = home;
  }
  return body;
}

/** JSON without photos (as always); with photos multipart/form-data: the same JSON as the "report" part. */
function requestBody(body) {
  if (!state.photos.length || typeof FormData !== 'function' || typeof Blob !== 'function') {
    return { body: JSON.stringify(body), type: 'application/json' };
  }
  var form = new FormData();
  form.append('report', new Blob([JSON.stringify(body)], { type: 'application/json' }));
  state.photos.forEach(function (photo) {
    form.append('photo', photo.blob, photo.name);
  });
  return { body: form, type: null }; // the browser writes the multipart boundary itself
}

function setSending(sending) {
  state.sending = sending;
  if (sending) {
    els.submit.setAttribute('aria-disabled', 'true');
    els.toReview.setAttribute('aria-disabled', 'true');
    els.form.setAttribute('aria-busy', 'true');
  } else {
    els.submit.removeAttribute('aria-disabled');
    els.toReview.removeAttribute('aria-disabled');
    els.form.removeAttribute('aria-busy');
  }
}

/** "Versturen" on the review step. */
function onSubmit(event) {
  if (event) {
    event.preventDefault();
  }
  if (state.sending) {
    return;
  }
  closeList();
  setStatus(null);
  var errors = validate();
  if (errors.length) {
    closeReview();
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
  var request = requestBody(body);
  var sentCategory = body.category;

  setSending(true);
  setStatus('submitting', 'busy');

  var controller = typeof AbortController === 'function' ? new AbortController() : null;
  var timer = controller ? setTimeout(function () {
    controller.abort();
  }, SEND_TIMEOUT_MS) : null;

  var sendHeaders = { 'Idempotency-Key': key };
  if (request.type) {
    sendHeaders['Content-Type'] = request.type;
  }
  fetch('/api/v1/reports', {
    method: 'POST',
    headers: headers(sendHeaders),
    body: request.body,
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
        showConfirmation(result.data, false, sentCategory);
      } else if (result.status === 409 || result.status === 429) {
        setStatus('error.busy', 'bad'); // keep the key: the first attempt may still be running
      } else if (result.status >= 500 || result.ok) {
        setStatus('error.server', 'bad'); // keep the key for the retry
      } else if (result.status === 413) {
        state.idempotencyKey = null;
        setStatus(null);
        closeReview();
        showErrors([{ field: state.photos.length ? 'photo' : 'description',
          key: state.photos.length ? 'photo.tooBig' : 'description.tooLong' }]);
      } else {
        // The server looked at the report and refused it: the next try is a new submission.
        state.idempotencyKey = null;
        setStatus(null);
        closeReview();
        showErrors(problemErrors(result.data));
      }
    })
    .catch(function () {
      clearTimeout(timer);
      setSending(false);
      setStatus('error.network', 'bad'); // keep the key for the retry
    });
}

/* ---------- confirmation ---------- */

function showConfirmation(data, joined, category) {
  var reference = String(data.reference);
  $('confirmation-joined').hidden = !joined;
  renderConfirmationAdvice(category === undefined ? null : category);
  els.reference.textContent = reference;
  var link = '/m/' + encodeURIComponent(reference);
  if (data.trackingToken) {
    link += '?t=' + encodeURIComponent(data.trackingToken);
  }
  els.statusLink.setAttribute('href', link);
  state.reviewing = false;
  els.formView.hidden = true;
  els.confirmation.hidden = false;
  window.scrollTo(0, 0);
  els.confirmationTitle.focus();
}

function newReport() {
  els.form.reset();
  closeReview();
  clearLocation();
  state.idempotencyKey = null;
  setLocationMessage(null);
  resetPhotos();
  resetSuggest();
  renderCategoryAdvice(null);
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

export { buildBody, newReport, onSubmit, setSending, showConfirmation };
