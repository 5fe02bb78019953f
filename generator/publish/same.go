package publish

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"

	"kaoping/internal/inputfile"
)

// Compare returns how st differs from the version of p in force, like the
// function Compare, except that a scheme whose results file has new bytes
// but the same results counts as unchanged: a later kaoping may add keys
// to the results JSON (SPEC §7's "alert"), which changes the file's sha256
// but not one number a period was published with. The kept copy of the
// version (VersionFile) is what st's JSON is compared with: every value
// it holds must be in st's, equal; keys only st has are ignored.
func (r *Record) Compare(p *Period, st State) Diff {
	v := p.Current()
	d := Compare(v, st)
	kept := d.ResultsChanged[:0]
	for _, scheme := range d.ResultsChanged {
		old, err := inputfile.Read(filepath.Join(r.dataDir, filepath.FromSlash(VersionFile(p.ID, v.N, scheme))))
		if err != nil || !SameResults(old, st.JSON[scheme]) {
			kept = append(kept, scheme)
		}
	}
	d.ResultsChanged = kept
	return d
}

// SameResults reports whether the results JSON now holds every value of
// the results JSON old, equal (keys only now has are ignored).
func SameResults(old, now []byte) bool {
	var a, b any
	if err := decode(old, &a); err != nil {
		return false
	}
	if err := decode(now, &b); err != nil {
		return false
	}
	return reflect.DeepEqual(a, prune(b, a))
}

// decode reads JSON keeping numbers as written.
func decode(js []byte, v *any) error {
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	return dec.Decode(v)
}

// prune is now without the object keys that like (the older file, at the
// same place) does not have.
func prune(now, like any) any {
	switch n := now.(type) {
	case map[string]any:
		l, ok := like.(map[string]any)
		if !ok {
			return now
		}
		out := make(map[string]any, len(l))
		for k, v := range n {
			if lv, ok := l[k]; ok {
				out[k] = prune(v, lv)
			}
		}
		return out
	case []any:
		l, ok := like.([]any)
		if !ok || len(l) != len(n) {
			return now
		}
		out := make([]any, len(n))
		for i := range n {
			out[i] = prune(n[i], l[i])
		}
		return out
	}
	return now
}
