/*
 * Hartslag resident page: up to 3 photos from the camera or the gallery. A photo the browser can decode is shrunk with a
 * canvas to at most 1600 px (JPEG) before it is sent: less data on a cheap plan, and a canvas keeps no EXIF (the server
 * strips metadata anyway). One it cannot decode (HEIC in most browsers) goes as it is, within the server's 10 MB.
 * Previews are data: URLs (the page's CSP allows img-src data:, not blob:).
 */
import { t } from './i18n.js';
import { $, state } from './common.js';

var MAX_PHOTOS = 3;
var MAX_SIDE = 1600;
var THUMB_SIDE = 160;
var MAX_BYTES = 10 * 1024 * 1024;
var QUALITY = 0.85;

function decode(file) {
  if (typeof createImageBitmap === 'function') {
    return createImageBitmap(file, { imageOrientation: 'from-image' }).catch(function () {
      return createImageBitmap(file);
    });
  }
  return Promise.reject(new Error('no decoder'));
}

function drawn(image, side) {
  var scale = Math.min(1, side / Math.max(image.width, image.height));
  var canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(image.width * scale));
  canvas.height = Math.max(1, Math.round(image.height * scale));
  canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas;
}

function toJpeg(canvas) {
  return new Promise(function (resolve) {
    if (!canvas.toBlob) {
      resolve(null);
      return;
    }
    canvas.toBlob(function (blob) {
      resolve(blob);
    }, 'image/jpeg', QUALITY);
  });
}

/** {blob, name, preview} for one file, or {error} when it cannot be sent. */
function prepare(file, n) {
  var isImage = /^image\//.test(file.type || '') || /\.(jpe?g|png|heic|heif)$/i.test(file.name || '');
  if (!isImage) {
    return Promise.resolve({ error: 'photo.notImage' });
  }
  return decode(file).then(function (image) {
    var big = drawn(image, MAX_SIDE);
    var preview = drawn(image, THUMB_SIDE).toDataURL('image/jpeg', 0.7);
    if (image.close) {
      image.close();
    }
    return toJpeg(big).then(function (blob) {
      // Keep the original when shrinking would not help (a small PNG, an old browser without toBlob).
      var use = blob && blob.size < file.size ? blob : file;
      return { blob: use, name: use === file ? (file.name || 'foto-' + n + '.jpg') : 'foto-' + n + '.jpg', preview: preview,
        size: use === file ? null : big.width + 'x' + big.height };
    });
  }).catch(function () {
    if (file.size > MAX_BYTES) {
      return { error: 'photo.tooBig' };
    }
    return { blob: file, name: file.name || 'foto-' + n, preview: null };
  });
}

function setPhotoError(key) {
  var el = $('error-photo');
  el.textContent = key ? t(key) : '';
  el.hidden = !key;
}

function onPhotosChosen(event) {
  var input = event.target;
  var files = Array.prototype.slice.call(input.files || []);
  input.value = ''; // the same photo can be chosen again after removing it
  if (!files.length) {
    return Promise.resolve();
  }
  var room = MAX_PHOTOS - state.photos.length;
  setPhotoError(files.length > room ? 'photo.tooMany' : null);
  var chain = Promise.resolve();
  files.slice(0, Math.max(0, room)).forEach(function (file) {
    chain = chain.then(function () {
      return prepare(file, state.photos.length + 1).then(function (photo) {
        if (photo.error) {
          setPhotoError(photo.error);
          return;
        }
        if (state.photos.length < MAX_PHOTOS) {
          state.photos.push(photo);
        }
      });
    });
  });
  return chain.then(function () {
    renderPhotos();
    $('photo-announce').textContent = t('photo.added', { count: state.photos.length });
  });
}

function renderPhotos() {
  var list = $('photo-list');
  list.textContent = '';
  state.photos.forEach(function (photo, i) {
    var li = document.createElement('li');
    li.className = 'photo-item';
    if (photo.size) {
      li.setAttribute('data-sent-size', photo.size); // what goes over the wire, e.g. "1600x1200"
    }
    if (photo.preview) {
      var img = document.createElement('img');
      img.src = photo.preview;
      img.alt = t('photo.alt', { n: i + 1 });
      img.width = 72;
      img.height = 72;
      li.appendChild(img);
    } else {
      var name = document.createElement('span');
      name.className = 'photo-name';
      name.textContent = t('photo.alt', { n: i + 1 });
      li.appendChild(name);
    }
    var remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'button-link photo-remove';
    remove.setAttribute('data-photo', String(i));
    remove.textContent = t('photo.remove', { n: i + 1 });
    li.appendChild(remove);
    list.appendChild(li);
  });
  $('photo').disabled = state.photos.length >= MAX_PHOTOS;
}

function onPhotoListClick(event) {
  var button = event.target.closest('button[data-photo]');
  if (!button) {
    return;
  }
  state.photos.splice(+button.getAttribute('data-photo'), 1);
  setPhotoError(null);
  renderPhotos();
  $('photo-announce').textContent = t('photo.removed', { count: state.photos.length });
  var next = $('photo-list').querySelector('button[data-photo]');
  (next || $('photo')).focus();
}

function resetPhotos() {
  state.photos = [];
  setPhotoError(null);
  renderPhotos();
}

export { onPhotoListClick, onPhotosChosen, renderPhotos, resetPhotos };
