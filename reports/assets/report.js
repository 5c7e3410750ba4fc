/*
 * reports/assets/report.js: the HTML report's behaviour. Plain
 * JavaScript, no library, no network. Every string from the catalog goes
 * into the page through textContent, never as HTML.
 */
'use strict';
window.addEventListener('error', function () {
	document.body.dataset.errors = String(Number(document.body.dataset.errors || 0) + 1);
});
(function () {
	var data = JSON.parse(document.getElementById('data').textContent);
	var ranks = { VERY_UNLIKELY: 0, UNLIKELY: 1, POSSIBLE: 2, LIKELY: 3, VERY_LIKELY: 4 };
	var labels = ['public', 'general', 'confidential', 'highly_confidential'];

	/* An element with text, and optional class. */
	function el(tag, text, cls) {
		var e = document.createElement(tag);
		if (text !== undefined && text !== null)
			e.textContent = String(text);
		if (cls)
			e.className = cls;
		return e;
	}
	function row(cells) {
		var tr = el('tr');
		cells.forEach(function (c) {
			var td = el('td');
			if (c instanceof Node)
				td.appendChild(c);
			else
				td.textContent = c === undefined || c === null ? '' : String(c);
			tr.appendChild(td);
		});
		return tr;
	}
	function label(s) {
		return el('span', s, 'lab lab-' + (labels.indexOf(s) >= 0 ? s : 'none'));
	}
	function fullName(c) {
		return c.source + '/' + c.database + '.' + c.schema + '.' + c.table + '.' + c.column;
	}

	/* Findings: every classification, with what filters need. */
	var findings = [];
	data.columns.forEach(function (c) {
		(c.classifications || []).concat(c.rejected || []).forEach(function (k) {
			findings.push({ col: c, k: k, name: fullName(c), type: k.type,
				rank: ranks[k.likelihood] || 0, score: k.score,
				label: k.sensitivity, evidence: k.evidence.join(', '),
				review: k.review ? k.review.decision : 'none' });
		});
	});
	function options(id, values) {
		var s = document.getElementById(id);
		values.sort().forEach(function (v) { s.appendChild(el('option', v)); });
	}
	options('f-type', Array.from(new Set(findings.map(function (f) { return f.type; }))));
	options('f-label', Array.from(new Set(findings.map(function (f) { return f.label; }))));

	var tbody = document.querySelector('#t-findings tbody');
	/* The detail row of a finding: its evidence. */
	function detail(f) {
		var k = f.k, d = k.details || {}, td = el('td'), ul = el('ul');
		var items = [
			'match share ' + k.match_ratio + ' of ' + d.values + ' values (' +
			    d.matched + ' with the shape, ' + d.validated + ' validated, ' +
			    d.distinct + ' distinct)',
			'evidence: ' + f.evidence + (d.name_tokens ? ', name tokens ' + d.name_tokens : '')
		];
		if (d.lineage)
			items.push('came by lineage: ' + d.lineage);
		if (k.examples && k.examples.length)
			items.push('masked examples: ' + k.examples.join('   '));
		if (k.review)
			items.push('review: ' + k.review.decision + ' by ' + k.review.by +
			    ' at ' + k.review.at + (k.review.note ? ' (' + k.review.note + ')' : ''));
		var lin = f.col.lineage || {};
		(lin.upstream || []).forEach(function (u) {
			items.push('upstream: ' + u.schema + '.' + u.table + '.' + u.column + ' (' + u.kind + ')');
		});
		(lin.downstream || []).forEach(function (u) {
			items.push('downstream: ' + u.schema + '.' + u.table + '.' + u.column + ' (' + u.kind + ')');
		});
		items.forEach(function (t) { ul.appendChild(el('li', t)); });
		td.colSpan = 6;
		td.appendChild(ul);
		var tr = el('tr', null, 'detail');
		tr.appendChild(td);
		return tr;
	}
	var rows = findings.map(function (f) {
		var tr = row([f.name, f.type, f.k.likelihood, f.score, label(f.label), f.evidence]);
		tr.className = 'finding';
		tr.dataset.type = f.type;
		tr.addEventListener('click', function () {
			if (f.open) {
				f.open.remove();
				f.open = null;
			} else {
				f.open = detail(f);
				tr.after(f.open);
			}
		});
		f.tr = tr;
		return f;
	});
	function render(list) {
		var frag = document.createDocumentFragment();
		list.forEach(function (f) {
			frag.appendChild(f.tr);
			if (f.open)
				frag.appendChild(f.open);
		});
		tbody.textContent = '';
		tbody.appendChild(frag);
	}
	render(rows);

	/* Filters, also read from and written to the address (#type=...). */
	var ids = { type: 'f-type', label: 'f-label', min: 'f-min', review: 'f-review', q: 'f-q' };
	function apply(ev) {
		var v = {};
		Object.keys(ids).forEach(function (k) { v[k] = document.getElementById(ids[k]).value; });
		var min = ranks[v.min] || 0, q = v.q.toLowerCase(), n = 0;
		rows.forEach(function (f) {
			var show = (!v.type || f.type === v.type) && (!v.label || f.label === v.label) &&
			    (f.rank >= min || f.review === 'confirmed') &&
			    (!v.review || f.review === v.review) &&
			    (!q || f.name.toLowerCase().indexOf(q) >= 0);
			if (v.review !== 'rejected' && f.review === 'rejected')
				show = false;
			f.tr.hidden = !show;
			if (f.open)
				f.open.hidden = !show;
			if (show)
				n++;
		});
		document.getElementById('f-count').textContent = n + ' shown';
		var p = new URLSearchParams();
		Object.keys(v).forEach(function (k) {
			if (v[k] && !(k === 'min' && v[k] === 'LIKELY'))
				p.set(k, v[k]);
		});
		/* The address keeps the filters a user set, not an anchor. */
		if (ev)
			history.replaceState(null, '', p.toString() ? '#' + p.toString() :
			    location.pathname);
	}
	var start = new URLSearchParams(location.hash.indexOf('=') > 0 ?
	    location.hash.slice(1) : '');
	Object.keys(ids).forEach(function (k) {
		var e = document.getElementById(ids[k]);
		if (start.get(k))
			e.value = start.get(k);
		e.addEventListener(k === 'q' ? 'input' : 'change', apply);
	});
	apply();

	/* Sorting by a header: again reverses. */
	var sortKey = null, sortDir = 1;
	document.querySelectorAll('#t-findings th[data-key]').forEach(function (th) {
		th.addEventListener('click', function () {
			var key = th.dataset.key;
			sortDir = sortKey === key ? -sortDir : (key === 'rank' || key === 'score' ? -1 : 1);
			sortKey = key;
			document.querySelectorAll('#t-findings th').forEach(function (h) { h.className = ''; });
			th.className = sortDir > 0 ? 'asc' : 'desc';
			rows.sort(function (a, b) {
				var x = a[key], y = b[key];
				return (x < y ? -1 : x > y ? 1 : 0) * sortDir;
			});
			render(rows);
		});
	});

	/* Tables and their labels. */
	var counts = {};
	findings.forEach(function (f) {
		if (f.rank < 3 && f.review !== 'confirmed' || f.review === 'rejected')
			return;
		var key = [f.col.source, f.col.database, f.col.schema, f.col.table].join('\u001f');
		counts[key] = (counts[key] || 0) + 1;
	});
	var tt = document.querySelector('#t-tables tbody');
	((data.labels || {}).tables || []).forEach(function (t) {
		var key = [t.source, t.database, t.schema, t.table].join('\u001f');
		var tr = row([t.source, t.database, t.schema, t.table, label(t.label), counts[key] || 0]);
		/* A table's row shows its findings. */
		tr.className = 'finding';
		tr.title = 'Show the findings of this table';
		tr.addEventListener('click', function () {
			document.getElementById('f-q').value = t.source + '/' + t.database + '.' +
			    t.schema + '.' + t.table + '.';
			apply(true);
			document.getElementById('findings').scrollIntoView();
		});
		tt.appendChild(tr);
	});

	/* Lineage: a column's upstream and downstream, drawn in SVG. */
	var withLineage = data.columns.filter(function (c) {
		var l = c.lineage || {};
		return (l.upstream || []).length + (l.downstream || []).length > 0;
	});
	var sel = document.getElementById('l-col');
	withLineage.forEach(function (c, i) {
		var o = el('option', fullName(c));
		o.value = String(i);
		sel.appendChild(o);
	});
	var NS = 'http://www.w3.org/2000/svg';
	function svg(tag, attrs, text) {
		var e = document.createElementNS(NS, tag);
		Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
		if (text !== undefined)
			e.textContent = text;
		return e;
	}
	function draw() {
		var g = document.getElementById('l-graph');
		g.textContent = '';
		var c = withLineage[Number(sel.value)];
		if (!c) {
			g.appendChild(el('p', 'No column of this scan has lineage.', 'none'));
			return;
		}
		var up = c.lineage.upstream || [], down = (c.lineage.downstream || []);
		var n = Math.max(up.length, down.length, 1), h = n * 34 + 10, w = 960;
		var s = svg('svg', { width: w, height: h, viewBox: '0 0 ' + w + ' ' + h, role: 'img' });
		function box(x, y, text) {
			s.appendChild(svg('rect', { x: x, y: y, width: 290, height: 24, rx: 4 }));
			s.appendChild(svg('text', { x: x + 6, y: y + 16 }, text.length > 46 ? text.slice(0, 45) + '\u2026' : text));
		}
		var cy = h / 2 - 12;
		box(335, cy, c.schema + '.' + c.table + '.' + c.column);
		up.forEach(function (u, i) {
			var y = 5 + i * 34;
			box(10, y, u.schema + '.' + u.table + '.' + u.column);
			s.appendChild(svg('line', { x1: 300, y1: y + 12, x2: 335, y2: cy + 12 }));
			s.appendChild(svg('text', { x: 302, y: y + 8 }, u.kind));
		});
		down.forEach(function (u, i) {
			var y = 5 + i * 34;
			box(660, y, u.schema + '.' + u.table + (u.column ? '.' + u.column : ''));
			s.appendChild(svg('line', { x1: 625, y1: cy + 12, x2: 660, y2: y + 12 }));
			s.appendChild(svg('text', { x: 627, y: y + 8 }, u.kind));
		});
		g.appendChild(s);
	}
	sel.addEventListener('change', draw);
	draw();

	/* Changes since the previous scan. */
	var ct = document.querySelector('#t-changes tbody');
	if (!data.previous_scan)
		document.getElementById('c-none').hidden = false;
	(data.changes || []).forEach(function (c) {
		ct.appendChild(row([c.what, c.change, c.source + '/' + c.database + '.' + c.schema + '.' +
		    c.table + (c.column ? '.' + c.column : ''), c.type, c.before, c.after]));
	});

	/* Relations that were not sampled, once each. */
	var seen = {}, st = document.querySelector('#t-skipped tbody');
	data.columns.forEach(function (c) {
		var key = c.source + '/' + c.database + '.' + c.schema + '.' + c.table;
		if (!c.skipped || seen[key])
			return;
		seen[key] = true;
		st.appendChild(row([key, c.relation_kind, c.skipped]));
	});
	/* How each database was reached; the ones to look at stand out. */
	var ct = document.querySelector('#t-connections tbody');
	(data.connections || []).forEach(function (k) {
		var tr = row([k.source, k.database, k.host, k.transport,
			k.tls ? k.tls_version + ' ' + k.tls_cipher : 'no',
			k.server_verified, k.warning || '']);
		if (k.warning)
			tr.className = 'warn';
		ct.appendChild(tr);
	});
	document.body.dataset.ready = 'yes';
	document.body.dataset.ms = String(Math.round(performance.now()));
})();
