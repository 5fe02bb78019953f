package report

import (
	"math"
	"regexp"
	"strings"
	"testing"

	"kaoping/generator/dataset"
)

// TestEntityEveryEntityHasProfile: one profile job per entity, and the
// entities index links every one of them.
func TestEntityEveryEntityHasProfile(t *testing.T) {
	m := entDemo(t)
	jobs := m.Jobs()
	paths := map[string]string{}
	for _, j := range jobs {
		paths[j.Path] = j.Template
	}
	for _, e := range m.Data.Entities.All {
		if got := paths[EntityPath(e.ID)]; got != "entity.html" {
			t.Errorf("%s: profile job template %q, want entity.html", e.ID, got)
		}
	}
	_, html := entRender(t, entRenderer(t), entJob(t, jobs, EntitiesPath()))
	for _, e := range m.Data.Entities.All {
		if !strings.Contains(html, `href="`+e.ID+`.html"`) {
			t.Errorf("entities index: no link to %s", e.ID)
		}
	}
}

// TestEntityProfileShanting: 山亭区's profile lists its departments (the
// parents of its prosecutors) as children, and every basic-scheme period
// with the rank and total of the results.
func TestEntityProfileShanting(t *testing.T) {
	m := entDemo(t)
	j := entJob(t, m.Jobs(), EntityPath("zz-st"))
	data, html := entRender(t, entRenderer(t), j)
	d := data.(*EntityPage)

	children := map[string]bool{}
	for _, c := range d.Children {
		children[c.ID] = true
	}
	prosecutors := 0
	for _, e := range m.Data.Entities.OfKind("prosecutor") {
		if !hasAncestor(m.Data.Entities, e, "zz-st") {
			continue
		}
		prosecutors++
		if !children[e.Parent] {
			t.Errorf("child %s (parent of %s) not listed", e.Parent, e.ID)
		}
	}
	if prosecutors == 0 || len(d.Children) == 0 {
		t.Fatalf("zz-st: %d prosecutors, %d children", prosecutors, len(d.Children))
	}

	var basic *EntitySchemeView
	for _, s := range d.Schemes {
		if s.Scheme.ID == "basic" {
			basic = s
		}
	}
	if basic == nil {
		t.Fatal("zz-st: no basic scheme section")
	}
	rs := m.Results["basic"]
	if len(basic.Rows) != len(rs) {
		t.Fatalf("zz-st: %d period rows, want %d", len(basic.Rows), len(rs))
	}
	plain := 0
	for k, row := range basic.Rows {
		r := rs[len(rs)-1-k] // rows are latest first
		er, g := EntityResult(r, "zz-st")
		if er == nil {
			t.Fatalf("%s: zz-st not in the results", r.Period.ID)
		}
		if row.Rank != er.Rank || row.N != len(g.Entities) || row.Total != er.Total || row.Derived != r.Period.Derived {
			t.Errorf("%s: row rank %d/%d total %v derived %v, want %d/%d %v %v", r.Period.ID, row.Rank, row.N, row.Total, row.Derived, er.Rank, len(g.Entities), er.Total, r.Period.Derived)
		}
		if want := SheetPath("basic", r.Period.ID, "zz-st"); row.Sheet != want || !strings.Contains(html, `href="../`+want+`"`) {
			t.Errorf("%s: sheet link %q missing (want %q)", r.Period.ID, row.Sheet, want)
		}
		if !r.Period.Derived {
			plain++
		}
	}
	// The trend charts cover the plain periods only.
	if got := len(basic.TotalChart.Data.Rows); got != plain || plain == 0 {
		t.Errorf("total trend: %d periods, want the %d plain ones", got, plain)
	}
	// The latest summary is the latest result.
	er, _ := EntityResult(rs[len(rs)-1], "zz-st")
	if basic.Latest.Rank != er.Rank || basic.Latest.Total != er.Total {
		t.Errorf("latest: %d %v, want %d %v", basic.Latest.Rank, basic.Latest.Total, er.Rank, er.Total)
	}
	// Departments are not scored: the comparison goes down to the prosecutors.
	if len(d.Comparisons) != 1 || d.Comparisons[0].Scheme.ID != "prosecutor" || d.Comparisons[0].Chart == nil {
		t.Fatalf("comparisons: %+v", d.Comparisons)
	}
	if got := len(d.Comparisons[0].Chart.Data.Rows) - 1; got != prosecutors { // minus the reference row
		t.Errorf("comparison: %d prosecutors, want %d", got, prosecutors)
	}
	// Breadcrumbs: 首页 › 单位 › 山东省 › 枣庄市 › 山亭区人民检察院.
	var crumbs []string
	for _, c := range d.Page.Crumbs {
		crumbs = append(crumbs, c.Label)
	}
	if got := strings.Join(crumbs, " › "); got != "首页 › 单位 › 山东省 › 枣庄市 › 山亭区人民检察院" {
		t.Errorf("crumbs %q", got)
	}
}

func hasAncestor(es *dataset.Entities, e *dataset.Entity, id string) bool {
	for _, a := range es.Ancestors(e.ID) {
		if a.ID == id {
			return true
		}
	}
	return false
}

// TestEntityChildrenLatest: a city's children table shows each child's
// latest basic result and the group mean is the mean of the group.
func TestEntityChildrenLatest(t *testing.T) {
	m := entDemo(t)
	data, _ := entRender(t, entRenderer(t), entJob(t, m.Jobs(), EntityPath("zz")))
	d := data.(*EntityPage)
	if len(d.ChildSchemes) != 1 || d.ChildSchemes[0].ID != "basic" {
		t.Fatalf("child schemes %v", d.ChildSchemes)
	}
	latest := m.Latest("basic")
	for _, c := range d.Children {
		er, g := EntityResult(latest, c.ID)
		cell := c.Cells[0]
		if er == nil || !cell.Scored || cell.Rank != er.Rank || cell.Total != er.Total || cell.N != len(g.Entities) || cell.Period != "" {
			t.Errorf("%s: cell %+v, want rank %d total %v", c.ID, cell, er.Rank, er.Total)
		}
	}
	for _, s := range d.Schemes {
		r := m.Latest(s.Scheme.ID)
		_, g := EntityResult(r, "zz")
		sum := 0.0
		for _, e := range g.Entities {
			sum += e.Total
		}
		if want := sum / float64(len(g.Entities)); math.Abs(s.Latest.GroupMean-want) > 1e-9 {
			t.Errorf("%s: group mean %v, want %v", s.Scheme.ID, s.Latest.GroupMean, want)
		}
	}
}

var hrefRE = regexp.MustCompile(`href="([^"]*)"`)

// TestEntityFamiliesLinksResolve: every link of the profiles, the
// entities index, the indicator pages, the indicators index and the
// scheme overviews points to a page some urls.go function makes, and to
// an existing job wherever that kind of page has jobs.
func TestEntityFamiliesLinksResolve(t *testing.T) {
	m := entDemo(t)
	jobs := m.Jobs()
	kinds := possiblePaths(m)
	isJob := map[string]bool{}
	kindHasJobs := map[string]bool{}
	for _, j := range jobs {
		isJob[j.Path] = true
		kindHasJobs[kinds[j.Path]] = true
	}
	r := entRenderer(t)
	checked := 0
	for _, j := range jobs {
		switch j.Template {
		case "entity.html", "entities.html", "indicator.html", "indicators.html", "scheme.html":
		default:
			continue
		}
		_, html := entRender(t, r, j)
		for _, mm := range hrefRE.FindAllStringSubmatch(html, -1) {
			href := mm[1]
			if strings.HasPrefix(href, "#") {
				continue
			}
			target := resolveHref(j.Path, href)
			if strings.HasPrefix(target, "assets/") { // the layout's stylesheet, icon, licence
				continue
			}
			kind, ok := kinds[target]
			switch {
			case !ok:
				t.Errorf("%s: link %q → %q is no page of urls.go", j.Path, href, target)
			case kindHasJobs[kind] && !isJob[target]:
				t.Errorf("%s: link %q → %q has no job", j.Path, href, target)
			}
			checked++
		}
	}
	if checked < 1000 {
		t.Errorf("only %d links checked", checked)
	}
}

// resolveHref resolves a relative link of the page at from to a site path.
func resolveHref(from, href string) string {
	if i := strings.IndexAny(href, "#?"); i >= 0 {
		href = href[:i]
	}
	parts := strings.Split(from, "/")
	parts = parts[:len(parts)-1]
	for _, p := range strings.Split(href, "/") {
		switch p {
		case "..":
			if len(parts) > 0 {
				parts = parts[:len(parts)-1]
			}
		case ".", "":
		default:
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "/")
}

// possiblePaths maps every site path the functions of urls.go can make
// for the model's schemes, periods, indicators and entities to the name
// of the function.
func possiblePaths(m *Model) map[string]string {
	out := map[string]string{
		HomePath(): "home", EntitiesPath(): "entities", CompareIndexPath(): "compareIndex",
		MethodologyIndexPath(): "methodologyIndex", ArchivePath(): "archive", PeriodsIndexPath(): "periodsIndex",
		SchemesIndexPath(): "schemesIndex", IndicatorsIndexPath(): "indicatorsIndex",
	}
	for _, pd := range m.Data.Periods {
		out[PeriodPath(pd.ID)] = "period"
		out[XLSXPath(pd.ID)] = "xlsx"
	}
	for _, e := range m.Data.Entities.All {
		out[EntityPath(e.ID)] = "entity"
	}
	for _, s := range m.Config.Schemes {
		out[SchemePath(s.ID)] = "scheme"
		out[MethodologyPath(s.ID)] = "methodology"
		for _, ind := range s.Indicators {
			out[IndicatorPath(s.ID, ind.ID)] = "indicator"
		}
		for _, r := range m.Results[s.ID] {
			p := r.Period.ID
			out[RankingPath(s.ID, p)] = "ranking"
			out[ComparePath(s.ID, p)] = "compare"
			out[DataPath(s.ID, p, "json")] = "json"
			out[DataPath(s.ID, p, "csv")] = "csv"
			for _, g := range r.Groups {
				for _, e := range g.Entities {
					out[SheetPath(s.ID, p, e.Entity.ID)] = "sheet"
				}
			}
		}
	}
	return out
}
