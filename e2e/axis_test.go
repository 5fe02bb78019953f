package e2e

import (
	"path"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"kaoping/generator/report"
)

// axisLabelsJS reads the tick labels ECharts laid out on the cartesian
// axes of the page's charts (the zrender Text elements under the
// chart's roots whose anid is "label_<tick>": ECharts' AxisBuilder), with
// their rectangles as drawn (turned with the label), and lists every two
// labels of one axis that overlap or crowd (less than 3 px apart:
// `93% 95%` reads as one label).
// Labels ECharts hid (ignore, invisible, here or above) are not drawn
// and do not count.
const axisLabelsJS = `(() => {
  const charts = document.querySelectorAll('[data-chart]');
  return window.kpAxisOverlaps(Array.from(charts));
})()`

// overlapFuncJS defines window.kpAxisOverlaps(elements) for axisLabelsJS
// and the self-check.
const overlapFuncJS = `window.kpAxisOverlaps = function (els) {
  const res = {charts: 0, labels: 0, overlaps: []};
  for (const el of els) {
    const c = window.echarts && echarts.getInstanceByDom(el);
    if (!c) continue;
    res.charts++;
    c.getZr().flush(); // lay out what is still waiting for the next frame
    const axes = new Map();
    const found = [];
    const walk = (e, hidden) => {
      hidden = hidden || e.ignore || e.invisible;
      if (typeof e.anid === 'string' && e.anid.indexOf('label_') === 0) {
        if (!hidden) found.push(e);
        return;
      }
      if (e.childrenRef) for (const k of e.childrenRef()) walk(k, hidden);
    };
    for (const root of c.getZr().storage.getRoots()) walk(root, false);
    for (const d of found) {
      // The label's own rectangle, turned and moved as drawn: four corners.
      const r = d.getBoundingRect(), m = d.getComputedTransform() || [1, 0, 0, 1, 0, 0];
      const pts = [[r.x, r.y], [r.x + r.width, r.y], [r.x + r.width, r.y + r.height], [r.x, r.y + r.height]]
        .map(([x, y]) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]);
      if (!axes.has(d.parent)) axes.set(d.parent, []);
      axes.get(d.parent).push({text: String(d.style.text), pts: pts});
      res.labels++;
    }
    // Two convex shapes crowd each other unless some edge's normal
    // separates them by GAP pixels or more.
    const GAP = 3;
    const overlap = (a, b) => {
      for (const poly of [a, b]) {
        for (let k = 0; k < 4; k++) {
          const p = poly[k], q = poly[(k + 1) % 4];
          let nx = q[1] - p[1], ny = p[0] - q[0];
          const len = Math.hypot(nx, ny);
          if (len === 0) continue;
          nx /= len; ny /= len;
          const proj = (s) => s.map(([x, y]) => x * nx + y * ny);
          const pa = proj(a), pb = proj(b);
          if (Math.min(Math.max(...pa), Math.max(...pb)) - Math.max(Math.min(...pa), Math.min(...pb)) <= -GAP) return false;
        }
      }
      return true;
    };
    for (const labels of axes.values()) {
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          if (overlap(labels[i].pts, labels[j].pts)) {
            res.overlaps.push((el.getAttribute('aria-label') || el.id) + ': "' + labels[i].text + '" / "' + labels[j].text + '"');
          }
        }
      }
    }
  }
  return res;
}; true`

// selfCheckJS draws, on the current page, a chart whose category labels
// cannot fit (ten long names forced onto a 200 px axis) and checks it:
// the check must find overlaps there, or it proves nothing on the site.
const selfCheckJS = `(() => {
  const d = document.createElement('div');
  d.style.width = '200px'; d.style.height = '120px';
  document.body.appendChild(d);
  const c = echarts.init(d, null, {renderer: 'svg'});
  const names = [];
  for (let i = 0; i < 10; i++) names.push('台儿庄区人民检察院' + i);
  c.setOption({animation: false, xAxis: {type: 'category', data: names, axisLabel: {interval: 0}},
    yAxis: {type: 'value'}, series: [{type: 'bar', data: names.map((_, i) => i)}]});
  const res = window.kpAxisOverlaps([d]);
  c.dispose(); d.remove();
  return res;
})()`

type axisCheck struct {
	Charts   int      `json:"charts"`
	Labels   int      `json:"labels"`
	Overlaps []string `json:"overlaps"`
}

// TestAxisLabelsDoNotOverlap opens a page of every kind of the demo, and
// every ranking, indicator and comparison page of each scheme's latest
// period (their small charts crowd first), and reads the tick labels
// ECharts laid out: no two labels of an axis may overlap (`93% 95%`,
// `第30名` on `第32名`), on screen and, for the rankings, as printed.
func TestAxisLabelsDoNotOverlap(t *testing.T) {
	ctx := newBrowser(t)
	s := fileSite(demo.Dir)
	tb := newTab(t, ctx, s.outside)

	pages := onePerKind(htmlFiles(t, demo.Dir))
	paper := map[string]bool{} // rankings are printed and posted: checked on A4 too
	p := demo.Project
	for _, sc := range p.Config.Schemes {
		rs := p.Results[sc.ID]
		if len(rs) == 0 {
			continue
		}
		r := rs[len(rs)-1]
		pages = append(pages, report.RankingPath(sc.ID, r.Period.ID), report.ComparePath(sc.ID, r.Period.ID))
		paper[report.RankingPath(sc.ID, r.Period.ID)] = true
		// The last of each group: the rank axes of its sheet and profile
		// reach the worst ranks (第30名 next to 第32名).
		for _, g := range r.Groups {
			if n := len(g.Entities); n > 0 {
				last := g.Entities[n-1].Entity.ID
				pages = append(pages, report.SheetPath(sc.ID, r.Period.ID, last), report.EntityPath(last))
			}
		}
		for _, f := range htmlFiles(t, demo.Dir) {
			if strings.HasPrefix(f, path.Join("schemes", sc.ID, "indicators")+"/") {
				pages = append(pages, f)
			}
		}
	}
	if home := p.Config.Home; home != "" {
		pages = append(pages, report.EntityPath(home))
	}

	seen := map[string]bool{}
	checked, labels := 0, 0
	for _, rel := range pages {
		if seen[rel] {
			continue
		}
		seen[rel] = true
		v := tb.visit(s.pageURL(rel))
		for _, pr := range v.Problems {
			t.Errorf("%s: %s", rel, pr)
		}
		if v.Charts == 0 {
			continue
		}
		res, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](overlapFuncJS))
		if err != nil || !res {
			t.Fatalf("%s: defining the check: %v", rel, err)
		}
		if checked == 0 {
			self, err := chromedp.Run(tb.ctx, chromedp.Evaluate[axisCheck](selfCheckJS))
			if err != nil {
				t.Fatalf("%s: self-check: %v", rel, err)
			}
			if self.Labels < 10 || len(self.Overlaps) == 0 {
				t.Fatalf("the check finds no overlap among ten long labels on 200 px (%d labels read): it cannot be trusted", self.Labels)
			}
		}
		check := func(how string) {
			got, err := chromedp.Run(tb.ctx, chromedp.Evaluate[axisCheck](axisLabelsJS))
			if err != nil {
				t.Errorf("%s: reading the axis labels: %v", rel, err)
				return
			}
			checked++
			labels += got.Labels
			if got.Charts != v.Charts {
				t.Errorf("%s%s: %d charts drawn, %d checked", rel, how, v.Charts, got.Charts)
			}
			for _, o := range got.Overlaps {
				t.Errorf("%s%s: tick labels overlap or crowd: %s", rel, how, o)
			}
		}
		check("")
		if paper[rel] {
			// As printed: site.js redraws the charts at the paper's width.
			if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(tb.ctx, chromedp.Evaluate[chromedp.Void](`window.dispatchEvent(new Event('beforeprint'))`)); err != nil {
				t.Fatal(err)
			}
			if err := tb.settle(); err != nil {
				t.Errorf("%s: %v", rel, err)
			}
			check(" (on paper)")
			if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if checked == 0 || labels == 0 {
		t.Fatalf("%d pages with charts checked, %d tick labels read", checked, labels)
	}
	t.Logf("%d pages with charts, %d tick labels checked", checked, labels)
}
