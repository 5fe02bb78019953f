package diag

import (
	"bytes"
	"strings"
	"testing"
)

func TestValue(t *testing.T) {
	long := strings.Repeat("长", 70)
	tests := []struct{ in, want string }{
		{"12.5", "12.5"},
		{"山亭区人民检察院", "山亭区人民检察院"},
		{"a\tb", `a\tb`},
		{"a\nb\r", `a\nb\r`},
		{"nul\x00here", `nul\x00here`},
		{"esc\x1b[31mred", `esc\x1b[31mred`},
		{"del\x7f", `del\x7f`},
		{"zero\u200bwidth", `zero\u200bwidth`},
		{"rtl\u202eevil", `rtl\u202eevil`},
		{"\ufeffbom", `\ufeffbom`},
		{"full\u3000width", `full\u3000width`},
		{"c1\u0085", `c1\u0085`},
		{"bad\xffutf8", `bad\xffutf8`},
		{`back\slash`, `back\\slash`},
		{long, strings.Repeat("长", 60) + "…"},
		{strings.Repeat("x", 60), strings.Repeat("x", 60)},
		// Cut at 60 characters, then escaped: the escapes do not count.
		{strings.Repeat("\t", 61), strings.Repeat(`\t`, 60) + "…"},
	}
	for _, tt := range tests {
		if got := Value(tt.in); got != tt.want {
			t.Errorf("Value(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatEscapesTheFileName(t *testing.T) {
	p := Problem{Pos: Pos{File: "data/periods/a\nb.csv", Line: 2}, ZH: "x", EN: "x"}
	if got := p.Format("en"); strings.Contains(got, "\n") || !strings.HasPrefix(got, `data/periods/a\nb.csv:2: error: `) {
		t.Errorf("Format = %q", got)
	}
}

// list makes n errors and m warnings, the warnings first in position.
func list(n, m int) List {
	var l List
	for i := range m {
		l.Warnf(Pos{File: "a.csv", Line: i + 1}, "警告%d", "warning %d", i)
	}
	for i := range n {
		l.Errorf(Pos{File: "b.csv", Line: i + 1}, "错误%d", "error %d", i)
	}
	return l
}

func TestLinesCap(t *testing.T) {
	if got := list(3, 2).Lines("en"); len(got) != 5 || got[0] != "a.csv:1: warning: warning 0" || got[4] != "b.csv:3: error: error 2" {
		t.Errorf("a short list: %q", got)
	}

	// 150 warnings come before 120 errors: every error is listed, the
	// warnings fill up to 200, in position order, and the last line says
	// how many are left out.
	l := list(120, 150)
	got := l.Lines("en")
	if len(got) != MaxListed+1 {
		t.Fatalf("%d lines, want %d", len(got), MaxListed+1)
	}
	if got[MaxListed] != "… and 70 more problems" {
		t.Errorf("last line %q", got[MaxListed])
	}
	if got[0] != "a.csv:1: warning: warning 0" || got[79] != "a.csv:80: warning: warning 79" || got[80] != "b.csv:1: error: error 0" || got[199] != "b.csv:120: error: error 119" {
		t.Errorf("lines 0, 79, 80, 199: %q %q %q %q", got[0], got[79], got[80], got[199])
	}
	if zh := l.Lines("zh-CN"); zh[MaxListed] != "…还有 70 个问题未列出" {
		t.Errorf("Chinese last line %q", zh[MaxListed])
	}
	if l[0].Pos.File != "a.csv" {
		t.Error("Lines reordered the list")
	}

	// More errors than fit: the first 200 by position.
	got = list(250, 10).Lines("en")
	if len(got) != MaxListed+1 || got[0] != "b.csv:1: error: error 0" || got[199] != "b.csv:200: error: error 199" || got[200] != "… and 60 more problems" {
		t.Errorf("250 errors: first %q, 200th %q, last %q", got[0], got[199], got[len(got)-1])
	}

	// The error value says the same.
	if msg := list(250, 0).Err("en").Error(); strings.Count(msg, "\n") != MaxListed || !strings.HasSuffix(msg, "… and 50 more problems") {
		t.Errorf("ListError: %d lines, ends %q", strings.Count(msg, "\n")+1, msg[len(msg)-40:])
	}
}

func TestFprintCountsEverything(t *testing.T) {
	var b bytes.Buffer
	list(230, 5).Fprint(&b, "zh-CN")
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != MaxListed+2 {
		t.Fatalf("%d lines, want %d", len(lines), MaxListed+2)
	}
	if lines[MaxListed] != "…还有 35 个问题未列出" || lines[MaxListed+1] != "共 230 个错误，5 个警告" {
		t.Errorf("last lines %q", lines[MaxListed:])
	}
	b.Reset()
	List(nil).Fprint(&b, "en")
	if b.Len() != 0 {
		t.Errorf("an empty list prints %q", b.String())
	}
	b.Reset()
	list(1, 1).Fprint(&b, "en")
	if want := "a.csv:1: warning: warning 0\nb.csv:1: error: error 0\n1 error(s), 1 warning(s)\n"; b.String() != want {
		t.Errorf("Fprint = %q", b.String())
	}
}
