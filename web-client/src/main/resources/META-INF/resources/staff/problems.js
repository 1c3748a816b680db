// "Problemen": the coordinator's first screen. Every live cluster on a map (a dot per problem, sized by
// households, coloured by kind) and in a list beside it, with filters, search, sort and server-side paging.
// Live: the clusters stream (Server-Sent Events) reloads the page's slice of the list when something
// changes and counts new reports in a polite status line; nothing has to be reloaded by hand.
(function () {
  'use strict';
  var el = Staff.el;
  var t = Staff.t;
  var SIZE = 50;
  // Colours for kinds: each at least 3:1 against white and the map's light background (WCAG 1.4.11),
  // and told apart by their name in the legend and list too, never by colour alone.
  var PALETTE = ['#b10e1e', '#005ea5', '#00703c', '#6f3c96', '#a35200', '#00727a', '#8a1a6a', '#4b4b4b',
    '#7a5c00', '#1d3f8f', '#3c5a14', '#2f4f4f'];
  var kinds = [];          // [{code, label}] in the catalogue's order
  var page = 0;
  var total = 0;
  var changed = {};        // cluster ids the stream touched since they were last shown
  var newReports = 0;
  var map = null;
  var markers = null;
  var neighbourhoods = {};
  var refit = true;

  function say(text) { document.getElementById('message').textContent = text; }

  function colour(code) {
    var i = kinds.map(function (k) { return k.code; }).indexOf(code);
    return PALETTE[(i < 0 ? kinds.length : i) % PALETTE.length];
  }

  function query() {
    var params = new URLSearchParams();
    params.set('page', page);
    params.set('size', SIZE);
    params.set('sort', value('sort'));
    params.set('dir', value('dir'));
    [['q', 'q'], ['kind', 'f-kind'], ['status', 'f-status'], ['instrument', 'f-instrument'],
      ['neighbourhood', 'f-neighbourhood']].forEach(function (p) {
      var v = value(p[1]).trim();
      if (v) { params.set(p[0], v); }
    });
    return params.toString();
  }

  function value(id) { return document.getElementById(id).value; }

  var asked = 0; // only the newest answer is shown when a filter change and a live event cross
  function load() {
    var mine = ++asked;
    return Staff.get('/api/v1/staff/clusters?' + query()).then(function (answer) {
      if (mine !== asked) { return; }
      // The older API answered a plain array; the paged one an object with items and a total.
      var items = Array.isArray(answer) ? answer : answer.items;
      total = Array.isArray(answer) ? items.length : answer.total;
      render(items);
    }).catch(function (e) { say(e.message); });
  }

  function placeName(c) {
    var p = c.place || {};
    if (p.name && p.street && p.name !== p.street) { return p.name + ' (' + p.street + ')'; }
    return p.name || p.street || c.street || t('place.unknown');
  }

  function kindLabel(c) { return (c.category && c.category.label) || (c.category && c.category.code) || ''; }

  function statusLabel(status, label) {
    if (label) { return label; }
    var key = 'cluster.status.' + status;
    var text = t(key);
    return text === key ? status : text;
  }

  function instrumentLabel(i) {
    if (!i) { return t('instrument.none'); }
    var label = i.label || t('instrument.' + i.type);
    var number = i.number === undefined || i.number === null ? ''
      : t(i.type === 'WORK_ORDER' ? 'desk.workOrder' : 'desk.case', { n: i.number });
    var state = i.state ? ' (' + (i.stateLabel || i.state) + ')' : '';
    return label + (number ? ' · ' + number : '') + state;
  }

  function counts(c) {
    var text = (c.reports === 1 ? t('desk.reportsOne') : t('desk.reportsMany', { n: c.reports })) + ' · ';
    if (!c.households) {
      return text + (c.anonymousReports ? t('desk.anonymousOnly', { n: c.anonymousReports }) : t('desk.householdsNone'));
    }
    text += c.households === 1 ? t('desk.householdsOne') : t('desk.householdsMany', { n: c.households });
    if (c.anonymousReports) { text += ' ' + t('desk.anonymous', { n: c.anonymousReports }); }
    return text;
  }

  function render(items) {
    var list = document.getElementById('problems-list');
    list.textContent = '';
    items.forEach(function (c) {
      if (c.place && c.place.neighbourhood) { neighbourhoods[c.place.neighbourhood] = true; }
      var li = el('li', { id: 'p-' + c.id, 'class': 'problem' + (changed[c.id] ? ' changed' : '') });
      var swatch = el('span', { 'class': 'swatch', 'aria-hidden': 'true' });
      swatch.style.background = colour(c.category && c.category.code);
      li.appendChild(swatch);
      var body = el('div', { 'class': 'problem-body' });
      var title = el('a', { href: '/staff/problem.html?id=' + encodeURIComponent(c.id) },
        kindLabel(c) + ' · ' + placeName(c));
      var h = el('h3');
      h.appendChild(title);
      body.appendChild(h);
      body.appendChild(el('p', { 'class': 'meta' }, counts(c)));
      body.appendChild(el('p', { 'class': 'meta' }, t('desk.last', { when: Staff.date(c.lastReportAt) }) + ' · '
        + t('desk.since', { when: Staff.date(c.firstReportAt) })));
      var tags = el('p', { 'class': 'tags' });
      tags.appendChild(el('span', { 'class': 'tag status-' + c.status }, statusLabel(c.status, c.statusLabel)));
      tags.appendChild(el('span', { 'class': 'tag' }, instrumentLabel(c.instrument)));
      if (changed[c.id]) { tags.appendChild(el('span', { 'class': 'tag tag-new' }, t('desk.updated'))); }
      body.appendChild(tags);
      li.appendChild(body);
      list.appendChild(li);
    });
    var pages = Math.max(1, Math.ceil(total / SIZE));
    say(total === 0 ? t('desk.none') : total === 1 ? t('desk.countOne')
      : t('desk.count', { n: total, page: page + 1, pages: pages }));
    pager(pages);
    drawMarkers(items);
    fillNeighbourhoods();
  }

  function pager(pages) {
    Staff.pager(page, pages, function (to) { page = to; load(); });
  }

  // ---- the map ----

  function startMap() {
    var box = document.getElementById('map');
    if (!window.L) {
      box.appendChild(el('p', { 'class': 'meta' }, t('desk.noMap')));
      return Promise.resolve();
    }
    return Staff.get('/api/v1/map/config').then(function (config) {
      var center = config.center || { lat: 50.905, lon: 5.955 };
      map = L.map(box, { zoomControl: false, center: [center.lat, center.lon], zoom: 15, preferCanvas: false });
      L.control.zoom({ zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }).addTo(map);
      var bounds = toBounds(config.bounds);
      // Without animation: Leaflet drops a second view change while a zoom animation runs, and the
      // zoom to the problems follows right after this one.
      if (bounds) { map.fitBounds(bounds, { animate: false }); }
      markers = L.layerGroup().addTo(map);
      if (config.tileUrl) {
        var tiles = L.tileLayer(config.tileUrl, { attribution: config.attribution || '', maxZoom: 19 }).addTo(map);
        // A tile server out of reach (a closed network, an outage): the outline takes over, once.
        tiles.once('tileerror', function () { drawOutline(box); });
        return null;
      }
      return drawOutline(box);
    }).catch(function (e) { box.appendChild(el('p', { 'class': 'meta' }, e.message)); });
  }

  // No tiles (offline, tests, a closed network): the gazetteer's streets and places as plain lines
  // and points, so the dots are never floating in nothing.
  function drawOutline(box) {
    return Staff.get('/api/v1/map/outline').then(function (outline) {
      L.geoJSON(outline, {
        style: function () { return { color: '#6b6b6b', weight: 3, opacity: 0.9 }; },
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, { radius: 3, color: '#4b4b4b', weight: 1, fillOpacity: 1, fillColor: '#ffffff' });
        },
        onEachFeature: function (feature, layer) {
          var props = feature.properties || {};
          if (props.neighbourhood) { neighbourhoods[props.neighbourhood] = true; }
          if (props.name) { layer.bindTooltip(props.name, { sticky: true }); }
        }
      }).addTo(map);
      markers.eachLayer(function (m) { m.bringToFront(); });
      fillNeighbourhoods();
      box.classList.add('outline');
    }).catch(function (e) { box.appendChild(el('p', { 'class': 'meta' }, e.message)); });
  }

  function toBounds(b) {
    if (!b) { return null; }
    if (Array.isArray(b) && b.length === 2) { return b; }
    if (b.south !== undefined) { return [[b.south, b.west], [b.north, b.east]]; }
    if (b.minLat !== undefined) { return [[b.minLat, b.minLon], [b.maxLat, b.maxLon]]; }
    return null;
  }

  function radius(households) { return 6 + 4 * Math.sqrt(Math.max(1, households || 0)); }

  function drawMarkers(items) {
    if (!map || !markers) { return; }
    markers.clearLayers();
    items.forEach(function (c) {
      var p = c.place || {};
      if (typeof p.lat !== 'number' || typeof p.lon !== 'number') { return; }
      var m = L.circleMarker([p.lat, p.lon], {
        radius: radius(c.households), color: '#1b1b1b', weight: changed[c.id] ? 4 : 2,
        fillColor: colour(c.category && c.category.code), fillOpacity: 0.75,
        className: 'cluster-marker cluster-' + c.id
      });
      var popup = el('div');
      popup.appendChild(el('a', { href: '/staff/problem.html?id=' + encodeURIComponent(c.id) }, kindLabel(c) + ' · '
        + placeName(c)));
      popup.appendChild(el('p', {}, counts(c)));
      m.bindPopup(popup);
      m.bindTooltip(kindLabel(c) + ' · ' + placeName(c));
      markers.addLayer(m);
    });
    // Zoom to where the problems are: on the first list and after a search, never on a live refresh
    // (the map must not jump under the coordinator's hands).
    var points = items.filter(function (c) { return c.place && typeof c.place.lat === 'number'; })
      .map(function (c) { return [c.place.lat, c.place.lon]; });
    if (refit && points.length) {
      refit = false;
      // After the browser has laid the page out (a phone's header and folded filters move the map).
      window.requestAnimationFrame(function () {
        map.invalidateSize(false);
        map.fitBounds(L.latLngBounds(points), { padding: [40, 40], maxZoom: 17, animate: false });
      });
    }
  }

  function legend() {
    var box = document.getElementById('legend');
    box.textContent = '';
    kinds.forEach(function (k) {
      var li = el('li');
      var s = el('span', { 'class': 'swatch', 'aria-hidden': 'true' });
      s.style.background = colour(k.code);
      li.appendChild(s);
      li.appendChild(document.createTextNode(k.label));
      box.appendChild(li);
    });
  }

  function fillNeighbourhoods() {
    var select = document.getElementById('f-neighbourhood');
    var have = Array.prototype.map.call(select.options, function (o) { return o.value; });
    Object.keys(neighbourhoods).sort().forEach(function (n) {
      if (have.indexOf(n) < 0) { select.appendChild(el('option', { value: n }, n)); }
    });
  }

  // ---- live ----

  var reload = Staff.debounce(function () { load(); }, 400);

  var newReportsIn = Staff.newReports();
  function onCluster(e) {
    var added = newReportsIn(e);
    if (added) {
      newReports = Math.max(0, newReports + added);
      showNew();
    }
    changed[e.clusterId] = true;
    reload();
  }

  function showNew() {
    var box = document.getElementById('new-count');
    box.textContent = newReports === 0 ? '' : newReports === 1 ? t('desk.newOne') : t('desk.newMany', { n: newReports });
    box.classList.toggle('active', newReports > 0);
    document.getElementById('new-seen').hidden = newReports === 0;
  }

  var lastState = 'connecting';
  function liveState(state) {
    lastState = state;
    document.getElementById('live-state').textContent = t('live.' + state);
  }

  // ---- start ----

  document.getElementById('filters').addEventListener('submit', function (ev) {
    ev.preventDefault();
    page = 0;
    refit = true;
    load();
  });
  ['f-kind', 'f-status', 'f-instrument', 'f-neighbourhood', 'sort', 'dir'].forEach(function (id) {
    document.getElementById(id).addEventListener('change', function () {
      page = 0;
      refit = id.indexOf('f-') === 0;
      load();
    });
  });
  // The filters fold away on a phone (the map and list come first) and stand open on a desk.
  if (window.matchMedia && window.matchMedia('(min-width: 64rem)').matches) {
    document.getElementById('more-filters').open = true;
  }
  document.getElementById('new-seen').addEventListener('click', function () {
    newReports = 0;
    changed = {};
    showNew();
    load();
    document.getElementById('problems-list').focus();
  });
  document.addEventListener('hartslag:language', function () {
    liveState(lastState);
    showNew();
    legend();
    load();
  });

  Staff.start(function (me) {
    if (me.roles.indexOf('COORDINATOR') < 0) { location.replace('/staff/'); return; }
    Staff.get('/api/v1/categories').then(function (list) {
      kinds = list.map(function (c) { return { code: c.code, label: c.label }; });
      var select = document.getElementById('f-kind');
      kinds.forEach(function (k) { select.appendChild(el('option', { value: k.code }, k.label)); });
    }).catch(function () { /* the list still works without the kind filter */ })
      .then(function () {
        legend();
        return startMap();
      })
      .then(load)
      .then(function () {
        Staff.stream('/api/v1/staff/clusters/stream', 'cluster', onCluster, liveState, function () { load(); });
      });
  });
}());
