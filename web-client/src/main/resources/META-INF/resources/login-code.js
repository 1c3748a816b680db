// The code step of a login (two-step verification): posts the CSRF token from the XSRF-TOKEN cookie.
(function () {
  'use strict';
  function csrf() {
    var m = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : '';
  }
  var form = document.getElementById('code-form');
  document.getElementById('csrf').value = csrf();
  form.addEventListener('submit', function () { document.getElementById('csrf').value = csrf(); });
  if (new URLSearchParams(location.search).has('error')) {
    var message = document.getElementById('code-message');
    message.textContent = 'Deze code klopt niet of is al gebruikt. Wacht op de volgende code in uw app en probeer het opnieuw.';
    message.hidden = false;
    document.getElementById('code').setAttribute('aria-invalid', 'true');
    document.getElementById('code').setAttribute('aria-describedby', 'code-message');
  }
}());
