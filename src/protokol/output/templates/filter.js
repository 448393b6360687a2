(function () {
  "use strict";
  var form = document.getElementById("filters");
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-status]"));
  var rows = items.filter(function (el) { return el.tagName === "TR"; });
  function executorsOf(el) {
    try { return JSON.parse(el.getAttribute("data-executors") || "[]"); } catch (e) { return []; }
  }
  function apply() {
    var select = document.getElementById("filter-executor");
    var who = select ? select.value : "";
    var wanted = {};
    Array.prototype.forEach.call(document.querySelectorAll("#filter-status input"), function (box) {
      wanted[box.value] = box.checked;
    });
    var shown = 0;
    items.forEach(function (el) {
      var status = el.getAttribute("data-status");
      var ok = (wanted[status] !== false) && (!who || executorsOf(el).indexOf(who) >= 0);
      if (ok) { el.removeAttribute("hidden"); } else { el.setAttribute("hidden", ""); }
      if (ok && el.tagName === "TR") { shown += 1; }
    });
    Array.prototype.forEach.call(document.querySelectorAll("tbody[data-group]"), function (body) {
      if (body.querySelector("tr[data-status]:not([hidden])")) { body.removeAttribute("hidden"); } else { body.setAttribute("hidden", ""); }
    });
    var out = document.getElementById("shown");
    if (out) { out.textContent = "Показано: " + shown + " из " + rows.length; }
  }
  function fromHash() {
    // #executor=NAME&status=overdue,today preselects the filters (a link can carry them)
    var params = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var eq = pair.indexOf("=");
      if (eq > 0) { params[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1)); }
    });
    var select = document.getElementById("filter-executor");
    if (select && params.executor !== undefined) { select.value = params.executor; }
    if (params.status !== undefined) {
      var keep = params.status.split(",");
      Array.prototype.forEach.call(document.querySelectorAll("#filter-status input"), function (box) {
        box.checked = keep.indexOf(box.value) >= 0;
      });
    }
  }
  if (form) { form.addEventListener("change", apply); }
  window.addEventListener("hashchange", function () { fromHash(); apply(); });
  fromHash();
  apply();
  document.body.setAttribute("data-ready", "1");
})();
