package main

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"kaoping/generator/build"
)

// barProgress draws a build's stages (载入, 计分, 生成页面) as a progress
// bar on a terminal, one bar per stage, cleared when the stage ends.
type barProgress struct {
	w    io.Writer
	lang string
	bar  *progressbar.ProgressBar
}

// newProgress returns a progress bar on stderr when stderr is a terminal
// and the user did not ask for quiet; nil (no bar) otherwise, so that
// logs and pipes get no control characters.
func newProgress(stderr io.Writer, quiet bool, lang string) *barProgress {
	f, ok := unwrap(stderr).(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &barProgress{w: stderr, lang: lang}
}

// Start begins the bar of a stage; total 0 shows a spinner.
func (b *barProgress) Start(s build.Stage, total int) {
	b.Done()
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(b.w),
		progressbar.OptionSetDescription(s.Label(b.lang)),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(80 * time.Millisecond),
		progressbar.OptionSetWidth(30),
	}
	if total <= 0 {
		b.bar = progressbar.NewOptions(-1, append(opts, progressbar.OptionSpinnerType(14))...)
		return
	}
	b.bar = progressbar.NewOptions(total, append(opts, progressbar.OptionShowCount())...)
}

// Step advances the bar; progressbar is safe for concurrent use.
func (b *barProgress) Step() {
	if b.bar != nil {
		b.bar.Add(1)
	}
}

// Done clears the current bar.
func (b *barProgress) Done() {
	if b.bar != nil {
		b.bar.Finish()
		b.bar.Clear()
		b.bar = nil
	}
}

// buildProgress is p as a build.Progress: a nil *barProgress must become
// a nil interface, or the build would call its methods.
func buildProgress(p *barProgress) build.Progress {
	if p == nil {
		return nil
	}
	return p
}
