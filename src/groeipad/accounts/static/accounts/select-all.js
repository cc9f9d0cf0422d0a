// "Select all on this page": a checkbox with data-select-all="NAME" ticks or clears every
// checkbox named NAME in its form. Loaded as a file (the CSP allows no inline script).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input[data-select-all]").forEach(function (master) {
    var name = master.getAttribute("data-select-all");
    var scope = master.form || document;
    master.hidden = false;
    master.addEventListener("change", function () {
      scope.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (box) {
        box.checked = master.checked;
      });
    });
  });
});
