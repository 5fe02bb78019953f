package report

import (
	"strings"
	"testing"
)

// TestProfileLinksMatchRel: the links profiles take from the shared index
// are those Page.Rel gives, with relative links, a base_url, a link
// filter, and entity ids that Rel does not keep as they are.
func TestProfileLinksMatchRel(t *testing.T) {
	sites := append([]string{"../../config.toml"}, entityTestSites(t)[0])
	checked, odd := 0, 0
	for _, site := range sites {
		for _, variant := range []string{"relative", "base_url", "filter", "odd ids"} {
			m := loadSiteLang(t, site, "zh-CN")
			switch variant {
			case "base_url":
				m.Site.BaseURL = "https://example.org/a b/"
			case "filter":
				m.Site.Only = func(from, to string) bool { return len(to)%3 != 0 }
			case "odd ids":
				for i, e := range m.Data.Entities.All {
					switch i % 4 {
					case 1:
						e.ID += "?q"
					case 2:
						e.ID += "#f"
					case 3:
						e.ID = "x/../" + e.ID
					}
				}
			}
			for _, j := range entityJobs(m) {
				data, err := j.Data()
				if err != nil {
					t.Fatal(err)
				}
				d := data.(*EntityPage)
				p := d.Page
				check := func(what, got, target string) {
					t.Helper()
					checked++
					if strings.ContainsAny(target, "?#") || strings.Contains(target, "..") {
						odd++
					}
					if want := p.Rel(target); got != want {
						t.Fatalf("%s %s %s: %s link %q, Rel(%q) = %q", site, variant, j.Path, what, got, target, want)
					}
				}
				for _, s := range d.Schemes {
					for _, r := range s.Rows {
						check("sheet", r.SheetHref, r.Sheet)
						check("ranking", r.RankingHref, r.Ranking)
					}
				}
				for _, c := range d.Children {
					check("child", c.Href, c.Path)
					for _, cell := range c.Cells {
						if cell.Scored {
							check("child sheet", cell.SheetHref, cell.Sheet)
						}
					}
				}
			}
		}
	}
	if checked < 1000 || odd < 20 {
		t.Fatalf("only %d links checked, %d of them to odd ids", checked, odd)
	}
}

// TestProfileLinksOddTargets: targets that Rel changes (queries,
// fragments, dot segments, folders in ids) get Rel's answer.
func TestProfileLinksOddTargets(t *testing.T) {
	for _, base := range []string{"", "https://example.org/x/"} {
		m := loadSiteLang(t, "../../config.toml", "zh-CN")
		m.Site.BaseURL = base
		idx := newEntityIndex(m)
		if len(idx.links.folders) == 0 {
			t.Fatal("no folder linked")
		}
		s, p := m.Config.Schemes[0].ID, m.Results[m.Config.Schemes[0].ID][0].Period.ID
		page := m.Page(EntityPath("a"), "a", "")
		for _, id := range []string{"plain", "a?b", "a#b", "..", ".", "a/b", "a/../../b", "", "x:y", "%2F", "a b"} {
			for _, target := range []string{SheetPath(s, p, id), RankingPath(s, id), EntityPath(id), SchemePath(s) + "/" + id} {
				if got, want := idx.links.rel(page, target), page.Rel(target); got != want {
					t.Errorf("base %q: rel(%q) = %q, Rel = %q", base, target, got, want)
				}
			}
		}
	}
}
