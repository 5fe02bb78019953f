package synth

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Options set the size of a generated site.
type Options struct {
	Cities      int    // cities of the province (the first is 枣庄市)
	Units       int    // basic procuratorates per city
	Prosecutors int    // listed quota prosecutors per procuratorate
	Periods     int    // quarters, from 2024-Q1 on
	Months      int    // months after the last quarter (0 = none)
	Seed        uint64 // same options and seed, byte-identical files
	Title       string // "" = DefaultTitle
	// Schemes are the ids of the demo's schemes the site keeps (nil: all).
	Schemes []string
	// Progress receives one line per step (nil = silent).
	Progress io.Writer
}

// Province is the size of a whole province: 16 cities × 10 procuratorates
// × 50 prosecutors (8,000 prosecutors, 8,977 entities) over 8 quarters.
func Province() Options {
	return Options{Cities: 16, Units: 10, Prosecutors: 50, Periods: 8, Seed: 1}
}

// Limits of Options, so that ids and period ids stay well-formed.
const (
	MaxCities      = 99
	MaxUnits       = 99
	MaxProsecutors = 999
	MaxPeriods     = 40  // 2024-Q1 … 2033-Q4
	MaxMonths      = 120 // with MaxPeriods, still before 2100
)

// Validate reports options out of range.
func (o Options) Validate() error {
	var errs []error
	check := func(name string, v, lo, hi int) {
		if v < lo || v > hi {
			errs = append(errs, fmt.Errorf("%s = %d, want %d…%d", name, v, lo, hi))
		}
	}
	check("cities", o.Cities, 1, MaxCities)
	check("units", o.Units, 1, MaxUnits)
	check("prosecutors", o.Prosecutors, 1, MaxProsecutors)
	check("periods", o.Periods, 0, MaxPeriods)
	check("months", o.Months, 0, MaxMonths)
	if o.Periods+o.Months == 0 {
		errs = append(errs, errors.New("no period: set periods or months to at least 1"))
	}
	for _, id := range o.Schemes {
		if !slices.Contains(SchemeIDs(), id) {
			errs = append(errs, fmt.Errorf("no scheme %q in the demo's config (it has %s)", id, strings.Join(SchemeIDs(), ", ")))
		}
	}
	return errors.Join(errs...)
}

// Entities is the number of entities a site of these options has: the
// province, the cities, their procuratorates, departments and prosecutors.
func (o Options) Entities() int {
	s := plan(NewRNG(o.Seed, 0), o)
	return len(s.entities)
}

// WriteSite writes a complete site folder into dir: config.toml (the
// demo's schemes), data/entities.csv, one file per period in
// data/periods/ (the last quarter as a folder of two files) and one note.
// It replaces config.toml, entities.csv, data/periods and data/notes, and
// leaves anything else in dir alone.
func WriteSite(dir string, o Options) error {
	if err := o.Validate(); err != nil {
		return err
	}
	if o.Title == "" {
		o.Title = DefaultTitle
	}
	progress := func(format string, args ...any) {
		if o.Progress != nil {
			fmt.Fprintf(o.Progress, format+"\n", args...)
		}
	}
	data := filepath.Join(dir, "data")
	for _, sub := range []string{"periods", "notes"} {
		if err := os.RemoveAll(filepath.Join(data, sub)); err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(data, sub), 0o755); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(Config(o.Title, o.Schemes...)), 0o644); err != nil {
		return err
	}
	r := NewRNG(o.Seed, 0x6b616f70696e67) // "kaoping"
	s := plan(r, o)
	if err := WriteEntities(filepath.Join(data, "entities.csv"), s.entities); err != nil {
		return err
	}
	progress("entities.csv: %d entities (%d cities, %d procuratorates, %d prosecutors)",
		len(s.entities), o.Cities, len(s.units), len(s.prosecutors))
	for i, p := range s.periods {
		v := s.values(r, p)
		if err := writePeriod(filepath.Join(data, "periods"), p, s.entities, v); err != nil {
			return fmt.Errorf("%s: %w", p.ID, err)
		}
		progress("period %s (%d/%d)", p.ID, i+1, len(s.periods))
	}
	last := s.periods[len(s.periods)-1].ID
	note := fmt.Sprintf("## 说明\n\n本站点由 `gensite` 生成，用于规模测试：%d 个市、%d 个基层院、%d 名员额检察官，数据均为虚构。\n",
		o.Cities, len(s.units), len(s.prosecutors))
	return os.WriteFile(filepath.Join(data, "notes", last+".md"), []byte(note), 0o644)
}

// writePeriod writes one period in its planned format.
func writePeriod(dir string, p periodPlan, es []Entity, v Values) error {
	switch p.Format {
	case formatCSVZh:
		return WriteCSV(filepath.Join(dir, p.ID+".csv"), MakeTable(es, v, true), true)
	case formatSplit:
		// One folder, two files, merged by the reader: the procuratorates'
		// own figures and the prosecutors'.
		sub := filepath.Join(dir, p.ID)
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return err
		}
		var units, pros []Entity
		for _, e := range es {
			if e.Kind == "prosecutor" {
				pros = append(pros, e)
			} else {
				units = append(units, e)
			}
		}
		if err := WriteCSV(filepath.Join(sub, "units.csv"), MakeTable(units, v, true), true); err != nil {
			return err
		}
		return WriteCSV(filepath.Join(sub, "prosecutors.csv"), MakeTable(pros, v, false), false)
	default:
		return WriteCSV(filepath.Join(dir, p.ID+".csv"), MakeTable(es, v, false), false)
	}
}
