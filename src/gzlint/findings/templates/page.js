// Filters (rule, severity, file) kept in the address's #fragment so that a
// filtered view can be bookmarked; clicking a finding outlines its cells.
(function () {
  "use strict";
  var keys = ["rule", "sev", "file"];
  var selects = {};
  keys.forEach(function (k) { selects[k] = document.querySelector('#filters select[data-key="' + k + '"]'); });

  function state() {
    var s = {};
    keys.forEach(function (k) { s[k] = selects[k].value; });
    return s;
  }

  function matches(el, s) {
    return (!s.rule || el.dataset.code === s.rule) && (!s.sev || el.dataset.sev === s.sev) &&
      (!s.file || el.dataset.file === s.file);
  }

  function apply() {
    var s = state();
    var filtering = !!(s.rule || s.sev);
    var visible = {};
    document.querySelectorAll("li.finding").forEach(function (li) {
      var show = matches(li, s);
      li.hidden = !show;
      if (show) { visible[li.id] = true; }
    });
    document.querySelectorAll("section.file").forEach(function (sec) {
      var any = sec.querySelector("li.finding:not([hidden])") !== null;
      sec.hidden = (s.file && sec.dataset.file !== s.file) || (filtering && !any);
    });
    document.querySelectorAll("#ranked tbody tr").forEach(function (tr) {
      tr.hidden = !!s.file && tr.dataset.file !== s.file;
    });
    document.querySelectorAll("[data-diag]").forEach(function (cell) {
      var shown = cell.dataset.diag.split(" ").some(function (id) { return visible[id]; });
      cell.classList.toggle("filtered", !shown);
    });
    var hash = keys.filter(function (k) { return s[k]; }).map(function (k) {
      return k + "=" + encodeURIComponent(s[k]);
    }).join("&");
    if (window.history && history.replaceState) {
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    }
  }

  function fromHash() {
    var h = location.hash.replace(/^#/, "");
    if (h.indexOf("=") < 0) { return; }  // a plain #file-0 anchor
    h.split("&").forEach(function (part) {
      var kv = part.split("=");
      if (selects[kv[0]]) { selects[kv[0]].value = decodeURIComponent(kv[1] || ""); }
    });
  }

  function focus(li) {
    document.querySelectorAll(".focus").forEach(function (c) { c.classList.remove("focus"); });
    document.querySelectorAll("li.finding.active").forEach(function (x) { x.classList.remove("active"); });
    li.classList.add("active");
    document.querySelectorAll("[data-diag]").forEach(function (cell) {
      if (cell.dataset.diag.split(" ").indexOf(li.id) >= 0) { cell.classList.add("focus"); }
    });
  }

  keys.forEach(function (k) { selects[k].addEventListener("change", apply); });
  document.getElementById("f-reset").addEventListener("click", function () {
    keys.forEach(function (k) { selects[k].value = ""; });
    apply();
  });
  document.querySelectorAll("li.finding").forEach(function (li) {
    li.addEventListener("click", function () { focus(li); });
    li.addEventListener("keydown", function (e) { if (e.key === "Enter") { focus(li); } });
  });
  fromHash();
  apply();
}());
