/* Sopbook site script: search, dark mode toggle, RACI matrix filter, print. No dependencies, works from file://. */
(function () {
  "use strict";
  var doc = document.documentElement;
  var root = doc.getAttribute("data-root") || "";

  /* ---------- Theme ---------- */
  function currentTheme() {
    var set = doc.getAttribute("data-theme");
    if (set) return set;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  function setupThemeToggle() {
    var button = document.querySelector(".theme-toggle");
    if (!button) return;
    button.setAttribute("aria-pressed", currentTheme() === "dark" ? "true" : "false");
    button.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      doc.setAttribute("data-theme", next);
      button.setAttribute("aria-pressed", next === "dark" ? "true" : "false");
      try { localStorage.setItem("sopbook-theme", next); } catch (e) { /* storage may be off for file:// */ }
    });
  }

  /* ---------- Search ---------- */
  // Case and accents do not matter: "etape" finds "Étape".
  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* The index is split (see SearchIndex.swift): `search/index.js` holds the title, page and area of every
     process and the roles, and answers the first keystroke; `search/text-K.js` hold summaries, owners, tags
     and steps, and are loaded once the first results show, each refining them as it arrives. Script tags
     that set a global, not fetch(): browsers refuse fetch() on file:// pages. */
  var index = null;       // { items, byUrl, shards, loaded } once the core has loaded
  var coreWaiting = null; // callbacks waiting for the core
  var textStarted = false;
  var textListeners = [];

  function loadScript(path, done) {
    var script = document.createElement("script");
    script.src = root + path;
    script.onload = function () { done(true); };
    script.onerror = function () { done(false); };
    document.head.appendChild(script);
  }

  function prepareCore(core) {
    var items = [], byUrl = Object.create(null);
    var folders = core.folders || [], areas = core.areas || [];
    (core.processes || []).forEach(function (p) {
      var url = (folders[p[1]] || "") + p[2];
      var item = {
        title: p[0], url: url, area: areas[p[3]] || "", summary: "", kind: "process", retired: p[4] === 1,
        ft: fold(p[0]), fs: "", fo: "", fg: "", steps: [], rawSteps: []
      };
      items.push(item);
      byUrl[url] = item;
    });
    (core.roles || []).forEach(function (r) {
      items.push({ title: r[0], url: r[1], kind: "role", ft: fold(r[0]), fs: "", fo: "", fg: "", steps: [], rawSteps: [] });
    });
    return { items: items, byUrl: byUrl, shards: core.text || 0, loaded: 0 };
  }

  function loadCore(callback) {
    if (index) { callback(index); return; }
    if (coreWaiting) { coreWaiting.push(callback); return; }
    coreWaiting = [callback];
    loadScript("_sopbook/search/index.js", function () {
      index = prepareCore(window.SOPBOOK_SEARCH || {});
      window.SOPBOOK_SEARCH = undefined;
      var waiting = coreWaiting;
      coreWaiting = null;
      waiting.forEach(function (f) { f(index); });
    });
  }

  function addText(rows) {
    (rows || []).forEach(function (r) {
      var item = index.byUrl[r[0]];
      if (!item) return;
      item.summary = r[1];
      item.fs = fold(r[1]);
      item.fo = fold(r[2] + " " + r[3]);
      item.fg = fold(r[4]);
      item.rawSteps = r[5] || [];
      item.steps = item.rawSteps.map(function (s) { return fold(s); });
    });
  }

  // Two shards at a time: enough to keep an HTTP connection busy, few enough that the first arrives soon.
  function loadText() {
    if (textStarted || !index) return;
    textStarted = true;
    var next = 0;
    function one() {
      if (next >= index.shards) return;
      var k = next++;
      loadScript("_sopbook/search/text-" + k + ".js", function () {
        var name = "SOPBOOK_SEARCH_TEXT_" + k;
        addText(window[name]);
        window[name] = undefined;
        index.loaded++;
        textListeners.forEach(function (f) { f(); });
        one();
      });
    }
    one();
    one();
  }

  function textComplete() { return !!index && index.loaded >= index.shards; }

  function matchesAll(text, terms) {
    for (var i = 0; i < terms.length; i++) if (text.indexOf(terms[i]) < 0) return false;
    return true;
  }

  function search(items, query) {
    var terms = fold(query).split(/\s+/).filter(Boolean);
    if (!terms.length) return [];
    var results = [];
    items.forEach(function (item) {
      var all = item.ft + " " + item.fs + " " + item.fo + " " + item.fg;
      var score = 0;
      if (matchesAll(item.ft, terms)) score = item.ft.indexOf(terms[0]) === 0 ? 100 : 80;
      else if (matchesAll(item.fo + " " + item.fg, terms)) score = 50;
      else if (matchesAll(all, terms)) score = 40;
      if (score) results.push({ item: item, score: score, step: 0 });
      // Steps are results of their own, below processes, so "etape" can land on the step itself.
      for (var s = 0; s < item.steps.length; s++) {
        if (matchesAll(item.steps[s], terms)) {
          results.push({ item: item, score: 20 - Math.min(s, 10) / 100, step: s + 1 });
        }
      }
    });
    // A retired SOP ranks after every current result, whatever matched: it is kept for the record only.
    results.sort(function (a, b) {
      return (a.item.retired ? 1 : 0) - (b.item.retired ? 1 : 0) || b.score - a.score || a.item.title.localeCompare(b.item.title) || a.step - b.step;
    });
    return results.slice(0, 12);
  }

  function setupSearch() {
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    if (!input || !list) return;
    var active = -1;
    var stepWord = input.getAttribute("data-step") || "Step";

    // `keep`: a refinement as a text shard arrives keeps the option the reader moved to.
    function render(results, keep) {
      var was = keep ? active : -1;
      list.textContent = "";
      active = -1;
      if (!input.value.trim()) { list.hidden = true; return; }
      if (!results.length) {
        var empty = document.createElement("li");
        empty.className = "search-empty";
        empty.textContent = input.getAttribute("data-no-results") || "No results";
        list.appendChild(empty);
      }
      results.forEach(function (r, n) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.id = "search-result-" + n;
        var a = document.createElement("a");
        a.href = root + r.item.url + (r.step ? "#step-" + r.step : "");
        var title = document.createElement("span");
        title.className = "result-title";
        title.textContent = r.step ? r.item.title + " › " + stepWord + " " + r.step : r.item.title;
        a.appendChild(title);
        var detail = r.step ? r.item.rawSteps[r.step - 1] : (r.item.summary || r.item.area || "");
        if (detail) {
          var d = document.createElement("span");
          d.className = "result-detail";
          d.textContent = detail.length > 140 ? detail.slice(0, 140) + "…" : detail;
          a.appendChild(d);
        }
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = false;
      if (was >= 0 && results.length) move(Math.min(was, results.length - 1) + 1);
    }

    // Results from what has loaded so far. "No results" waits for the whole index: a step may still match.
    function refresh(keep) {
      if (!index) return;
      var results = search(index.items, input.value);
      if (results.length || textComplete() || !input.value.trim()) render(results, keep);
    }

    function update() {
      var query = input.value;
      loadCore(function () {
        if (input.value !== query) return;
        refresh(false);
        // After the first results are on screen, not before: they need the core alone.
        setTimeout(loadText, 0);
      });
    }
    // Not after the reader has closed the list by clicking elsewhere.
    textListeners.push(function () { if (!list.hidden || document.activeElement === input) refresh(true); });

    function move(delta) {
      var options = list.querySelectorAll("li[role=option]");
      if (!options.length) return;
      if (active >= 0) options[active].classList.remove("active");
      active = (active + delta + options.length) % options.length;
      options[active].classList.add("active");
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    input.addEventListener("focus", function () { loadCore(function () {}); });
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
      else if (e.key === "Enter") {
        var options = list.querySelectorAll("li[role=option] a");
        var target = options[active >= 0 ? active : 0];
        if (target) { e.preventDefault(); window.location.href = target.href; }
      } else if (e.key === "Escape") { input.value = ""; render([], false); }
    });
    document.addEventListener("click", function (e) {
      if (!list.contains(e.target) && e.target !== input) list.hidden = true;
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "/" && document.activeElement !== input && !/input|textarea|select/i.test(document.activeElement.tagName)) {
        e.preventDefault();
        input.focus();
      }
    });
  }

  /* ---------- RACI matrix filter ---------- */
  function setupFilters() {
    var selects = document.querySelectorAll("select.area-filter");
    Array.prototype.forEach.call(selects, function (select) {
      var table = document.getElementById(select.getAttribute("data-target"));
      if (!table) return;
      select.addEventListener("change", function () {
        var value = select.value;
        Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
          row.hidden = !!value && row.getAttribute("data-area") !== value;
        });
      });
    });
  }

  /* ---------- Document register: sort by a column, filter by area, owner and status ---------- */
  function setupRegister() {
    var table = document.getElementById("register");
    if (!table) return;
    var body = table.tBodies[0];
    var selects = document.querySelectorAll("select.register-filter");
    function filter() {
      Array.prototype.forEach.call(body.rows, function (row) {
        row.hidden = Array.prototype.some.call(selects, function (s) {
          return !!s.value && row.getAttribute("data-" + s.getAttribute("data-key")) !== s.value;
        });
      });
    }
    Array.prototype.forEach.call(selects, function (s) { s.addEventListener("change", filter); });
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, column) {
      var button = th.querySelector("button.sort");
      if (!button) return;
      button.addEventListener("click", function () {
        // A second click on the same column reverses the order.
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.getAttribute("data-type") === "number";
        function key(row) {
          var cell = row.cells[column];
          return cell.getAttribute("data-sort") || cell.textContent.trim();
        }
        var rows = Array.prototype.slice.call(body.rows);
        // Stable: rows that compare equal keep their order (Array.prototype.sort is stable since ES2019).
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, undefined, { numeric: true });
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function setupPrint() {
    Array.prototype.forEach.call(document.querySelectorAll(".print-button"), function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
  }

  function start() {
    setupThemeToggle();
    setupSearch();
    setupFilters();
    setupRegister();
    setupPrint();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
