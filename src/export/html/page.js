// casualty-atlas report page. Reads the JSON blob, colours the map for the
// selected period, fills the totals and tables, and shows details on hover or
// tap. Every piece of data reaches the page through textContent or
// setAttribute, never through innerHTML.
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('atlas-data').textContent);
  var PAGE = 200;
  var sel = 0; // 0: all periods; i + 1: period i
  var only = -1; // region row the incidents table is narrowed to, or -1
  var shown = PAGE;
  var $ = function (id) { return document.getElementById(id); };

  function fmt(n) {
    var s = String(n), out = '';
    for (var i = 0; i < s.length; i++) {
      if (i > 0 && (s.length - i) % 3 === 0) out += ',';
      out += s.charAt(i);
    }
    return out;
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }

  // [events, low, best, high, open-ended highs] of region r for the period.
  function stats(r) {
    if (sel === 0) return r.t;
    return r.p[String(sel - 1)] || [0, 0, 0, 0, 0];
  }
  function classes() { return sel === 0 ? D.classes.all : D.classes.period; }
  function classOf(v, breaks) {
    if (v === 0 || breaks.length === 0) return -1;
    for (var i = 0; i < breaks.length; i++) if (v <= breaks[i]) return i;
    return breaks.length - 1;
  }
  function periodName() { return sel === 0 ? 'All periods' : D.periods[sel - 1]; }
  function interval(s) {
    var t = fmt(s[1]) + '–' + fmt(s[3]);
    if (s[4] > 0) t += ' (high open for ' + fmt(s[4]) + ')';
    return t;
  }
  function toll(inc) {
    if (inc[5] === null) return 'unknown';
    var low = inc[4] === null ? inc[5] : inc[4];
    var high = inc[6] === null ? 'open' : fmt(inc[6]);
    return fmt(low) + '–' + fmt(inc[5]) + '–' + high;
  }
  function inPeriod(inc) { return sel === 0 || inc[8] === sel - 1; }
  function regionName(inc) {
    var r = inc[9] === null ? null : D.regions[inc[9]];
    return r ? r.name : '';
  }

  // Map colours and circles.
  var paths = document.querySelectorAll('#regions path');
  var circles = document.querySelectorAll('#incidents circle');
  function paint() {
    var c = classes();
    for (var i = 0; i < paths.length; i++) {
      var r = D.regions[Number(paths[i].getAttribute('data-r'))];
      if (!r) continue;
      var k = classOf(stats(r)[2], c.breaks);
      paths[i].setAttribute('fill', k < 0 ? D.zero : c.colors[k]);
    }
    for (var j = 0; j < circles.length; j++) {
      var inc = D.incidents[Number(circles[j].getAttribute('data-i'))];
      circles[j].classList.toggle('off', !inc || !inPeriod(inc));
    }
    legend(c);
  }
  function legend(c) {
    var lg = $('legend');
    if (!lg) return;
    clear(lg);
    lg.appendChild(el('div', 'Deaths (best est.)', 'h'));
    lg.appendChild(el('div', sel === 0 ? 'classes over all periods' : 'classes shared by every period', 'note'));
    var rows = [[D.zero, 'none']];
    for (var i = 0; i < c.breaks.length; i++) rows.push([c.colors[i], c.labels[i]]);
    rows.forEach(function (row) {
      var d = el('div', null, 'row');
      var sw = el('span', null, 'sw');
      sw.style.background = row[0];
      d.appendChild(sw);
      d.appendChild(el('span', row[1]));
      lg.appendChild(d);
    });
    if (circles.length > 0) {
      var d = el('div', null, 'row');
      d.appendChild(el('span', null, 'dot'));
      d.appendChild(el('span', 'incident; area proportional to deaths'));
      lg.appendChild(el('div', '\u00a0'));
      lg.appendChild(d);
    }
  }

  // Totals.
  function totals() {
    var t = [0, 0, 0, 0], unalloc = 0, unassigned = 0;
    D.regions.forEach(function (r) {
      var s = stats(r);
      for (var i = 0; i < 4; i++) t[i] += s[i];
      if (r.kind === 'unallocated') unalloc += s[0];
      if (r.kind === 'unassigned') unassigned += s[0];
    });
    $('t-events').textContent = fmt(t[0]);
    $('t-best').textContent = fmt(t[2]);
    $('t-range').textContent = fmt(t[1]) + '–' + fmt(t[3]);
    $('t-unalloc').textContent = fmt(unalloc);
    $('t-unassigned').textContent = fmt(unassigned);
  }

  // Tables.
  function regionTable() {
    var body = document.querySelector('#region-table tbody');
    clear(body);
    var rows = [], quiet = 0;
    D.regions.forEach(function (r, i) {
      var s = stats(r);
      if (s[0] === 0) { if (r.kind === 'region') quiet++; return; }
      rows.push([r, s, i]);
    });
    rows.sort(function (a, b) {
      return (b[1][2] - a[1][2]) || (b[1][0] - a[1][0]) || (a[0].name < b[0].name ? -1 : a[0].name > b[0].name ? 1 : 0);
    });
    rows.forEach(function (row) {
      var tr = el('tr', null, row[0].kind === 'region' ? '' : 'leftover');
      tr.setAttribute('data-r', String(row[2]));
      tr.appendChild(el('td', row[0].name));
      tr.appendChild(el('td', fmt(row[1][0]), 'n'));
      tr.appendChild(el('td', fmt(row[1][2]), 'n'));
      tr.appendChild(el('td', interval(row[1]), 'n'));
      body.appendChild(tr);
    });
    $('region-note').textContent = quiet > 0
      ? fmt(quiet) + ' region(s) with no recorded incident in this period are not listed.'
      : '';
  }
  function incidentTable() {
    var body = document.querySelector('#incident-table tbody');
    clear(body);
    var idx = [];
    for (var i = 0; i < D.incidents.length; i++) {
      var x = D.incidents[i];
      if (inPeriod(x) && (only < 0 || x[9] === only)) idx.push(i);
    }
    idx.sort(function (a, b) {
      var x = D.incidents[a][5], y = D.incidents[b][5];
      x = x === null ? -1 : x; y = y === null ? -1 : y;
      return (y - x) || (a - b);
    });
    var n = Math.min(shown, idx.length);
    for (var k = 0; k < n; k++) {
      var inc = D.incidents[idx[k]];
      var tr = el('tr');
      tr.appendChild(el('td', inc[3] || 'undated'));
      tr.appendChild(el('td', inc[2]));
      tr.appendChild(el('td', regionName(inc)));
      tr.appendChild(el('td', toll(inc), 'n'));
      tr.appendChild(el('td', (D.docs[inc[1]] || '') + ' · ' + inc[0]));
      tr.appendChild(el('td', inc[7] || '', 'ev'));
      body.appendChild(tr);
    }
    var note = 'Showing ' + fmt(n) + ' of ' + fmt(idx.length) + ' incident(s) in ' +
      (sel === 0 ? 'all periods' : D.periods[sel - 1]) +
      (only >= 0 ? ' in ' + D.regions[only].name : '') + ', by best-estimate deaths.';
    if (D.incidents.length < D.held) {
      note += ' The page lists the ' + fmt(D.incidents.length) + ' incidents with the highest tolls of ' +
        fmt(D.held) + '; incidents.csv has them all.';
    }
    if (D.not_held > 0) note += ' ' + fmt(D.not_held) + ' incident(s) from streamed tables are in the totals only.';
    $('incident-note').textContent = note;
    $('clear-region').hidden = only < 0;
    var more = $('more');
    more.hidden = n >= idx.length;
    more.textContent = 'Show ' + fmt(Math.min(PAGE, idx.length - n)) + ' more';
  }

  // Details on hover, focus or tap.
  var tip = $('tip'), wrap = $('map-wrap');
  function showTip(lines, x, y) {
    clear(tip);
    lines.forEach(function (l) { tip.appendChild(el('div', l[0], l[1] || '')); });
    tip.hidden = false;
    var w = wrap.getBoundingClientRect();
    var left = Math.min(x - w.left + 14, Math.max(0, w.width - tip.offsetWidth - 4));
    var top = y - w.top + 14;
    if (top + tip.offsetHeight > w.height) top = Math.max(0, y - w.top - tip.offsetHeight - 10);
    tip.style.left = left + 'px';
    tip.style.top = top + 'px';
  }
  function regionLines(r) {
    var s = stats(r);
    var lines = [[r.name, 'h'], [periodName()], [fmt(s[0]) + ' event(s)'],
      ['deaths ' + fmt(s[1]) + '–' + fmt(s[2]) + '–' + fmt(s[3]) + ' (low–best–high)']];
    if (s[4] > 0) lines.push([fmt(s[4]) + ' open-ended toll(s): the high is a floor']);
    return lines;
  }
  function incidentLines(inc) {
    var lines = [[inc[2] || '(no place)', 'h'], [inc[3] || 'undated'], ['deaths ' + toll(inc) + ' (low–best–high)']];
    var reg = regionName(inc);
    if (reg) lines.push([reg]);
    if (inc[7]) lines.push(['“' + inc[7] + '”', 'ev']);
    lines.push([(D.docs[inc[1]] || '') + ' · ' + inc[0]]);
    return lines;
  }
  function linesFor(t) {
    if (!t || !t.getAttribute) return null;
    var r = t.getAttribute('data-r'), i = t.getAttribute('data-i');
    if (r !== null && D.regions[Number(r)]) return regionLines(D.regions[Number(r)]);
    if (i !== null && D.incidents[Number(i)]) return incidentLines(D.incidents[Number(i)]);
    return null;
  }
  function onPoint(ev) {
    var lines = linesFor(ev.target);
    if (lines) showTip(lines, ev.clientX, ev.clientY); else tip.hidden = true;
  }
  var map = $('map');
  if (map) {
    map.addEventListener('mousemove', onPoint);
    map.addEventListener('click', function (ev) {
      onPoint(ev);
      // Clicking (tapping) a region narrows the incidents table to it.
      var r = ev.target.getAttribute ? ev.target.getAttribute('data-r') : null;
      if (r !== null) { only = Number(r); shown = PAGE; incidentTable(); }
    });
    map.addEventListener('mouseleave', function () { tip.hidden = true; });
    map.addEventListener('focusin', function (ev) {
      var lines = linesFor(ev.target);
      if (!lines) return;
      var b = ev.target.getBoundingClientRect();
      showTip(lines, b.left + b.width / 2, b.top + b.height / 2);
    });
    map.addEventListener('focusout', function () { tip.hidden = true; });
  }
  // Hovering a region row outlines its shape.
  var rtable = $('region-table');
  rtable.addEventListener('mouseover', function (ev) {
    var tr = ev.target.closest ? ev.target.closest('tr[data-r]') : null;
    for (var i = 0; i < paths.length; i++) {
      paths[i].classList.toggle('hl', !!tr && paths[i].getAttribute('data-r') === tr.getAttribute('data-r'));
    }
  });
  rtable.addEventListener('mouseleave', function () {
    for (var i = 0; i < paths.length; i++) paths[i].classList.remove('hl');
  });

  // Period control.
  var range = $('period-range'), select = $('period-select');
  function setPeriod(i) {
    sel = Math.max(0, Math.min(D.periods.length, i));
    range.value = String(sel);
    select.value = String(sel);
    $('period-label').textContent = periodName();
    shown = PAGE;
    tip.hidden = true;
    update();
  }
  range.addEventListener('input', function () { setPeriod(Number(range.value)); });
  select.addEventListener('change', function () { setPeriod(Number(select.value)); });
  $('prev').addEventListener('click', function () { setPeriod(sel - 1); });
  $('next').addEventListener('click', function () { setPeriod(sel + 1); });
  $('more').addEventListener('click', function () { shown += PAGE; incidentTable(); });
  $('clear-region').addEventListener('click', function () { only = -1; shown = PAGE; incidentTable(); });

  function update() { paint(); totals(); regionTable(); incidentTable(); }
  update();
})();
