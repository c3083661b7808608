/* Sortable tables, written for this site so that nothing is fetched when a page is viewed.
 *
 * Every table with the class "xf-sortable" (the generated pages) sorts when a header cell
 * is clicked or activated with Enter/Space: ascending first, then descending. A cell's
 * data-sort attribute, when present, is the value sorted on (dates, day counts, rates);
 * otherwise its text. Values that all look like numbers sort as numbers; the rest sort
 * with Chinese collation. Material's instant loading re-runs the setup through document$.
 */
(function () {
  "use strict";
  var collator = new Intl.Collator("zh-CN", { numeric: true });

  function key(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var v = cell.getAttribute("data-sort");
    return v !== null ? v : cell.textContent.trim();
  }

  function isNumber(s) {
    return s !== "" && !isNaN(Number(s));
  }

  function sortBy(table, index, th) {
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var keys = rows.map(function (r) { return key(r, index); });
    var numeric = keys.every(isNumber);
    var order = rows.map(function (r, i) { return i; });
    order.sort(function (a, b) {
      var x = keys[a], y = keys[b];
      var c = numeric ? Number(x) - Number(y) : collator.compare(x, y);
      return (ascending ? c : -c) || a - b;
    });
    var fragment = document.createDocumentFragment();
    order.forEach(function (i) { fragment.appendChild(rows[i]); });
    body.appendChild(fragment);
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function setup(root) {
    var tables = (root || document).querySelectorAll("table.xf-sortable");
    Array.prototype.forEach.call(tables, function (table) {
      if (table.getAttribute("data-sortable-ready") || !table.tHead) return;
      table.setAttribute("data-sortable-ready", "1");
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
        th.setAttribute("tabindex", "0");
        th.title = "点击排序";
        th.addEventListener("click", function () { sortBy(table, index, th); });
        th.addEventListener("keydown", function (e) {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            sortBy(table, index, th);
          }
        });
      });
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { setup(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { setup(document); });
  }
})();
