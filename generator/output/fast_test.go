package output

// Hand-made results with awkward strings and numbers, and a fuzz test:
// the direct encoders against encoding/json and encoding/csv (the
// referenceJSON and referenceCSV paths).

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/jsonstr"
	"kaoping/generator/scoring"
)

// awkward builds a result of two groups whose strings and numbers are
// the given ones: names, ids, grade and map keys from strs, every number
// from nums (values and references too, through finite as in toJSON).
func awkward(strs []string, nums []float64, grades bool) *scoring.Result {
	s := &config.Scheme{ID: "s", Categories: []*config.Category{{ID: "c"}}}
	if grades {
		s.Grades = []*config.Grade{{Name: "优秀"}}
	}
	num := func(i int) float64 { return nums[i%len(nums)] }
	str := func(i int) string { return strs[i%len(strs)] }
	var es []*scoring.EntityResult
	for i := range max(len(strs), len(nums)) {
		e := &scoring.EntityResult{
			Entity: &dataset.Entity{ID: str(i), Name: str(i + 1)}, Rank: i - 1, Total: num(i), Grade: str(i + 2),
			Vetoed:      i%2 == 1,
			Categories:  map[string]float64{str(i): num(i + 1), "c": num(i + 2)},
			Indicators:  map[string]*scoring.IndicatorScore{},
			Adjustments: map[string]*scoring.AdjustmentScore{str(i + 1): {Points: num(i + 3)}},
		}
		if i%3 != 0 {
			rc := 1 - i
			e.RankChange = &rc
		}
		for j := range 3 {
			v, ref := num(i+j), num(i+j+1)
			sc := &scoring.IndicatorScore{Value: &v, Points: num(i + j + 2), Reference: &ref}
			if j == 1 {
				sc.Value = nil
			}
			e.Indicators[str(i+j)] = sc
			s.Indicators = append(s.Indicators, &config.Indicator{ID: str(i + j)})
		}
		es = append(es, e)
	}
	return &scoring.Result{Scheme: s, Period: &dataset.PeriodData{ID: str(0)},
		Groups: []*scoring.Group{{ID: str(1), Entities: es}, {ID: str(2)}}}
}

// checkBoth compares JSON and CSV with their references on r, errors
// included.
func checkBoth(t *testing.T, r *scoring.Result) {
	t.Helper()
	got, err := JSON(r)
	want, wantErr := referenceJSON(r)
	if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
		t.Fatalf("JSON error %v, encoding/json's %v", err, wantErr)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("JSON =\n%s\nencoding/json =\n%s", got, want)
	}
	var gotCSV, wantCSV bytes.Buffer
	err, wantErr = CSV(&gotCSV, r), referenceCSV(&wantCSV, r)
	if (err == nil) != (wantErr == nil) {
		t.Fatalf("CSV error %v, encoding/csv's %v", err, wantErr)
	}
	if !bytes.Equal(gotCSV.Bytes(), wantCSV.Bytes()) {
		t.Fatalf("CSV =\n%q\nencoding/csv =\n%q", gotCSV.Bytes(), wantCSV.Bytes())
	}
}

var awkwardStrings = []string{
	"山亭区人民检察院", `台儿庄区, "东"`, `back\slash`, "tab\tnew\nline\rcr", "\x00\x01\x1f\x7f",
	"sep\u2028para\u2029", "bad \xff\xfe utf8", "trunc \xe4\xb8", "<html> & 'x'", "", " lead space",
	"\u00a0nbsp lead", `\.`, "emoji 😀", "a,b", "long ascii id with no escaping needed at all",
	"\ufeffbom", "quote\"", "\u0085next line",
}

var awkwardFloats = []float64{
	0, math.Copysign(0, -1), 1e-7, -1e-7, 1e-6, 9.999999e-7, 1e21, -1e21, 1e20, 999999999999999.9,
	123456789.123, -123456789.123, 1e15, -1e15, 1e15 - 1, 1 << 53, 1<<53 + 2, -1e-300, 5e-324, -5e-324,
	math.MaxFloat64, -math.MaxFloat64, 1.0 / 3, -2.5, 100, 0.1, 1e-10, 1.5e300, 12345678901234567890,
}

func TestJSONMatchesReferenceAwkward(t *testing.T) {
	for _, grades := range []bool{true, false} {
		checkBoth(t, awkward(awkwardStrings, awkwardFloats, grades))
	}
}

// TestJSONNonFiniteFallsBack puts NaN and ±Inf where toJSON does not map
// them to null: JSON must fail with encoding/json's error, and the CSV
// writes them as empty cells. Where toJSON maps them (value, reference)
// the document is written.
func TestJSONNonFiniteFallsBack(t *testing.T) {
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		for place := range 4 {
			r := awkward([]string{"a", "b"}, []float64{1, 2}, true)
			e := r.Groups[0].Entities[0]
			switch place {
			case 0:
				e.Total = bad
			case 1:
				e.Categories["c"] = bad
			case 2:
				e.Indicators["a"].Points = bad
			case 3:
				e.Adjustments["b"].Points = bad
			}
			if _, err := JSON(r); err == nil {
				t.Errorf("%v at place %d: no error", bad, place)
			}
			checkBoth(t, r)
		}
		r := awkward([]string{"a", "b"}, []float64{1, 2}, true)
		r.Groups[0].Entities[0].Indicators["a"].Value = &bad
		r.Groups[0].Entities[0].Indicators["a"].Reference = &bad
		if _, ok := appendResult(nil, r); !ok {
			t.Errorf("%v as value and reference: the direct path gave up, want null", bad)
		}
		checkBoth(t, r)
	}
}

// TestAppendFloat compares appendFloat with encoding/json on numbers
// around its switches: the whole-number shortcut, the 'e' cutoffs.
func TestAppendFloat(t *testing.T) {
	nums := append([]float64{}, awkwardFloats...)
	for _, base := range []float64{1e-6, 1e15, 1e21, 1 << 53} {
		for _, x := range []float64{base, math.Nextafter(base, 0), math.Nextafter(base, math.Inf(1))} {
			nums = append(nums, x, -x)
		}
	}
	for e := -330; e <= 310; e++ {
		nums = append(nums, math.Pow(10, float64(e)), 1.2345*math.Pow(10, float64(e)))
	}
	for _, f := range nums {
		if math.IsInf(f, 0) {
			continue
		}
		want, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := appendFloat(nil, f); !ok || string(got) != string(want) {
			t.Errorf("appendFloat(%v) = %q, %v; encoding/json %q", f, got, ok, want)
		}
		if got := string(appendNum(nil, f)); got != Num(f) {
			t.Errorf("appendNum(%v) = %q, Num %q", f, got, Num(f))
		}
	}
}

// TestCSVWriteErrors: a failing writer's error comes back, on the first
// chunk or a later one, and a short write is an error as with bufio.
func TestCSVWriteErrors(t *testing.T) {
	var strs []string
	for i := range 400 {
		strs = append(strs, awkwardStrings[i%len(awkwardStrings)]+strconv.Itoa(i))
	}
	r := awkward(strs, awkwardFloats, true)
	var all bytes.Buffer
	if err := CSV(&all, r); err != nil || all.Len() < 2*csvChunk {
		t.Fatalf("CSV: %d bytes, %v; want over two chunks", all.Len(), err)
	}
	for _, w := range []failWriter{{limit: 0}, {limit: 10}, {limit: csvChunk + 100}, {limit: csvChunk + 100, short: true}} {
		if err := CSV(&w, r); err == nil {
			t.Errorf("limit %d short %v: no error", w.limit, w.short)
		}
	}
}

// failWriter takes limit bytes, then fails, or writes short.
type failWriter struct {
	limit int
	short bool
}

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) <= w.limit {
		w.limit -= len(p)
		return len(p), nil
	}
	if w.short {
		return w.limit, nil
	}
	return 0, errors.New("disk full")
}

func FuzzJSON(f *testing.F) {
	for i, s := range awkwardStrings {
		f.Add(s, awkwardStrings[(i+1)%len(awkwardStrings)], awkwardFloats[i%len(awkwardFloats)], awkwardFloats[(i+7)%len(awkwardFloats)], i%2 == 0)
	}
	f.Add("x", "y", math.NaN(), math.Inf(1), true)
	f.Fuzz(func(t *testing.T, s1, s2 string, x, y float64, grades bool) {
		checkBoth(t, awkward([]string{s1, s2, s1 + s2}, []float64{x, y, x * y, -x}, grades))
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(s1)
		if got := jsonstr.Append(nil, s1); !bytes.Equal(got, bytes.TrimSuffix(want.Bytes(), []byte("\n"))) {
			t.Errorf("jsonstr.Append(%q) = %s, encoding/json %s", s1, got, want.Bytes())
		}
	})
}
