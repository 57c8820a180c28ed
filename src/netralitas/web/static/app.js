// Progressive enhancement only: every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Warn early about a file that is too large (the server checks again and decides).
  document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    input.addEventListener("change", function () {
      var max = parseInt(input.getAttribute("data-max-bytes"), 10);
      var big = Array.prototype.some.call(input.files, function (f) { return f.size > max; });
      input.setCustomValidity(big ? (input.getAttribute("data-too-large") || "File too large") : "");
      input.reportValidity();
    });
  });
  // Ask before irreversible actions marked with data-confirm.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
});
