// "Where is the campus?": a small world map (world-atlas drawn with d3-geo) that fills in
// the Latitude and Longitude fields. Tapping the world zooms into that region, so a second
// tap can place the campus more exactly; the zoom buttons go further in or back out.
// Typing numbers moves the marker. Without JavaScript the map stays hidden and the two
// fields work on their own.
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var REGION = 6; // zoom a tap on the whole world jumps to: about a country across
  var MAX_ZOOM = 64; // a few degrees across: as exact as the outline data allows

  function el(name, attributes, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function number(text) {
    var value = parseFloat(String(text).trim().replace("\u2212", "-").replace(",", "."));
    return isFinite(value) ? value : null;
  }

  function valid(lon, lat) {
    return lon !== null && lat !== null && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
  }

  function start() {
    var figure = document.querySelector("[data-locate]");
    if (!figure || !window.d3 || !d3.geoPath || !window.topojson || !window.fetch) { return; }
    var canvas = figure.querySelector("[data-locate-canvas]");
    var latField = document.getElementById("id_latitude");
    var lonField = document.getElementById("id_longitude");
    var view = { zoom: 1, center: [0, 0] };
    var point = null;
    var world, projection, size;

    function fromFields() {
      var lat = number(latField.value), lon = number(lonField.value);
      return valid(lon, lat) ? [lon, lat] : null;
    }

    function focusOn(lonLat) {
      view.center = lonLat;
      if (view.zoom < REGION) { view.zoom = REGION; }
    }

    function project() {
      var width = Math.max(280, canvas.clientWidth || 600);
      var height = Math.round(width * 0.6);
      size = [width, height];
      if (view.zoom === 1) {
        projection = d3.geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], { type: "Sphere" });
      } else {
        // Centred on the area of interest, so nothing there is stretched, wherever it is.
        var base = d3.geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], { type: "Sphere" }).scale();
        projection = d3.geoAzimuthalEqualArea()
          .rotate([-view.center[0], -view.center[1]])
          .scale(base * view.zoom)
          .translate([width / 2, height / 2])
          .clipAngle(90)
          .clipExtent([[0, 0], [width, height]]);
      }
    }

    function draw() {
      project();
      var width = size[0], height = size[1];
      var path = d3.geoPath(projection);
      var svg = el("svg", { viewBox: "0 0 " + width + " " + height, "class": "map__svg", role: "img" });
      svg.setAttribute("aria-label", point
        ? interpolate(gettext("Map: the marker shows latitude %(lat)s, longitude %(lon)s"),
            { lat: point[1].toFixed(4), lon: point[0].toFixed(4) }, true)
        : gettext("World map: tap where the campus is"));
      el("path", { d: path({ type: "Sphere" }), "class": "map__sea" }, svg);
      el("path", { d: path(topojson.feature(world, world.objects.countries)), "class": "map__land" }, svg);
      el("path", {
        d: path(topojson.mesh(world, world.objects.countries, function (a, b) { return a !== b; })),
        "class": "map__borders"
      }, svg);
      if (point) {
        var xy = projection(point);
        if (xy && xy[0] >= 0 && xy[0] <= width && xy[1] >= 0 && xy[1] <= height) {
          el("circle", { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: 7, "class": "locate__marker", "data-marker": "" }, svg);
        }
      }
      svg.addEventListener("click", pick);
      canvas.replaceChildren(svg);
      figure.querySelector('[data-zoom="out"]').disabled = view.zoom === 1;
      figure.querySelector('[data-zoom="in"]').disabled = view.zoom >= MAX_ZOOM;
    }

    function pick(event) {
      var box = event.currentTarget.getBoundingClientRect();
      var xy = [(event.clientX - box.left) * size[0] / box.width, (event.clientY - box.top) * size[1] / box.height];
      var lonLat = projection.invert(xy);
      if (!lonLat || !valid(lonLat[0], lonLat[1])) { return; }
      // Outside the globe's outline, invert() still answers: only take points that map back.
      var back = projection(lonLat);
      if (!back || Math.abs(back[0] - xy[0]) > 1 || Math.abs(back[1] - xy[1]) > 1) { return; }
      point = lonLat;
      latField.value = lonLat[1].toFixed(4);
      lonField.value = lonLat[0].toFixed(4);
      if (view.zoom === 1) { focusOn(lonLat); }
      draw();
    }

    function zoom(direction) {
      if (direction === "in") {
        view.zoom = view.zoom === 1 ? REGION / 2 : Math.min(MAX_ZOOM, view.zoom * 2);
        if (point) { view.center = point; }
      } else {
        view.zoom = view.zoom / 2 < REGION / 2 ? 1 : view.zoom / 2;
        if (view.zoom === 1) { view.center = [0, 0]; }
      }
      draw();
    }

    function typed() {
      var lonLat = fromFields();
      if (!lonLat) { return; }
      point = lonLat;
      focusOn(lonLat);
      draw();
    }

    fetch(canvas.getAttribute("data-world-url"))
      .then(function (response) { return response.json(); })
      .then(function (data) {
        world = data;
        figure.hidden = false; // measured while visible
        point = fromFields();
        if (point) { focusOn(point); }
        draw();
        figure.querySelectorAll("[data-zoom]").forEach(function (button) {
          button.addEventListener("click", function () { zoom(button.getAttribute("data-zoom")); });
        });
        latField.addEventListener("change", typed);
        lonField.addEventListener("change", typed);
        var lastWidth = canvas.clientWidth;
        window.addEventListener("resize", function () {
          if (Math.abs(canvas.clientWidth - lastWidth) > 40) {
            lastWidth = canvas.clientWidth;
            draw();
          }
        });
      })
      .catch(function () { figure.hidden = true; });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
