// Behaviour shared by every page. The content security policy forbids inline scripts, so all of it lives here,
// attached through data attributes. Every page works without it; the script only adds comfort.
(function () {
  'use strict';

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute('content') : null;
  }

  // htmx requests carry the CSRF token in a header, as forms carry it in a hidden field.
  document.addEventListener('htmx:configRequest', function (event) {
    var header = meta('csrf-header');
    var token = meta('csrf-token');
    if (header && token) {
      event.detail.headers[header] = token;
    }
  });

  // A request whose session has expired lands on the login page: show it whole, not inside a fragment.
  document.addEventListener('htmx:beforeSwap', function (event) {
    var url = event.detail.xhr && event.detail.xhr.responseURL;
    if (url && new URL(url).pathname === '/login') {
      event.detail.shouldSwap = false;
      window.location.assign(url);
    }
  });

  function showRequestFailed() {
    var alert = document.getElementById('request-failed');
    if (alert) {
      alert.hidden = false;
    }
  }
  document.addEventListener('htmx:responseError', showRequestFailed);
  document.addEventListener('htmx:sendError', showRequestFailed);

  // Forms that destroy something ask first. Captured at the document so that the question comes before any
  // other handler, htmx's included.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // A secret shown once: select it on focus, and offer a copy button where the clipboard is available.
  document.addEventListener('focusin', function (event) {
    var input = event.target;
    if (input instanceof HTMLInputElement && input.hasAttribute('data-select-on-focus')) {
      input.select();
    }
  });

  function enableCopyButtons() {
    document.querySelectorAll('[data-copy-target]').forEach(function (button) {
      if (!navigator.clipboard) {
        return;
      }
      button.hidden = false;
      button.addEventListener('click', function () {
        var input = document.getElementById(button.dataset.copyTarget);
        var status = button.closest('.secret') && button.closest('.secret').querySelector('.copy-status');
        navigator.clipboard.writeText(input.value).then(function () {
          if (status) {
            status.textContent = button.dataset.copiedText || '';
          }
        }, function () {
          input.focus();
          input.select();
        });
      });
    });
  }

  // An error summary takes the focus, so keyboard and screen reader users learn at once what to correct.
  function focusErrorSummary() {
    var summary = document.getElementById('error-summary');
    if (summary) {
      summary.focus();
    }
  }

  function start() {
    enableCopyButtons();
    focusErrorSummary();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
