// Help while writing (initiatives/writing.py): what looks like personal data, and
// the LIX, beside the text fields, kept current as the contributor types. Without
// this file the same help appears each time the form is saved.
(function () {
  "use strict";

  // A pause this long ends a burst of typing; only then is the text checked.
  var PAUSE_MS = 800;

  function setUp(form) {
    var url = form.getAttribute("data-writing-check");
    var fields = Array.prototype.slice.call(form.querySelectorAll("[data-writing]"));
    var announcer = document.getElementById("writing-announcer");
    var timer = null;
    var latest = 0;

    function payload() {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
      fields.forEach(function (field) {
        data.append(field.name, field.value);
      });
      return data;
    }

    // Put each element of the answer in place of the page's element with its id.
    // Only the edited field's help is announced, and only when what it says
    // changes: a new warning, a warning gone, another LIX band.
    function apply(html, edited) {
      var answer = document.createElement("template");
      answer.innerHTML = html;
      Array.prototype.slice.call(answer.content.children).forEach(function (fresh) {
        var old = fresh.id && document.getElementById(fresh.id);
        if (!old || old.outerHTML === fresh.outerHTML) {
          return;
        }
        var said = old.getAttribute("data-announce");
        var saying = fresh.getAttribute("data-announce");
        old.replaceWith(fresh);
        if (announcer && edited && fresh.id === edited.id + "_writing" && saying !== said) {
          announcer.textContent = saying;
        }
      });
    }

    function check(edited) {
      var sent = ++latest;
      fetch(url, { method: "POST", body: payload(), credentials: "same-origin" })
        .then(function (response) {
          // A refusal (rate limit, a session that ended) leaves the help as it was.
          return response.ok && !response.redirected ? response.text() : null;
        })
        .then(function (html) {
          if (html !== null && sent === latest) {
            apply(html, edited);
          }
        })
        .catch(function () {
          // Offline for a moment: the next pause, or the save, brings the help.
        });
    }

    form.addEventListener("input", function (event) {
      if (fields.indexOf(event.target) === -1) {
        return;
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(check, PAUSE_MS, event.target);
    });

    // Text the page did not get from the server (portal.js brings typed values
    // back after a language switch) gets its help at once.
    var changed = fields.some(function (field) {
      return field.value !== field.defaultValue;
    });
    if (changed) {
      check(null);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-writing-check]").forEach(setUp);
  });
})();
