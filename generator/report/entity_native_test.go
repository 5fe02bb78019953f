package report

import (
	"slices"
	"strings"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/render"
	"kaoping/generator/scoring"
	"kaoping/internal/synth"
)

// TestEntityNativeMatchesTemplate renders every profile of the demo site
// and of generated sites, in Chinese and English, through the native
// twin, the optimized templates and plain html/template, and requires the
// same bytes; also with a base_url, names that need escaping, and the
// link filter of a per-period bundle. It fails when the sites stop
// showing some branch of entity.html.
func TestEntityNativeMatchesTemplate(t *testing.T) {
	sites := append([]string{"../../config.toml"}, entityTestSites(t)...)
	cov := twinCoverage{}
	odd := func(from, to string) bool {
		return !strings.Contains(to, "/2024-Q2") && !strings.HasPrefix(to, "entities/zz")
	}
	for _, lang := range []string{"zh-CN", "en"} {
		rs := newTwinRenderers(t, lang, "entity.html", nil)
		n := 0
		for _, site := range sites {
			n += entityTwinPages(t, site+" "+lang, loadSiteLang(t, site, lang), rs, entityTwinVisit(cov))
		}
		n += entityTwinPages(t, "holes "+lang, holeyModel(t, sites[1], lang), rs, entityTwinVisit(cov))
		for _, site := range sites {
			n += entityTwinPages(t, "odd "+site+" "+lang, oddModel(loadSiteLang(t, site, lang), odd), rs, nil)
		}
		t.Logf("%s: %d profiles identical", lang, n)
	}
	cov.require(t, "profile", entityParts...)
}

// TestEntityNativeOffWhenOverridden: overriding entity.html, the layout,
// each partial, or a block of the layout from another file turns the twin
// off and the override shows; overriding a template the profile does not
// use keeps it.
func TestEntityNativeOffWhenOverridden(t *testing.T) {
	m := rankDemo(t)
	data, err := entJob(t, entityJobs(m), EntityPath("zz-st")).Data()
	if err != nil {
		t.Fatal(err)
	}
	twinOff(t, m.Lang, "entity.html", data,
		twinOverrides(t, "entity.html", `<h1>`, nil, []string{"sheet.html", "partials/correction.html"}))
}

// TestEntityNativeMessages: UI strings a site replaces reach the twin as
// they reach the template, escaped the same way, and an ent.too_many of
// another shape is formatted by fmt as tf does.
func TestEntityNativeMessages(t *testing.T) {
	sites := entityTestSites(t)
	m := loadSiteLang(t, sites[1], "zh-CN") // has a comparison too large to draw
	for _, tooMany := range []string{"<%d> too & many", "%d%% (%d)", "%[1]d: %[1]d"} {
		msgs := oddMessages("ent.parent", "ui.skip", "col.total", "ent.below")
		msgs["ent.too_many"] = render.Message{ZH: tooMany, EN: tooMany}
		rs := newTwinRenderers(t, "zh-CN", "entity.html", msgs)
		entityTwinPages(t, "messages "+tooMany, m, rs, nil)
	}
}

// entityTwinVisit records the optional parts of entity.html each profile
// shows.
func entityTwinVisit(cov twinCoverage) func(any) []any {
	return func(data any) []any {
		d := data.(*EntityPage)
		cov.flag("parent", d.Parent != nil)
		cov.flag("root", d.Parent == nil)
		cov.flag("entity group", d.Entity.Group != "")
		cov.flag("group without parent", d.Entity.Group != "" && d.Parent == nil)
		cov.flag("children", len(d.Children) > 0)
		cov.flag("not scored", len(d.Schemes) == 0)
		cov.flag("children, no child schemes", len(d.Children) > 0 && len(d.ChildSchemes) == 0)
		cov.flag("below column", d.HasBelow)
		cov.flag("comparison chart", hasComparison(d, true))
		cov.flag("too many to compare", hasComparison(d, false))
		for _, s := range d.Schemes {
			cov.flag("no latest", s.Latest == nil)
			cov.flag("peer group", s.Group != "")
			cov.flag("not in latest period", s.NotLatest)
			cov.flag("trend charts", s.TotalChart != nil)
			cov.flag("no trend charts", s.TotalChart == nil)
			cov.flag("key indicators", len(s.KeyCharts) > 0)
			cov.flag("trend note", s.HasDerived && s.TotalChart != nil)
			for _, r := range s.Rows {
				cov.flag("derived row", r.Derived)
				cov.flag("grade", r.Grade != "")
				cov.flag("no grade", r.Grade == "")
				cov.flag("vetoed", r.Vetoed)
				cov.flag("new in ranking", r.RankChange == nil)
				cov.flag("rank up", r.RankChangeClass == "pos")
				cov.flag("rank down", r.RankChangeClass == "neg")
				cov.flag("above mean", r.DiffClass == "pos")
				cov.flag("below mean", r.DiffClass == "neg")
			}
		}
		for _, ch := range d.Children {
			cov.flag("leaf child", d.HasBelow && ch.Below == "")
			for _, cell := range ch.Cells {
				cov.flag("unscored child cell", !cell.Scored)
				cov.flag("older child result", cell.Scored && cell.Period != "")
				cov.flag("child grade", cell.Grade != "")
				cov.flag("child without grade", cell.Scored && cell.Grade == "")
			}
		}
		return nil
	}
}

func hasComparison(d *EntityPage, chart bool) bool {
	for _, c := range d.Comparisons {
		if (c.Chart != nil) == chart {
			return true
		}
	}
	return false
}

// entityParts are the flags of entityTwinVisit every run must see.
var entityParts = []string{"parent", "root", "entity group", "group without parent", "children", "not scored",
	"children, no child schemes", "below column", "comparison chart", "too many to compare",
	"no latest", "peer group", "not in latest period", "trend charts", "no trend charts", "key indicators", "trend note",
	"derived row", "grade", "no grade", "vetoed", "new in ranking", "rank up", "rank down", "above mean", "below mean",
	"leaf child", "unscored child cell", "older child result", "child grade", "child without grade"}

// entityTwinPages renders every profile of m (a sample of a large site
// with -short) both ways (twinSame).
func entityTwinPages(t *testing.T, name string, m *Model, rs twinRenderers, visit func(any) []any) int {
	t.Helper()
	return twinPages(t, name, shortSample(entityJobs(m), 5, 200), rs, visit)
}

// entityTestSites writes the generated sites the profile tests use: one
// with months (cumulative periods, entities missing from some periods)
// and one with more prosecutors per procuratorate than a comparison
// chart draws.
func entityTestSites(t *testing.T) []string {
	return synthSites(t,
		synth.Options{Cities: 2, Units: 3, Prosecutors: 4, Periods: 3, Months: 2, Seed: 5},
		synth.Options{Cities: 1, Units: 1, Prosecutors: maxComparisonBars + 3, Periods: 2, Seed: 7})
}

// holeyModel loads a generated site and takes results away, as members
// that join or leave do: one member misses the latest period, one has
// only cumulative results, one is never scored while its siblings are,
// and one member's history is all empty (a profile section without a
// latest result). A root gets a peer group label.
func holeyModel(t *testing.T, site, lang string) *Model {
	t.Helper()
	m := loadSiteLang(t, site, lang)
	var s *config.Scheme // the scheme with the most members
	most := 0
	for _, x := range m.Config.Schemes {
		if rs := m.Results[x.ID]; len(rs) > 0 && len(rs[len(rs)-1].Groups) > 0 {
			if n := len(rs[len(rs)-1].Groups[0].Entities); n > most {
				s, most = x, n
			}
		}
	}
	if s == nil || most < 4 {
		t.Fatalf("%s: no scheme with four members in a group", site)
	}
	rs := m.Results[s.ID]
	members := rs[len(rs)-1].Groups[0].Entities
	missLatest, onlyDerived, never := members[0].Entity.ID, members[1].Entity.ID, members[2].Entity.ID
	for i, r := range rs {
		for _, g := range r.Groups {
			g.Entities = slices.DeleteFunc(g.Entities, func(er *scoring.EntityResult) bool {
				id := er.Entity.ID
				return id == never || id == missLatest && i == len(rs)-1 || id == onlyDerived && !r.Period.Derived
			})
		}
	}
	for _, e := range m.Data.Entities.All {
		if e.Parent == "" {
			e.Group = "root group"
		}
	}
	m = New(m.Config, m.Data, m.Results)
	m.entityResults[s.ID][members[3].Entity.ID] = make([]*scoring.EntityResult, len(rs))
	return m
}
