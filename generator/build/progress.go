package build

import (
	"os"
	"regexp"

	"kaoping/generator/config"
)

// Stage is one step of a build, as shown to the user by a progress bar.
type Stage int

const (
	StageLoad   Stage = iota // reading config.toml and the data (no count)
	StageScore               // scoring: one step per scheme and period
	StageRender              // making the pages, files and bundles: one step per file
)

// Label is the stage's name in lang ("en" or Chinese).
func (s Stage) Label(lang string) string {
	zh := [...]string{"载入", "计分", "生成页面"}
	en := [...]string{"loading", "scoring", "rendering"}
	if lang == "en" {
		return en[s]
	}
	return zh[s]
}

// Progress hears how a build advances; the command line draws a progress
// bar with it when stderr is a terminal. Start is called when a stage
// begins, with its number of steps (0 when unknown); Step once per step
// done, possibly from several goroutines at once.
type Progress interface {
	Start(s Stage, total int)
	Step()
}

// noProgress is the Progress of a build that reports nothing.
type noProgress struct{}

func (noProgress) Start(Stage, int) {}
func (noProgress) Step()            {}

// progressOf returns p, or a Progress that does nothing when p is nil.
func progressOf(p Progress) Progress {
	if p == nil {
		return noProgress{}
	}
	return p
}

var languageRe = regexp.MustCompile(`(?m)^\s*language\s*=\s*["']en["']`)

// Language returns the language messages about the site at configPath
// should be written in: its config's language even when the config or the
// data have errors (Load then returns no Project), "en" when a config that
// does not parse says language = "en", and "zh-CN" otherwise.
func Language(configPath string) string {
	if cfg, _ := config.Load(configPath); cfg != nil {
		return cfg.Language
	}
	if src, err := os.ReadFile(configPath); err == nil && languageRe.Match(src) {
		return "en"
	}
	return "zh-CN"
}
