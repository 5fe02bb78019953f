package config

import (
	"strconv"
	"strings"
)

// lineIndex maps key paths of a TOML document to the line where they are
// written. BurntSushi/toml reports positions only for syntax errors, so the
// semantic checks of Load look lines up here.
//
// A path names tables and keys the way Go code would reach them, with
// 0-based indexes for arrays of tables and array elements:
//
//	title                           top-level key
//	fields.cases                    key in [fields]
//	schemes[1]                      second [[schemes]] header
//	schemes[1].indicators[3].method key in the fourth indicator of it
//	schemes[0].indicators[0].bands[2].min  key in an inline table in an array
//
// The scanner assumes the document already parsed (Load indexes only text
// that BurntSushi accepted); on malformed input it never loops forever but
// its answers are best effort.
type lineIndex struct {
	lines   map[string]int
	entries []indexEntry // keys and headers in document order
}

// indexEntry is one key or table header as written.
type indexEntry struct {
	path  string // indexed path, e.g. schemes[0].zz
	plain string // the same without indexes, e.g. schemes.zz
	line  int
}

// line returns the line of path, or 0 when it is not in the document.
func (x *lineIndex) line(path string) int { return x.lines[path] }

// near returns the line of path or, when path is absent, of its closest
// enclosing table or key that is present (e.g. the [[schemes.indicators]]
// header for a missing key of that indicator); 0 if none is.
func (x *lineIndex) near(path string) int {
	for path != "" {
		if l, ok := x.lines[path]; ok {
			return l
		}
		path = parentPath(path)
	}
	return 0
}

// parentPath strips the last ".key" or "[n]" of path.
func parentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// stripIndexes turns schemes[0].indicators[2].x into schemes.indicators.x.
func stripIndexes(path string) string {
	if !strings.Contains(path, "[") {
		return path
	}
	var b strings.Builder
	skip := false
	for _, r := range path {
		switch {
		case r == '[':
			skip = true
		case r == ']':
			skip = false
		case !skip:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// indexLines scans src and records the line of every table header, key,
// array element and inline-table key.
func indexLines(src string) *lineIndex {
	s := &scanner{src: src, line: 1, x: &lineIndex{lines: map[string]int{}}, counts: map[string]int{}, arrays: map[string]bool{}}
	s.document()
	return s.x
}

type scanner struct {
	src  string
	pos  int
	line int
	x    *lineIndex

	table  string          // indexed path of the current table ("" = root)
	counts map[string]int  // array-of-tables path -> tables seen so far
	arrays map[string]bool // plain-indexed paths that are arrays of tables
}

func (s *scanner) eof() bool { return s.pos >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.pos]
}

func (s *scanner) hasPrefix(p string) bool { return strings.HasPrefix(s.src[s.pos:], p) }

// advance moves n bytes on, counting newlines.
func (s *scanner) advance(n int) {
	for i := 0; i < n && !s.eof(); i++ {
		if s.src[s.pos] == '\n' {
			s.line++
		}
		s.pos++
	}
}

// record notes path at line, keeping the first occurrence.
func (s *scanner) record(path string, line int) {
	if _, ok := s.x.lines[path]; ok {
		return
	}
	s.x.lines[path] = line
	s.x.entries = append(s.x.entries, indexEntry{path: path, plain: stripIndexes(path), line: line})
}

// skipSpace skips blanks; with newlines also line breaks and comments.
func (s *scanner) skipSpace(newlines bool) {
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			s.advance(1)
		case c == '#':
			for !s.eof() && s.peek() != '\n' {
				s.advance(1)
			}
		case c == '\n' && newlines:
			s.advance(1)
		default:
			return
		}
	}
}

// skipLine skips to the start of the next line.
func (s *scanner) skipLine() {
	for !s.eof() && s.peek() != '\n' {
		s.advance(1)
	}
	s.advance(1)
}

func (s *scanner) document() {
	for {
		s.skipSpace(true)
		if s.eof() {
			return
		}
		start := s.pos
		if s.peek() == '[' {
			s.header()
		} else {
			s.keyValue(s.table)
		}
		s.skipSpace(false)
		if s.pos == start || (!s.eof() && s.peek() != '\n') {
			s.skipLine() // unexpected text: resynchronise on the next line
		}
	}
}

// header reads [table] or [[array.of.tables]].
func (s *scanner) header() {
	line := s.line
	array := s.hasPrefix("[[")
	if array {
		s.advance(2)
	} else {
		s.advance(1)
	}
	keys := s.key()
	s.skipSpace(false)
	if array && s.hasPrefix("]]") {
		s.advance(2)
	} else if s.peek() == ']' {
		s.advance(1)
	}
	if len(keys) == 0 {
		return
	}
	// Resolve every prefix to the last table of its array, if it is one.
	path := ""
	for i, k := range keys {
		path = joinKey(path, k)
		last := i == len(keys)-1
		if last && array {
			s.arrays[path] = true
			n := s.counts[path]
			s.counts[path] = n + 1
			s.record(path, line)
			path += "[" + strconv.Itoa(n) + "]"
			break
		}
		if s.arrays[path] {
			path += "[" + strconv.Itoa(s.counts[path]-1) + "]"
		}
	}
	s.table = path
	s.record(path, line)
}

// keyValue reads `key = value` inside the table at path.
func (s *scanner) keyValue(table string) {
	line := s.line
	keys := s.key()
	if len(keys) == 0 {
		return
	}
	path := table
	for _, k := range keys {
		path = joinKey(path, k)
		s.record(path, line)
	}
	s.skipSpace(false)
	if s.peek() != '=' {
		return
	}
	s.advance(1)
	s.value(path)
}

// key reads a dotted key of bare and quoted parts.
func (s *scanner) key() []string {
	var keys []string
	for {
		s.skipSpace(false)
		switch c := s.peek(); {
		case c == '"':
			keys = append(keys, s.basicString())
		case c == '\'':
			keys = append(keys, s.literalString())
		case isBare(c):
			start := s.pos
			for !s.eof() && isBare(s.peek()) {
				s.advance(1)
			}
			keys = append(keys, s.src[start:s.pos])
		default:
			return keys
		}
		s.skipSpace(false)
		if s.peek() != '.' {
			return keys
		}
		s.advance(1)
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value skips one value, recording array elements and inline-table keys
// under path.
func (s *scanner) value(path string) {
	s.skipSpace(false)
	switch {
	case s.hasPrefix(`"""`):
		s.advance(3)
		for !s.eof() {
			switch {
			case s.peek() == '\\':
				s.advance(2)
			case s.hasPrefix(`"""`):
				s.advance(3)
				for s.peek() == '"' { // up to two quotes may end the content
					s.advance(1)
				}
				return
			default:
				s.advance(1)
			}
		}
	case s.hasPrefix("'''"):
		s.advance(3)
		for !s.eof() {
			if s.hasPrefix("'''") {
				s.advance(3)
				for s.peek() == '\'' {
					s.advance(1)
				}
				return
			}
			s.advance(1)
		}
	case s.peek() == '"':
		s.basicString()
	case s.peek() == '\'':
		s.literalString()
	case s.peek() == '[':
		s.advance(1)
		for n := 0; ; n++ {
			s.skipSpace(true)
			if s.eof() || s.peek() == ']' {
				s.advance(1)
				return
			}
			elem := path + "[" + strconv.Itoa(n) + "]"
			s.record(elem, s.line)
			start := s.pos
			s.value(elem)
			s.skipSpace(true)
			if s.peek() == ',' {
				s.advance(1)
			} else if s.pos == start {
				s.advance(1) // not a value: make progress
			}
		}
	case s.peek() == '{':
		s.advance(1)
		for {
			s.skipSpace(true)
			if s.eof() || s.peek() == '}' {
				s.advance(1)
				return
			}
			start := s.pos
			s.keyValue(path)
			s.skipSpace(true)
			if s.peek() == ',' {
				s.advance(1)
			} else if s.pos == start {
				s.advance(1)
			}
		}
	default: // number, boolean, date-time
		for !s.eof() && !strings.ContainsRune(",]}#\n", rune(s.peek())) {
			s.advance(1)
		}
	}
}

// basicString reads "..." with escapes and returns its (roughly unescaped)
// content; a key's exact spelling matters only for display.
func (s *scanner) basicString() string {
	s.advance(1)
	var b strings.Builder
	for !s.eof() && s.peek() != '"' && s.peek() != '\n' {
		if s.peek() == '\\' && s.pos+1 < len(s.src) {
			s.advance(1)
			switch c := s.peek(); c {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				b.WriteByte(c)
			}
			s.advance(1)
			continue
		}
		b.WriteByte(s.peek())
		s.advance(1)
	}
	if s.peek() == '"' {
		s.advance(1)
	}
	return b.String()
}

// literalString reads '...'.
func (s *scanner) literalString() string {
	s.advance(1)
	start := s.pos
	for !s.eof() && s.peek() != '\'' && s.peek() != '\n' {
		s.advance(1)
	}
	str := s.src[start:s.pos]
	if s.peek() == '\'' {
		s.advance(1)
	}
	return str
}

func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
