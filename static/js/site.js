// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // Without JavaScript a "#sign" on the form's action brings the answer's errors into view.
    // Here focus goes to the error summary instead, and the fragment would take focus away.
    document.querySelectorAll("form[data-anchor-without-js]").forEach(function (form) {
      form.setAttribute("action", form.getAttribute("action").split("#")[0]);
    });

    // Move focus to the error summary so screen reader users hear what went wrong.
    var summary = document.querySelector("[data-autofocus]");
    if (summary) { summary.focus(); }

    // "Copy link" buttons appear only where the clipboard can be used.
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
      if (!navigator.clipboard) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        var field = document.getElementById(button.getAttribute("data-copy-target"));
        navigator.clipboard.writeText(field.value).then(function () {
          button.textContent = gettext("Link copied");
        });
      });
    });
  });
})();
