/*
 * Hartslag: texts in Dutch (default, plain B1 language) and English, and the language switch.
 *
 * Markup uses data-i18n="key" (sets the text) and data-i18n-attr="attr:key;attr:key" (sets
 * attributes). The chosen language is remembered in localStorage. Pages listen for the
 * "hartslag:language" event on document to re-render texts they build themselves.
 */
(function () {
  'use strict';

  var STORAGE_KEY = 'hartslag.language';
  var SUPPORTED = ['nl', 'en'];

  var STRINGS = {
    nl: {
      'skip': 'Naar de inhoud',
      'brand.sub': 'Passart',
      'lang.switch': 'English',
      'emergency.lead': 'Bij spoed of gevaar: bel',
      'footer.privacy': 'Privacy: wat we bewaren en waarom',
      'title.privacy': 'Privacy – Hartslag Passart',
      'privacy.loading': 'De privacyverklaring wordt geladen…',
      'privacy.failed': 'De privacyverklaring kon niet worden geladen. Probeer het later opnieuw.',
      'privacy.back': 'Naar het meldformulier',

      'title.report': 'Overlast melden – Hartslag Passart',
      'form.title': 'Overlast melden',
      'form.intro': 'Last van iets in de buurt? Vertel het ons. Het kost een paar minuten.',
      'errors.title': 'Er is iets niet goed ingevuld',
      'errors.intro': 'Pas dit aan en verstuur de melding opnieuw:',

      'category.legend': 'Waar gaat uw melding over?',
      'category.hint': 'Kies wat het beste past.',
      'category.loading': 'De onderwerpen worden geladen…',
      'category.loadFailed': 'De onderwerpen konden niet worden geladen.',
      'category.retry': 'Opnieuw proberen',
      'category.required': 'Kies waar uw melding over gaat.',

      'description.label': 'Wat is er aan de hand?',
      'description.hint': 'Beschrijf wat u ziet of hoort. Bijvoorbeeld: wie, wat en hoe vaak.',
      'description.count': '{count} van {max} tekens',
      'description.countShort': 'Nog minstens {left} tekens nodig.',
      'description.required': 'Beschrijf wat er aan de hand is (minstens 3 tekens).',
      'description.tooLong': 'Uw beschrijving is te lang (hoogstens 4000 tekens).',

      'place.legend': 'Waar is het?',
      'place.hint': 'Gebruik uw locatie, of typ de straat en het huisnummer.',
      'place.useLocation': 'Gebruik mijn locatie',
      'place.locating': 'Uw locatie wordt gezocht…',
      'place.found': 'Locatie gevonden.',
      'place.clear': 'Locatie niet gebruiken',
      'place.cleared': 'De locatie wordt niet meer gebruikt.',
      'place.denied': 'U heeft geen toestemming gegeven voor uw locatie. Typ de straat en het huisnummer.',
      'place.unavailable': 'Uw locatie is niet gevonden. Typ de straat en het huisnummer.',
      'place.unsupported': 'Uw telefoon of computer kan de locatie niet delen. Typ de straat en het huisnummer.',
      'place.or': 'of',
      'address.label': 'Straat en huisnummer',
      'address.hint': 'Bijvoorbeeld: Passartweg 14. Of de naam van een plek, zoals Passartplein.',
      'address.houses': 'huisnummers {from}–{to}',
      'address.suggestions': 'Suggesties',
      'address.suggestionCount': '{count} suggesties. Kies met pijltje omlaag en Enter.',
      'address.suggestionOne': '1 suggestie. Kies met pijltje omlaag en Enter.',
      'place.required': 'Gebruik uw locatie, of vul de straat en het huisnummer in.',

      'when.label': 'Wanneer gebeurde het?',
      'when.hint': 'Gebeurt het nu? Dan hoeft u niets in te vullen.',
      'optional': '(niet verplicht)',

      'contact.legend': 'Uw gegevens (niet verplicht)',
      'contact.note': 'Wilt u bericht krijgen over uw melding? Laat dan uw telefoonnummer of e-mail achter. Wij gebruiken dit alleen om u op de hoogte te houden. De persoon over wie u meldt, ziet nooit wie u bent.',
      'contact.anonymous': 'U mag ook melden zonder uw gegevens.',
      'contact.name': 'Naam',
      'contact.phone': 'Telefoonnummer',
      'contact.email': 'E-mail',

      'submit': 'Melding versturen',
      'submitting': 'Uw melding wordt verstuurd…',
      'error.network': 'Het versturen is niet gelukt. Misschien is er geen internet. Uw melding staat er nog. Probeer het opnieuw.',
      'error.server': 'Er ging bij ons iets mis. Uw melding staat er nog. Probeer het over een paar minuten opnieuw.',
      'error.busy': 'Uw melding wordt nog verwerkt. Wacht even en probeer het dan opnieuw.',
      'error.generic': 'Het versturen is niet gelukt.',

      'known.title': 'Dit probleem is misschien al bekend',
      'known.intro': 'Heeft u hier ook last van? Dan hoeft u niet alles opnieuw te melden. U mag ook gewoon een nieuwe melding versturen.',
      'known.announce': 'Dit probleem is misschien al bekend: {item}',
      'known.near': '{category} bij de {street}.',
      'known.nearby': '{category} in de buurt.',
      'known.reportsOne': '1 melding',
      'known.reportsMany': '{count} meldingen',
      'known.householdsOne': 'van 1 huishouden',
      'known.householdsMany': 'van {count} huishoudens',
      'known.last': 'laatst op {date}',
      'known.support': 'Ik heb hier ook last van',
      'known.sending': 'Uw melding wordt verstuurd…',

      'confirm.title': 'Bedankt! Wij hebben uw melding ontvangen.',
      'confirm.refIntro': 'Uw meldingsnummer is:',
      'confirm.note': 'Schrijf dit nummer op of maak een foto van dit scherm. Dit nummer heeft u nodig als u ons belt over uw melding.',
      'confirm.statusLink': 'Bekijk de status van uw melding',
      'confirm.linkNote': 'Bewaar de link naar de status. Alleen met deze link kunt u de status zien.',
      'confirm.new': 'Nog een melding maken',

      'title.status': 'Status van uw melding – Hartslag Passart',
      'status.title': 'Status van uw melding',
      'status.loading': 'De melding wordt geladen…',
      'status.loaded': 'De status van uw melding is geladen.',
      'status.notFound': 'We kunnen deze melding niet vinden. Controleer de link.',
      'status.failed': 'De status kon niet worden geladen. Probeer het later opnieuw.',
      'status.retry': 'Opnieuw proberen',
      'status.reference': 'Meldingsnummer',
      'status.category': 'Onderwerp',
      'status.current': 'Status',
      'status.received': 'Ontvangen op',
      'status.place': 'Plaats (ongeveer)',
      'status.placeNear': 'In de buurt van {street}',
      'status.placeCoords': 'In de buurt van {lat}, {lon}',
      'status.placeUnknown': 'Onbekend',
      'status.description': 'Uw beschrijving',
      'status.history': 'Wat is er gebeurd?',
      'status.newReport': 'Nieuwe melding maken',
      'status.notSolvedLead': 'Is het toch niet opgelost? Laat het ons weten. Dan gaan we er weer mee aan de slag.',
      'status.notSolved': 'Het is niet opgelost',
      'status.reopened': 'Dank u. Uw melding is weer in behandeling.',
      'status.reopenFailed': 'Dat lukte niet. Is de melding langer dan 14 dagen geleden opgelost? Maak dan een nieuwe melding.',
      'privacy.title': 'Uw gegevens',
      'privacy.erase': 'Mijn gegevens verwijderen',
      'privacy.confirmText': 'Weet u het zeker? Uw naam, telefoonnummer, e-mailadres en woonadres worden meteen verwijderd. Dat kan niet ongedaan worden. De melding zelf blijft. U krijgt over deze melding geen berichten meer.',
      'privacy.yes': 'Ja, verwijder mijn gegevens',
      'privacy.no': 'Nee, niet verwijderen',
      'privacy.erased': 'Uw gegevens zijn verwijderd. De melding blijft, zonder uw gegevens.',
      'privacy.failed': 'Het verwijderen is niet gelukt. Probeer het later opnieuw.',
      // Issue 14 (hloop): closing the loop on the status page.
      'feedback.question': 'Bent u tevreden over hoe uw melding is opgepakt?',
      'feedback.closedLead': 'Bent u het er niet mee eens? Kies dan "Nee, niet tevreden". De coördinator leest uw antwoord.',
      'feedback.reasonLabel': 'Wilt u iets uitleggen? Dat mag, het hoeft niet.',
      'feedback.reasonHint': 'Hoogstens 500 tekens.',
      'feedback.yes': 'Ja, tevreden',
      'feedback.no': 'Nee, niet tevreden',
      'feedback.answeredYes': 'U hebt gezegd dat u tevreden bent. Dank u wel.',
      'feedback.answeredNo': 'U hebt gezegd dat u niet tevreden bent. De coördinator leest uw antwoord.',
      'feedback.thanks': 'Dank u voor uw antwoord.',
      'feedback.flagged': 'Dank u. De coördinator leest uw antwoord.',
      'feedback.reopened': 'Dank u. Uw melding is weer in behandeling. De coördinator leest uw antwoord.',
      'feedback.failed': 'Uw antwoord kon niet worden bewaard. Probeer het later opnieuw.',
      'feedback.lostLink': 'Link kwijt? Stuur een sms met STATUS {reference} naar {number}.'
    },
    en: {
      'skip': 'Skip to content',
      'brand.sub': 'Passart',
      'lang.switch': 'Nederlands',
      'emergency.lead': 'Emergency or danger: call',
      'footer.privacy': 'Privacy: what we keep and why',
      'title.privacy': 'Privacy – Hartslag Passart',
      'privacy.loading': 'Loading the privacy statement…',
      'privacy.failed': 'The privacy statement could not be loaded. Please try again later.',
      'privacy.back': 'To the report form',

      'title.report': 'Report a nuisance – Hartslag Passart',
      'form.title': 'Report a nuisance',
      'form.intro': 'Is something bothering you in the neighbourhood? Tell us. It takes a few minutes.',
      'errors.title': 'Something is not filled in correctly',
      'errors.intro': 'Please fix this and send the report again:',

      'category.legend': 'What is your report about?',
      'category.hint': 'Choose what fits best.',
      'category.loading': 'Loading the topics…',
      'category.loadFailed': 'The topics could not be loaded.',
      'category.retry': 'Try again',
      'category.required': 'Choose what your report is about.',

      'description.label': 'What is going on?',
      'description.hint': 'Describe what you see or hear. For example: who, what and how often.',
      'description.count': '{count} of {max} characters',
      'description.countShort': 'At least {left} more characters needed.',
      'description.required': 'Describe what is going on (at least 3 characters).',
      'description.tooLong': 'Your description is too long (at most 4000 characters).',

      'place.legend': 'Where is it?',
      'place.hint': 'Use your location, or type the street and house number.',
      'place.useLocation': 'Use my location',
      'place.locating': 'Looking for your location…',
      'place.found': 'Location found.',
      'place.clear': 'Do not use location',
      'place.cleared': 'The location is no longer used.',
      'place.denied': 'You did not allow access to your location. Type the street and house number.',
      'place.unavailable': 'Your location was not found. Type the street and house number.',
      'place.unsupported': 'Your phone or computer cannot share its location. Type the street and house number.',
      'place.or': 'or',
      'address.label': 'Street and house number',
      'address.hint': 'For example: Passartweg 14. Or the name of a place, such as Passartplein.',
      'address.houses': 'house numbers {from}–{to}',
      'address.suggestions': 'Suggestions',
      'address.suggestionCount': '{count} suggestions. Choose with arrow down and Enter.',
      'address.suggestionOne': '1 suggestion. Choose with arrow down and Enter.',
      'place.required': 'Use your location, or fill in the street and house number.',

      'when.label': 'When did it happen?',
      'when.hint': 'Is it happening now? Then leave this empty.',
      'optional': '(optional)',

      'contact.legend': 'Your details (optional)',
      'contact.note': 'Would you like to hear about your report? Then leave your phone number or email. We only use this to keep you informed. The person you report about never sees who you are.',
      'contact.anonymous': 'You may also report without your details.',
      'contact.name': 'Name',
      'contact.phone': 'Phone number',
      'contact.email': 'Email',

      'submit': 'Send report',
      'submitting': 'Sending your report…',
      'error.network': 'Sending did not work. Maybe there is no internet. Your report is still here. Please try again.',
      'error.server': 'Something went wrong on our side. Your report is still here. Please try again in a few minutes.',
      'error.busy': 'Your report is still being processed. Wait a moment and try again.',
      'error.generic': 'Sending did not work.',

      'known.title': 'This problem may already be known',
      'known.intro': 'Does this bother you too? Then you do not need to report it all again. You may also just send a new report.',
      'known.announce': 'This problem may already be known: {item}',
      'known.near': '{category} near {street}.',
      'known.nearby': '{category} nearby.',
      'known.reportsOne': '1 report',
      'known.reportsMany': '{count} reports',
      'known.householdsOne': 'from 1 household',
      'known.householdsMany': 'from {count} households',
      'known.last': 'last on {date}',
      'known.support': 'This bothers me too',
      'known.sending': 'Sending your report…',

      'confirm.title': 'Thank you! We have received your report.',
      'confirm.refIntro': 'Your report number is:',
      'confirm.note': 'Write this number down or take a photo of this screen. You need this number if you call us about your report.',
      'confirm.statusLink': 'See the status of your report',
      'confirm.linkNote': 'Keep the link to the status. Only with this link can you see the status.',
      'confirm.new': 'Make another report',

      'title.status': 'Status of your report – Hartslag Passart',
      'status.title': 'Status of your report',
      'status.loading': 'Loading the report…',
      'status.loaded': 'The status of your report has loaded.',
      'status.notFound': 'We cannot find this report. Please check the link.',
      'status.failed': 'The status could not be loaded. Please try again later.',
      'status.retry': 'Try again',
      'status.reference': 'Report number',
      'status.category': 'Topic',
      'status.current': 'Status',
      'status.received': 'Received on',
      'status.place': 'Place (approximate)',
      'status.placeNear': 'Near {street}',
      'status.placeCoords': 'Near {lat}, {lon}',
      'status.placeUnknown': 'Unknown',
      'status.description': 'Your description',
      'status.history': 'What has happened?',
      'status.newReport': 'Make a new report',
      'status.notSolvedLead': 'Is it not solved after all? Let us know. Then we will work on it again.',
      'status.notSolved': 'It is not solved',
      'status.reopened': 'Thank you. Your report is being handled again.',
      'status.reopenFailed': 'That did not work. Was the report solved more than 14 days ago? Then please make a new report.',
      'privacy.title': 'Your personal data',
      'privacy.erase': 'Erase my personal data',
      'privacy.confirmText': 'Are you sure? Your name, phone number, e-mail address and home address are erased at once. This cannot be undone. The report itself stays. You will get no more messages about it.',
      'privacy.yes': 'Yes, erase my data',
      'privacy.no': 'No, keep it',
      'privacy.erased': 'Your data was erased. The report stays, without your data.',
      'privacy.failed': 'Erasing did not work. Please try again later.',
      'feedback.question': 'Are you satisfied with how your report was handled?',
      'feedback.closedLead': 'Do you disagree? Then choose "No, not satisfied". The coordinator will read your answer.',
      'feedback.reasonLabel': 'Would you like to explain? You may, but you do not have to.',
      'feedback.reasonHint': 'At most 500 characters.',
      'feedback.yes': 'Yes, satisfied',
      'feedback.no': 'No, not satisfied',
      'feedback.answeredYes': 'You told us you are satisfied. Thank you.',
      'feedback.answeredNo': 'You told us you are not satisfied. The coordinator will read your answer.',
      'feedback.thanks': 'Thank you for your answer.',
      'feedback.flagged': 'Thank you. The coordinator will read your answer.',
      'feedback.reopened': 'Thank you. Your report is being handled again. The coordinator will read your answer.',
      'feedback.failed': 'Your answer could not be saved. Please try again later.',
      'feedback.lostLink': 'Lost the link? Text STATUS {reference} to {number}.'
    }
  };

  function readStored() {
    try {
      var value = window.localStorage.getItem(STORAGE_KEY);
      return SUPPORTED.indexOf(value) >= 0 ? value : null;
    } catch (e) {
      return null; // storage blocked (private mode): fall back to Dutch
    }
  }

  function store(lang) {
    try {
      window.localStorage.setItem(STORAGE_KEY, lang);
    } catch (e) {
      /* not remembered, still switched */
    }
  }

  var current = readStored() || 'nl';

  function t(key, vars) {
    var table = STRINGS[current] || STRINGS.nl;
    var text = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : (STRINGS.nl[key] || key);
    if (vars) {
      text = text.replace(/\{(\w+)\}/g, function (m, name) {
        return Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : m;
      });
    }
    return text;
  }

  function apply(root) {
    root = root || document;
    document.documentElement.lang = current;
    var nodes = root.querySelectorAll('[data-i18n]');
    for (var i = 0; i < nodes.length; i++) {
      nodes[i].textContent = t(nodes[i].getAttribute('data-i18n'));
    }
    var attrs = root.querySelectorAll('[data-i18n-attr]');
    for (var j = 0; j < attrs.length; j++) {
      var pairs = attrs[j].getAttribute('data-i18n-attr').split(';');
      for (var k = 0; k < pairs.length; k++) {
        var pair = pairs[k].split(':');
        if (pair.length === 2) {
          attrs[j].setAttribute(pair[0].trim(), t(pair[1].trim()));
        }
      }
    }
    var titleKey = document.body && document.body.getAttribute('data-title');
    if (titleKey) {
      document.title = t(titleKey);
    }
    var switcher = document.getElementById('lang-switch');
    if (switcher) {
      // The button names the other language, in that language.
      var other = current === 'nl' ? 'en' : 'nl';
      switcher.textContent = t('lang.switch');
      switcher.setAttribute('lang', other);
    }
  }

  function setLanguage(lang) {
    if (SUPPORTED.indexOf(lang) < 0 || lang === current) {
      return;
    }
    current = lang;
    store(lang);
    apply(document);
    document.dispatchEvent(new CustomEvent('hartslag:language', { detail: { language: lang } }));
  }

  function language() {
    return current;
  }

  /** nl-NL or en-GB for dates and numbers. */
  function locale() {
    return current === 'en' ? 'en-GB' : 'nl-NL';
  }

  function init() {
    apply(document);
    var switcher = document.getElementById('lang-switch');
    if (switcher) {
      switcher.addEventListener('click', function () {
        setLanguage(current === 'nl' ? 'en' : 'nl');
      });
    }
  }

  /** Adds a page family's own texts ({nl: {...}, en: {...}}), e.g. the staff pages' staff/texts.js. */
  function extend(tables) {
    SUPPORTED.forEach(function (lang) {
      var extra = (tables && tables[lang]) || {};
      Object.keys(extra).forEach(function (key) { STRINGS[lang][key] = extra[key]; });
    });
  }

  window.HartslagI18n = { t: t, apply: apply, setLanguage: setLanguage, language: language, locale: locale, init: init,
    extend: extend };
})();
