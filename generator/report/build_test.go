package report_test

import (
	"fmt"

	"kaoping/generator/build"
	"kaoping/generator/report"
)

// The model tests of package report get their model from build.Load, the
// loader `kaoping build` runs (see report.LoadSite).
func init() {
	report.LoadSite = func(configPath string) (*report.Model, error) {
		p, problems := build.Load(configPath)
		if p == nil || problems.HasErrors() {
			return nil, fmt.Errorf("%s: %v", configPath, problems)
		}
		return p.Model(true), nil
	}
}
