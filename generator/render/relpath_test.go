package render

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// relPathSplit is relPath as first written, by splitting both paths: the
// reference for the faster relPath.
func relPathSplit(from, to string) string {
	fromDirs := strings.Split(strings.TrimLeft(from, "/"), "/")
	fromDirs = fromDirs[:len(fromDirs)-1]
	toParts := strings.Split(to, "/")
	toDirs, file := toParts[:len(toParts)-1], toParts[len(toParts)-1]
	common := 0
	for common < len(fromDirs) && common < len(toDirs) && fromDirs[common] == toDirs[common] {
		common++
	}
	var b strings.Builder
	for range len(fromDirs) - common {
		b.WriteString("../")
	}
	for _, d := range toDirs[common:] {
		b.WriteString(d)
		b.WriteByte('/')
	}
	b.WriteString(file)
	if b.Len() == 0 {
		return "./"
	}
	return b.String()
}

func TestRelPathMatchesSplitting(t *testing.T) {
	segs := []string{"a", "ab", "b", "schemes", "s", "2024-Q1", "x.html", "index.html"}
	rng := rand.New(rand.NewPCG(3, 4))
	path := func() string {
		var parts []string
		for range 1 + rng.IntN(4) {
			parts = append(parts, segs[rng.IntN(len(segs))])
		}
		p := strings.Join(parts, "/")
		if rng.IntN(6) == 0 {
			p += "/"
		}
		return p
	}
	for range 20000 {
		from, to := path(), path()
		if strings.HasSuffix(from, "/") {
			from += "index.html"
		}
		if got, want := relPath(from, to), relPathSplit(from, to); got != want {
			t.Fatalf("relPath(%q, %q) = %q, want %q", from, to, got, want)
		}
	}
}
