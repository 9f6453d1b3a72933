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

  // The examples list's filters: behind a button (a <details>) on a phone, the
  // sidebar from 992 px (the width portal.css switches at), where they stay open.
  var WIDE = window.matchMedia("(min-width: 992px)");
  var filtersWereOpen = false;

  function showFilters(wasOpen) {
    var details = document.getElementById("filters-toggle");
    if (details) {
      details.open = WIDE.matches || wasOpen;
    }
  }

  WIDE.addEventListener("change", function () {
    showFilters(false);
  });

  // The swap brings a closed details: someone choosing filters on a phone keeps them open.
  document.addEventListener("htmx:beforeSwap", function () {
    var details = document.getElementById("filters-toggle");
    filtersWereOpen = Boolean(details && details.open);
  });

  document.addEventListener("htmx:afterSwap", function () {
    showFilters(filtersWereOpen);
  });

  // Going back brings the page as the server renders it: open where wide.
  document.addEventListener("htmx:historyRestore", function () {
    showFilters(false);
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

  // The language is the address's prefix (English under /en/, Danish none).
  function languagePrefix() {
    return document.documentElement.lang === "en" ? "/en" : "";
  }

  // This page's address without its language prefix: the same in every language.
  function pathInAnyLanguage() {
    return window.location.pathname.slice(languagePrefix().length) || "/";
  }

  // The language switch leads to the page as it is now, filters included.
  document.addEventListener("htmx:pushedIntoHistory", function () {
    document.querySelectorAll(".language-switch a[data-prefix]").forEach(function (link) {
      link.href = link.getAttribute("data-prefix") + pathInAnyLanguage() + window.location.search;
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

  // On a phone portal.css lays the knowledge table's rows out anew, and some browsers
  // then drop the semantics of a table whose display changes. Explicit roles keep
  // them; they are set here because HTML forbids, in the markup, the roles a table's
  // parts already have.
  function keepTableRoles() {
    var roles = { TABLE: "table", THEAD: "rowgroup", TBODY: "rowgroup", TR: "row", TD: "cell" };
    var parts = ["", " thead", " tbody", " tr", " th", " td"].map(function (part) {
      return ".knowledge__table" + part;
    });
    document.querySelectorAll(parts.join(", ")).forEach(function (part) {
      var role = roles[part.tagName];
      if (part.tagName === "TH") {
        role = part.getAttribute("scope") === "row" ? "rowheader" : "columnheader";
      }
      part.setAttribute("role", role);
    });
  }

  // After a failed submit, take keyboard and screen-reader users to the summary.
  function focusErrorSummary() {
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
  }

  // Unsaved work on a form marked data-guard. Leaving the page asks first, unless the
  // form itself is being sent. Switching language loads the same page in the other language,
  // so the typed values ride along in sessionStorage (this tab only) and come back.
  // data-guard="unsaved": the form arrives holding input the server did not save.
  var GUARD_KEY = "portal:unsaved-form:";
  var dirtyForm = null;

  function guardedForm(element) {
    var form = element && element.form;
    return form && form.hasAttribute("data-guard") ? form : null;
  }

  // The fields a person filled in: no files (a browser cannot refill them), no hidden
  // fields (the token, formset counts and ids are the server's), nothing hidden from view.
  function keptFields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && !field.disabled && !field.closest("[aria-hidden=true]") &&
        ["file", "hidden", "submit", "button", "reset", "image"].indexOf(field.type) === -1;
    });
  }

  function saveForm(form) {
    var values = keptFields(form).map(function (field) {
      if (field.type === "checkbox" || field.type === "radio") {
        return [field.name, field.value, field.checked];
      }
      if (field.tagName === "SELECT") {
        var chosen = Array.prototype.filter.call(field.options, function (option) {
          return option.selected;
        });
        return [field.name, chosen.map(function (option) { return option.value; })];
      }
      return [field.name, field.value];
    });
    try {
      sessionStorage.setItem(GUARD_KEY + pathInAnyLanguage(), JSON.stringify(values));
    } catch (error) {
      // Storage full or blocked: the switch goes on, as it did before.
    }
  }

  function restoreForm(form) {
    var key = GUARD_KEY + pathInAnyLanguage();
    var values;
    try {
      values = JSON.parse(sessionStorage.getItem(key));
      sessionStorage.removeItem(key);
    } catch (error) {
      return false;
    }
    if (!Array.isArray(values)) {
      return false;
    }
    // Fields of one name come in page order, so the nth value goes to the nth field.
    var byName = {};
    values.forEach(function (entry) {
      (byName[entry[0]] = byName[entry[0]] || []).push(entry);
    });
    keptFields(form).forEach(function (field) {
      var entry = (byName[field.name] || []).shift();
      if (!entry) {
        return;
      }
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = field.value === entry[1] && entry[2];
      } else if (field.tagName === "SELECT") {
        Array.prototype.forEach.call(field.options, function (option) {
          option.selected = entry[1].indexOf(option.value) !== -1;
        });
      } else {
        field.value = entry[1];
      }
    });
    return true;
  }

  function markChanged(event) {
    var form = guardedForm(event.target);
    if (form) {
      dirtyForm = form;
    }
  }

  document.addEventListener("input", markChanged);
  document.addEventListener("change", markChanged);

  document.addEventListener("submit", function (event) {
    if (!event.defaultPrevented && dirtyForm && event.target === dirtyForm) {
      dirtyForm = null; // saving: nothing is lost
    }
  });

  // Switching language shows the same page: the values ride along.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".language-switch a");
    if (link && dirtyForm && !event.defaultPrevented) {
      saveForm(dirtyForm);
      dirtyForm = null;
    }
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirtyForm) {
      event.preventDefault();
      event.returnValue = ""; // older browsers ask only when this is set
    }
  });

  function setUpGuard() {
    var form = document.querySelector("form[data-guard]");
    if (form && (restoreForm(form) || form.getAttribute("data-guard") === "unsaved")) {
      dirtyForm = form;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    showFilters(false);
    setUpGuard();
    setUpMunicipalityFilter();
    focusErrorSummary();
    keepTableRoles();
  });
})();
