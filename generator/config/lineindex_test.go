package config

import (
	"testing"

	"github.com/BurntSushi/toml"
)

// tricky is valid TOML whose strings and arrays contain text that looks
// like keys and headers.
const tricky = `# comment = 1
title = "a # not a comment"   # trailing = comment
"quoted.key" = 1
site.name = "dotted"
poem = """
fake = 1
[[schemes]]
with \""" escaped quotes ""\"
"""
raw = '''
other = 2
[not.a.table]
'''
lit = 'C:\path = x'
list = [
  1,   # one = 1
  2,
  [3, 4],
]

[fields]
cases = "受理 = 案件"
'items' = "件数"

[[schemes]]
id = "a"
  [[schemes.indicators]]
  id = "i1"
  bands = [
    {min = 95, points = 10},
    { min = 90,
      max = 95, points = 8 },
  ]
  [[schemes.indicators]]
  id = "i2"
  method = "rank"
  [schemes.indicators.extra]
  deep = 1

[[schemes]]
id = "b"
inline = { x = 1, y = { z = 2 } }
  [[schemes.indicators]]
  id = "j1"
`

func TestLineIndex(t *testing.T) {
	// The text must be TOML the decoder accepts, or the test means nothing.
	var v map[string]any
	if _, err := toml.Decode(tricky, &v); err != nil {
		t.Fatalf("tricky is not valid TOML: %v", err)
	}
	x := indexLines(tricky)
	tests := []struct {
		path string
		line int
	}{
		{"title", 2},
		{"quoted.key", 3},
		{"site", 4},
		{"site.name", 4},
		{"poem", 5},
		{"raw", 10},
		{"lit", 14},
		{"list", 15},
		{"list[0]", 16},
		{"list[1]", 17},
		{"list[2]", 18},
		{"list[2][1]", 18},
		{"fields", 21},
		{"fields.cases", 22},
		{"fields.items", 23},
		{"schemes", 25},
		{"schemes[0]", 25},
		{"schemes[0].id", 26},
		{"schemes[0].indicators[0]", 27},
		{"schemes[0].indicators[0].id", 28},
		{"schemes[0].indicators[0].bands", 29},
		{"schemes[0].indicators[0].bands[0]", 30},
		{"schemes[0].indicators[0].bands[0].points", 30},
		{"schemes[0].indicators[0].bands[1]", 31},
		{"schemes[0].indicators[0].bands[1].min", 31},
		{"schemes[0].indicators[0].bands[1].max", 32},
		{"schemes[0].indicators[1]", 34},
		{"schemes[0].indicators[1].method", 36},
		{"schemes[0].indicators[1].extra", 37},
		{"schemes[0].indicators[1].extra.deep", 38},
		{"schemes[1]", 40},
		{"schemes[1].id", 41},
		{"schemes[1].inline.y.z", 42},
		{"schemes[1].indicators[0]", 43},
		{"schemes[1].indicators[0].id", 44},
		// Text inside strings is not a key.
		{"fake", 0},
		{"other", 0},
		{"not", 0},
		{"schemes[2]", 0},
	}
	for _, tt := range tests {
		if got := x.line(tt.path); got != tt.line {
			t.Errorf("line(%q) = %d, want %d", tt.path, got, tt.line)
		}
	}
}

func TestLineIndexNear(t *testing.T) {
	x := indexLines(tricky)
	tests := []struct {
		path string
		line int
	}{
		{"schemes[0].indicators[1].formula", 34}, // absent key: its table's header
		{"schemes[1].indicators[0].bands[3].min", 43},
		{"schemes[0].indicators[0].bands[1].points", 32},
		{"nowhere", 0},
	}
	for _, tt := range tests {
		if got := x.near(tt.path); got != tt.line {
			t.Errorf("near(%q) = %d, want %d", tt.path, got, tt.line)
		}
	}
}

func TestLineIndexCRLFAndEntries(t *testing.T) {
	src := "a = 1\r\n[[t]]\r\nb = \"\"\"x\r\ny = 2\"\"\"\r\nc = 3\r\n[[t]]\r\nc = 4\r\n"
	x := indexLines(src)
	for path, want := range map[string]int{"a": 1, "t[0]": 2, "t[0].b": 3, "t[0].c": 5, "t[1]": 6, "t[1].c": 7, "t[0].y": 0} {
		if got := x.line(path); got != want {
			t.Errorf("line(%q) = %d, want %d", path, got, want)
		}
	}
	// Entries keep document order and their plain form.
	var plain []string
	for _, e := range x.entries {
		if e.plain == "t.c" {
			plain = append(plain, e.path)
		}
	}
	if len(plain) != 2 || plain[0] != "t[0].c" || plain[1] != "t[1].c" {
		t.Errorf("entries for t.c = %v, want [t[0].c t[1].c]", plain)
	}
}

func TestStripIndexesAndParent(t *testing.T) {
	if got := stripIndexes("schemes[10].indicators[2].bands[0].min"); got != "schemes.indicators.bands.min" {
		t.Errorf("stripIndexes = %q", got)
	}
	for in, want := range map[string]string{"a.b[1]": "a.b", "a.b": "a", "a": "", "a[0]": "a"} {
		if got := parentPath(in); got != want {
			t.Errorf("parentPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzLineIndex checks that the scanner ends on any input.
func FuzzLineIndex(f *testing.F) {
	f.Add(tricky)
	f.Add(`a = [ {`)
	f.Add(`"""`)
	f.Fuzz(func(t *testing.T, src string) {
		indexLines(src)
	})
}
