package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"kaoping/generator/report"
	"kaoping/internal/pagenames"
)

// sitePaths lists the pages and files of a site with one period, two
// entities, two schemes and two indicators per scheme: the sample ids and
// the ids under test (entity, scheme, indicator).
func sitePaths(entity, scheme, indicator string) []string {
	const p = "2024-Q1"
	out := []string{report.HomePath(), report.EntitiesPath(), report.CompareIndexPath(), report.MethodologyIndexPath(),
		report.ArchivePath(), report.PeriodsIndexPath(), report.SchemesIndexPath(), report.IndicatorsIndexPath(),
		report.XLSXPath(p), report.BundlePath(p), report.PeriodPath(p)}
	for _, e := range []string{entity, "e1"} {
		out = append(out, report.EntityPath(e))
	}
	for _, s := range []string{scheme, "basic"} {
		out = append(out, report.SchemePath(s), report.RankingPath(s, p), report.ComparePath(s, p), report.MethodologyPath(s),
			report.DataPath(s, p, "json"), report.DataPath(s, p, "csv"))
		for _, e := range []string{entity, "e1"} {
			out = append(out, report.SheetPath(s, p, e))
		}
		for _, i := range []string{indicator, "i1"} {
			out = append(out, report.IndicatorPath(s, i))
		}
	}
	return out
}

// collides reports whether two of the paths are the same file, or one is
// a file and the folder of another.
func collides(paths []string) bool {
	seen := map[string]bool{}
	for _, p := range paths {
		if seen[p] {
			return true
		}
		seen[p] = true
	}
	for p := range seen {
		for dir := filepath.ToSlash(filepath.Dir(p)); dir != "."; dir = filepath.ToSlash(filepath.Dir(dir)) {
			if seen[dir] {
				return true
			}
		}
	}
	return false
}

// TestReservedIDsMatchTheSitePaths: the ids internal/pagenames refuses
// for colliding with the site's own pages are exactly those whose pages
// (by report's path functions) would be another page's file, for
// entities, schemes and indicators. The candidates are every name that
// occurs in the site's paths, so a new fixed page (an index.html in a
// folder of ids) is caught once its path function is listed above.
func TestReservedIDsMatchTheSitePaths(t *testing.T) {
	candidates := map[string]bool{"x": true}
	for _, p := range sitePaths("e0", "s0", "i0") {
		for _, part := range strings.Split(p, "/") {
			candidates[strings.TrimSuffix(part, filepath.Ext(part))] = true
		}
	}
	for _, sample := range []string{"e1", "basic", "i1"} {
		delete(candidates, sample) // the same id twice is not a page collision
	}
	if !candidates["index"] || !candidates["indicators"] {
		t.Fatalf("candidates %v", candidates)
	}
	classes := []struct {
		name  string
		paths func(id string) []string
		ok    func(id string) (bool, string, string)
	}{
		{"entity", func(id string) []string { return sitePaths(id, "s0", "i0") }, pagenames.Entity},
		{"scheme", func(id string) []string { return sitePaths("e0", id, "i0") }, pagenames.Scheme},
		{"indicator", func(id string) []string { return sitePaths("e0", "s0", id) }, pagenames.Indicator},
	}
	refused := 0
	for id := range candidates {
		for _, c := range classes {
			ok, _, _ := c.ok(id)
			if bad := collides(c.paths(id)); bad == ok {
				t.Errorf("%s id %q: collides %v, but pagenames allows it: %v", c.name, id, bad, ok)
			}
			if !ok {
				refused++
			}
		}
	}
	if refused != 2 { // entity index, scheme index
		t.Errorf("%d ids refused, want 2", refused)
	}
}

// TestCheckRefusesIDsOfTheSitesPages: an entity id and a scheme id that
// name the site's own pages make check and build exit 1, naming the line
// in entities.csv and in config.toml; the build writes nothing.
func TestCheckRefusesIDsOfTheSitesPages(t *testing.T) {
	cfg := copyDemo(t)
	dir := filepath.Dir(cfg)
	entities := filepath.Join(dir, "data", "entities.csv")
	b, err := os.ReadFile(entities)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.TrimRight(string(b), "\n") + "\nindex,索引检察院,procuratorate,zz,,99\n"
	if err := os.WriteFile(entities, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	entLine := strings.Count(s, "\n")
	cfgLine := replaceIn(t, cfg, "\nid = \"basic\"", "\nid = \"index\"")
	out := filepath.Join(t.TempDir(), "public")
	for _, args := range [][]string{{"check", "--config", cfg}, {"build", "--config", cfg, "--out", out}} {
		code, stdout, stderr := runCLI(args...)
		text := stdout + stderr
		if code != exitInput {
			t.Fatalf("%s: exit %d, want 1\n%s", args[0], code, text)
		}
		for _, want := range []string{
			"data/entities.csv:" + strconv.Itoa(entLine) + ":1: 错误: 编号 “index” 与站点自身的页面冲突：该单位的档案页 entities/index.html",
			"config.toml:" + strconv.Itoa(cfgLine) + ": 错误: 第 1 个方案 \"index\"：id \"index\" 与站点自身的页面冲突",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s does not say %q:\n%s", args[0], want, text)
			}
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed build wrote its output folder")
	}
}
