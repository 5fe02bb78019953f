package report

import (
	"bytes"
	"kaoping/generator/render"
	"math"
	"strings"
	"testing"
)

// The home page shows each scheme's latest period (and the latest plain
// period when the latest is cumulative), with the first and last members
// exactly as the results rank them.
func TestHomeLatestPerScheme(t *testing.T) {
	m := homeDemo(t)
	jobs := homeJobs(m)
	data, html := homeRender(t, homeFind(t, jobs, HomePath()))
	d := data.(*HomePage)
	if len(d.Schemes) != len(m.Config.Schemes) {
		t.Fatalf("%d schemes on the home page, want %d", len(d.Schemes), len(m.Config.Schemes))
	}
	for i, s := range m.Config.Schemes {
		hs := d.Schemes[i]
		latest := m.Latest(s.ID)
		if got := hs.Summaries[0].PeriodID; got != latest.Period.ID {
			t.Errorf("%s: first summary is %s, want the latest %s", s.ID, got, latest.Period.ID)
		}
		// The demo's latest period is 2026-03-ytd, so the plain 2026-03 follows.
		if !latest.Period.Derived {
			t.Fatalf("%s: the demo's latest period should be cumulative, is %s", s.ID, latest.Period.ID)
		}
		if len(hs.Summaries) != 2 || hs.Summaries[1].PeriodID != "2026-03" {
			t.Errorf("%s: summaries %d, second %v; want 2026-03 after the cumulative period", s.ID, len(hs.Summaries), hs.Summaries[len(hs.Summaries)-1].PeriodID)
		}
		for _, sum := range hs.Summaries {
			r := m.Result(s.ID, sum.PeriodID)
			members, total := 0, 0.0
			hi := math.Inf(-1)
			for _, g := range r.Groups {
				members += len(g.Entities)
				for _, e := range g.Entities {
					total += e.Total
					hi = math.Max(hi, e.Total)
				}
			}
			if sum.Members != members || math.Abs(sum.Mean-total/float64(members)) > 1e-9 || sum.Highest.Total != hi {
				t.Errorf("%s %s: members %d mean %v highest %v; want %d %v %v", s.ID, sum.PeriodID, sum.Members, sum.Mean, sum.Highest.Total, members, total/float64(members), hi)
			}
			if len(sum.Tops) != len(r.Groups) {
				t.Fatalf("%s %s: %d top lists for %d groups", s.ID, sum.PeriodID, len(sum.Tops), len(r.Groups))
			}
			for gi, g := range r.Groups {
				top, bottom := sum.Tops[gi].Top, sum.Tops[gi].Bottom
				for k := range top {
					e := g.Entities[k]
					if top[k].Name != e.Entity.Name || top[k].Rank != e.Rank {
						t.Errorf("%s %s %s: top %d is %s #%d, want %s #%d", s.ID, sum.PeriodID, g.ID, k, top[k].Name, top[k].Rank, e.Entity.Name, e.Rank)
					}
				}
				for k := range bottom {
					e := g.Entities[len(g.Entities)-len(bottom)+k]
					if bottom[k].Name != e.Entity.Name || bottom[k].Sheet != SheetPath(s.ID, sum.PeriodID, e.Entity.ID) {
						t.Errorf("%s %s %s: bottom %d is %s, want %s", s.ID, sum.PeriodID, g.ID, k, bottom[k].Name, e.Entity.Name)
					}
				}
				if len(top) != min(3, len(g.Entities)) {
					t.Errorf("%s %s %s: %d on top", s.ID, sum.PeriodID, g.ID, len(top))
				}
				// The first member's score sheet is linked from the page.
				if !strings.Contains(html, `href="`+SheetPath(s.ID, sum.PeriodID, g.Entities[0].Entity.ID)+`"`) {
					t.Errorf("home does not link the score sheet of %s in %s %s", g.Entities[0].Entity.ID, s.ID, sum.PeriodID)
				}
			}
		}
	}
	for _, want := range []string{"全部单位", `href="entities/index.html"`, `href="periods/2026-03-ytd.html"`, "最新通报 · 2026年3月", "阅读全文"} {
		if !strings.Contains(html, want) {
			t.Errorf("home lacks %q", want)
		}
	}
	homeCheckLinks(t, m, HomePath(), html)
}

// Movers: the largest rank changes up and down, each with its sign.
func TestHomeMovers(t *testing.T) {
	m := homeDemo(t)
	r := m.Result("prosecutor", "2026-03-ytd")
	sum := m.summarize(r)
	best, worst := 0, 0
	for _, g := range r.Groups {
		for _, e := range g.Entities {
			if e.RankChange != nil {
				best, worst = max(best, *e.RankChange), min(worst, *e.RankChange)
			}
		}
	}
	if best == 0 || worst == 0 {
		t.Fatalf("demo has no movers in prosecutor 2026-03-ytd (best %d, worst %d)", best, worst)
	}
	if len(sum.Up) == 0 || *sum.Up[0].RankChange != best {
		t.Errorf("up first = %v, want %d", sum.Up, best)
	}
	if len(sum.Down) == 0 || *sum.Down[0].RankChange != worst {
		t.Errorf("down first = %v, want %d", sum.Down, worst)
	}
	for i := 1; i < len(sum.Up); i++ {
		if *sum.Up[i].RankChange > *sum.Up[i-1].RankChange {
			t.Errorf("up not sorted: %d after %d", *sum.Up[i].RankChange, *sum.Up[i-1].RankChange)
		}
	}
}

func TestNoteExcerpt(t *testing.T) {
	tests := []struct {
		src, want string
		more      bool
	}{
		{"# 标题\n\n第一段。\n\n- 甲\n- 乙", "第一段。\n\n- 甲\n- 乙", true},
		{"只有一段。", "只有一段。", false},
		{"段一。\n\n| a | b |\n| - | - |\n\n段二。", "段一。\n\n段二。", true},
		{strings.Repeat("长", 300) + "\n\n后文。", strings.Repeat("长", 300), true},
	}
	for _, tc := range tests {
		got, more := noteExcerpt(tc.src, 240)
		if got != tc.want || more != tc.more {
			t.Errorf("noteExcerpt(%q) = %q, %v; want %q, %v", tc.src, got, more, tc.want, tc.more)
		}
	}
}

// Every page of the family renders, in Chinese and in English, and English
// pages carry no Chinese UI text of their own (names from the data aside).
func TestHomeFamilyRendersBothLanguages(t *testing.T) {
	for _, lang := range []string{"zh-CN", "en"} {
		m := homeDemo(t)
		m.Lang = lang
		r, err := render.New(render.Options{Lang: lang, Dir: "/nonexistent-kaoping-templates"})
		if err != nil {
			t.Fatal(err)
		}
		var jobs []Job
		for _, f := range []func(*Model) []Job{homeJobs, periodJobs, archiveJobs, methodologyJobs, compareJobs} {
			jobs = append(jobs, f(m)...)
		}
		for _, j := range jobs {
			data, err := j.Data()
			if err != nil {
				t.Fatalf("%s %s: %v", lang, j.Path, err)
			}
			var buf bytes.Buffer
			if err := r.Execute(&buf, j.Template, data); err != nil {
				t.Fatalf("%s %s: %v", lang, j.Path, err)
			}
			if lang == "en" && j.Path == HomePath() && !strings.Contains(buf.String(), "Latest results") {
				t.Errorf("English home lacks its heading")
			}
		}
	}
}
