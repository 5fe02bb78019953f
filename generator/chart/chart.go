package chart

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
)

// Chart is one ECharts chart of a page model: its option, built with
// go-echarts' types and encoded once with encoding/json, and the same data
// as a table. The page template (templates/chart.templ) places it as a
// <figure> with a container, the option in <script type="application/json">
// and the table in a <details>, readable without canvas or JavaScript;
// assets/site.js draws it, so no page holds an inline script.
type Chart struct {
	// Title is the caption and the accessible name.
	Title string
	// Key tells apart charts with the same title and option on one page;
	// it enters the id and nothing else.
	Key string
	// Height of the container in CSS pixels.
	Height int
	// Data is the fallback table.
	Data Table

	id   string
	json []byte
}

// Table is the data of a chart as rows of numbers: a row per category
// (entity, period, axis) with one value per column (series). NaN is missing.
type Table struct {
	// Corner heads the row labels (e.g. "单位"); empty uses "项目".
	Corner  string
	Columns []string
	Rows    []Row
	// Format and Decimals say how the values are shown (numfmt.Value).
	Format   string
	Decimals int
}

// Row is one row of a Table.
type Row struct {
	Label  string
	Values []float64
}

// Option is an ECharts option: go-echarts' option types (some shared
// between charts, see once) by top-level key. A struct, not a map: its keys
// come out in one fixed order (alphabetical, as a map's would) without
// being sorted for every chart.
type Option struct {
	Color     any `json:"color,omitempty"`
	Grid      any `json:"grid,omitempty"`
	Legend    any `json:"legend,omitempty"`
	Radar     any `json:"radar,omitempty"`
	Series    any `json:"series,omitempty"`
	Title     any `json:"title,omitempty"`
	Tooltip   any `json:"tooltip,omitempty"`
	VisualMap any `json:"visualMap,omitempty"`
	XAxis     any `json:"xAxis,omitempty"`
	YAxis     any `json:"yAxis,omitempty"`
}

// NewChart builds a Chart from an option. The option is marshalled with
// HTML escaping, so that
// '<', '>', '&', U+2028 and U+2029 in any label appear as \u003c and the
// like: a name containing "</script>" cannot end the script element. Its
// id is "c" and the first 12 hex digits of the SHA-256 of Key, Title and the
// option JSON: the same chart always gets the same id, and different
// charts different ids.
func NewChart(title, key string, height int, option Option, data Table) (*Chart, error) {
	js, err := safeJSON(option)
	if err != nil {
		return nil, fmt.Errorf("chart %q: %w", title, err)
	}
	if height <= 0 {
		height = 360
	}
	sum := sha256.New()
	io.WriteString(sum, key+"\x00"+title+"\x00")
	sum.Write(js)
	return &Chart{
		Title:  title,
		Key:    key,
		Height: height,
		Data:   data,
		id:     "c" + hex.EncodeToString(sum.Sum(nil))[:12],
		json:   js,
	}, nil
}

// ID is the chart's content-derived element id.
func (c *Chart) ID() string { return c.id }

// OptionJSON is the option as placed in the page (HTML-escaped JSON).
func (c *Chart) OptionJSON() string { return string(c.json) }

// Option is OptionJSON as bytes, not to be modified.
func (c *Chart) Option() []byte { return c.json }

// safeJSON marshals v with encoding/json, which sorts map keys (so the
// bytes are deterministic) and escapes <, >, & and U+2028/U+2029 for
// embedding in HTML, in any part encoded beforehand (json.RawMessage)
// too: TestRawPartsEscaped holds it to that.
func safeJSON(v any) ([]byte, error) { return json.Marshal(v) }
