/*
 * The privacy statement (issue 15): fetched in the reader's language from GET /api/v1/privacy, which
 * builds it from the retention settings in force, and rendered as headings and paragraphs (text only,
 * never markup from the answer).
 */
(function () {
  'use strict';

  var I18n = window.HartslagI18n;

  function render(statement) {
    document.documentElement.lang = statement.language;
    document.getElementById('privacy-title').textContent = statement.title;
    document.getElementById('privacy-intro').textContent = statement.intro;
    var container = document.getElementById('privacy-sections');
    container.textContent = '';
    statement.sections.forEach(function (section) {
      var block = document.createElement('section');
      block.className = 'privacy-section';
      block.id = 'privacy-' + section.id;
      var heading = document.createElement('h2');
      heading.textContent = section.heading;
      block.appendChild(heading);
      section.paragraphs.forEach(function (text) {
        var p = document.createElement('p');
        p.textContent = text;
        block.appendChild(p);
      });
      container.appendChild(block);
    });
    var status = document.getElementById('privacy-status');
    status.hidden = true;
  }

  function load() {
    var status = document.getElementById('privacy-status');
    status.hidden = false;
    status.textContent = I18n.t('privacy.loading');
    fetch('/api/v1/privacy?lang=' + encodeURIComponent(I18n.language()), { headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(render)
      .catch(function () {
        status.hidden = false;
        status.className = 'form-status error';
        status.textContent = I18n.t('privacy.failed');
      });
  }

  function init() {
    I18n.init();
    document.addEventListener('hartslag:language', load);
    load();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
