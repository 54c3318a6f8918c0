// Draws the readout report from the dataset embedded in #readout-data.
// Every text from the dataset is untrusted: it is put on the page only as
// text nodes, attribute values or textContent, never as markup.
(function () {
  'use strict';

  var SVG_NS = 'http://www.w3.org/2000/svg';
  var KINDS = ['meeting', 'talks', 'phone_call', 'video_call', 'other'];
  var KIND_LABEL = {
    meeting: 'Meeting', talks: 'Talks', phone_call: 'Phone call',
    video_call: 'Video call', other: 'Other'
  };
  var PAGE_SIZE = 25;
  // Above this many meetings the timeline bins by month instead of one dot each.
  var MAX_DOTS = 1500;
  var NETWORK_PEOPLE = 40;
  var TREND_TOPICS = 25;
  var EVIDENCE_CLASSES = ['date', 'place', 'occasion', 'kind', 'participant', 'title', 'topic', 'statement'];

  var data = JSON.parse(document.getElementById('readout-data').textContent);
  var meetings = data.meetings || [];
  var peopleById = new Map((data.people || []).map(function (p) { return [p.id, p]; }));
  var topicsById = new Map((data.topics || []).map(function (t) { return [t.id, t]; }));
  var docsById = new Map((data.documents || []).map(function (d) { return [d.id, d]; }));

  // ---- small helpers -------------------------------------------------------

  function el(tag, attrs) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }
  function setAttrs(node, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'text') node.textContent = String(v);
      else if (k === 'onclick') node.addEventListener('click', v);
      else node.setAttribute(k, String(v));
    });
  }
  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function byId(id) { return document.getElementById(id); }
  function kindOf(m) { return KIND_LABEL[m.kind] ? m.kind : 'other'; }
  function personName(id) { var p = peopleById.get(id); return p ? p.name : id; }
  function topicLabel(id) { var t = topicsById.get(id); return t ? t.label : id; }
  function plural(n, one, many) { return n.toLocaleString('en') + ' ' + (n === 1 ? one : many); }
  function placeText(p) {
    if (!p) return '';
    return [p.city, p.region, p.country].filter(function (x) { return x; }).join(', ');
  }
  // Days since 1970-01-01 for a YYYY-MM-DD date, or null.
  function dayNumber(date) {
    if (typeof date !== 'string') return null;
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
    if (!m) return null;
    var t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
    return isNaN(t) ? null : Math.round(t / 86400000);
  }
  function compareText(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  // ---- per-meeting facts used by the filters ---------------------------------

  meetings.forEach(function (m, i) {
    m._index = i;
    m._people = (m.participants || []).map(function (p) { return p.person; });
    var countries = [];
    (m.participants || []).forEach(function (p) {
      var c = p.country || (peopleById.get(p.person) || {}).country;
      if (c && countries.indexOf(c) < 0) countries.push(c);
    });
    countries.sort();
    m._countries = countries;
    m._day = dayNumber(m.date);
    m._year = m._day === null ? null : m.date.slice(0, 4);
    m._month = m._day === null ? null : m.date.slice(0, 7);
  });

  function pairsOf(m) {
    var out = [];
    for (var i = 0; i < m._countries.length; i++)
      for (var j = i + 1; j < m._countries.length; j++)
        out.push(m._countries[i] + '\u2013' + m._countries[j]);
    return out;
  }

  // ---- state and filters -------------------------------------------------------

  var state = { person: '', pair: '', topic: '', month: '', kinds: new Set(KINDS), page: 0, current: null };
  var filtered = meetings;

  function matches(m, ignoreTopic) {
    if (!state.kinds.has(kindOf(m))) return false;
    if (state.person && m._people.indexOf(state.person) < 0) return false;
    if (state.pair) {
      var two = state.pair.split('\u2013');
      if (m._countries.indexOf(two[0]) < 0 || m._countries.indexOf(two[1]) < 0) return false;
    }
    if (!ignoreTopic && state.topic && (m.topics || []).indexOf(state.topic) < 0) return false;
    if (state.month && m._month !== state.month) return false;
    return true;
  }

  function fillSelect(select, counts, label) {
    var entries = Array.from(counts.entries()).map(function (e) { return { id: e[0], n: e[1], label: label(e[0]) }; });
    entries.sort(function (a, b) { return compareText(a.label.toLowerCase(), b.label.toLowerCase()) || compareText(a.id, b.id); });
    entries.forEach(function (e) {
      select.appendChild(el('option', { value: e.id, text: e.label + ' (' + e.n.toLocaleString('en') + ')' }));
    });
  }

  function setupFilters() {
    var personCounts = new Map(), pairCounts = new Map(), topicCounts = new Map();
    meetings.forEach(function (m) {
      m._people.forEach(function (p) { personCounts.set(p, (personCounts.get(p) || 0) + 1); });
      pairsOf(m).forEach(function (p) { pairCounts.set(p, (pairCounts.get(p) || 0) + 1); });
      (m.topics || []).forEach(function (t) { topicCounts.set(t, (topicCounts.get(t) || 0) + 1); });
    });
    fillSelect(byId('filter-person'), personCounts, personName);
    fillSelect(byId('filter-pair'), pairCounts, function (p) { return p; });
    fillSelect(byId('filter-topic'), topicCounts, topicLabel);
    ['person', 'pair', 'topic'].forEach(function (name) {
      byId('filter-' + name).addEventListener('change', function (e) {
        state[name] = e.target.value;
        refresh();
      });
    });
    var kinds = byId('filter-kinds');
    KINDS.forEach(function (k) {
      var box = el('input', { type: 'checkbox', checked: 'checked', 'data-kind': k });
      box.addEventListener('change', function () {
        if (box.checked) state.kinds.add(k); else state.kinds.delete(k);
        refresh();
      });
      kinds.appendChild(el('label', null, box, el('span', { 'class': 'swatch k-' + k }), KIND_LABEL[k]));
    });
    byId('filter-month').addEventListener('click', function () { state.month = ''; refresh(); });
    byId('filter-clear').addEventListener('click', function () {
      state.person = state.pair = state.topic = state.month = '';
      state.kinds = new Set(KINDS);
      ['person', 'pair', 'topic'].forEach(function (n) { byId('filter-' + n).value = ''; });
      Array.prototype.forEach.call(kinds.querySelectorAll('input'), function (b) { b.checked = true; });
      refresh();
    });
  }

  function refresh() {
    filtered = meetings.filter(function (m) { return matches(m, false); });
    state.page = 0;
    var month = byId('filter-month');
    month.hidden = !state.month;
    month.textContent = state.month ? 'Month ' + state.month + ' \u00d7' : '';
    byId('filter-person').value = state.person;
    byId('filter-count').textContent = filtered.length === meetings.length
      ? plural(meetings.length, 'meeting', 'meetings')
      : filtered.length.toLocaleString('en') + ' of ' + plural(meetings.length, 'meeting', 'meetings');
    drawTimeline();
    drawList();
    drawNetwork();
    drawTrends();
  }

  // ---- timeline ------------------------------------------------------------------

  function drawTimeline() {
    var box = byId('timeline');
    clear(box);
    var dated = filtered.filter(function (m) { return m._day !== null; });
    var undated = filtered.length - dated.length;
    var hint = byId('timeline-hint');
    if (dated.length === 0) {
      hint.textContent = '';
      box.appendChild(el('p', { 'class': 'empty', text: meetings.length ? 'No dated meeting matches the filters.' : 'This dataset has no meetings.' }));
      return;
    }
    var lo = Infinity, hi = -Infinity;
    dated.forEach(function (m) { if (m._day < lo) lo = m._day; if (m._day > hi) hi = m._day; });
    lo -= 15; hi += 15;
    var width = Math.max(640, box.clientWidth || 900), left = 90, right = 16, laneH = 26, top = 8;
    var height = top + laneH * KINDS.length + 26;
    var x = function (day) { return left + (day - lo) / (hi - lo) * (width - left - right); };
    var chart = svg('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': 'Timeline of meetings by kind' });
    KINDS.forEach(function (k, i) {
      var y = top + i * laneH;
      chart.appendChild(svg('line', { 'class': 'gridline', x1: left, x2: width - right, y1: y + laneH / 2, y2: y + laneH / 2 }));
      chart.appendChild(svg('text', { x: left - 8, y: y + laneH / 2 + 4, 'text-anchor': 'end' }, KIND_LABEL[k]));
    });
    // Year ticks, thinned so labels do not collide.
    var y0 = new Date((lo) * 86400000).getUTCFullYear(), y1 = new Date(hi * 86400000).getUTCFullYear();
    var step = Math.max(1, Math.ceil((y1 - y0 + 1) / Math.max(1, Math.floor((width - left) / 60))));
    var axisY = top + laneH * KINDS.length;
    var axis = svg('g', { 'class': 'axis' });
    axis.appendChild(svg('line', { x1: left, x2: width - right, y1: axisY, y2: axisY }));
    for (var yr = y0; yr <= y1 + 1; yr += 1) {
      var d = Math.round(Date.UTC(yr, 0, 1) / 86400000);
      if (d < lo || d > hi) continue;
      axis.appendChild(svg('line', { x1: x(d), x2: x(d), y1: axisY, y2: axisY + 5 }));
      if ((yr - y0) % step === 0) axis.appendChild(svg('text', { x: x(d), y: axisY + 17, 'text-anchor': 'middle' }, String(yr)));
    }
    if (y0 === y1 || step > (y1 - y0)) {
      // A short span: name the months too.
      for (var mo = 0; mo < 12 * (y1 - y0 + 1); mo++) {
        var md = Math.round(Date.UTC(y0, mo, 1) / 86400000);
        if (md < lo || md > hi || mo % 12 === 0) continue;
        axis.appendChild(svg('line', { x1: x(md), x2: x(md), y1: axisY, y2: axisY + 3 }));
      }
    }
    chart.appendChild(axis);

    if (dated.length <= MAX_DOTS) {
      hint.textContent = 'One dot per meeting; click a dot to open it.' + (undated ? ' ' + plural(undated, 'meeting has', 'meetings have') + ' no date.' : '');
      dated.forEach(function (m) {
        var k = kindOf(m);
        var dot = svg('circle', {
          'class': 'dot k-' + k, cx: x(m._day).toFixed(1), cy: top + KINDS.indexOf(k) * laneH + laneH / 2,
          r: 5.5, 'data-meeting': m.id, tabindex: 0
        }, svg('title', null, (m.date || '') + ' \u00b7 ' + KIND_LABEL[k] + ' \u00b7 ' + m._people.map(personName).join(', ')));
        dot.addEventListener('click', function () { openMeeting(m); });
        dot.addEventListener('keydown', function (e) { if (e.key === 'Enter') openMeeting(m); });
        chart.appendChild(dot);
      });
    } else {
      hint.textContent = 'Meetings per month (bar height); click a bar to list that month.' + (undated ? ' ' + plural(undated, 'meeting has', 'meetings have') + ' no date.' : '');
      var bins = new Map(), most = 1;
      dated.forEach(function (m) {
        var key = kindOf(m) + ' ' + m._month;
        var n = (bins.get(key) || 0) + 1;
        bins.set(key, n);
        if (n > most) most = n;
      });
      bins.forEach(function (n, key) {
        var parts = key.split(' '), k = parts[0], month = parts[1];
        var start = dayNumber(month + '-01');
        var y = +month.slice(0, 4), mm = +month.slice(5, 7);
        var end = Math.round(Date.UTC(y, mm, 1) / 86400000);
        var h = Math.max(2, (laneH - 4) * n / most);
        var laneBottom = top + (KINDS.indexOf(k) + 1) * laneH - 2;
        var bar = svg('rect', {
          'class': 'bin k-' + k, x: x(start).toFixed(1), y: (laneBottom - h).toFixed(1),
          width: Math.max(1, x(end) - x(start) - 0.5).toFixed(1), height: h.toFixed(1), 'data-month': month
        }, svg('title', null, month + ' \u00b7 ' + KIND_LABEL[k] + ': ' + plural(n, 'meeting', 'meetings')));
        bar.addEventListener('click', function () { state.month = month; refresh(); });
        chart.appendChild(bar);
      });
    }
    box.appendChild(chart);
  }

  // ---- meeting list (paged) ---------------------------------------------------

  function drawList() {
    var body = document.querySelector('#meetings tbody');
    clear(body);
    byId('meetings').setAttribute('data-page-size', PAGE_SIZE);
    var pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
    if (state.page >= pages) state.page = pages - 1;
    var from = state.page * PAGE_SIZE;
    var rows = filtered.slice(from, from + PAGE_SIZE);
    if (rows.length === 0) {
      body.appendChild(el('tr', null, el('td', { colspan: 5, 'class': 'empty', text: meetings.length ? 'No meeting matches the filters.' : 'This dataset has no meetings.' })));
    }
    var fragment = document.createDocumentFragment();
    rows.forEach(function (m) {
      var k = kindOf(m);
      var row = el('tr', { tabindex: 0, 'data-meeting': m.id, 'class': state.current === m ? 'current' : null },
        el('td', { 'class': 'date', text: m.date || 'undated' }),
        el('td', null, el('span', { 'class': 'badge k-' + k, text: KIND_LABEL[k] })),
        el('td', { text: m._people.map(personName).join(', ') }),
        el('td', { text: placeText(m.place) }),
        el('td', { text: (m.topics || []).map(topicLabel).join(', ') }));
      row.addEventListener('click', function () { openMeeting(m); });
      row.addEventListener('keydown', function (e) { if (e.key === 'Enter') openMeeting(m); });
      fragment.appendChild(row);
    });
    body.appendChild(fragment);
    [byId('pager-top'), byId('pager-bottom')].forEach(function (pager) {
      clear(pager);
      if (pages <= 1) return;
      var prev = el('button', { type: 'button', 'class': 'prev', text: '\u2039 Previous' });
      var next = el('button', { type: 'button', 'class': 'next', text: 'Next \u203a' });
      prev.disabled = state.page === 0;
      next.disabled = state.page >= pages - 1;
      prev.addEventListener('click', function () { state.page--; drawList(); });
      next.addEventListener('click', function () { state.page++; drawList(); });
      pager.appendChild(prev);
      pager.appendChild(el('span', { text: 'Page ' + (state.page + 1).toLocaleString('en') + ' of ' + pages.toLocaleString('en') + ' (' + (from + 1).toLocaleString('en') + '\u2013' + (from + rows.length).toLocaleString('en') + ')' }));
      pager.appendChild(next);
    });
  }

  // ---- who met whom --------------------------------------------------------------

  function drawNetwork() {
    var box = byId('network');
    clear(box);
    var counts = new Map();
    filtered.forEach(function (m) {
      m._people.forEach(function (p) { counts.set(p, (counts.get(p) || 0) + 1); });
    });
    var hint = byId('network-hint');
    if (counts.size === 0) {
      hint.textContent = '';
      box.appendChild(el('p', { 'class': 'empty', text: 'No one to show.' }));
      return;
    }
    var ranked = Array.from(counts.keys()).sort(function (a, b) {
      return counts.get(b) - counts.get(a) || compareText(personName(a), personName(b)) || compareText(a, b);
    });
    var shown = ranked.slice(0, NETWORK_PEOPLE);
    hint.textContent = (shown.length < ranked.length
      ? 'The ' + shown.length + ' people with the most meetings of ' + ranked.length.toLocaleString('en') + '. '
      : '') + 'Line width: meetings together. Click a person to filter.';
    // Around a circle, grouped by country, so each side sits together.
    var country = function (id) { return (peopleById.get(id) || {}).country || '~'; };
    shown.sort(function (a, b) { return compareText(country(a), country(b)) || compareText(personName(a), personName(b)) || compareText(a, b); });
    var set = new Map(shown.map(function (id, i) { return [id, i]; }));
    var edges = new Map();
    filtered.forEach(function (m) {
      var ps = m._people.filter(function (p) { return set.has(p); });
      for (var i = 0; i < ps.length; i++) for (var j = i + 1; j < ps.length; j++) {
        if (ps[i] === ps[j]) continue;
        var key = set.get(ps[i]) < set.get(ps[j]) ? ps[i] + '\u0000' + ps[j] : ps[j] + '\u0000' + ps[i];
        edges.set(key, (edges.get(key) || 0) + 1);
      }
    });
    // Room around the circle for the names.
    var width = 760, height = 600, cx = width / 2, cy = height / 2, radius = shown.length === 1 ? 0 : 215;
    // The person filtered on stands in the middle, the people they met around.
    var centre = set.has(state.person) && shown.length > 2 ? state.person : null;
    var ring = shown.filter(function (id) { return id !== centre; });
    var pos = shown.map(function (id) {
      if (id === centre) return { id: id, a: Math.PI / 2, x: cx, y: cy, centre: true };
      var i = ring.indexOf(id);
      var a = -Math.PI / 2 + 2 * Math.PI * i / ring.length;
      return { id: id, a: a, x: cx + radius * Math.cos(a), y: cy + radius * Math.sin(a) };
    });
    var heaviest = 1;
    edges.forEach(function (w) { if (w > heaviest) heaviest = w; });
    var chart = svg('svg', { 'class': 'network', viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': 'Who met whom' });
    var sorted = Array.from(edges.entries()).sort(function (a, b) { return a[1] - b[1] || compareText(a[0], b[0]); });
    sorted.forEach(function (e) {
      var ends = e[0].split('\u0000'), p = pos[set.get(ends[0])], q = pos[set.get(ends[1])];
      chart.appendChild(svg('line', {
        'class': 'edge', x1: p.x.toFixed(1), y1: p.y.toFixed(1), x2: q.x.toFixed(1), y2: q.y.toFixed(1),
        'stroke-width': (1 + 7 * Math.sqrt(e[1] / heaviest)).toFixed(2), 'stroke-opacity': (0.25 + 0.6 * e[1] / heaviest).toFixed(2)
      }, svg('title', null, personName(ends[0]) + ' \u2013 ' + personName(ends[1]) + ': ' + plural(e[1], 'meeting', 'meetings'))));
    });
    var most = counts.get(ranked[0]);
    pos.forEach(function (p) {
      var n = counts.get(p.id);
      var person = peopleById.get(p.id) || {};
      var node = svg('circle', {
        'class': 'node' + (state.person === p.id ? ' selected' : ''), cx: p.x.toFixed(1), cy: p.y.toFixed(1),
        r: (4 + 8 * Math.sqrt(n / most)).toFixed(1), fill: colourOf(person.country), 'data-person': p.id
      }, svg('title', null, personName(p.id) + (person.country ? ' (' + person.country + ')' : '') + ': ' + plural(n, 'meeting', 'meetings')));
      node.addEventListener('click', function () { state.person = state.person === p.id ? '' : p.id; refresh(); });
      chart.appendChild(node);
      var right = Math.cos(p.a) >= -1e-9;
      var lx = cx + (radius + 16) * Math.cos(p.a), ly = cy + (radius + 16) * Math.sin(p.a) + 4;
      if (p.centre) { lx = cx; ly = cy + 30; }
      chart.appendChild(svg('text', {
        x: lx.toFixed(1), y: ly.toFixed(1), 'font-weight': p.centre ? 'bold' : null,
        'text-anchor': shown.length === 1 || p.centre ? 'middle' : right ? 'start' : 'end'
      }, personName(p.id)));
    });
    box.appendChild(chart);
  }

  // A stable colour for a country code.
  function colourOf(code) {
    if (!code) return '#9ca3af';
    var h = 0;
    for (var i = 0; i < code.length; i++) h = (h * 31 + code.charCodeAt(i)) % 360;
    return 'hsl(' + h + ', 55%, 48%)';
  }

  // ---- topic trends ------------------------------------------------------------------

  function drawTrends() {
    var box = byId('trends');
    clear(box);
    var hint = byId('trends-hint');
    // The topic filter is left out here, so the chart still compares topics.
    var pool = meetings.filter(function (m) { return matches(m, true) && m._year !== null; });
    var years = Array.from(new Set(pool.map(function (m) { return m._year; }))).sort();
    var perTopic = new Map();
    pool.forEach(function (m) {
      (m.topics || []).forEach(function (t) {
        var row = perTopic.get(t);
        if (!row) { row = { id: t, total: 0, byYear: new Map() }; perTopic.set(t, row); }
        row.total++;
        row.byYear.set(m._year, (row.byYear.get(m._year) || 0) + 1);
      });
    });
    if (perTopic.size === 0 || years.length === 0) {
      hint.textContent = '';
      box.appendChild(el('p', { 'class': 'empty', text: 'No topics to show.' }));
      return;
    }
    var rows = Array.from(perTopic.values()).sort(function (a, b) {
      return b.total - a.total || compareText(topicLabel(a.id), topicLabel(b.id));
    });
    var shown = rows.slice(0, TREND_TOPICS);
    hint.textContent = 'Meetings that discussed each topic, per year' +
      (shown.length < rows.length ? ' (the ' + shown.length + ' most frequent of ' + rows.length + ' topics)' : '') +
      '. Click a topic to filter.';
    var most = 1;
    shown.forEach(function (r) { r.byYear.forEach(function (n) { if (n > most) most = n; }); });
    var labelW = 200, col = Math.max(14, Math.min(44, Math.floor(((box.clientWidth || 600) - labelW - 50) / years.length))), rowH = 22, top = 4;
    var width = labelW + col * years.length + 50, height = top + rowH * shown.length + 22;
    var chart = svg('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': 'Topics by year' });
    shown.forEach(function (r, i) {
      var y = top + i * rowH;
      var g = svg('g', { 'class': 'trend-row', 'data-topic': r.id });
      var label = topicLabel(r.id);
      g.appendChild(svg('text', { x: labelW - 8, y: y + rowH - 7, 'text-anchor': 'end', 'font-weight': state.topic === r.id ? 'bold' : null }, label.length > 30 ? label.slice(0, 29) + '\u2026' : label));
      g.appendChild(svg('line', { 'class': 'gridline', x1: labelW, x2: labelW + col * years.length, y1: y + rowH - 2, y2: y + rowH - 2 }));
      years.forEach(function (yr, j) {
        var n = r.byYear.get(yr) || 0;
        if (!n) return;
        var h = Math.max(1.5, (rowH - 5) * n / most);
        g.appendChild(svg('rect', {
          'class': 'trend-bar', x: labelW + j * col + 2, y: (y + rowH - 2 - h).toFixed(1), width: col - 4, height: h.toFixed(1)
        }, svg('title', null, label + ', ' + yr + ': ' + plural(n, 'meeting', 'meetings'))));
      });
      g.appendChild(svg('text', { x: labelW + col * years.length + 8, y: y + rowH - 7 }, r.total.toLocaleString('en')));
      g.addEventListener('click', function () {
        state.topic = state.topic === r.id ? '' : r.id;
        byId('filter-topic').value = state.topic;
        refresh();
      });
      g.style.cursor = 'pointer';
      chart.appendChild(g);
    });
    var step = Math.ceil(28 / col);
    years.forEach(function (yr, j) {
      if (j % step) return;
      chart.appendChild(svg('text', { x: labelW + j * col + col / 2, y: height - 6, 'text-anchor': 'middle' }, yr));
    });
    box.appendChild(chart);
  }

  // ---- the meeting panel ---------------------------------------------------------------

  var encoder = new TextEncoder();
  var decoder = new TextDecoder('utf-8');
  var bytesCache = new Map();
  function docBytes(doc) {
    var b = bytesCache.get(doc.id);
    if (!b) { b = encoder.encode(doc.text || ''); bytesCache.set(doc.id, b); }
    return b;
  }

  function evidenceClass(field) {
    var head = String(field).split(':')[0];
    return EVIDENCE_CLASSES.indexOf(head) >= 0 ? head : 'other';
  }

  function fieldLabel(field) {
    var parts = String(field).split(':');
    if (parts.length < 2) return parts[0];
    var rest = parts.slice(1).join(':');
    if (parts[0] === 'participant' || parts[0] === 'title') return parts[0] + ': ' + personName(rest);
    if (parts[0] === 'topic') return 'topic: ' + topicLabel(rest);
    return parts[0] + ': ' + rest;
  }

  // The document text as text nodes and <mark> elements. Spans are UTF-8
  // byte ranges, so the text is cut as bytes and each piece decoded; where
  // spans overlap, the text is cut at every span edge and each piece is
  // marked with every span covering it.
  function markedText(doc, spans) {
    var bytes = docBytes(doc);
    var n = bytes.length;
    var cuts = new Set([0, n]);
    var ok = [];
    spans.forEach(function (s) {
      var a = Math.max(0, Math.min(n, s.start | 0)), b = Math.max(0, Math.min(n, s.end | 0));
      if (a >= b) return;
      ok.push({ start: a, end: b, key: s.key, field: s.field, cls: s.cls });
      cuts.add(a); cuts.add(b);
    });
    var points = Array.from(cuts).sort(function (x, y) { return x - y; });
    var pre = el('pre', { 'class': 'doc-text' });
    for (var i = 0; i + 1 < points.length; i++) {
      var a = points[i], b = points[i + 1];
      var text = decoder.decode(bytes.subarray(a, b));
      var covering = ok.filter(function (s) { return s.start <= a && s.end >= b; });
      if (covering.length === 0) { pre.appendChild(document.createTextNode(text)); continue; }
      // The narrowest span decides the colour; all of them are named.
      covering.sort(function (x, y) { return (x.end - x.start) - (y.end - y.start); });
      pre.appendChild(el('mark', {
        'class': 'ev-' + covering[0].cls,
        'data-ev': covering.map(function (s) { return s.key; }).join(' '),
        'data-fields': covering.map(function (s) { return s.field; }).join(' '),
        title: covering.map(function (s) { return fieldLabel(s.field); }).join('; '),
        text: text
      }));
    }
    return pre;
  }

  function jumpTo(key) {
    var body = byId('panel-body');
    var marks = body.querySelectorAll('mark');
    var first = null;
    Array.prototype.forEach.call(marks, function (mk) {
      var on = (mk.getAttribute('data-ev') || '').split(' ').indexOf(key) >= 0;
      mk.classList.toggle('flash', on);
      if (on && !first) first = mk;
    });
    if (first) first.scrollIntoView({ block: 'center' });
  }

  function jumpButton(key) {
    return el('button', { type: 'button', 'class': 'jump', 'data-jump': key, text: 'show in source', onclick: function () { jumpTo(key); } });
  }

  function openMeeting(m) {
    state.current = m;
    var panel = byId('panel'), body = byId('panel-body');
    clear(body);
    var k = kindOf(m);
    var evidence = (m.evidence || []).map(function (e, i) { return { ev: e, key: 'e' + i }; });
    var statements = (m.statements || []).map(function (s, i) { return { st: s, key: 's' + i }; });
    var firstKey = function (field) {
      var hit = evidence.filter(function (x) { return x.ev.field === field; })[0];
      return hit ? jumpButton(hit.key) : null;
    };

    body.appendChild(el('h2', null, el('span', { 'class': 'badge k-' + k, text: KIND_LABEL[k] }), ' ', m.date || 'Undated meeting'));
    body.appendChild(el('p', { 'class': 'hint', text: m.id }));
    var facts = el('dl', { 'class': 'facts' });
    var fact = function (name, value, field) {
      if (value === null || value === undefined || value === '') return;
      facts.appendChild(el('dt', { text: name }));
      facts.appendChild(el('dd', null, value, field ? firstKey(field) : null));
    };
    fact('Date', m.date ? m.date + (m.date_basis ? ' (' + m.date_basis + ')' : '') : 'unknown', 'date');
    fact('Kind', KIND_LABEL[k], 'kind');
    fact('Place', placeText(m.place) || 'unknown', 'place');
    fact('Occasion', m.occasion, 'occasion');
    if (m.coding) fact('Coding', [m.coding.plover, m.coding.mode, 'CAMEO ' + m.coding.cameo].filter(Boolean).join(' \u00b7 '));
    body.appendChild(facts);

    body.appendChild(el('h3', { text: 'Participants' }));
    var list = el('ul', { 'class': 'people' });
    (m.participants || []).forEach(function (p) {
      var titles = [];
      if (p.roles && p.roles.length) titles.push(p.roles.join(', '));
      list.appendChild(el('li', { 'data-person': p.person },
        el('strong', { text: personName(p.person) }),
        p.country ? ' (' + p.country + ')' : '',
        titles.length ? ' \u2014 ' + titles.join('') : '',
        firstKey('participant:' + p.person),
        (p.titles_as_written || []).length ? el('div', { 'class': 'as-written' },
          'as written: ', p.titles_as_written.map(function (t) { return '\u201c' + t + '\u201d'; }).join('; '),
          firstKey('title:' + p.person)) : null,
        (p.notes || []).map(function (n) { return el('div', { 'class': 'note', text: n }); })));
    });
    body.appendChild(list);

    if ((m.topics || []).length) {
      body.appendChild(el('h3', { text: 'Topics' }));
      body.appendChild(el('p', null, m.topics.map(function (t) {
        var has = evidence.some(function (x) { return x.ev.field === 'topic:' + t; });
        return el('span', { 'class': 'topic', text: topicLabel(t), title: has ? 'click to see it in the source' : null, onclick: has ? function () {
          jumpTo(evidence.filter(function (x) { return x.ev.field === 'topic:' + t; })[0].key);
        } : null });
      })));
    }

    if (statements.length) {
      body.appendChild(el('h3', { text: 'Statements' }));
      var groups = new Map();
      statements.forEach(function (s) {
        var who = (s.st.speakers || []).map(personName).join(' and ') || 'unattributed';
        if (!groups.has(who)) groups.set(who, []);
        groups.get(who).push(s);
      });
      groups.forEach(function (items, who) {
        body.appendChild(el('h4', { text: who }));
        items.forEach(function (s) {
          body.appendChild(el('blockquote', null, s.st.text, jumpButton(s.key)));
        });
      });
    }

    if (evidence.length) {
      body.appendChild(el('h3', { text: 'Evidence' }));
      var table = el('table', { 'class': 'evidence' }, el('thead', null, el('tr', null, el('th', { text: 'Fact' }), el('th', { text: 'Words in the source' }), el('th', { text: 'Document' }))));
      var tbody = el('tbody');
      evidence.forEach(function (x) {
        var doc = docsById.get(x.ev.document);
        tbody.appendChild(el('tr', { 'data-field': x.ev.field },
          el('td', null, el('mark', { 'class': 'ev-' + evidenceClass(x.ev.field), text: fieldLabel(x.ev.field) })),
          el('td', null, x.ev.text, jumpButton(x.key)),
          el('td', { text: doc ? (doc.path || doc.id) : x.ev.document })));
      });
      table.appendChild(tbody);
      body.appendChild(table);
    }

    body.appendChild(el('h3', { text: 'Sources' }));
    var legend = el('div', { 'class': 'legend' }, EVIDENCE_CLASSES.concat(['document']).map(function (c) { return el('mark', { 'class': 'ev-' + c, text: c }); }));
    body.appendChild(legend);
    var sources = (m.sources || []).slice();
    evidence.forEach(function (x) { if (sources.indexOf(x.ev.document) < 0) sources.push(x.ev.document); });
    statements.forEach(function (s) { if (s.st.evidence && sources.indexOf(s.st.evidence.document) < 0) sources.push(s.st.evidence.document); });
    sources.forEach(function (id) {
      var doc = docsById.get(id);
      if (!doc) { body.appendChild(el('p', { 'class': 'empty', text: 'Document ' + id + ' is not in the dataset.' })); return; }
      var spans = [];
      evidence.forEach(function (x) {
        if (x.ev.document === id) spans.push({ start: x.ev.start, end: x.ev.end, key: x.key, field: x.ev.field, cls: evidenceClass(x.ev.field) });
      });
      statements.forEach(function (s) {
        var e = s.st.evidence;
        if (e && e.document === id) spans.push({ start: e.start, end: e.end, key: s.key, field: 'statement', cls: 'statement' });
      });
      // What the document says about itself: headline, publication date, dateline.
      (doc.evidence || []).forEach(function (e, i) {
        spans.push({ start: e.start, end: e.end, key: 'd' + i, field: e.field, cls: 'document' });
      });
      body.appendChild(el('section', { 'class': 'doc', 'data-document': id },
        el('div', { 'class': 'doc-head' },
          el('strong', { text: doc.headline || doc.path || doc.id }),
          el('div', { 'class': 'hint', text: [doc.outlet, doc.published, doc.path, doc.id].filter(Boolean).join(' \u00b7 ') })),
        markedText(doc, spans)));
    });

    panel.hidden = false;
    panel.scrollTop = 0;
    Array.prototype.forEach.call(document.querySelectorAll('#meetings tbody tr'), function (r) {
      r.classList.toggle('current', r.getAttribute('data-meeting') === m.id);
    });
    if (location.hash !== '#meeting=' + encodeURIComponent(m.id)) {
      try { history.replaceState(null, '', '#meeting=' + encodeURIComponent(m.id)); } catch (e) { /* file:// in some browsers */ }
    }
  }

  function closePanel() {
    byId('panel').hidden = true;
    state.current = null;
    Array.prototype.forEach.call(document.querySelectorAll('#meetings tbody tr.current'), function (r) { r.classList.remove('current'); });
    try { history.replaceState(null, '', location.pathname + location.search); } catch (e) { /* ignore */ }
  }

  // ---- start ---------------------------------------------------------------------------

  byId('panel-close').addEventListener('click', closePanel);
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') closePanel(); });

  var years = meetings.filter(function (m) { return m._year; }).map(function (m) { return m._year; });
  years.sort();
  byId('summary').textContent = plural(meetings.length, 'meeting', 'meetings') + ', ' +
    plural(peopleById.size, 'person', 'people') + ', ' + plural(topicsById.size, 'topic', 'topics') + ', ' +
    plural(docsById.size, 'source document', 'source documents') +
    (years.length ? ', ' + (years[0] === years[years.length - 1] ? years[0] : years[0] + '\u2013' + years[years.length - 1]) : '') + '.';
  document.title = 'readout report: ' + plural(meetings.length, 'meeting', 'meetings');
  setupFilters();
  refresh();
  var wanted = /^#meeting=(.*)$/.exec(location.hash);
  if (wanted) {
    var id = decodeURIComponent(wanted[1]);
    var hit = meetings.filter(function (m) { return m.id === id; })[0];
    if (hit) openMeeting(hit);
  }
  document.documentElement.setAttribute('data-ready', 'true');
})();
