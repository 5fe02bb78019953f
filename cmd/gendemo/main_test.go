package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestDeterministic writes the demo twice and compares every byte: the
// demo must not change between runs (README, golden builds).
func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := run(a); err != nil {
		t.Fatal(err)
	}
	if err := run(b); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil {
			t.Errorf("%s missing in second run", rel)
		} else if !bytes.Equal(x, y) {
			t.Errorf("%s differs between runs", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// entities.csv, 10 period files, a folder of 2, 5 notes.
	if n != 1+10+2+5 {
		t.Errorf("wrote %d files, want 18", n)
	}
}

// TestLabelsMatchConfig checks that the Chinese headers gendemo writes are
// exactly the labels of config.toml's [fields], both ways.
func TestLabelsMatchConfig(t *testing.T) {
	var cfg struct {
		Fields map[string]string `toml:"fields"`
	}
	if _, err := toml.DecodeFile("../../config.toml", &cfg); err != nil {
		t.Fatal(err)
	}
	for _, f := range fields {
		if got := cfg.Fields[f.ID]; got != f.Label {
			t.Errorf("field %s: config.toml label %q, gendemo %q", f.ID, got, f.Label)
		}
	}
	if len(cfg.Fields) != len(fields) {
		t.Errorf("config.toml has %d fields, gendemo %d", len(cfg.Fields), len(fields))
	}
}

// TestRealistic checks the ranges the demo promises for every
// procuratorate and period.
func TestRealistic(t *testing.T) {
	r := newRNG()
	_, ps := buildEntities(r)
	data := generate(r, ps)
	tests := []struct {
		name     string
		num, den string
		lo, hi   float64
	}{
		{"案件比", "items", "cases", 1.2, 1.65},
		{"认罪认罚适用率", "plea", "review_closed", 0.82, 0.96},
		{"量刑建议采纳率", "sentencing_adopted", "sentencing_proposals", 0.85, 0.99},
		{"不起诉率", "non_prosecuted", "review_closed", 0.10, 0.30},
	}
	for _, tc := range tests {
		for _, p := range periods {
			for _, u := range units {
				m := data[p.ID][u.ID]
				if x := m[tc.num] / m[tc.den]; x < tc.lo || x > tc.hi {
					t.Errorf("%s %s %s = %.3f, want in [%g, %g]", p.ID, u.Name, tc.name, x, tc.lo, tc.hi)
				}
			}
		}
	}
	first, last := data["2024-Q1"][shantingID], data["2025-Q4"][shantingID]
	if a, b := first["items"]/first["cases"], last["items"]/last["cases"]; a <= b+0.1 {
		t.Errorf("山亭区 案件比 2024-Q1 1:%.2f, 2025-Q4 1:%.2f: want a clear improvement", a, b)
	}
}

// TestPlanted checks the story's events and that every prosecutor group
// keeps values for case_ratio (valid_if cases >= 3) in every period, so no
// group is left without values.
func TestPlanted(t *testing.T) {
	r := newRNG()
	_, ps := buildEntities(r)
	data := generate(r, ps)
	if _, ok := data[missingAt][missingUnit]["assessment_score"]; ok {
		t.Errorf("%s %s: assessment_score should be missing", missingAt, missingUnit)
	}
	if got := data[vetoedAt][vetoedID]["discipline"]; got != 1 {
		t.Errorf("%s %s: discipline = %g, want 1", vetoedAt, vetoedID, got)
	}
	n := 0
	for _, p := range periods {
		n += int(data[p.ID][vetoedID]["discipline"])
		valid := map[string]int{}
		for _, pr := range ps {
			if data[p.ID][pr.ID]["cases"] >= 3 {
				valid[pr.Group]++
			}
		}
		for _, g := range []string{groupCriminal, groupCivil, groupAdmin, groupPIL} {
			if valid[g] < 2 {
				t.Errorf("%s %s: %d prosecutors with cases >= 3, want >= 2", p.ID, g, valid[g])
			}
		}
	}
	if n != 1 {
		t.Errorf("vetoed prosecutor has discipline in %d periods, want 1", n)
	}
	count := 0
	for _, pr := range ps {
		if pr.Unit == shantingID {
			count++
		}
	}
	if count != 17 {
		t.Errorf("山亭区 lists %d prosecutors, want 17", count)
	}
}
