package output

import (
	"io"

	"kaoping/generator/scoring"
)

// ReferenceJSON is the encoding/json path, the reference the direct
// encoder is held byte-identical to; exported for the external tests
// (package output_test), which load sites through generator/build.
func ReferenceJSON(r *scoring.Result) ([]byte, error) { return referenceJSON(r) }

// ReferenceCSV is the encoding/csv path CSV is held byte-identical to.
func ReferenceCSV(w io.Writer, r *scoring.Result) error { return referenceCSV(w, r) }

// JSONSize is jsonSize, the buffer size JSON starts with.
func JSONSize(r *scoring.Result) int { return jsonSize(r) }
