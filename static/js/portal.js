// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Tell screen-reader users how many results a filter change gave. The live
  // region lives outside the swapped block, so it survives the swap.
  document.addEventListener("htmx:afterSwap", function (event) {
    var announcer = document.getElementById("results-announcer");
    var count = (event.detail.target || event.target).querySelector(".results-count");
    if (announcer && count) {
      announcer.textContent = count.textContent.trim();
    }
  });
})();
