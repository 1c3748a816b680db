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
  // Why the municipal login (OpenID Connect) was refused; ?error alone is a wrong password.
  var OIDC_ERRORS = {
    'oidc-no-role': 'Uw gemeente-account heeft geen rol in Hartslag. Vraag de beheerder van de gemeente-accounts'
      + ' om u toe te voegen aan de groep voor Hartslag, of log in met een Hartslag-account.',
    'oidc-disabled': 'Uw account in Hartslag is geblokkeerd. Neem contact op met een coördinator.',
    'oidc-username': 'Uw gemeente-account geeft geen bruikbare gebruikersnaam door. Neem contact op met de beheerder.',
    'oidc-username-taken': 'Er is al een Hartslag-account met uw gebruikersnaam. Log daarmee in of vraag een'
      + ' coördinator om de accounts te koppelen.',
    'oidc-unavailable': 'Het inlogsysteem van de gemeente is nu niet bereikbaar. Probeer het later opnieuw of log in'
      + ' met een Hartslag-account.',
    'oidc': 'Inloggen met uw gemeente-account is niet gelukt. Probeer het opnieuw of log in met een Hartslag-account.'
  };
  if (params.has('error')) {
    message.textContent = OIDC_ERRORS[params.get('error')]
      || 'De gebruikersnaam of het wachtwoord klopt niet. Probeer het opnieuw.';
    message.hidden = false;
  } else if (params.has('logout')) {
    message.textContent = 'U bent uitgelogd.';
    message.hidden = false;
  }
  // The municipal login is offered only when it is configured.
  fetch('/login/options', { headers: { Accept: 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : {}; })
    .then(function (options) {
      if (options.oidc) {
        document.getElementById('oidc-link').href = options.oidc;
        document.getElementById('oidc-login').hidden = false;
      }
    })
    .catch(function () { /* no municipal login offered */ });
}());
