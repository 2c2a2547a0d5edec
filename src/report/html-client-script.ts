/**
 * The browser side of the HTML report: reads the report JSON from <script id="report-data"> and draws every
 * figure with Chart.js (+ chartjs-chart-error-bars), both inlined by render-html.ts. Plain ES2019, no network.
 * Each figure records itself in window.__reportFigures ({ id, ok, points }) and the body gets
 * data-figures="ready" when all are drawn, so tests can check that every figure rendered.
 */
export const HTML_CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var report = JSON.parse(document.getElementById('report-data').textContent);
  var EB = window.ChartErrorBars;
  Chart.register(EB.BarWithErrorBarsController, EB.BarWithErrorBar, EB.ScatterWithErrorBarsController, EB.PointWithErrorBar);
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  Chart.defaults.maintainAspectRatio = false;
  var figures = [];
  window.__reportFigures = figures;

  var SOURCE_COLORS = { closed: '#4e79a7', 'chinese-oss': '#e15759', 'row-oss': '#59a14f', open: '#f28e2b', unknown: '#bab0ac' };
  var SOURCE_NAMES = { closed: 'Closed', 'chinese-oss': 'Chinese open-weight', 'row-oss': 'Rest-of-world open-weight', open: 'All open-weight', unknown: 'Unknown (not in catalog)' };
  var PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#1f77b4', '#8c564b'];
  var CATEGORY_NAMES = {};
  report.categories.forEach(function (c) { CATEGORY_NAMES[c.category] = c.name; });
  var catName = function (id) { return CATEGORY_NAMES[id] || id; };
  var pct = function (x) { return x === null || x === undefined ? null : x * 100; };
  var fmtInt = function (n) { return n === null || n === undefined ? '–' : Math.round(n).toLocaleString('en-US'); };
  var fmtTok = function (n) {
    if (n === null || n === undefined) return '–';
    var a = Math.abs(n);
    if (a >= 1e9) return (n / 1e9).toFixed(2) + 'B';
    if (a >= 1e6) return (n / 1e6).toFixed(2) + 'M';
    if (a >= 1e3) return (n / 1e3).toFixed(1) + 'k';
    return String(Math.round(n));
  };

  /**
   * A point a chart leaves out (suppressed or absent): Chart.js skips a null value, but the error-bar plugin cannot
   * read a null point, so it is an object whose value and bounds are null.
   */
  function gap(axis) {
    var o = {};
    o[axis] = null;
    o[axis + 'Min'] = null;
    o[axis + 'Max'] = null;
    return o;
  }
  /** Whether a data value is drawn: a number, or a point whose value (y, or x for horizontal bars) is not null. */
  function drawn(v) {
    if (v === null || v === undefined) return false;
    if (typeof v !== 'object') return true;
    if ('y' in v) return v.y !== null && v.y !== undefined;
    return v.x !== null && v.x !== undefined;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  var noData = {
    id: 'noData',
    afterDraw: function (chart) {
      var any = chart.data.datasets.some(function (d) { return d.data.some(drawn); });
      if (any) return;
      var ctx = chart.ctx, a = chart.chartArea;
      ctx.save();
      ctx.fillStyle = '#666';
      ctx.textAlign = 'center';
      ctx.font = '14px sans-serif';
      ctx.fillText('No data in this window (or every cell suppressed)', (a.left + a.right) / 2, (a.top + a.bottom) / 2);
      ctx.restore();
    },
  };

  var pointLabels = {
    id: 'pointLabels',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      chart.data.datasets.forEach(function (ds, i) {
        if (!ds.pointLabels) return;
        var meta = chart.getDatasetMeta(i);
        meta.data.forEach(function (pt, j) {
          var label = ds.data[j] && ds.data[j].label;
          if (!label) return;
          ctx.save();
          ctx.fillStyle = '#222';
          ctx.font = '11px sans-serif';
          ctx.fillText(label, pt.x + 6, pt.y - 6);
          ctx.restore();
        });
      });
    },
  };

  /** Log-axis ticks: label powers of ten only. */
  var logTick = function (fmt) {
    return function (v) {
      var l = Math.log10(v);
      return Math.abs(l - Math.round(l)) < 1e-9 ? fmt(v) : '';
    };
  };

  function axis(title, extra) {
    var o = { title: { display: true, text: title } };
    if (extra) for (var k in extra) o[k] = extra[k];
    return o;
  }

  /** Box height for a horizontal bar chart of rows labels with bars bars each (the default box is 320px). */
  var barsHeight = function (rows, bars) { return Math.max(320, 90 + rows * (bars * 8 + 10)); };

  function figure(id, title, caption, build, note, height) {
    var section = el('section', 'figure');
    section.id = id;
    section.appendChild(el('h2', null, title));
    if (caption) section.appendChild(el('p', 'caption', caption));
    var box = el('div', 'chart-box');
    if (height) box.setAttribute('style', 'height: ' + Math.round(height) + 'px');
    var canvas = el('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', title);
    box.appendChild(canvas);
    section.appendChild(box);
    if (note) section.appendChild(el('p', 'note', note));
    document.getElementById('figures').appendChild(section);
    try {
      var config = build();
      config.plugins = (config.plugins || []).concat([noData, pointLabels]);
      var chart = new Chart(canvas, config);
      var points = 0;
      chart.data.datasets.forEach(function (d) { d.data.forEach(function (v) { if (drawn(v)) points++; }); });
      figures.push({ id: id, ok: true, points: points });
    } catch (err) {
      console.error('figure ' + id + ' failed: ' + (err && err.message ? err.message : String(err)));
      figures.push({ id: id, ok: false, points: 0 });
    }
  }

  function suppressedNote(keys, what) {
    if (!keys.length) return undefined;
    return 'Suppressed (too few ' + what + '): ' + keys.join(', ') + '.';
  }

  function ciTooltip(unit) {
    return {
      callbacks: {
        label: function (ctx) {
          var r = ctx.raw || {};
          if (typeof r !== 'object') return ctx.dataset.label + ': ' + r;
          var v = r.y !== undefined ? r.y : r.x;
          var lo = r.yMin !== undefined ? r.yMin : r.xMin;
          var hi = r.yMax !== undefined ? r.yMax : r.xMax;
          var s = (ctx.dataset.label ? ctx.dataset.label + ': ' : '') + (v === null ? '–' : v.toFixed(2)) + unit;
          if (lo !== undefined && hi !== undefined && lo !== null && hi !== null) s += ' (95% CI ' + lo.toFixed(2) + '–' + hi.toFixed(2) + unit + ')';
          return s;
        },
      },
    };
  }

  // ---- header
  var s = report.sampling;
  var w = report.window.weeks;
  var win = report.window;
  var behind = report.classifiers.filter(function (c) { return c.answered > 0; });
  var classifierText = behind.length ? behind.map(function (c) { return c.classifier; }).join(', ') : 'none';
  document.getElementById('window').textContent =
    (win.from || win.to ? (win.from || '…') + ' to ' + (win.to || '…') + (w.length ? ' (' + w[0] + ' – ' + w[w.length - 1] + ')' : '') : w.length ? w[0] + ' – ' + w[w.length - 1] : 'no data') +
    (report.filters.model ? ' · model ' + report.filters.model : '') +
    (report.filters.classifier ? ' · classifier filter ' + report.filters.classifier : '') +
    ' · categories from ' + classifierText +
    (win.weeksPartial.length ? ' · weeks ' + win.weeksPartial.join(', ') + ' cut by the window (see method note)' : '');
  var facts = [
    ['Requests', fmtInt(report.totals.requests)],
    ['Tokens', fmtTok(report.totals.promptTokens + report.totals.completionTokens)],
    ['Cost', '$' + report.totals.costUsd.toFixed(2)],
    ['Users', report.users.total === null ? 'suppressed' : fmtInt(report.users.total)],
    ['Sampling rate', (s.rate * 100).toFixed(3) + '%'],
    ['Samples classified', fmtInt(report.sampled.samples)],
    [behind.length === 1 ? 'Classifier' : 'Classifiers', classifierText],
    ['Unknown models', String(report.catalog.unknownModels.length)],
  ];
  var factBox = document.getElementById('facts');
  facts.forEach(function (f) {
    var d = el('div', 'fact');
    d.appendChild(el('div', 'fact-value', f[1]));
    d.appendChild(el('div', 'fact-label', f[0]));
    factBox.appendChild(d);
  });

  var weeks = report.weekly.map(function (p) { return p.period; });
  function weeklySeries(dim, keys, value) {
    return keys.map(function (k, i) {
      return {
        label: SOURCE_NAMES[k] || k,
        backgroundColor: SOURCE_COLORS[k] || PALETTE[i % PALETTE.length],
        borderColor: SOURCE_COLORS[k] || PALETTE[i % PALETTE.length],
        data: report.weekly.map(function (p) {
          var c = (p.cells[dim] || []).filter(function (x) { return x.key === k; })[0];
          return c ? value(c) : 0;
        }),
      };
    });
  }
  function keysOf(dim) {
    var seen = {};
    report.weekly.forEach(function (p) { (p.cells[dim] || []).forEach(function (c) { seen[c.key] = true; }); });
    return Object.keys(seen).sort();
  }
  function suppressedWeekly(dim) {
    var out = [];
    report.weekly.forEach(function (p) { (p.cells[dim] || []).forEach(function (c) { if (c.suppressed) out.push(p.period + ' ' + c.key); }); });
    return out;
  }

  // 1. token volume by source type over time
  figure('fig-source-over-time', 'Token volume by source type', 'Prompt + completion tokens per ISO week (UTC), all events. Source type from the model catalog.', function () {
    var order = ['closed', 'chinese-oss', 'row-oss', 'unknown'].filter(function (k) { return keysOf('sourceType').indexOf(k) >= 0; });
    return {
      type: 'bar',
      data: { labels: weeks, datasets: weeklySeries('sourceType', order, function (c) { return c.totalTokens; }) },
      options: { scales: { x: axis('ISO week (UTC)', { stacked: true }), y: axis('tokens per week', { stacked: true, ticks: { callback: fmtTok } }) } },
    };
  }, suppressedNote(suppressedWeekly('sourceType'), 'users'));

  // 2. top models
  var modelInfo = {};
  report.models.forEach(function (m) { modelInfo[m.model] = m; });
  var topModels = report.dimensions.model.filter(function (c) { return !c.suppressed; }).slice(0, 15);
  figure('fig-top-models', 'Top models by tokens', 'Prompt + completion tokens in the window, all events; colour = source type.', function () {
    return {
      type: 'bar',
      data: {
        labels: topModels.map(function (c) { return c.key; }),
        datasets: [{
          label: 'tokens',
          data: topModels.map(function (c) { return c.totalTokens; }),
          backgroundColor: topModels.map(function (c) { return SOURCE_COLORS[(modelInfo[c.key] || {}).sourceType] || '#bab0ac'; }),
        }],
      },
      options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: axis('tokens (prompt + completion)', { ticks: { callback: fmtTok } }), y: axis('model') } },
    };
  }, suppressedNote(report.dimensions.model.filter(function (c) { return c.suppressed; }).map(function (c) { return c.key; }), 'users'));

  // 3. size classes
  figure('fig-size-classes', 'Model size classes', 'Share of weekly tokens by size class (small < 15B, medium 15–70B, large ≥ 70B parameters; closed models without a published count are "undisclosed").', function () {
    var order = ['small', 'medium', 'large', 'undisclosed', 'unknown'].filter(function (k) { return keysOf('sizeClass').indexOf(k) >= 0; });
    return {
      type: 'bar',
      data: { labels: weeks, datasets: weeklySeries('sizeClass', order, function (c) { return pct(c.tokenShare); }) },
      options: { scales: { x: axis('ISO week (UTC)', { stacked: true }), y: axis('share of tokens (%)', { stacked: true, max: 100 }) } },
    };
  }, suppressedNote(suppressedWeekly('sizeClass'), 'users'));

  // 4–6. category shares
  function categoryBars(cells, key) {
    var shown = cells.filter(function (c) { return !c.suppressed && c.share !== null && c.sampledRequests > 0; });
    return {
      type: 'barWithErrorBars',
      data: {
        labels: shown.map(function (c) { return catName(c.category); }),
        datasets: [{
          label: key,
          backgroundColor: '#4e79a7',
          data: shown.map(function (c) { return { y: pct(c.share), yMin: pct(c.shareLow), yMax: pct(c.shareHigh) }; }),
        }],
      },
      options: {
        plugins: { legend: { display: false }, tooltip: ciTooltip('%') },
        scales: { x: axis('category'), y: axis('share of classified samples (%), 95% Wilson CI', { beginAtZero: true }) },
      },
    };
  }
  function categoryFigure(id, title, breakdown, caption) {
    var cells = breakdown ? breakdown.categories : [];
    var n = breakdown ? breakdown.samples : 0;
    figure(id, title, caption + ' n = ' + fmtInt(n) + ' samples.', function () { return categoryBars(cells, title); },
      suppressedNote(cells.filter(function (c) { return c.suppressed; }).map(function (c) { return catName(c.category); }), 'samples'));
  }
  var overall = {
    samples: report.sampled.samples,
    categories: report.categories.map(function (c) {
      return { category: c.category, sampledRequests: c.sampledRequests, share: c.suppressed ? null : c.share, shareLow: c.shareLow, shareHigh: c.shareHigh, suppressed: c.suppressed };
    }),
  };
  var bySt = {};
  report.sampled.bySourceType.forEach(function (b) { bySt[b.key] = b; });
  categoryFigure('fig-categories', 'Categories — all models', overall, 'Share of sampled requests per category (a request counts under each category it received).');
  categoryFigure('fig-categories-open', 'Categories — open-weight models', bySt.open, 'Open-weight models (Chinese and rest of world).');
  categoryFigure('fig-categories-chinese-open', 'Categories — Chinese open-weight models', bySt['chinese-oss'], 'Open-weight models from developers in China.');

  // 7. programming and roleplay split by source type
  var split = {};
  report.sampled.categorySourceSplit.forEach(function (c) { split[c.category] = c; });
  figure('fig-programming-roleplay', 'Programming and roleplay by source type', 'Of the sampled requests whose primary category is programming (roleplay), the share served by each source type.', function () {
    var cats = ['programming', 'roleplay'];
    var sts = ['closed', 'chinese-oss', 'row-oss', 'unknown'];
    return {
      type: 'barWithErrorBars',
      data: {
        labels: cats.map(function (c) { return catName(c) + ' (n = ' + fmtInt(split[c] ? split[c].samples : 0) + ')'; }),
        datasets: sts.map(function (st) {
          return {
            label: SOURCE_NAMES[st],
            backgroundColor: SOURCE_COLORS[st],
            data: cats.map(function (c) {
              var cell = split[c] && split[c].split.filter(function (x) { return x.category === st; })[0];
              if (!cell || cell.suppressed) return gap('y');
              return { y: pct(cell.share), yMin: pct(cell.shareLow), yMax: pct(cell.shareHigh) };
            }),
          };
        }).filter(function (d) { return d.data.some(drawn); }),
      },
      options: { plugins: { tooltip: ciTooltip('%') }, scales: { x: axis('primary category'), y: axis('share of the category\'s samples (%), 95% CI', { beginAtZero: true, max: 100 }) } },
    };
  });

  // 7b. tags by source type (programming and roleplay tags first, then the most frequent others)
  var Z2 = 1.959963984540054 * 1.959963984540054;
  var tagTotals = {};
  report.tags.forEach(function (t) { if (!t.suppressed && t.sampledRequests > 0) tagTotals[t.tag] = t; });
  var tagStGroups = ['closed', 'chinese-oss', 'row-oss', 'unknown'].filter(function (g) { return bySt[g] && !bySt[g].suppressed && bySt[g].tagSamples !== null; });
  var tagShown = {};
  tagStGroups.forEach(function (g) { bySt[g].tags.forEach(function (c) { if (!c.suppressed && c.sampledRequests > 0) tagShown[c.tag] = c.category; }); });
  var tagRank = function (t) { return tagTotals[t] ? tagTotals[t].sampledRequests : 0; };
  var tagFirst = function (t) { return tagShown[t] === 'programming' || tagShown[t] === 'roleplay' ? 0 : 1; };
  var tagList = Object.keys(tagShown)
    .sort(function (a, b) { return tagFirst(a) - tagFirst(b) || tagRank(b) - tagRank(a) || (a < b ? -1 : a > b ? 1 : 0); })
    .slice(0, 10);
  var tagSuppressed = [];
  ['closed', 'chinese-oss', 'row-oss', 'open', 'unknown'].forEach(function (g) {
    var b = bySt[g];
    if (!b) return;
    if (b.suppressed) { tagSuppressed.push(SOURCE_NAMES[g] + ' (whole group)'); return; }
    b.tags.forEach(function (c) { if (c.suppressed) tagSuppressed.push(SOURCE_NAMES[g] + ' ' + c.tag); });
  });
  figure('fig-tags-source-type', 'Tags by source type',
    'Sampled: share of each source type\'s classified samples that carry the tag (a sample counts under every tag it received), 95% Wilson CI. ' +
    'Programming and roleplay tags first, then the most frequent others (at most 10). n = ' +
    tagStGroups.map(function (g) { return SOURCE_NAMES[g] + ' ' + fmtInt(bySt[g].tagSamples); }).join(', ') + ' samples.', function () {
    return {
      type: 'barWithErrorBars',
      data: {
        labels: tagList,
        datasets: tagStGroups.map(function (g) {
          return {
            label: SOURCE_NAMES[g],
            backgroundColor: SOURCE_COLORS[g],
            data: tagList.map(function (t) {
              var cell = bySt[g].tags.filter(function (c) { return c.tag === t; })[0];
              // Not seen in this group: share 0, whose Wilson interval still reaches z² / (n + z²).
              if (!cell) return { x: 0, xMin: 0, xMax: pct(Z2 / (bySt[g].tagSamples + Z2)) };
              if (cell.suppressed) return gap('x');
              return { x: pct(cell.share), xMin: pct(cell.shareLow), xMax: pct(cell.shareHigh) };
            }),
          };
        }),
      },
      options: {
        indexAxis: 'y',
        plugins: { tooltip: ciTooltip('%') },
        scales: { x: axis('share of the source type\'s classified samples (%), 95% CI', { beginAtZero: true }), y: axis('tag (category/tag)') },
      },
    };
  }, suppressedNote(tagSuppressed, 'samples or users'), barsHeight(tagList.length, tagStGroups.length));

  // 8. reasoning share
  figure('fig-reasoning', 'Reasoning share', 'All events. Reasoning models per the catalog; reasoning tokens as reported by the gateway.', function () {
    return {
      type: 'line',
      data: {
        labels: report.reasoningShare.weekly.map(function (x) { return x.week; }),
        datasets: [
          { label: 'tokens served by reasoning models', borderColor: '#b07aa1', backgroundColor: '#b07aa1', data: report.reasoningShare.weekly.map(function (x) { return pct(x.reasoningModelTokenShare); }) },
          { label: 'reasoning tokens / completion tokens', borderColor: '#76b7b2', backgroundColor: '#76b7b2', data: report.reasoningShare.weekly.map(function (x) { return pct(x.reasoningTokenShareOfCompletion); }) },
        ],
      },
      options: { scales: { x: axis('ISO week (UTC)'), y: axis('share (%)', { beginAtZero: true, max: 100 }) } },
    };
  }, suppressedNote(report.reasoningShare.weekly.filter(function (x) { return x.suppressed; }).map(function (x) { return x.week; }), 'users'));

  // 9. tool use
  figure('fig-tool-calls', 'Tool use', 'All events. Share of tokens from requests that ended in a tool call, and from requests that offered tools.', function () {
    return {
      type: 'line',
      data: {
        labels: report.toolUse.weekly.map(function (x) { return x.week; }),
        datasets: [
          { label: 'finish reason = tool call', borderColor: '#e15759', backgroundColor: '#e15759', data: report.toolUse.weekly.map(function (x) { return pct(x.toolCallTokenShare); }) },
          { label: 'tools provided', borderColor: '#4e79a7', backgroundColor: '#4e79a7', data: report.toolUse.weekly.map(function (x) { return pct(x.toolsProvidedTokenShare); }) },
        ],
      },
      options: { scales: { x: axis('ISO week (UTC)'), y: axis('share of tokens (%)', { beginAtZero: true }) } },
    };
  }, suppressedNote(report.toolUse.weekly.filter(function (x) { return x.suppressed; }).map(function (x) { return x.week; }), 'users'));

  // 10. lengths over time
  figure('fig-lengths-time', 'Prompt and completion length over time', 'All events: mean and median tokens per request per ISO week (medians from log-scale histograms).', function () {
    var wk = report.shapes.weekly;
    return {
      type: 'line',
      data: {
        labels: wk.map(function (x) { return x.week; }),
        datasets: [
          { label: 'mean prompt', borderColor: '#4e79a7', backgroundColor: '#4e79a7', data: wk.map(function (x) { return x.prompt.mean; }) },
          { label: 'median prompt', borderColor: '#4e79a7', borderDash: [5, 4], backgroundColor: '#4e79a7', data: wk.map(function (x) { return x.prompt.p50; }) },
          { label: 'mean completion', borderColor: '#f28e2b', backgroundColor: '#f28e2b', data: wk.map(function (x) { return x.completion.mean; }) },
          { label: 'median completion', borderColor: '#f28e2b', borderDash: [5, 4], backgroundColor: '#f28e2b', data: wk.map(function (x) { return x.completion.p50; }) },
        ],
      },
      options: { scales: { x: axis('ISO week (UTC)'), y: axis('tokens per request', { beginAtZero: true }) } },
    };
  }, suppressedNote(report.shapes.weekly.filter(function (x) { return x.suppressed; }).map(function (x) { return x.week; }), 'users'));

  // 11. lengths by category
  var shapeRows = report.shapes.byCategory.filter(function (c) { return !c.suppressed && c.meanPromptTokens; });
  figure('fig-lengths-category', 'Prompt and completion length by category', 'Sampled: mean tokens per request by primary category, 95% CI.', function () {
    var est = function (e) { return e ? { y: e.value, yMin: e.low, yMax: e.high } : gap('y'); };
    return {
      type: 'barWithErrorBars',
      data: {
        labels: shapeRows.map(function (c) { return catName(c.category); }),
        datasets: [
          { label: 'mean prompt tokens', backgroundColor: '#4e79a7', data: shapeRows.map(function (c) { return est(c.meanPromptTokens); }) },
          { label: 'mean completion tokens', backgroundColor: '#f28e2b', data: shapeRows.map(function (c) { return est(c.meanCompletionTokens); }) },
        ],
      },
      options: { plugins: { tooltip: ciTooltip(' tokens') }, scales: { x: axis('primary category'), y: axis('tokens per request', { beginAtZero: true }) } },
    };
  }, suppressedNote(report.shapes.byCategory.filter(function (c) { return c.suppressed; }).map(function (c) { return catName(c.category); }), 'samples'));

  // 11b–c. prompt and completion length percentiles by category (log scale)
  var lengthTick = function (v) {
    var m = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
    return [1, 2, 5].some(function (k) { return Math.abs(m - k) < 1e-6; }) ? fmtTok(v) : '';
  };
  function percentileFigure(id, title, what, key, colors) {
    var qs = ['p50', 'p90', 'p99'];
    var estOf = function (c, q) { return c[q + key + 'Tokens']; };
    var pctRows = report.shapes.byCategory.filter(function (c) { return !c.suppressed && estOf(c, 'p50'); });
    var positives = [];
    pctRows.forEach(function (c) { qs.forEach(function (q) { var e = estOf(c, q); if (e) [e.value, e.low].forEach(function (v) { if (v > 0) positives.push(v); }); }); });
    var floor = positives.length ? Math.pow(10, Math.floor(Math.log10(Math.min.apply(null, positives)))) : 1;
    var left = report.shapes.byCategory.filter(function (c) { return c.suppressed; }).map(function (c) { return catName(c.category); });
    var without = report.shapes.byCategory.filter(function (c) { return !c.suppressed && !estOf(c, 'p50'); }).map(function (c) { return catName(c.category); });
    var sampleNote = pctRows.some(function (c) { return c.promptCompletionSamples !== c.samples; })
      ? ' Samples classified before per-category ' + what + ' histograms were recorded are left out (see warnings); n counts the samples behind the bars.'
      : '';
    var notes = [suppressedNote(left, 'samples'), without.length ? 'No ' + what + ' percentiles (too few samples recorded with ' + what + ' histograms): ' + without.join(', ') + '.' : '']
      .filter(function (x) { return x; }).join(' ');
    figure(id, title, 'Sampled: p50, p90 and p99 of ' + what + ' tokens per request by primary category (log-scale histograms), ' +
      'with 95% distribution-free CIs; log scale.' + sampleNote, function () {
      return {
        type: 'barWithErrorBars',
        data: {
          labels: pctRows.map(function (c) { return catName(c.category) + ' (n = ' + fmtInt(c.promptCompletionSamples) + ')'; }),
          datasets: qs.map(function (q, i) {
            return {
              label: q + ' ' + what + ' tokens',
              backgroundColor: colors[i],
              data: pctRows.map(function (c) {
                var e = estOf(c, q);
                if (!e || !(e.value > 0)) return gap('x');
                return { x: e.value, xMin: Math.max(e.low, floor), xMax: e.high };
              }),
            };
          }),
        },
        options: {
          indexAxis: 'y',
          plugins: { tooltip: ciTooltip(' tokens') },
          scales: {
            x: axis(what + ' tokens per request (log)', { type: 'logarithmic', min: floor, ticks: { callback: lengthTick } }),
            y: axis('primary category (n = samples)'),
          },
        },
      };
    }, notes || undefined, barsHeight(pctRows.length, qs.length));
  }
  percentileFigure('fig-prompt-percentiles-category', 'Prompt length percentiles by category', 'prompt', 'Prompt', ['#a0cbe8', '#4e79a7', '#1f3b5a']);
  percentileFigure('fig-completion-percentiles-category', 'Completion length percentiles by category', 'completion', 'Completion', ['#ffbe7d', '#f28e2b', '#a3540c']);

  // 12. regions
  var conts = report.geography.continents.filter(function (c) { return !c.suppressed; });
  figure('fig-regions', 'Usage by region', 'All events: share of tokens and of spend by billing continent.', function () {
    return {
      type: 'bar',
      data: {
        labels: conts.map(function (c) { return c.name; }),
        datasets: [
          { label: 'share of tokens', backgroundColor: '#59a14f', data: conts.map(function (c) { return pct(c.tokenShare); }) },
          { label: 'share of spend', backgroundColor: '#edc948', data: conts.map(function (c) { return pct(c.spendShare); }) },
        ],
      },
      options: { scales: { x: axis('continent (billing country)'), y: axis('share (%)', { beginAtZero: true }) } },
    };
  }, suppressedNote(report.geography.continents.filter(function (c) { return c.suppressed; }).map(function (c) { return c.name; }), 'users'));

  // 13. languages
  var langs = report.sampled.languages.filter(function (l) { return !l.suppressed && l.tokenShare; }).slice(0, 12);
  figure('fig-languages', 'Languages by token share', 'Sampled: share of sampled tokens per detected prompt language, 95% CI (delta method).', function () {
    return {
      type: 'barWithErrorBars',
      data: {
        labels: langs.map(function (l) { return l.language; }),
        datasets: [{ label: 'token share', backgroundColor: '#76b7b2', data: langs.map(function (l) { return { y: pct(l.tokenShare.value), yMin: pct(l.tokenShare.low), yMax: pct(l.tokenShare.high) }; }) }],
      },
      options: { plugins: { legend: { display: false }, tooltip: ciTooltip('%') }, scales: { x: axis('language (ISO 639-1; und = undetermined)'), y: axis('share of sampled tokens (%)', { beginAtZero: true }) } },
    };
  }, suppressedNote(report.sampled.languages.filter(function (l) { return l.suppressed; }).map(function (l) { return l.language; }), 'samples'));

  // 14. cost vs usage
  var cvu = report.sampled.costVsUsage;
  var pts = cvu.categories.filter(function (c) { return !c.suppressed && c.costPer1M && c.totalTokens && c.totalTokens.value > 0; });
  var cvuSuppressed = suppressedNote(cvu.categories.filter(function (c) { return c.suppressed; }).map(function (c) { return catName(c.category); }), 'samples');
  figure('fig-cost-usage', 'Cost vs usage by category', 'Sampled: estimated total tokens (x) against effective cost per 1M tokens (y), both with 95% CIs, log–log. Dashed line: median cost.', function () {
    var xs = pts.map(function (c) { return c.totalTokens.value; });
    var lo = Math.min.apply(null, xs.concat([1])) / 2, hi = Math.max.apply(null, xs.concat([10])) * 2;
    var ds = [{
      type: 'scatterWithErrorBars',
      label: 'category',
      pointLabels: true,
      backgroundColor: '#4e79a7',
      pointRadius: 5,
      data: pts.map(function (c) {
        var e = c.costPer1MEstimate;
        return { x: c.totalTokens.value, xMin: Math.max(c.totalTokens.low, 1), xMax: c.totalTokens.high, y: c.costPer1M,
          yMin: e ? Math.max(e.low, c.costPer1M / 100) : c.costPer1M, yMax: e ? e.high : c.costPer1M, label: catName(c.category) };
      }),
    }];
    if (cvu.medianCostPer1M) ds.push({ type: 'line', label: 'median cost per 1M tokens', borderColor: '#999', borderDash: [6, 4], pointRadius: 0, data: [{ x: lo, y: cvu.medianCostPer1M }, { x: hi, y: cvu.medianCostPer1M }] });
    return {
      type: 'scatterWithErrorBars',
      data: { datasets: ds },
      options: {
        plugins: { tooltip: ciTooltip('') },
        scales: {
          x: axis('estimated total tokens in window (log)', { type: 'logarithmic', min: lo, max: hi, ticks: { callback: logTick(fmtTok) } }),
          y: axis('effective cost (USD per 1M tokens, log)', { type: 'logarithmic', ticks: { callback: logTick(function (v) { return '$' + v; }) } }),
        },
      },
    };
  }, 'Quadrants (split at the medians): ' + pts.map(function (c) { return catName(c.category) + ' = ' + (c.quadrant || '–'); }).join('; ') +
    '. Error bars are 95% intervals: horizontal for estimated total tokens (Horvitz–Thompson), vertical for cost per 1M tokens (delta method, see method note).' +
    (pts.some(function (c) { return !c.costPer1MEstimate; })
      ? ' No cost interval (stored before its moments were kept): ' + pts.filter(function (c) { return !c.costPer1MEstimate; }).map(function (c) { return catName(c.category); }).join(', ') + '.'
      : '') +
    (cvuSuppressed ? ' ' + cvuSuppressed : ''));

  // 15. retention
  var retModels = report.retention.models
    .map(function (m) {
      var size = m.cohorts.reduce(function (a, c) { return a + (c.users || 0); }, 0);
      return { m: m, size: size };
    })
    .filter(function (x) { return x.size > 0 && x.m.cohorts.some(function (c) { return !c.suppressed && c.active.length; }); })
    .sort(function (a, b) { return b.size - a.size; })
    .slice(0, 4);
  if (!retModels.length) {
    figure('fig-retention', 'Retention by model', 'Share of each monthly cohort active in later months.', function () {
      return { type: 'line', data: { labels: [], datasets: [] }, options: { scales: { x: axis('months since first use'), y: axis('active share of cohort (%)') } } };
    }, 'No model has an unsuppressed cohort with a later month in this window.');
  }
  retModels.forEach(function (x, i) {
    var m = x.m;
    var maxOff = 0;
    m.cohorts.forEach(function (c) { c.active.forEach(function (a) { if (a.offset > maxOff) maxOff = a.offset; }); });
    var labels = [];
    for (var k = 0; k <= maxOff; k++) labels.push(String(k));
    var shown = m.cohorts.filter(function (c) { return !c.suppressed; });
    figure('fig-retention-' + i, 'Retention — ' + m.model, 'Activity retention: share of each monthly cohort (first month of use) active k months later. HyperLogLog set arithmetic.', function () {
      return {
        type: 'line',
        data: {
          labels: labels,
          datasets: shown.map(function (c, j) {
            return {
              label: c.cohort + ' (n ≈ ' + fmtInt(c.users) + ')',
              borderColor: PALETTE[j % PALETTE.length],
              backgroundColor: PALETTE[j % PALETTE.length],
              data: [100].concat(c.active.map(function (a) { return pct(a.share); })),
            };
          }),
        },
        options: { scales: { x: axis('months since first use'), y: axis('active share of cohort (%)', { min: 0, max: 100 }) } },
      };
    }, suppressedNote(m.cohorts.filter(function (c) { return c.suppressed; }).map(function (c) { return c.cohort; }), 'users'));
  });

  // ---- method note
  var methods = document.getElementById('methods');
  Object.keys(report.methods).forEach(function (k) {
    var d = el('p');
    d.appendChild(el('strong', null, k + ': '));
    d.appendChild(document.createTextNode(report.methods[k]));
    methods.appendChild(d);
  });
  var supp = el('p');
  supp.appendChild(el('strong', null, 'suppression: '));
  supp.appendChild(document.createTextNode(report.suppression.rule + ' Thresholds: ' + report.suppression.minUsers + ' users, ' + report.suppression.minSamples + ' samples.'));
  methods.appendChild(supp);
  var windowNote = el('p');
  windowNote.appendChild(el('strong', null, 'this window: '));
  windowNote.appendChild(document.createTextNode(report.window.note));
  methods.appendChild(windowNote);
  var classifierNote = el('p');
  classifierNote.appendChild(el('strong', null, 'classifiers: '));
  classifierNote.appendChild(document.createTextNode(
    (report.classifiers.length
      ? report.classifiers.map(function (c) { return c.classifier + ' (' + fmtInt(c.answered) + ' answered, ' + fmtInt(c.failed) + ' failed)'; }).join('; ')
      : 'no classified samples in this window') +
    (s.failureReasons.length ? '. Failed samples by reason: ' + s.failureReasons.map(function (f) { return (f.outcome === 'error' ? 'classifier error ' : 'unclassifiable ') + f.reason + ' ' + fmtInt(f.samples); }).join(', ') : '') + '.'));
  methods.appendChild(classifierNote);
  var sample = el('p');
  sample.appendChild(el('strong', null, 'sample size: '));
  sample.appendChild(document.createTextNode(
    fmtInt(s.eventsSeen) + ' events seen, ' + fmtInt(s.eventsSampled) + ' sampled at rate ' + s.rate + ', ' + fmtInt(s.classified) +
    ' classified, ' + fmtInt(s.belowThreshold) + ' below the confidence threshold, ' + fmtInt(s.unclassifiable) + ' unclassifiable, ' +
    fmtInt(s.classifierErrors) + ' classifier errors, ' + fmtInt(s.consentDenied) + ' consent denied. Category view ' + report.view.id +
    '; catalog ' + report.catalog.version + (report.catalog.unknownModels.length ? '; models not in the catalog: ' + report.catalog.unknownModels.join(', ') : '') + '.'));
  methods.appendChild(sample);
  document.body.setAttribute('data-figures', 'ready');
})();
`;
