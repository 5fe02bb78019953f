package report

import (
	"encoding/json"
	"html"
	"math"
	"regexp"
	"strings"
	"testing"

	"kaoping/generator/chart"
	"kaoping/generator/numfmt"
	"kaoping/generator/output"
)

// rankRowRE picks, from a 公示表 row, the rank, the sheet link, the name
// and the total.
var rankRowRE = regexp.MustCompile(`(?s)<td class="num rank-no">(\d+)</td>.*?<th scope="row"><a href="([^"]+)">([^<]*)</a></th>.*?<td class="num rank-total">([^<]+)</td>`)

// TestRankingMatchesJSON checks that the ranking page lists every member of
// every group in rank order, with the rank and the total (two decimals) of
// the machine-readable output of SPEC §7.
func TestRankingMatchesJSON(t *testing.T) {
	m := rankDemo(t)
	jobs := m.Jobs()
	for _, scheme := range []string{"basic", "prosecutor"} {
		t.Run(scheme, func(t *testing.T) {
			r := rankLatestPlain(t, m, scheme)
			page := rankRenderJob(t, m, jobs, RankingPath(scheme, r.Period.ID))
			js, err := output.JSON(r)
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Groups []struct {
					ID       string
					Entities []struct {
						ID    string
						Name  string
						Rank  int
						Total float64
					}
				}
			}
			if err := json.Unmarshal(js, &doc); err != nil {
				t.Fatal(err)
			}
			// Groups appear in order, each with its 参考值 row after its members.
			sections := strings.Split(page, `<section class="rank-group"`)[1:]
			if len(sections) != len(doc.Groups) {
				t.Fatalf("%d group sections, want %d", len(sections), len(doc.Groups))
			}
			for gi, g := range doc.Groups {
				table := sections[gi][:strings.Index(sections[gi], `class="rank-mean"`)]
				rows := rankRowRE.FindAllStringSubmatch(table, -1)
				if len(rows) != len(g.Entities) {
					t.Fatalf("group %s: %d rows, want %d", g.ID, len(rows), len(g.Entities))
				}
				for i, e := range g.Entities {
					got := rows[i]
					wantSheet := SheetPath(scheme, r.Period.ID, e.ID)
					if got[1] != jsonNumber(e.Rank) || resolveRel(RankingPath(scheme, r.Period.ID), html.UnescapeString(got[2])) != wantSheet ||
						html.UnescapeString(got[3]) != e.Name || got[4] != numfmt.Points(e.Total) {
						t.Errorf("group %s row %d = rank %s, %s, %s, total %s; want %d, %s, %s, %s",
							g.ID, i+1, got[1], got[2], got[3], got[4], e.Rank, wantSheet, e.Name, numfmt.Points(e.Total))
					}
				}
			}
			if scheme == "prosecutor" && len(doc.Groups) < 2 {
				t.Errorf("prosecutor scheme should have several peer groups, got %d", len(doc.Groups))
			}
		})
	}
}

func jsonNumber(i int) string { b, _ := json.Marshal(i); return string(b) }

// TestRankingLinksResolve checks that every link of a ranking page to a
// ranking, a score sheet or a download goes to a file the build writes.
func TestRankingLinksResolve(t *testing.T) {
	m := rankDemo(t)
	jobs := m.Jobs()
	have := map[string]bool{}
	for _, j := range jobs {
		have[j.Path] = true
	}
	for _, f := range m.FileJobs() {
		have[f.Path] = true
	}
	for _, s := range m.Config.Schemes {
		for _, r := range m.Results[s.ID] {
			have[DataPath(s.ID, r.Period.ID, "json")] = true // written by build.writeData
			have[DataPath(s.ID, r.Period.ID, "csv")] = true
		}
	}
	r := rankLatestPlain(t, m, "prosecutor")
	path := RankingPath("prosecutor", r.Period.ID)
	page := rankRenderJob(t, m, jobs, path)
	hrefs := regexp.MustCompile(`href="([^"#]+)(#[^"]*)?"`).FindAllStringSubmatch(page, -1)
	checked := 0
	for _, h := range hrefs {
		target := resolveRel(path, html.UnescapeString(h[1]))
		if !strings.HasPrefix(target, "schemes/prosecutor/") && !strings.HasPrefix(target, "data/") {
			continue // pages of other families
		}
		if strings.HasSuffix(target, "/index.html") || strings.Contains(target, "/indicators/") {
			continue
		}
		checked++
		if !have[target] {
			t.Errorf("link %q -> %s: no such file in the build", h[1], target)
		}
	}
	if checked < len(r.Groups[0].Entities)+4 {
		t.Errorf("only %d links checked", checked)
	}
}

// resolveRel resolves a relative link from the page at site path from.
func resolveRel(from, href string) string {
	parts := strings.Split(from, "/")
	parts = parts[:len(parts)-1]
	for _, p := range strings.Split(href, "/") {
		switch p {
		case "..":
			parts = parts[:len(parts)-1]
		case ".", "":
		default:
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "/")
}

// TestRankingDeterministic renders a page twice from two models.
func TestRankingDeterministic(t *testing.T) {
	a, b := rankDemo(t), rankDemo(t)
	r := rankLatestPlain(t, a, "prosecutor")
	path := RankingPath("prosecutor", r.Period.ID)
	sheet := SheetPath("prosecutor", r.Period.ID, r.Groups[0].Entities[0].Entity.ID)
	for _, p := range []string{path, sheet} {
		if rankRenderJob(t, a, a.Jobs(), p) != rankRenderJob(t, b, b.Jobs(), p) {
			t.Errorf("%s differs between two renders", p)
		}
	}
}

func TestRankSortedByValue(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name   string
		values []float64
		sign   float64
		want   []int
	}{
		{"higher first", []float64{1, 3, 2}, 1, []int{1, 2, 0}},
		{"lower first", []float64{1, 3, 2}, -1, []int{0, 2, 1}},
		{"no direction sorts high first", []float64{1, 3, 2}, 0, []int{1, 2, 0}},
		{"missing last, ties keep order", []float64{nan, 2, 2, 5}, 1, []int{3, 1, 2, 0}},
	}
	for _, tt := range tests {
		got := rankSortedByValue(tt.values, tt.sign)
		if !equalInts(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestRankBarsCompact checks the switch to unlabelled vertical bars above
// rankCompactLimit members.
func TestRankBarsCompact(t *testing.T) {
	for _, n := range []int{rankCompactLimit, rankCompactLimit + 1, 500} {
		names := make([]string, n)
		vals := make([]float64, n)
		for i := range names {
			names[i] = "检察官" + jsonNumber(i)
			vals[i] = float64(i)
		}
		c, err := rankBars(specFor("总分"), names, vals, 10, "平均值")
		if err != nil {
			t.Fatal(err)
		}
		js := c.OptionJSON()
		vertical := strings.Contains(js, `"xAxis":[{"type":"category"`)
		if vertical != (n > rankCompactLimit) {
			t.Errorf("n=%d: vertical=%v", n, vertical)
		}
		if n > rankCompactLimit && c.Height > 300 {
			t.Errorf("n=%d: height %d, want a compact chart", n, c.Height)
		}
		if len(c.Data.Rows) != n+1 {
			t.Errorf("n=%d: data table has %d rows, want every member and the reference", n, len(c.Data.Rows))
		}
	}
}

// TestRankParentLabels: prosecutors compared across the city are told
// apart by procuratorate and department; procuratorates that share the
// city need no parent.
func TestRankParentLabels(t *testing.T) {
	m := rankDemo(t)
	r := rankLatestPlain(t, m, "basic")
	for id, l := range m.rankParentLabels(r.Groups[0]) {
		if l != "" {
			t.Errorf("basic: %s has parent label %q, want none", id, l)
		}
	}
	p := rankLatestPlain(t, m, "prosecutor")
	e := p.Groups[0].Entities[0].Entity
	dept := m.Data.Entities.Get(e.Parent)
	court := m.Data.Entities.Get(dept.Parent)
	want := court.Name + " · " + dept.Name
	if got := m.rankParentLabels(p.Groups[0])[e.ID]; got != want {
		t.Errorf("prosecutor %s: parent label %q, want %q", e.ID, got, want)
	}
}

func specFor(title string) chart.Spec {
	return chart.Spec{Title: title, Format: "number", Decimals: 2}
}
