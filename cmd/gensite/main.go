// Command gensite writes a synthetic site of a given size, for benchmarks
// and load tests: the demo's config.toml (same fields, constants and
// schemes), a province, its cities, their basic procuratorates with
// departments and quota prosecutors, and a number of quarters (and
// optionally months) of plausible counts drawn with the demo's value model.
//
// The output is deterministic: the same flags give byte-identical files.
// The defaults are a whole province (16 × 10 × 50 = 8,000 prosecutors over
// 8 quarters).
//
// Usage, from the repository root:
//
//	go run ./cmd/gensite [-cities 16] [-units 10] [-prosecutors 50] [-periods 8] [-months 0] [-seed 1] -out DIR
//	go run . build --config DIR/config.toml
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"kaoping/internal/synth"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run parses args, writes the site and returns the exit status: 0 done,
// 1 the site could not be written, 2 bad usage.
func run(args []string, stderr io.Writer) int {
	def := synth.Province()
	fs := flag.NewFlagSet("gensite", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := synth.Options{Progress: prefixed{stderr}}
	fs.IntVar(&o.Cities, "cities", def.Cities, "cities of the province (the first is 枣庄市)")
	fs.IntVar(&o.Units, "units", def.Units, "basic procuratorates per city")
	fs.IntVar(&o.Prosecutors, "prosecutors", def.Prosecutors, "quota prosecutors per procuratorate")
	fs.IntVar(&o.Periods, "periods", def.Periods, "quarters from 2024-Q1 on")
	fs.IntVar(&o.Months, "months", 0, "months after the last quarter")
	fs.Uint64Var(&o.Seed, "seed", def.Seed, "random seed: same flags and seed, same files")
	fs.StringVar(&o.Title, "title", synth.DefaultTitle, "site title")
	schemes := fs.String("schemes", "", "comma-separated ids of the demo's schemes to keep (default: all of them)")
	out := fs.String("out", "", "site folder to write (required; config.toml, data/entities.csv, data/periods and data/notes are replaced)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "gensite: -out DIR is required and no other argument is allowed")
		fs.Usage()
		return 2
	}
	if *schemes != "" {
		o.Schemes = strings.Split(*schemes, ",")
	}
	if err := o.Validate(); err != nil {
		fmt.Fprintln(stderr, "gensite:", err)
		return 2
	}
	start := time.Now()
	if err := synth.WriteSite(*out, o); err != nil {
		fmt.Fprintln(stderr, "gensite:", err)
		return 1
	}
	fmt.Fprintf(stderr, "gensite: wrote %s in %.1fs\n", *out, time.Since(start).Seconds())
	return 0
}

// prefixed writes each progress line (one Write per line) after "gensite: ".
type prefixed struct{ w io.Writer }

func (p prefixed) Write(b []byte) (int, error) {
	if _, err := io.WriteString(p.w, "gensite: "); err != nil {
		return 0, err
	}
	return p.w.Write(b)
}
