// The login form posts the CSRF token that Spring Security keeps in the XSRF-TOKEN cookie.
(function () {
  'use strict';
  function csrf() {
    var m = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : '';
  }
  var form = document.getElementById('login-form');
  document.getElementById('csrf').value = csrf();
  form.addEventListener('submit', function () { document.getElementById('csrf').value = csrf(); });
  var params = new URLSearchParams(location.search);
  var message = document.getElementById('login-message');
  if (params.has('error')) {
    message.textContent = 'De gebruikersnaam of het wachtwoord klopt niet. Probeer het opnieuw.';
    message.hidden = false;
  } else if (params.has('logout')) {
    message.textContent = 'U bent uitgelogd.';
    message.hidden = false;
  }
}());
