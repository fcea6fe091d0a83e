// The admin importer's check page while a file is read by the task queue: asks the
// job's status every second, moves the progress bar and opens the result when the
// read is done. Without scripts the page refreshes itself (<noscript> meta refresh).
(function () {
  "use strict";
  var box = document.querySelector("[data-import-progress]");
  if (!box) {
    return;
  }
  var url = box.getAttribute("data-status-url");
  var bar = box.querySelector("[data-import-bar]");
  var label = box.querySelector("[data-import-step]");

  function poll() {
    window
      .fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (status) {
        if (!status.pending) {
          window.location.replace(status.url);
          return;
        }
        if (bar) {
          bar.max = status.steps;
          bar.value = status.step;
          bar.textContent = status.step + "/" + status.steps;
        }
        if (label) {
          label.textContent = status.label;
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 1000);
})();
