// eewatch report: small progressive enhancements. The page works without this file.
// 1. A tooltip for chart marks (tap on a phone, hover or focus elsewhere).
// 2. A filter of the latest-rounds table by round type or category.
(function () {
  "use strict";

  function tooltips() {
    var tip = document.createElement("div");
    tip.className = "tip";
    tip.hidden = true;
    tip.setAttribute("role", "status");
    document.body.appendChild(tip);
    function show(event) {
      var mark = event.target.closest ? event.target.closest("[data-tip]") : null;
      if (!mark) {
        tip.hidden = true;
        return;
      }
      tip.textContent = mark.getAttribute("data-tip");
      tip.hidden = false;
      var x = event.pageX, y = event.pageY;
      if (x === undefined || (x === 0 && y === 0)) {
        var box = mark.getBoundingClientRect();
        x = box.left + window.scrollX;
        y = box.top + window.scrollY;
      }
      var width = tip.offsetWidth;
      tip.style.left = Math.max(4, Math.min(x + 12, document.documentElement.clientWidth - width - 4)) + "px";
      tip.style.top = y + 14 + "px";
    }
    document.querySelectorAll("svg.chart").forEach(function (chart) {
      chart.addEventListener("mousemove", show);
      chart.addEventListener("click", show);
      chart.addEventListener("mouseleave", function () {
        tip.hidden = true;
      });
    });
  }

  function tableFilter() {
    var table = document.querySelector("#latest table.rounds");
    if (!table) {
      return;
    }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var groups = [];
    rows.forEach(function (row) {
      var group = row.getAttribute("data-group");
      if (group && groups.indexOf(group) < 0) {
        groups.push(group);
      }
    });
    if (groups.length < 2) {
      return;
    }
    var label = document.createElement("label");
    label.className = "filter";
    label.textContent = "Show: ";
    var select = document.createElement("select");
    [""].concat(groups.sort()).forEach(function (group) {
      var option = document.createElement("option");
      option.value = group;
      option.textContent = group || "all rounds";
      select.appendChild(option);
    });
    select.addEventListener("change", function () {
      rows.forEach(function (row) {
        row.hidden = select.value !== "" && row.getAttribute("data-group") !== select.value;
      });
    });
    label.appendChild(select);
    table.parentNode.parentNode.insertBefore(label, table.parentNode);
  }

  tooltips();
  tableFilter();
  document.documentElement.setAttribute("data-enhanced", "yes");
})();
