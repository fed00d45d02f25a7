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

    // Phones get their own share sheet (Web Share API); the links below stay as the fallback.
    document.querySelectorAll("[data-share-native]").forEach(function (button) {
      if (!navigator.share) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.share({
          title: button.getAttribute("data-share-title"),
          text: button.getAttribute("data-share-text"),
          url: button.getAttribute("data-share-url")
        }).catch(function () {});  // dismissed: nothing to do
      });
    });

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
