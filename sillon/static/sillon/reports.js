// Reports being produced: ask their status every two seconds, show the progress,
// and reload the list once one is finished (its links or its error then appear).
(function () {
  "use strict";
  var rows = document.querySelectorAll("tr[data-status-url]");
  if (!rows.length) { return; }

  function poll(row) {
    fetch(row.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.finished) { window.location.reload(); return; }
        var bar = row.querySelector("progress");
        var label = row.querySelector(".status-label");
        if (bar) { bar.value = status.progress; bar.textContent = status.progress + " %"; }
        if (label) { label.textContent = status.label; }
        window.setTimeout(function () { poll(row); }, 2000);
      })
      .catch(function () { window.setTimeout(function () { poll(row); }, 5000); });
  }

  rows.forEach(function (row) { window.setTimeout(function () { poll(row); }, 1000); });
})();
