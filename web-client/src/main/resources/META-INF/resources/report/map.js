/*
 * Hartslag resident page: the map of "Waar is het?" (Leaflet from the webjar, as the staff map). An extra on top of the
 * search box, never a blocker: Leaflet is loaded after the form works, and without it (no script, an old phone, a
 * failed load) the map stays hidden and the search and "Gebruik mijn locatie" still do everything.
 * Tiles as configured (GET /api/v1/map/config); when they cannot load, the gazetteer's streets and places
 * (GET /api/v1/map/outline) are drawn instead, as on the staff map. The outline also gives a chosen street or
 * place a point, so a search moves the pin even when the suggestion has no coordinates.
 */
import { t } from './i18n.js';
import { els, headers } from './common.js';

var LEAFLET = '/webjars/leaflet/1.9.4/dist/leaflet.js';
var DEFAULT_CENTER = { lat: 50.9065, lon: 5.964 };

// map: the Leaflet map; pin: its marker; outline: the GeoJSON (also for lookups); onPin: called with {lat, lon}
var view = { map: null, pin: null, outline: null, outlineDrawn: false, onPin: null, ready: null };

function fetchJson(url) {
  return fetch(url, { headers: headers() }).then(function (response) {
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    return response.json();
  });
}

function loadLeaflet() {
  if (window.L) {
    return Promise.resolve(window.L);
  }
  return new Promise(function (resolve, reject) {
    var script = document.createElement('script');
    script.src = LEAFLET;
    script.onload = function () {
      if (window.L) {
        resolve(window.L);
      } else {
        reject(new Error('no Leaflet'));
      }
    };
    script.onerror = reject;
    document.head.appendChild(script);
  });
}

/** Starts the map once; resolves when it is shown (or never shown: the page works without it). */
function startMap(onPin) {
  view.onPin = onPin;
  if (view.ready) {
    return view.ready;
  }
  var outline = fetchJson('/api/v1/map/outline').then(function (data) {
    view.outline = data;
    return data;
  }).catch(function () {
    return null;
  });
  view.ready = Promise.all([loadLeaflet(), fetchJson('/api/v1/map/config').catch(function () {
    return {};
  }), outline]).then(function (loaded) {
    draw(loaded[0], loaded[1] || {});
  }).catch(function () {
    els.map.hidden = true; // no map: the search box and the device location remain
  });
  return view.ready;
}

function draw(L, config) {
  var box = els.map;
  box.hidden = false;
  var center = config.center || DEFAULT_CENTER;
  var map = L.map(box, { zoomControl: false, center: [center.lat, center.lon], zoom: 15, tap: true });
  view.map = map;
  L.control.zoom({ zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }).addTo(map);
  // Start where residents are: around the named places (playgrounds, squares), else the whole service area.
  var bounds = landmarkBounds() || toBounds(config.bounds);
  if (bounds) {
    map.fitBounds(bounds, { animate: false, padding: [12, 12] });
  }
  // The map is one named region; its keyboard use is in its name (Leaflet pans with the arrows).
  box.setAttribute('role', 'region');
  labelMap();
  if (config.tileUrl) {
    var tiles = L.tileLayer(config.tileUrl, { attribution: config.attribution || '', maxZoom: 19 }).addTo(map);
    // A tile server out of reach (a closed network, an outage): the outline takes over, once.
    tiles.once('tileerror', function () {
      drawOutline(L);
    });
  } else {
    drawOutline(L);
  }
  map.on('click', function (event) {
    pinned(event.latlng);
  });
  box.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && event.target === box) {
      event.preventDefault();
      pinned(map.getCenter());
    }
  });
}

function labelMap() {
  if (els.map && view.map) {
    els.map.setAttribute('aria-label', t('map.label'));
    var zoomIn = els.map.querySelector('.leaflet-control-zoom-in');
    var zoomOut = els.map.querySelector('.leaflet-control-zoom-out');
    if (zoomIn) {
      zoomIn.setAttribute('aria-label', t('map.zoomIn'));
      zoomIn.title = t('map.zoomIn');
    }
    if (zoomOut) {
      zoomOut.setAttribute('aria-label', t('map.zoomOut'));
      zoomOut.title = t('map.zoomOut');
    }
  }
}

function drawOutline(L) {
  if (view.outlineDrawn || !view.outline) {
    return;
  }
  view.outlineDrawn = true;
  // Plain lines and dots, not interactive: a tap anywhere is a tap on the map (a pin), never on a street.
  L.geoJSON(view.outline, {
    interactive: false,
    style: function () {
      return { color: '#6b6b6b', weight: 3, opacity: 0.9, interactive: false };
    },
    pointToLayer: function (feature, latlng) {
      return L.circleMarker(latlng, { radius: 4, color: '#4b4b4b', weight: 1, fillOpacity: 1, fillColor: '#ffffff',
        interactive: false });
    }
  }).addTo(view.map);
  els.map.classList.add('outline');
}

function landmarkBounds() {
  var points = ((view.outline && view.outline.features) || []).filter(function (f) {
    return f.geometry && f.geometry.type === 'Point' && (f.properties || {}).kind === 'place';
  }).map(function (f) {
    return [f.geometry.coordinates[1], f.geometry.coordinates[0]];
  });
  return points.length >= 2 ? window.L.latLngBounds(points) : null;
}

function toBounds(b) {
  if (!b) {
    return null;
  }
  if (Array.isArray(b) && b.length === 2) {
    return b;
  }
  if (b.south !== undefined) {
    return [[b.south, b.west], [b.north, b.east]];
  }
  return null;
}

function pinned(latlng) {
  showPin(latlng.lat, latlng.lng, false);
  if (view.onPin) {
    view.onPin({ lat: latlng.lat, lon: latlng.lng });
  }
}

var PIN_SVG = '<svg viewBox="0 0 32 40" width="32" height="40" aria-hidden="true" focusable="false">' +
  '<path d="M16 39s13-13.6 13-23A13 13 0 0 0 3 16c0 9.4 13 23 13 23z" fill="#b10e1e" stroke="#ffffff" stroke-width="2"/>' +
  '<circle cx="16" cy="16" r="5" fill="#ffffff"/></svg>';

/** Puts (or moves) the pin; centres the map on it when asked (a search, the device location). */
function showPin(lat, lon, centre) {
  if (!view.map) {
    return;
  }
  var L = window.L;
  if (!view.pin) {
    // Not in the tab order and hidden from screen readers: the label under the map says where it is,
    // and the search box moves it for those who cannot drag.
    view.pin = L.marker([lat, lon], {
      icon: L.divIcon({ className: 'place-pin', html: PIN_SVG, iconSize: [32, 40], iconAnchor: [16, 39] }),
      draggable: true, keyboard: false, autoPan: true
    }).addTo(view.map);
    view.pin.getElement().setAttribute('aria-hidden', 'true');
    view.pin.on('dragend', function () {
      pinned(view.pin.getLatLng());
    });
  } else {
    view.pin.setLatLng([lat, lon]);
  }
  if (centre) {
    view.map.setView([lat, lon], Math.max(view.map.getZoom(), 17), { animate: false });
  }
}

function clearPin() {
  if (view.pin && view.map) {
    view.map.removeLayer(view.pin);
  }
  view.pin = null;
}

/** A point for a chosen street or named place, from the outline: the place's dot, or the middle of the street. */
function pointFor(name) {
  var features = (view.outline && view.outline.features) || [];
  var key = String(name || '').toLowerCase();
  var found = null;
  features.forEach(function (f) {
    var props = f.properties || {};
    if (found || String(props.name || '').toLowerCase() !== key || !f.geometry) {
      return;
    }
    var c = f.geometry.coordinates;
    if (f.geometry.type === 'Point') {
      found = { lat: c[1], lon: c[0] };
    } else if (f.geometry.type === 'LineString' && c.length) {
      var mid = c[Math.floor(c.length / 2)];
      found = { lat: mid[1], lon: mid[0] };
    }
  });
  return found;
}

export { clearPin, labelMap, pointFor, showPin, startMap };
