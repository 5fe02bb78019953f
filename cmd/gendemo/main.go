// Command gendemo writes the demo site's data folder: the entities of
// Zaozhuang's procuratorates (and of other Shandong cities for the
// cross-city comparison), eleven periods of synthetic counts in the formats
// a case management office sends (CSV with or without BOM, Chinese or raw
// headers, XLSX, a folder of two files) and some periods' commentary.
//
// The data tell a story: 山亭区人民检察院 starts at the bottom of the city in
// 2024-Q1 and climbs to the top three by 2025-Q4; the others fluctuate
// mildly. Every name is made up. The output is deterministic: a fixed PCG
// seed, a fixed order of draws, no clock.
//
// Usage, from the repository root:
//
//	go run ./cmd/gendemo [-out data]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

func main() {
	out := flag.String("out", "data", "data folder to (re)write")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gendemo:", err)
		os.Exit(1)
	}
}

// run rewrites dir: entities.csv, periods/ and notes/ (the last two are
// removed first so that no stale period survives).
func run(dir string) error {
	r := newRNG()
	es, ps := buildEntities(r)
	data := generate(r, ps)

	for _, sub := range []string{"periods", "notes"} {
		if err := os.RemoveAll(filepath.Join(dir, sub)); err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return err
		}
	}
	if err := writeEntities(filepath.Join(dir, "entities.csv"), es); err != nil {
		return err
	}
	for _, p := range periods {
		if err := writePeriod(filepath.Join(dir, "periods"), p, es, data[p.ID]); err != nil {
			return fmt.Errorf("%s: %w", p.ID, err)
		}
	}
	ns := notes(data)
	ids := make([]string, 0, len(ns))
	for id := range ns {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := os.WriteFile(filepath.Join(dir, "notes", id+".md"), []byte(ns[id]), 0o644); err != nil {
			return err
		}
	}
	return nil
}
