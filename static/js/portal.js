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

  // Keep shared filter URLs short: leave out empty fields ("municipality=").
  document.addEventListener("htmx:configRequest", function (event) {
    var data = event.detail.formData;
    if (!data || event.detail.verb !== "get") {
      return;
    }
    var empty = [];
    data.forEach(function (value, key) {
      if (value === "") {
        empty.push(key);
      }
    });
    empty.forEach(function (key) {
      data.delete(key);
    });
  });

  // The language switch returns to the page as it is now, filters included.
  document.addEventListener("htmx:pushedIntoHistory", function () {
    document.querySelectorAll(".language-switch input[name=next]").forEach(function (input) {
      input.value = window.location.pathname + window.location.search;
    });
  });

  // The submission form's municipality list: type to narrow the 98 boxes.
  function setUpMunicipalityFilter() {
    var box = document.querySelector(".municipality-filter");
    var list = document.querySelector(".municipality-list");
    if (!box || !list) {
      return;
    }
    box.hidden = false;
    var input = box.querySelector("input");
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLocaleLowerCase("da");
      list.querySelectorAll(".form-check").forEach(function (check) {
        var name = check.textContent.trim().toLocaleLowerCase("da");
        var keep = !wanted || name.indexOf(wanted) !== -1 || check.querySelector("input").checked;
        check.hidden = !keep;
      });
      // A region's heading goes when none of its municipalities is left.
      list.querySelectorAll("strong").forEach(function (heading) {
        var shown = false;
        var next = heading.nextElementSibling;
        while (next && next.tagName !== "STRONG") {
          if (next.classList.contains("form-check") && !next.hidden) {
            shown = true;
          }
          next = next.nextElementSibling;
        }
        heading.hidden = !shown;
      });
    });
  }

  // The submission form's buttons stick to the bottom of the window. Chromium scrolls
  // a focused field into view only when it is outside the window, not when it sits
  // behind the sticky bar, so lift such a field above the bar (WCAG 2.4.11). Runs on
  // focusin, before the browser's own scroll, which then finds the field visible.
  document.addEventListener("focusin", function (event) {
    var bar = document.querySelector(".submission__actions");
    var field = event.target;
    if (!bar || !field.getBoundingClientRect || bar.contains(field)) {
      return;
    }
    if (!(bar.compareDocumentPosition(field) & Node.DOCUMENT_POSITION_PRECEDING)) {
      return;
    }
    var box = field.getBoundingClientRect();
    var barBox = bar.getBoundingClientRect();
    // 12px: room for the focus ring (outline, offset and shadow).
    if (box.bottom + 12 > barBox.top && box.top < barBox.bottom) {
      window.scrollBy({ top: box.bottom + 12 - barBox.top, behavior: "instant" });
    }
  });

  // After a failed submit, take keyboard and screen-reader users to the summary.
  function focusErrorSummary() {
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpMunicipalityFilter();
    focusErrorSummary();
  });
})();
