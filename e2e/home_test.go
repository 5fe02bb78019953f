package e2e

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"kaoping/generator/report"
)

// homeMaxHeight is how tall the demo's home page may be at 1280 px: about
// two screens of 900 px, for a 检察长 who opens the site once a month.
const homeMaxHeight = 1900

// homeState is what homeJS reads from the home page.
type homeState struct {
	Height  int `json:"height"`
	Alerts  int `json:"alerts"` // the 红色预警 block's height
	Schemes []struct {
		ID      string `json:"id"`
		Picks   int    `json:"picks"`
		Visible []int  `json:"visible"` // indexes of the views shown
		Figures []int  `json:"figures"` // indexes of the views whose figures are shown
		Drawn   []bool `json:"drawn"`   // per view: every chart drawn at its size
	} `json:"schemes"`
}

// homeJS measures the page and, per scheme block, which views are shown
// (visibility, or display none on paper) and whether their charts drew.
const homeJS = `(() => {
  const a = document.querySelector('.home-alerts');
  const out = {height: document.documentElement.scrollHeight, alerts: a ? Math.round(a.getBoundingClientRect().height) : 0, schemes: []};
  for (const sec of document.querySelectorAll('.home-scheme')) {
    const views = Array.from(sec.querySelectorAll('.home-views > .home-view'));
    const figs = Array.from(sec.querySelectorAll('.home-figs > *'));
    out.schemes.push({
      id: (sec.getAttribute('aria-labelledby') || '').replace(/^scheme-/, ''),
      picks: sec.querySelectorAll('.home-pick').length,
      visible: views.map((v, i) => { const s = getComputedStyle(v); return s.visibility === 'visible' && s.display !== 'none' ? i : -1; }).filter(i => i >= 0),
      figures: figs.map((v, i) => { const s = getComputedStyle(v); return s.visibility === 'visible' && s.display !== 'none' ? i : -1; }).filter(i => i >= 0),
      drawn: views.map(v => Array.from(v.querySelectorAll('[data-chart]')).every(c => c.getBoundingClientRect().width > 200 && c.querySelector('svg path'))),
    });
  }
  return out;
})()`

// TestBrowserHomeHeight opens the demo's home page from file:// in a
// 1280×900 window: the whole page fits in about two screens (the 红色预警
// block aside, for now), each scheme
// shows its latest plain period with every chart drawn, a click on the
// switch shows the cumulative period instead (CSS only: the page has no
// script for it) without making the page taller than the bound, and on
// paper the latest period is shown whatever was picked.
func TestBrowserHomeHeight(t *testing.T) {
	ctx := newBrowser(t)
	s := fileSite(demo.Dir)
	tb := newTab(t, ctx, s.outside)
	if _, err := chromedp.Call(tb.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 1280, Height: 900, DeviceScaleFactor: 1}); err != nil {
		t.Fatal(err)
	}
	if v := tb.visit(s.pageURL(report.HomePath())); len(v.Problems) > 0 {
		t.Fatalf("home: %v", v.Problems)
	}
	read := func(when string) homeState {
		t.Helper()
		c, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
		defer cancel()
		st, err := chromedp.Run(c, chromedp.Evaluate[homeState](homeJS))
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		if len(st.Schemes) != len(demo.Project.Config.Schemes) {
			t.Fatalf("%s: %d scheme blocks, want %d", when, len(st.Schemes), len(demo.Project.Config.Schemes))
		}
		return st
	}
	check := func(when string, st homeState, shown int) {
		t.Helper()
		if st.Height > homeMaxHeight {
			t.Errorf("%s: the home page is %d px tall at 1280 px (the 红色预警 block %d), more than %d", when, st.Height, st.Alerts, homeMaxHeight)
		}
		for _, sc := range st.Schemes {
			// The demo has cumulative periods: every scheme has a switch.
			if sc.Picks != 2 || len(sc.Drawn) != 2 {
				t.Errorf("%s: %s has %d switch buttons and %d views, want 2 and 2", when, sc.ID, sc.Picks, len(sc.Drawn))
				continue
			}
			if len(sc.Visible) != 1 || sc.Visible[0] != shown || len(sc.Figures) != 1 || sc.Figures[0] != shown {
				t.Errorf("%s: %s shows views %v and figures %v, want only %d", when, sc.ID, sc.Visible, sc.Figures, shown)
			}
			for i, ok := range sc.Drawn {
				if !ok {
					t.Errorf("%s: %s view %d has a chart not drawn at its size", when, sc.ID, i)
				}
			}
		}
	}
	st := read("on load")
	t.Logf("home page: %d px tall at 1280 px, %d of them the 红色预警 block", st.Height, st.Alerts)
	check("on load", st, 0)
	for _, sc := range st.Schemes {
		if err := chromedp.Do(tb.ctx, chromedp.Click(`label[for="view-`+sc.ID+`-1"]`)); err != nil {
			t.Fatalf("switching %s to its cumulative period: %v", sc.ID, err)
		}
	}
	st = read("cumulative")
	t.Logf("home page with the cumulative periods: %d px tall", st.Height)
	check("after the switch", st, 1)
	if dir := os.Getenv("KAOPING_SCREENSHOTS"); dir != "" {
		if png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100)); err == nil {
			os.WriteFile(filepath.Join(dir, "home-cumulative.png"), png, 0o644)
		}
	}
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	for _, sc := range read("print").Schemes {
		if len(sc.Visible) != 1 || sc.Visible[0] != 0 || len(sc.Figures) != 1 || sc.Figures[0] != 0 {
			t.Errorf("on paper %s shows views %v and figures %v, want only the latest (0)", sc.ID, sc.Visible, sc.Figures)
		}
	}
	if problems, _ := tb.take(); len(problems) > 0 {
		t.Errorf("problems on the home page: %v", problems)
	}
}
