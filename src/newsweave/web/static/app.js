// newsweave: small progressive enhancements; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Opened from a citation: bring the cited span to the middle of the screen.
  var cited = document.getElementById("cite");
  if (cited) {
    cited.scrollIntoView({ block: "center" });
    cited.setAttribute("tabindex", "-1");
    cited.focus({ preventScroll: true });
  }
  // Highlight toggles on the article page (names, quotes, dates).
  document.querySelectorAll("input[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.dataset.layer, !box.checked);
    });
  });
});
