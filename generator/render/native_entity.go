package render

import (
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"sync"
)

// Helpers that make the data of the page families with native twins
// cheaper. A province's profiles draw six trend charts each (54,000 in
// all): the chart id, a SHA-256 of the chart's key, title and option, was
// a third of building one.

// newChartFast is newChartFromJSON with the id hashed from one pooled
// buffer instead of through fmt and a fresh hash: the same Chart, the
// same id (TestNewChartFastMatches).
func newChartFast(title, key string, height int, js []byte, data Table) *Chart {
	if height <= 0 {
		height = 360
	}
	return &Chart{
		Title:  title,
		Key:    key,
		Height: height,
		Data:   data,
		id:     chartID(key, title, js),
		json:   template.JS(js),
	}
}

// idBufs holds the buffers chartID hashes from.
var idBufs = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// chartID is "c" and the first 12 hex digits of the SHA-256 of key, NUL,
// title, NUL and the option JSON (see NewChart).
func chartID(key, title string, js []byte) string {
	bp := idBufs.Get().(*[]byte)
	b := append((*bp)[:0], key...)
	b = append(b, 0)
	b = append(b, title...)
	b = append(b, 0)
	b = append(b, js...)
	sum := sha256.Sum256(b)
	*bp = b
	idBufs.Put(bp)
	var id [13]byte
	id[0] = 'c'
	hex.Encode(id[1:], sum[:6])
	return string(id[:])
}
