/* kaoping site script: draws every chart on the page; runs the search box
 * in the header; adds a filter box above every table of more than 20 rows.
 *
 * A chart is a container  <div data-chart="ID-option" ...>  plus its option
 * as JSON in  <script type="application/json" id="ID-option">. There is no
 * inline JavaScript anywhere: this file reads the JSON, turns the "kp:..."
 * formatter names into functions, and hands the option to ECharts.
 * ECharts (assets/echarts.min.js, next to this file) is loaded only on pages
 * that have a chart. Charts use the SVG renderer: crisp on paper and in PDF.
 *
 * Formatter names (any "formatter" or "valueFormatter" string in an option):
 *   kp:wan        large numbers as 1.23万 / 12.3k (axis labels)
 *   kp:num:D      fixed D decimals, grouped with "," from 10,000
 *   kp:pct:D      D decimals and "%" (the value is already 100·rate)
 *   kp:ratio:D    "1:" and D decimals
 *   kp:days:D     D decimals and " 天" / " days"
 *   kp:rank       第N名 / #N
 * Missing values (null) show as "—".
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var en = /^en/i.test(document.documentElement.lang || '');
  var MISSING = '\u2014';
  var PRINT_WIDTH = 640; // px, the 170 mm text width of an A4 page (see site.css)

  // val takes a value, or the params object ECharts passes to label
  // formatters (its value, or the last element of an array value: heatmap).
  function val(x) {
    if (x && typeof x === 'object') x = Array.isArray(x.value) ? x.value[x.value.length - 1] : x.value;
    return x;
  }

  function missing(v) { return v === null || v === undefined || v === '' || v === '-' || !isFinite(+v); }

  // fixed: half away from zero, "," grouping when the integer part has 5+ digits.
  function fixed(v, d) {
    v = val(v);
    if (missing(v)) return MISSING;
    v = +v;
    var f = Math.pow(10, d);
    var r = Math.round(Math.abs(v) * f + 1e-9) / f;
    var s = r.toFixed(d);
    var parts = s.split('.');
    if (parts[0].length >= 5) parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    s = parts.join('.');
    return (v < 0 && r !== 0 ? '-' : '') + s;
  }

  function trim(s) { return s.indexOf('.') < 0 ? s : s.replace(/0+$/, '').replace(/\.$/, ''); }

  function wan(v) {
    v = val(v);
    if (missing(v)) return MISSING;
    v = +v;
    var a = Math.abs(v);
    var units = en ? [[1e9, 'B'], [1e6, 'M'], [1e3, 'k']] : [[1e8, '亿'], [1e4, '万']];
    for (var i = 0; i < units.length; i++) {
      if (a >= units[i][0]) {
        var x = v / units[i][0], ax = Math.abs(x);
        return trim(fixed(x, ax >= 100 ? 0 : ax >= 10 ? 1 : 2)) + units[i][1];
      }
    }
    return trim(fixed(v, 2));
  }

  var makers = {
    wan: function () { return wan; },
    num: function (d) { return function (v) { return fixed(v, d); }; },
    pct: function (d) { return function (v) { v = val(v); return missing(v) ? MISSING : fixed(v, d) + '%'; }; },
    ratio: function (d) { return function (v) { v = val(v); return missing(v) ? MISSING : '1:' + fixed(v, d); }; },
    days: function (d) { return function (v) { v = val(v); return missing(v) ? MISSING : fixed(v, d) + (en ? ' days' : ' 天'); }; },
    rank: function () { return function (v) { v = val(v); return missing(v) ? MISSING : (en ? '#' + v : '第' + v + '名'); }; }
  };

  // resolve replaces "kp:..." formatter names, in place, by functions.
  function resolve(o) {
    if (!o || typeof o !== 'object') return;
    for (var k in o) {
      if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
      var v = o[k];
      if (typeof v === 'string' && v.lastIndexOf('kp:', 0) === 0 && (k === 'formatter' || k === 'valueFormatter')) {
        var p = v.split(':');
        var make = makers[p[1]];
        if (make) o[k] = make(p[2] === undefined ? 2 : +p[2]);
      } else if (typeof v === 'object') {
        resolve(v);
      }
    }
  }

  var charts = [];

  function draw(el) {
    var src = document.getElementById(el.getAttribute('data-chart'));
    if (!src) return;
    var option;
    try { option = JSON.parse(src.textContent); } catch (e) { return; }
    resolve(option);
    // No animation: a chart printed or captured right after loading must
    // already be complete (line charts draw in over a second otherwise).
    option.animation = false;
    option.textStyle = option.textStyle || {};
    option.textStyle.fontFamily = option.textStyle.fontFamily || getComputedStyle(document.body).fontFamily;
    var chart = window.echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(option);
    charts.push(chart);
  }

  function resizeAll(size) {
    for (var i = 0; i < charts.length; i++) {
      var c = charts[i];
      if (c.isDisposed()) continue;
      c.resize(size ? { width: size.width, height: c.getDom().clientHeight, animation: { duration: 0 } } : { animation: { duration: 0 } });
    }
  }

  function start() {
    var els = document.querySelectorAll('[data-chart]');
    if (!els.length) return;
    var go = function () { for (var i = 0; i < els.length; i++) draw(els[i]); };
    if (window.echarts) { go(); return; }
    var base = script && script.src ? script.src.slice(0, script.src.lastIndexOf('/') + 1) : 'assets/';
    var s = document.createElement('script');
    s.src = base + 'echarts.min.js';
    s.onload = go;
    document.head.appendChild(s);
  }

  var timer = 0;
  window.addEventListener('resize', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { resizeAll(); }, 100);
  });
  var toPaper = function () { resizeAll({ width: PRINT_WIDTH }); };
  var toScreen = function () { resizeAll(); };
  window.addEventListener('beforeprint', toPaper);
  window.addEventListener('afterprint', toScreen);
  if (window.matchMedia) {
    var mq = window.matchMedia('print');
    var onChange = function (e) { if (e.matches) toPaper(); else toScreen(); };
    if (mq.addEventListener) mq.addEventListener('change', onChange);
    else if (mq.addListener) mq.addListener(onChange);
  }

  // The print buttons of a 公示表: paper leaves the charts out unless the
  // button says data-print="charts" (site.css, html.print-charts).
  document.addEventListener('click', function (e) {
    var b = e.target && e.target.closest ? e.target.closest('[data-print]') : null;
    if (!b) return;
    document.documentElement.classList.toggle('print-charts', b.getAttribute('data-print') === 'charts');
    window.print();
  });
  window.addEventListener('afterprint', function () { document.documentElement.classList.remove('print-charts'); });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();

/* The search box (header of every page). The index is a script,
 * assets/search-index.js, setting window.kaopingSearch to rows of
 * [name, id, pinyin, initials, path, note]; it is loaded on first use, as
 * a script so that it loads from file:// too. A bundle carries an index of
 * its own pages only. Without JavaScript the box stays hidden and the 单位
 * list in the navigation is the way in. */
(function () {
  'use strict';
  var script = document.currentScript;
  var box = document.querySelector('.site-search');
  if (!box || !script || !script.src) return;
  var base = script.src.slice(0, script.src.lastIndexOf('/') + 1); // .../assets/
  var input = box.querySelector('input');
  var list = box.querySelector('ul');
  var status = box.querySelector('[aria-live]');
  var en = /^en/i.test(document.documentElement.lang || '');
  var MAX = 12;
  var loading = false;
  box.hidden = false;

  function load(then) {
    if (window.kaopingSearch) { then(); return; }
    if (loading) return;
    loading = true;
    var s = document.createElement('script');
    s.src = base + 'search-index.js';
    s.onload = function () { then(); };
    s.onerror = function () { status.textContent = en ? 'The search index is missing.' : '搜索索引缺失。'; };
    document.head.appendChild(s);
  }

  // score: lower is better; -1 = no match. An exact name or id comes
  // first, then names, ids and pinyin that start with the query, then
  // those that only contain it; equals keep the index's order (periods,
  // schemes, indicators, then entities from the top of the hierarchy).
  function score(row, q) {
    var best = -1;
    function at(text, prefix, other) {
      var i = text.indexOf(q);
      if (i < 0) return;
      var sc = text === q ? 0 : i === 0 ? prefix : other;
      if (best < 0 || sc < best) best = sc;
    }
    at(row[0].toLowerCase(), 1, 4);
    at(row[1], 2, 5);
    at(row[3], 2, 6);
    at(row[2], 3, 6);
    return best;
  }

  function show() {
    var q = input.value.trim().toLowerCase().replace(/\s+/g, '');
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!q) { list.hidden = true; status.textContent = ''; return; }
    var rows = window.kaopingSearch || [], hits = [];
    for (var i = 0; i < rows.length; i++) {
      var sc = score(rows[i], q);
      if (sc >= 0) hits.push([sc, i]);
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    for (var j = 0; j < hits.length && j < MAX; j++) {
      var r = rows[hits[j][1]];
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = base + '../' + r[4];
      a.textContent = r[0];
      var note = document.createElement('span');
      note.className = 'note';
      note.textContent = r[5];
      a.appendChild(note);
      li.appendChild(a);
      list.appendChild(li);
    }
    list.hidden = hits.length === 0;
    status.textContent = hits.length === 0 ? (en ? 'Nothing found.' : '没有找到。')
      : hits.length > MAX ? (en ? hits.length + ' found, first ' + MAX + ' shown.' : '找到 ' + hits.length + ' 项，显示前 ' + MAX + ' 项。')
      : (en ? hits.length + ' found.' : '找到 ' + hits.length + ' 项。');
  }

  input.addEventListener('focus', function () { load(show); });
  input.addEventListener('input', function () { load(show); });
  input.addEventListener('keydown', function (e) {
    var first = list.querySelector('a');
    if (e.key === 'Enter' && first) { e.preventDefault(); window.location.href = first.href; }
    if (e.key === 'ArrowDown' && first) { e.preventDefault(); first.focus(); }
    if (e.key === 'Escape') { input.value = ''; show(); }
  });
  list.addEventListener('keydown', function (e) {
    var li = e.target.parentNode;
    if (e.key === 'ArrowDown' && li.nextSibling) { e.preventDefault(); li.nextSibling.firstChild.focus(); }
    if (e.key === 'ArrowUp') { e.preventDefault(); if (li.previousSibling) li.previousSibling.firstChild.focus(); else input.focus(); }
    if (e.key === 'Escape') { input.focus(); input.value = ''; show(); }
  });
  document.addEventListener('click', function (e) {
    if (!box.contains(e.target)) list.hidden = true;
  });
})();

/* A filter box above every table of more than 20 rows (a ranking of 60
 * prosecutors, the entity list): typing keeps the rows whose text holds
 * what was typed. Not printed. */
(function () {
  'use strict';
  var MIN_ROWS = 21;
  var en = /^en/i.test(document.documentElement.lang || '');
  var tables = document.querySelectorAll('main table');
  for (var i = 0; i < tables.length; i++) add(tables[i], i);

  function add(table, n) {
    var body = table.tBodies[0];
    if (!body || body.rows.length < MIN_ROWS || table.closest('.chart-data')) return;
    var rows = body.rows, total = rows.length;
    var wrap = document.createElement('div');
    wrap.className = 'table-filter no-print';
    var id = 'table-filter-' + n;
    var label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = en ? 'Filter this table' : '筛选本表';
    var input = document.createElement('input');
    input.type = 'search';
    input.id = id;
    input.autocomplete = 'off';
    var count = document.createElement('span');
    count.setAttribute('aria-live', 'polite');
    count.textContent = en ? total + ' rows' : '共 ' + total + ' 行';
    wrap.appendChild(label);
    wrap.appendChild(input);
    wrap.appendChild(count);
    var at = table.parentNode.classList && table.parentNode.classList.contains('table-wrap') ? table.parentNode : table;
    at.parentNode.insertBefore(wrap, at);
    input.addEventListener('input', function () {
      var q = input.value.trim().toLowerCase(), shown = 0;
      for (var r = 0; r < rows.length; r++) {
        var keep = !q || rows[r].textContent.toLowerCase().indexOf(q) >= 0;
        rows[r].hidden = !keep;
        if (keep) shown++;
      }
      count.textContent = !q ? (en ? total + ' rows' : '共 ' + total + ' 行')
        : (en ? shown + ' of ' + total + ' rows' : '显示 ' + shown + ' / ' + total + ' 行');
    });
  }
})();
