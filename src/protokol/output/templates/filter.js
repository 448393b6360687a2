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
      el.hidden = !ok;
      if (ok && el.tagName === "TR") { shown += 1; }
    });
    Array.prototype.forEach.call(document.querySelectorAll("tbody[data-group]"), function (body) {
      body.hidden = !body.querySelector("tr[data-status]:not([hidden])");
    });
    var out = document.getElementById("shown");
    if (out) { out.textContent = "Показано: " + shown + " из " + rows.length; }
  }
  if (form) { form.addEventListener("change", apply); }
  apply();
  document.body.setAttribute("data-ready", "1");
})();
