// 挂图作战: draws the battle map from /battle-map/data. Only the rows in view (and a few either side) are in
// the DOM, so 10,000 projects scroll as smoothly as 10; every position is a percentage of the time axis, so
// nothing is redrawn when the window is resized. For print, the rows of the current filter (up to
// data-print-max) are laid out as a table whose header row, the time axis, repeats on every A3 page.
(function () {
  "use strict";
  var root = document.getElementById("battle-map");
  if (!root) return;
  var viewport = root.querySelector(".ks-bm-viewport");
  var head = root.querySelector(".ks-bm-head");
  var axis = root.querySelector(".ks-bm-axis");
  var body = root.querySelector(".ks-bm-body");
  var status = root.querySelector(".ks-bm-status");
  var printArea = document.getElementById("battle-map-print");
  var labels = JSON.parse(root.getAttribute("data-labels") || "{}");
  var printMax = parseInt(root.getAttribute("data-print-max"), 10) || 2000;
  var ROW = 28;
  var OVERSCAN = 10;
  var DAY = 86400000;

  var data = null;
  var items = [];
  var days = 1;
  var origin = 0;
  var rendered = new Map();
  var pending = false;
  var printed = false;

  var button = document.getElementById("print-map");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  fetch(root.getAttribute("data-src"), { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then(start, function () { status.textContent = labels.failed; });

  function start(json) {
    data = json;
    origin = Date.parse(data.from + "T00:00:00Z");
    days = Math.round((Date.parse(data.to + "T00:00:00Z") - origin) / DAY) + 1;
    var group = -1;
    for (var i = 0; i < data.rows.length; i++) {
      var row = data.rows[i];
      if (row.group !== group) {
        group = row.group;
        items.push({ header: data.groups[group] });
      }
      items.push(row);
    }
    root.classList.add("ks-bm-ready");
    body.style.height = items.length * ROW + "px";
    var today = dayOf(data.asOf);
    var lines = el("div", "ks-bm-lines");
    var line = el("div", "ks-bm-today");
    line.style.left = pct(today + 0.5);
    lines.appendChild(line);
    body.appendChild(lines);
    drawAxis(axis, axis.clientWidth);
    if (items.length === 0) status.textContent = labels.empty;
    viewport.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", function () { drawAxis(axis, axis.clientWidth); schedule(); });
    render();
    // For whoever measures the map (docs/benchmarks.md): data fetched, parsed and the first rows drawn.
    if (window.performance && performance.mark) performance.mark("battle-map-drawn");
    var print = window.matchMedia("print");
    if (print.addEventListener) print.addEventListener("change", function (e) { if (e.matches) layOutForPrint(); });
    window.addEventListener("beforeprint", layOutForPrint);
    if (print.matches) layOutForPrint();
  }

  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; render(); });
  }

  // The rows whose band of the body is in the viewport, plus OVERSCAN either side; the rest leave the DOM.
  function render() {
    var top = viewport.scrollTop;
    var height = Math.max(0, viewport.clientHeight - head.offsetHeight);
    var first = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
    var last = Math.min(items.length - 1, Math.ceil((top + height) / ROW) + OVERSCAN);
    rendered.forEach(function (node, index) {
      if (index < first || index > last) {
        node.remove();
        rendered.delete(index);
      }
    });
    for (var i = first; i <= last; i++) {
      if (rendered.has(i)) continue;
      var node = item(items[i], i);
      node.style.top = i * ROW + "px";
      body.appendChild(node);
      rendered.set(i, node);
    }
    if (items.length > 0) {
      var shownFirst = Math.min(items.length, Math.floor(top / ROW) + 1);
      var shownLast = Math.min(items.length, Math.ceil((top + height) / ROW));
      status.textContent = format(labels.shown, shownFirst, shownLast, items.length);
    }
  }

  function item(entry, index) {
    if (entry.header) {
      var header = el("div", "ks-bm-group");
      header.setAttribute("data-index", index);
      var name = el("span", "ks-bm-group-name");
      name.textContent = entry.header.name;
      var count = el("span", "ks-bm-group-count");
      count.textContent = entry.header.count + labels.projects;
      header.appendChild(name);
      header.appendChild(count);
      return header;
    }
    var row = el("div", "ks-bm-row ks-bm-light-" + entry.light);
    row.setAttribute("data-index", index);
    row.setAttribute("data-code", entry.code);
    row.appendChild(label(entry));
    row.appendChild(track(entry));
    return row;
  }

  function label(entry) {
    var cell = el("div", "ks-bm-label");
    var dot = el("span", "ks-dot");
    dot.setAttribute("aria-hidden", "true");
    var link = el("a", "ks-bm-name");
    // The chosen 截至 date follows the user to the project (as every desk link does).
    var asOf = root.getAttribute("data-as-of");
    link.href = "/projects/" + encodeURIComponent(entry.code) + (entry.scheduled ? "/schedule" : "") + (asOf ? "?asOf=" + encodeURIComponent(asOf) : "");
    link.textContent = entry.name;
    link.title = entry.code + " " + entry.name;
    cell.appendChild(dot);
    cell.appendChild(link);
    return cell;
  }

  function track(entry) {
    var cell = el("div", "ks-bm-track");
    if (entry.start !== null && entry.end !== null) {
      var bar = el("div", "ks-bm-bar");
      bar.style.left = pct(entry.start);
      bar.style.width = pct(entry.end + 1 - entry.start);
      bar.title = entry.name + "：" + date(entry.start) + " → " + date(entry.end);
      cell.appendChild(bar);
      if (entry.overrun && entry.deadline !== null) {
        var over = el("div", "ks-bm-over");
        over.style.left = pct(entry.deadline + 1);
        over.style.width = pct(entry.end - entry.deadline);
        over.title = labels.overrun + "：" + date(entry.deadline) + " → " + date(entry.end);
        cell.appendChild(over);
      }
    } else if (entry.start !== null) {
      // A start without an end (计划竣工时间 not given): a bar that fades out, not a made-up finish.
      var open = el("div", "ks-bm-open");
      open.style.left = pct(entry.start);
      open.style.width = pct(Math.min(90, days - entry.start));
      open.title = entry.name + "：" + labels.start + " " + date(entry.start) + " · " + labels.noEnd;
      cell.appendChild(open);
    } else if (entry.nodes.length === 0) {
      var none = el("span", "ks-bm-none");
      none.textContent = labels.noDates;
      cell.appendChild(none);
    }
    if (entry.deadline !== null) {
      var tick = el("div", "ks-bm-deadline");
      tick.style.left = pct(entry.deadline + 1);
      tick.title = labels.deadline + " " + date(entry.deadline);
      cell.appendChild(tick);
    }
    for (var i = 0; i < entry.nodes.length; i++) {
      var n = entry.nodes[i];
      var node = el("span", "ks-bm-node ks-bm-node-" + n[1] + (n[3] ? " ks-bm-node-done" : ""));
      node.style.left = pct(n[0] + 0.5);
      node.title = n[2] + " " + date(n[0]) + " · " + (n[3] ? labels.done : labels[n[1]]);
      cell.appendChild(node);
    }
    return cell;
  }

  // Month lines, labelled as often as the width allows: every month, every quarter, or every January.
  function drawAxis(target, width) {
    target.textContent = "";
    if (!data) return;
    var from = new Date(origin);
    var months = [];
    for (var y = from.getUTCFullYear(), m = from.getUTCMonth(); ; m++) {
      if (m === 12) { m = 0; y++; }
      var at = (Date.UTC(y, m, 1) - origin) / DAY;
      if (at >= days) break;
      months.push({ year: y, month: m, day: at });
    }
    var perMonth = (width || 1000) / Math.max(1, months.length);
    var every = perMonth >= 40 ? 1 : perMonth >= 14 ? 3 : 12;
    for (var i = 0; i < months.length; i++) {
      var mo = months[i];
      var tick = el("div", "ks-bm-tick" + (mo.month === 0 ? " ks-bm-tick-year" : ""));
      tick.style.left = pct(mo.day);
      if (mo.month % every === 0 || i === 0) {
        var text = el("span", "ks-bm-tick-label");
        text.textContent = monthLabel(mo.year, mo.month, i === 0 || mo.month === 0);
        tick.appendChild(text);
      }
      target.appendChild(tick);
    }
    var today = el("div", "ks-bm-tick ks-bm-tick-today");
    today.style.left = pct(dayOf(data.asOf) + 0.5);
    var word = el("span", "ks-bm-tick-label");
    word.textContent = labels.today;
    today.appendChild(word);
    target.appendChild(today);
  }

  // The printout: a table, so the axis (its head) repeats on every page; capped at data-print-max projects.
  function layOutForPrint() {
    if (printed || !data || !printArea) return;
    printed = true;
    var table = el("table", "ks-bm-table");
    var thead = el("thead");
    var headRow = el("tr");
    var th = el("th", "ks-bm-label");
    th.textContent = labels.project;
    var axisCell = el("th", "ks-bm-axis-cell");
    var printAxis = el("div", "ks-bm-axis");
    axisCell.appendChild(printAxis);
    headRow.appendChild(th);
    headRow.appendChild(axisCell);
    thead.appendChild(headRow);
    table.appendChild(thead);
    var tbody = el("tbody");
    var projects = 0;
    for (var i = 0; i < items.length && projects < printMax; i++) {
      var entry = items[i];
      var tr = el("tr", entry.header ? "ks-bm-print-group" : "ks-bm-print-row ks-bm-light-" + entry.light);
      if (entry.header) {
        var cell = el("td");
        cell.colSpan = 2;
        cell.textContent = entry.header.name + " · " + entry.header.count + labels.projects;
        tr.appendChild(cell);
      } else {
        projects++;
        tr.setAttribute("data-code", entry.code);
        var name = el("td", "ks-bm-label");
        var dot = el("span", "ks-dot");
        name.appendChild(dot);
        name.appendChild(document.createTextNode(entry.name));
        var trackCell = el("td", "ks-bm-track-cell");
        var drawn = track(entry);
        // On paper there is no overlay: each row carries its piece of the today line.
        var today = el("div", "ks-bm-today");
        today.style.left = pct(dayOf(data.asOf) + 0.5);
        drawn.appendChild(today);
        trackCell.appendChild(drawn);
        tr.appendChild(name);
        tr.appendChild(trackCell);
      }
      tbody.appendChild(tr);
    }
    table.appendChild(tbody);
    printArea.appendChild(table);
    // The print width is not the screen's: label the axis for a sheet of A3 (about 1,300 CSS pixels of track).
    drawAxis(printAxis, 1300);
  }

  function monthLabel(year, month, withYear) {
    if (labels.lang === "en") {
      var names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
      return withYear ? names[month] + " " + year : names[month];
    }
    return withYear ? year + "年" + (month + 1) + "月" : (month + 1) + "月";
  }

  function dayOf(iso) { return Math.round((Date.parse(iso + "T00:00:00Z") - origin) / DAY); }
  function date(day) { return new Date(origin + day * DAY).toISOString().slice(0, 10); }
  function pct(day) { return (day / days * 100).toFixed(4) + "%"; }
  function format(text, a, b, c) { return text.replace("{0}", a).replace("{1}", b).replace("{2}", c); }
  function el(tag, cls) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    return node;
  }
})();
