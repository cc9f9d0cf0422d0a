// Groeipad's development plan pages. No inline scripts: the Content-Security-Policy
// allows scripts from Groeipad's own static files only.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // An action's status saves as soon as it is chosen (without JavaScript the form
    // shows a Save button instead).
    document.querySelectorAll("form.status-form select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () {
        select.form.submit();
      });
    });
    // The print page's "Print or save as PDF" button.
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
    });
  });
})();
