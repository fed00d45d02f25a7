// The hub's map of campuses: a world outline (world-atlas, drawn with d3-geo) and one
// circle per live pledge, sized by its count and linking to it. Everything is served
// from our own static files. Without JavaScript the map stays hidden and the campus
// list below it says the same thing.
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var TAP_RADIUS = 23; // px: targets over 44 px across even when the bordered map scales down
  var PHONE = "(max-width: 759px)"; // as site.css: phones get the list first, the map on request
  var MIN_SPAN = 24; // degrees: one campus alone still shows its region, not a street

  // Grouped as the page's language writes numbers (the JavaScript catalog's formats).
  function formatNumber(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, get_format("THOUSAND_SEPARATOR"));
  }

  function el(name, attributes, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  // The area to show: every campus with some margin, widened to at least MIN_SPAN.
  function extentOf(points) {
    var lons = points.map(function (p) { return p.lon; });
    var lats = points.map(function (p) { return p.lat; });
    var west = Math.min.apply(null, lons), east = Math.max.apply(null, lons);
    var south = Math.min.apply(null, lats), north = Math.max.apply(null, lats);
    var padLon = Math.max((MIN_SPAN - (east - west)) / 2, (east - west) * 0.08);
    var padLat = Math.max((MIN_SPAN / 2 - (north - south)) / 2, (north - south) * 0.12);
    west = Math.max(-180, west - padLon); east = Math.min(180, east + padLon);
    south = Math.max(-60, south - padLat); north = Math.min(80, north + padLat);
    return {
      type: "MultiPoint",
      coordinates: [[west, south], [west, north], [east, south], [east, north],
        [(west + east) / 2, south], [(west + east) / 2, north]]
    };
  }

  function draw(figure, canvas, world, points) {
    figure.hidden = false; // measured while visible
    var width = Math.max(280, canvas.clientWidth || 600);
    var extent = extentOf(points);
    // As tall as the campuses' area needs at this width, within sensible bounds.
    var projection = d3.geoNaturalEarth1().fitWidth(width - 16, extent);
    var path = d3.geoPath(projection);
    var bounds = path.bounds(extent);
    var height = Math.round(Math.min(width * 0.9, Math.max(width * 0.45, bounds[1][1] - bounds[0][1] + 16)));
    projection.fitExtent([[8, 8], [width - 8, height - 8]], extent);
    var svg = el("svg", {
      viewBox: "0 0 " + width + " " + height, "class": "map__svg", role: "group",
      "aria-label": interpolate(ngettext("Map of %s campus with a live pledge",
        "Map of %s campuses with a live pledge", points.length), [points.length])
    });
    el("rect", { x: 0, y: 0, width: width, height: height, "class": "map__sea" }, svg);
    var countries = topojson.feature(world, world.objects.countries);
    el("path", { d: path(countries), "class": "map__land" }, svg);
    el("path", { d: path(topojson.mesh(world, world.objects.countries, function (a, b) { return a !== b; })), "class": "map__borders" }, svg);

    var largest = Math.max.apply(null, points.map(function (p) { return p.count; }).concat([1]));
    var maxRadius = width < 600 ? 16 : 24;
    var layer = el("g", { "class": "map__points" }, svg);
    // Biggest first, so smaller circles sit on top and stay clickable.
    points.slice().sort(function (a, b) { return b.count - a.count; }).forEach(function (point) {
      var xy = projection([point.lon, point.lat]);
      if (!xy) { return; }
      var radius = 4 + (maxRadius - 4) * Math.sqrt(point.count / largest);
      var link = el("a", { href: point.url, "class": "map__point" }, layer);
      // A page may say what the circles count in its own words (and language).
      var label = point.label || interpolate(gettext("%(name)s: %(count)s signed"),
        { name: point.name, count: formatNumber(point.count) }, true);
      link.setAttribute("aria-label", label);
      el("title", {}, link).textContent = label;
      // An invisible circle at least 44 px across, so a finger finds even the smallest campus.
      el("circle", { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: Math.max(radius, TAP_RADIUS).toFixed(1), "class": "map__tap" }, link);
      el("circle", { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: radius.toFixed(1) }, link);
    });
    canvas.replaceChildren(svg);
  }

  function start() {
    var figure = document.querySelector("[data-map]");
    var data = document.getElementById("map-points");
    if (!figure || !data || !window.d3 || !d3.geoPath || !window.topojson || !window.fetch) { return; }
    var canvas = figure.querySelector("[data-map-canvas]");
    var points = JSON.parse(data.textContent);
    if (!points.length) { return; }
    if (window.matchMedia && window.matchMedia(PHONE).matches) {
      // On a phone the list is the default: the map is one tap away.
      var toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "button button--secondary map__toggle";
      toggle.setAttribute("aria-expanded", "false");
      toggle.textContent = gettext("Show the map");
      figure.parentNode.insertBefore(toggle, figure);
      toggle.addEventListener("click", function () {
        var opening = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", String(opening));
        toggle.textContent = opening ? gettext("Hide the map") : gettext("Show the map");
        if (opening && !canvas.firstChild) { load(figure, canvas, points); }
        figure.hidden = !opening;
      });
      return;
    }
    load(figure, canvas, points);
  }

  function load(figure, canvas, points) {
    fetch(canvas.getAttribute("data-world-url"))
      .then(function (response) { return response.json(); })
      .then(function (world) {
        draw(figure, canvas, world, points);
        var lastWidth = canvas.clientWidth;
        window.addEventListener("resize", function () {
          if (Math.abs(canvas.clientWidth - lastWidth) > 40) {
            lastWidth = canvas.clientWidth;
            draw(figure, canvas, world, points);
          }
        });
      })
      .catch(function () { figure.hidden = true; });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
