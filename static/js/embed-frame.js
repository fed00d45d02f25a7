// Inside the counter iframe: refresh the number now and then. Without it the page still
// shows the count it was served with.
(function () {
  "use strict";
  var number = document.querySelector("[data-live-count]");
  if (!number || !window.fetch) { return; }
  var url = number.getAttribute("data-live-count");
  var format = window.Intl ? new Intl.NumberFormat("en-GB") : { format: String };
  function refresh() {
    if (document.hidden) { return; }
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && typeof data.count === "number") { number.textContent = format.format(data.count); }
      })
      .catch(function () {});
  }
  window.setInterval(refresh, 60000);
})();
