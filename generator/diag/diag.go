// Package diag carries the problems found in a site's input: each names the
// file, the line (and column where it applies) and what is wrong, in both
// languages kaoping speaks, so that `check` can list every problem at once
// and print it in the config's language.
package diag

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
)

// Severity says whether a problem stops a build.
type Severity int

const (
	Error Severity = iota
	Warning
)

// Pos is where a problem is: a file path relative to the site folder
// (e.g. "config.toml", "data/periods/2024-Q1.csv"), a 1-based line and an
// optional 1-based column (0 = not applicable).
type Pos struct {
	File string
	Line int
	Col  int
}

// Problem is one finding, with its message in Chinese and English.
type Problem struct {
	Severity Severity
	Pos      Pos
	ZH, EN   string
}

// Message returns the text in lang ("en" gives English, anything else Chinese).
func (p Problem) Message(lang string) string {
	if lang == "en" {
		return p.EN
	}
	return p.ZH
}

// Format renders the problem as `file:line[:col]: 错误: message`.
func (p Problem) Format(lang string) string {
	var b strings.Builder
	if p.Pos.File != "" {
		b.WriteString(escape(p.Pos.File)) // a file name may hold a newline
		if p.Pos.Line > 0 {
			fmt.Fprintf(&b, ":%d", p.Pos.Line)
			if p.Pos.Col > 0 {
				fmt.Fprintf(&b, ":%d", p.Pos.Col)
			}
		}
		b.WriteString(": ")
	}
	switch {
	case p.Severity == Warning && lang == "en":
		b.WriteString("warning: ")
	case p.Severity == Warning:
		b.WriteString("警告: ")
	case lang == "en":
		b.WriteString("error: ")
	default:
		b.WriteString("错误: ")
	}
	b.WriteString(p.Message(lang))
	return b.String()
}

// Error makes a Problem usable as an error (Chinese text).
func (p Problem) Error() string { return p.Format("zh-CN") }

// List collects problems in the order they were found.
type List []Problem

// Errorf adds an error. zh and en are format strings that take the same args.
func (l *List) Errorf(pos Pos, zh, en string, args ...any) {
	*l = append(*l, Problem{Error, pos, fmt.Sprintf(zh, args...), fmt.Sprintf(en, args...)})
}

// Warnf adds a warning. zh and en are format strings that take the same args.
func (l *List) Warnf(pos Pos, zh, en string, args ...any) {
	*l = append(*l, Problem{Warning, pos, fmt.Sprintf(zh, args...), fmt.Sprintf(en, args...)})
}

// Add appends other problems.
func (l *List) Add(ps ...Problem) { *l = append(*l, ps...) }

// HasErrors reports whether any problem is an error.
func (l List) HasErrors() bool {
	for _, p := range l {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the errors.
func (l List) Errors() List {
	var out List
	for _, p := range l {
		if p.Severity == Error {
			out = append(out, p)
		}
	}
	return out
}

// Sort orders problems by file, line, column, keeping the finding order
// for equal positions, so that output is stable.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Err wraps a list that has errors as an error value (nil if none).
func (l List) Err(lang string) error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	return &ListError{List: errs, Lang: lang}
}

// ListError is a List used as an error; its text has one problem per
// line, at most MaxListed of them (see Lines).
type ListError struct {
	List List
	Lang string
}

func (e *ListError) Error() string { return strings.Join(e.List.Lines(e.Lang), "\n") }

// MaxListed is how many problems a listing shows. A file with a column of
// bad cells gives one problem per cell; past this many, a listing ends
// with one line saying how many more there are, and the counts stay exact.
const MaxListed = 200

// Lines formats the problems of l in lang, one per element, sorted by
// position (l itself is not reordered). When there are more than
// MaxListed, errors are listed before warnings are (a warning never hides
// an error), at most MaxListed in all, still in position order, and a last
// line says how many were left out: "…还有 N 个问题未列出" / "… and N more
// problems".
func (l List) Lines(lang string) []string {
	sorted := slices.Clone(l)
	sorted.Sort()
	shown := sorted
	if len(sorted) > MaxListed {
		keep := make([]bool, len(sorted))
		n := 0
		for _, sev := range []Severity{Error, Warning} {
			for i, p := range sorted {
				if n < MaxListed && p.Severity == sev {
					keep[i] = true
					n++
				}
			}
		}
		shown = make(List, 0, MaxListed)
		for i, p := range sorted {
			if keep[i] {
				shown = append(shown, p)
			}
		}
	}
	lines := make([]string, 0, len(shown)+1)
	for _, p := range shown {
		lines = append(lines, p.Format(lang))
	}
	if more := len(sorted) - len(shown); more > 0 {
		if lang == "en" {
			lines = append(lines, fmt.Sprintf("… and %d more problems", more))
		} else {
			lines = append(lines, fmt.Sprintf("…还有 %d 个问题未列出", more))
		}
	}
	return lines
}

// Fprint writes the listing of l (Lines) to w, then the number of errors
// and warnings, counted over all of l: what `kaoping check` prints.
// Nothing is written for an empty list.
func (l List) Fprint(w io.Writer, lang string) {
	if len(l) == 0 {
		return
	}
	for _, line := range l.Lines(lang) {
		fmt.Fprintln(w, line)
	}
	nerr := len(l.Errors())
	nwarn := len(l) - nerr
	if lang == "en" {
		fmt.Fprintf(w, "%d error(s), %d warning(s)\n", nerr, nwarn)
	} else {
		fmt.Fprintf(w, "共 %d 个错误，%d 个警告\n", nerr, nwarn)
	}
}
