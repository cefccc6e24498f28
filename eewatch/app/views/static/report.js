// eewatch report: progressive enhancements. Every page is complete without this file.
// 1. Values of chart marks on hover, tap and keyboard focus (arrow keys walk a focused chart's marks).
// 2. The table of rounds: filters (kind, category, program, year), search by number, sorting by a
//    column; the choice is kept in the address (?category=stem&sort=-crs) so it can be shared.
// 3. "Your CRS" (?crs=489): a line on the CRS charts, the band on the pool page, the rounds it would
//    have been invited in; links to the other pages keep it.
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);

  function setParams(changes) {
    Object.keys(changes).forEach(function (key) {
      var value = changes[key];
      if (value === null || value === undefined || value === "") {
        params.delete(key);
      } else {
        params.set(key, value);
      }
    });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  // ---- 1. Tooltips -------------------------------------------------------------------------------
  function tooltips() {
    var tip = document.createElement("div");
    tip.className = "tip";
    tip.hidden = true;
    tip.setAttribute("role", "status");
    tip.setAttribute("aria-live", "polite");
    document.body.appendChild(tip);
    var active = null;

    function hide() {
      tip.hidden = true;
      if (active) {
        active.classList.remove("active");
        active = null;
      }
    }

    function show(mark) {
      if (active) {
        active.classList.remove("active");
      }
      active = mark;
      mark.classList.add("active");
      tip.textContent = mark.getAttribute("data-tip");
      tip.hidden = false;
      var box = mark.getBoundingClientRect();
      var width = tip.offsetWidth;
      var height = tip.offsetHeight;
      var left = box.left + box.width / 2 - width / 2;
      left = Math.max(4, Math.min(left, document.documentElement.clientWidth - width - 4));
      var top = box.top - height - 8;
      if (top < 4) {
        top = box.bottom + 8;
      }
      tip.style.left = left + window.scrollX + "px";
      tip.style.top = top + window.scrollY + "px";
    }

    document.querySelectorAll("svg.chart").forEach(function (chart) {
      var marks = Array.prototype.slice.call(chart.querySelectorAll("[data-tip]"));
      if (!marks.length) {
        return;
      }
      var ordered = null;
      var current = -1;
      function order() {
        if (!ordered) {
          ordered = marks
            .map(function (mark) {
              return [mark, mark.getBoundingClientRect()];
            })
            .sort(function (a, b) {
              return a[1].left - b[1].left || a[1].top - b[1].top;
            })
            .map(function (pair) {
              return pair[0];
            });
        }
        return ordered;
      }
      function nearest(event) {
        var best = null;
        var bestDistance = 48 * 48;
        marks.forEach(function (mark) {
          var box = mark.getBoundingClientRect();
          var dx = Math.max(box.left - event.clientX, 0, event.clientX - box.right);
          var dy = Math.max(box.top - event.clientY, 0, event.clientY - box.bottom);
          var distance = dx * dx + dy * dy;
          if (distance < bestDistance) {
            best = mark;
            bestDistance = distance;
          }
        });
        return best;
      }
      function pointer(event) {
        var mark = nearest(event);
        if (mark) {
          show(mark);
          current = order().indexOf(mark);
        } else {
          hide();
        }
      }
      chart.addEventListener("mousemove", pointer);
      chart.addEventListener("click", pointer);
      chart.addEventListener("mouseleave", hide);
      chart.addEventListener("blur", hide);
      chart.addEventListener("focus", function () {
        var list = order();
        current = current < 0 ? list.length - 1 : current;
        show(list[current]);
      });
      chart.addEventListener("keydown", function (event) {
        var list = order();
        var moves = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1 };
        if (event.key in moves) {
          current = Math.max(0, Math.min(list.length - 1, current + moves[event.key]));
        } else if (event.key === "Home") {
          current = 0;
        } else if (event.key === "End") {
          current = list.length - 1;
        } else if (event.key === "Escape") {
          hide();
          return;
        } else {
          return;
        }
        event.preventDefault();
        show(list[current]);
      });
    });
  }

  // ---- 2. The table of rounds --------------------------------------------------------------------
  var FILTERS = [
    // [URL parameter, row attribute, label, several values in one attribute]
    ["type", "data-type", "Kind", false],
    ["category", "data-category", "Category", false],
    ["program", "data-programs", "Program", true],
    ["year", "data-year", "Year", false],
  ];

  function distinct(rows, attr, several) {
    var seen = {};
    rows.forEach(function (row) {
      var value = row.getAttribute(attr) || "";
      (several ? value.split(" ") : [value]).forEach(function (v) {
        if (v) {
          seen[v] = true;
        }
      });
    });
    return Object.keys(seen).sort();
  }

  function roundsTable(table, withUrl) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, index) {
      row.setAttribute("data-index", String(index));
    });
    var state = {};
    var form = document.createElement("form");
    form.className = "filters";
    form.setAttribute("role", "search");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    var selects = {};
    FILTERS.forEach(function (def) {
      var values = distinct(rows, def[1], def[3]);
      if (values.length < 2) {
        return;
      }
      var label = document.createElement("label");
      label.textContent = def[2] + " ";
      var select = document.createElement("select");
      select.name = def[0];
      [""].concat(values).forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value || "any";
        select.appendChild(option);
      });
      select.addEventListener("change", function () {
        state[def[0]] = select.value;
        apply();
      });
      label.appendChild(select);
      form.appendChild(label);
      selects[def[0]] = select;
    });
    var searchLabel = document.createElement("label");
    searchLabel.textContent = "Round # ";
    var search = document.createElement("input");
    search.type = "search";
    search.name = "q";
    search.inputMode = "numeric";
    search.size = 5;
    search.addEventListener("input", function () {
      state.q = search.value.replace(/[^0-9]/g, "");
      apply();
    });
    searchLabel.appendChild(search);
    form.appendChild(searchLabel);
    var reset = document.createElement("button");
    reset.type = "button";
    reset.textContent = "Show all";
    reset.addEventListener("click", function () {
      state = {};
      sync();
      apply();
    });
    form.appendChild(reset);
    var status = document.createElement("p");
    status.className = "count";
    status.setAttribute("role", "status");
    form.appendChild(status);

    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th) {
      var key = th.getAttribute("data-sort");
      if (!key) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        // First click: highest first; again: lowest first.
        state.sort = state.sort === "-" + key ? key : "-" + key;
        apply();
      });
    });

    function sync() {
      Object.keys(selects).forEach(function (key) {
        selects[key].value = state[key] || "";
      });
      search.value = state.q || "";
    }

    function matches(row) {
      for (var i = 0; i < FILTERS.length; i++) {
        var def = FILTERS[i];
        var wanted = state[def[0]];
        if (wanted) {
          var value = row.getAttribute(def[1]) || "";
          var values = def[3] ? value.split(" ") : [value];
          if (values.indexOf(wanted) < 0) {
            return false;
          }
        }
      }
      return !state.q || (row.getAttribute("data-number") || "").indexOf(state.q) === 0;
    }

    function sortValue(row, key) {
      var raw = row.getAttribute("data-" + key);
      if (raw === null || raw === "") {
        return null;
      }
      return key === "date" ? raw : Number(raw);
    }

    function apply() {
      var sort = state.sort || "-date";
      var descending = sort.charAt(0) === "-";
      var key = descending ? sort.slice(1) : sort;
      var sorted = rows.slice().sort(function (a, b) {
        var x = sortValue(a, key);
        var y = sortValue(b, key);
        if (x === null || y === null) {
          if (x !== y) {
            return x === null ? 1 : -1; // unpublished values last, either way
          }
        } else if (x !== y) {
          return (x < y ? -1 : 1) * (descending ? -1 : 1);
        }
        return Number(a.getAttribute("data-index")) - Number(b.getAttribute("data-index"));
      });
      var shown = 0;
      sorted.forEach(function (row) {
        var visible = matches(row);
        row.hidden = !visible;
        shown += visible ? 1 : 0;
        body.appendChild(row);
      });
      headers.forEach(function (th) {
        var thKey = th.getAttribute("data-sort");
        if (thKey) {
          th.setAttribute("aria-sort", thKey === key ? (descending ? "descending" : "ascending") : "none");
        }
      });
      status.textContent = shown + " of " + rows.length + " rounds shown";
      table.setAttribute("data-shown", String(shown));
      if (withUrl) {
        setParams({
          type: state.type,
          category: state.category,
          program: state.program,
          year: state.year,
          q: state.q,
          sort: state.sort && state.sort !== "-date" ? state.sort : null,
        });
      }
    }

    if (withUrl) {
      ["type", "category", "program", "year", "q", "sort"].forEach(function (key) {
        if (params.get(key)) {
          state[key] = params.get(key);
        }
      });
    }
    sync();
    table.parentNode.parentNode.insertBefore(form, table.parentNode);
    apply();
  }

  // ---- 3. Your CRS -------------------------------------------------------------------------------
  function svgElement(chart, name, attrs) {
    var element = document.createElementNS(chart.namespaceURI, name);
    Object.keys(attrs).forEach(function (key) {
      element.setAttribute(key, attrs[key]);
    });
    return element;
  }

  function drawCrs(crs) {
    document.querySelectorAll('svg.line-chart[data-unit="CRS"]').forEach(function (chart) {
      chart.querySelectorAll("g.your-crs").forEach(function (old) {
        old.parentNode.removeChild(old);
      });
      if (crs === null || chart.hasAttribute("data-not-yours")) {
        return;
      }
      var low = Number(chart.getAttribute("data-y-low"));
      var high = Number(chart.getAttribute("data-y-high"));
      var top = Number(chart.getAttribute("data-top"));
      var plotH = Number(chart.getAttribute("data-plot-h"));
      var x1 = Number(chart.getAttribute("data-left"));
      var x2 = Number(chart.getAttribute("data-right"));
      var text = "- - your CRS " + crs;
      var value = crs;
      if (crs > high) {
        value = high;
        text += " (above)";
      } else if (crs < low) {
        value = low;
        text += " (below)";
      }
      var y = top + ((high - value) / (high - low || 1)) * plotH;
      var group = svgElement(chart, "g", { class: "your-crs", "data-crs": String(crs) });
      group.appendChild(
        svgElement(chart, "line", { x1: x1, x2: x2, y1: y, y2: y, "vector-effect": "non-scaling-stroke" })
      );
      var label = svgElement(chart, "text", { x: x2, y: top - 8, "text-anchor": "end" });
      label.textContent = text;
      group.appendChild(label);
      chart.appendChild(group);
    });
    var above = 0;
    var found = null;
    document.querySelectorAll("svg.band-chart g.band").forEach(function (band) {
      var low = Number(band.getAttribute("data-low"));
      var high = Number(band.getAttribute("data-high"));
      var count = band.getAttribute("data-count");
      var yours = crs !== null && low <= crs && crs <= high;
      band.classList.toggle("yours", yours);
      if (found === null && crs !== null) {
        above += count ? Number(count) : 0;
        if (yours) {
          found = [band.getAttribute("data-band"), count];
        }
      }
    });
    var sentence = document.querySelector(".your-band");
    if (sentence) {
      if (crs === null) {
        sentence.textContent = "";
      } else if (found) {
        sentence.textContent =
          "A CRS of " + crs + " is in band " + found[0] + " (" +
          (found[1] ? Number(found[1]).toLocaleString("en-CA") : "–") + " candidates); " +
          above.toLocaleString("en-CA") + " candidates are in that band or above.";
      } else {
        sentence.textContent = "A CRS of " + crs + " is in no published band.";
      }
    }
    document.querySelectorAll("table.rounds tbody tr").forEach(function (row) {
      var cut = row.getAttribute("data-crs");
      row.classList.toggle("invited", crs !== null && cut !== "" && Number(cut) <= crs);
    });
    document.querySelectorAll('a[href$=".html"], a[href*=".html?"]').forEach(function (link) {
      var href = link.getAttribute("href");
      if (/^[\w.-]+\.html(\?.*)?$/.test(href)) {
        var base = href.split("?")[0];
        link.setAttribute("href", crs === null ? base : base + "?crs=" + crs);
      }
    });
  }

  function yourCrs() {
    function parse(raw) {
      var value = parseInt(raw, 10);
      return isNaN(value) || value < 0 || value > 1200 ? null : value;
    }
    var fromUrl = parse(params.get("crs"));
    var built = document.querySelector("g.your-crs");
    var initial = fromUrl !== null ? fromUrl : built ? parse(built.getAttribute("data-crs")) : null;
    document.querySelectorAll("form.your-crs").forEach(function (form) {
      var input = form.querySelector("input[name=crs]");
      if (initial !== null) {
        input.value = String(initial);
      }
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var value = parse(input.value);
        setParams({ crs: value === null ? null : String(value) });
        drawCrs(value);
      });
    });
    if (fromUrl !== null || initial !== null) {
      drawCrs(initial);
    }
  }

  tooltips();
  var tables = document.querySelectorAll("table.rounds");
  tables.forEach(function (table, index) {
    roundsTable(table, index === 0);
  });
  yourCrs();
  document.documentElement.setAttribute("data-enhanced", "yes");
})();
