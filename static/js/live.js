// Live counts: an open pledge page and the hub poll the cached count endpoints and update
// the numbers, the progress bar and (on a pledge) the recent signers, without a reload.
// Paused while the tab is hidden; changes are announced politely. Without this file the
// page simply shows the counts it was served with.
(function () {
  "use strict";
  var INTERVAL = 15000;

  // As pledges.models.milestone_thresholds: 10, 25, 50, 100, 250, 500, 1,000, 2,500, …
  function nextMilestone(count) {
    for (var base = 10; ; base *= 10) {
      var steps = [base, base * 2.5, base * 5];
      for (var i = 0; i < steps.length; i++) { if (steps[i] > count) { return steps[i]; } }
    }
  }

  function formatted(n) { return Number(n).toLocaleString(document.documentElement.lang || undefined); }

  function poller(url, apply) {
    var timer = null;
    function tick() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data) { apply(data); } })
        .catch(function () {})  // offline for a moment: try again next time
        .then(schedule);
    }
    function schedule() {
      clearTimeout(timer);
      if (!document.hidden) { timer = setTimeout(tick, INTERVAL); }
    }
    document.addEventListener("visibilitychange", function () {
      if (document.hidden) { clearTimeout(timer); } else { tick(); }
    });
    schedule();
  }

  function setProgress(root, count) {
    root.querySelectorAll("[data-progress]").forEach(function (bar) {
      bar.value = Math.min(count, Number(bar.max));
      bar.textContent = count + " / " + bar.max;
    });
  }

  function announce(root, text) {
    var status = root.querySelector("[data-live-status]");
    if (status) { status.textContent = text; }
  }

  function pledgePage(panel) {
    var shown = Number(panel.getAttribute("data-count-value"));
    poller(panel.getAttribute("data-live-count"), function (data) {
      if (data.count === shown) { return; }
      shown = data.count;
      panel.setAttribute("data-count-value", shown);
      var number = panel.querySelector(".count-panel__number");
      number.innerHTML = "";
      var strong = document.createElement("strong");
      strong.textContent = formatted(shown);
      number.appendChild(strong);
      number.appendChild(document.createTextNode(" " + ngettext("person has signed", "people have signed", shown)));
      var bar = panel.querySelector("[data-progress]");
      var goal = nextMilestone(shown);
      bar.max = goal;
      setProgress(panel, shown);
      panel.querySelector("[data-goal-text]").textContent = interpolate(
        gettext("%(count)s of %(goal)s signatures"), { count: formatted(shown), goal: formatted(goal) }, true);
      announce(panel, interpolate(ngettext("%s person has signed", "%s people have signed", shown), [formatted(shown)]));
      refreshSigners();
    });
  }

  // The recent signers come from the page itself (cached for everyone like the page).
  function refreshSigners() {
    var list = document.querySelector("[data-live-signers]");
    if (!list) { return; }
    fetch(window.location.pathname, { credentials: "omit", cache: "no-cache" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-live-signers]");
        if (fresh) { list.innerHTML = fresh.innerHTML; }
      })
      .catch(function () {});
  }

  function hub(totals) {
    var shown = totals.querySelector('[data-total="signatures"] .stats__number').textContent;
    poller(totals.getAttribute("data-live-totals"), function (data) {
      Object.keys(data).forEach(function (key) {
        var cell = totals.querySelector('[data-total="' + key + '"] .stats__number');
        if (cell && typeof data[key] === "number") { cell.textContent = formatted(data[key]); }
      });
      var root = totals.parentNode;
      setProgress(root, data.signatures);
      var goalText = root.querySelector("[data-goal-text]");
      if (goalText) {
        goalText.textContent = interpolate(gettext("%(count)s of %(goal)s signatures"),
          { count: formatted(data.signatures), goal: formatted(goalText.getAttribute("data-goal")) }, true);
      }
      var campuses = root.querySelector("[data-goal-campuses]");
      if (campuses) {
        campuses.textContent = interpolate(gettext("%(count)s of %(goal)s campuses"),
          { count: formatted(data.campuses), goal: formatted(campuses.getAttribute("data-goal")) }, true);
      }
      var now = formatted(data.signatures);
      if (now !== shown) {
        shown = now;
        announce(root, interpolate(ngettext("%s person has signed", "%s people have signed", data.signatures), [now]));
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.fetch) { return; }
    var panel = document.querySelector("[data-live-count]:not([data-live-count-off])");
    if (panel) { pledgePage(panel); }
    var totals = document.querySelector("[data-live-totals]");
    if (totals) { hub(totals); }
  });
})();
