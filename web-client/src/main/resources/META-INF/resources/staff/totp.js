// Switching two-step verification (TOTP) on and off for one's own account. When coordinators must
// have it, a coordinator lands here right after the password and can go on once it is confirmed.
(function () {
  'use strict';
  var message = document.getElementById('message');
  function show(text) { message.textContent = text; }
  function load() {
    Staff.get('/api/v1/staff/me/totp').then(function (state) {
      document.getElementById('required').hidden = !state.required || state.enabled;
      document.getElementById('on').hidden = !state.enabled;
      document.getElementById('off').hidden = state.enabled;
      var offForm = document.getElementById('off-form');
      offForm.hidden = state.required;
    }).catch(function (e) { show(e.message); });
  }
  document.getElementById('start').addEventListener('click', function () {
    Staff.send('POST', '/api/v1/staff/me/totp').then(function (enrolment) {
      document.getElementById('secret').textContent = enrolment.secret.replace(/(.{4})/g, '$1 ').trim();
      var uri = document.getElementById('uri');
      uri.href = enrolment.uri;
      uri.textContent = 'otpauth-link voor uw app';
      document.getElementById('enrol').hidden = false;
      document.getElementById('confirm-code').focus();
    }).catch(function (e) { show(e.message); });
  });
  document.getElementById('confirm-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var code = document.getElementById('confirm-code').value;
    Staff.send('POST', '/api/v1/staff/me/totp/confirm', { code: code }).then(function () {
      if (enrolling) {
        // The login was waiting for this: now it has its roles, go on to the staff pages.
        location.href = '/staff/';
        return;
      }
      document.getElementById('enrol').hidden = true;
      show('Tweestapsverificatie staat aan. Uw andere sessies zijn beëindigd.');
      load();
    }).catch(function (e) { show(e.message); });
  });
  document.getElementById('off-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var code = document.getElementById('off-code').value;
    Staff.send('POST', '/api/v1/staff/me/totp/off', { code: code }).then(function () {
      show('Tweestapsverificatie staat uit.');
      load();
    }).catch(function (e) { show(e.message); });
  });
  // Right after a password login that must enrol first, the login has no role yet, only this stage.
  var enrolling = false;
  Staff.start(function (me) {
    enrolling = me.roles.indexOf('LOGIN_ENROLMENT_NEEDED') >= 0;
    load();
  });
}());
