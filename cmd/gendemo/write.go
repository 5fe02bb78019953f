package main

import (
	"fmt"
	"os"
	"path/filepath"

	"kaoping/internal/synth"
)

// The file writers of internal/synth, under the demo's short names.
var (
	makeTable     = synth.MakeTable
	writeCSV      = synth.WriteCSV
	writeXLSX     = synth.WriteXLSX
	writeEntities = synth.WriteEntities
	periodLabel   = synth.PeriodLabel
)

// writePeriod writes one period in its planned format.
func writePeriod(dir string, p periodSpec, es []entity, v values) error {
	switch p.Format {
	case "csv-zh":
		return writeCSV(filepath.Join(dir, p.ID+".csv"), makeTable(es, v, true), true)
	case "csv":
		return writeCSV(filepath.Join(dir, p.ID+".csv"), makeTable(es, v, false), false)
	case "xlsx":
		return writeXLSX(filepath.Join(dir, p.ID+".xlsx"), periodLabel(p.ID), makeTable(es, v, true))
	case "split":
		// One folder, two files, merged by the reader: the units' own
		// figures (procuratorates and cities) and the prosecutors'.
		sub := filepath.Join(dir, p.ID)
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return err
		}
		var unitsEs, prosEs []entity
		for _, e := range es {
			if e.Kind == "prosecutor" {
				prosEs = append(prosEs, e)
			} else {
				unitsEs = append(unitsEs, e)
			}
		}
		if err := writeCSV(filepath.Join(sub, "basic.csv"), makeTable(unitsEs, v, true), true); err != nil {
			return err
		}
		return writeCSV(filepath.Join(sub, "prosecutors.csv"), makeTable(prosEs, v, false), false)
	}
	return fmt.Errorf("unknown format %q", p.Format)
}
