// Partner sites include this with
//   <script src=".../static/js/embed.js" data-pledgeline-embed="COUNTER URL" async></script>
// and it puts the live counter in an iframe where the script tag is.
(function () {
  "use strict";
  var scripts = document.querySelectorAll("script[data-pledgeline-embed]");
  Array.prototype.forEach.call(scripts, function (script) {
    if (script.getAttribute("data-pledgeline-done")) { return; }
    var url = script.getAttribute("data-pledgeline-embed");
    if (!/^https?:\/\//.test(url)) { return; }
    var frame = document.createElement("iframe");
    frame.src = url;
    frame.title = script.getAttribute("data-title") || "Live pledge count";
    frame.width = "320";
    frame.height = "200";
    frame.loading = "lazy";
    frame.style.border = "0";
    frame.style.maxWidth = "100%";
    script.parentNode.insertBefore(frame, script);
    script.setAttribute("data-pledgeline-done", "1");
  });
})();
