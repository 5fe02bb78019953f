package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"

	"kaoping/generator/numfmt"
)

// Chart is one ECharts chart ready to be placed in a page with the
// template function chart. Build one with the constructors in charts.go or
// with NewChart from any go-echarts chart.
//
// In the page a chart is a <figure> holding a caption, a container of
// fixed height (role="img", aria-label = Title), the option as JSON in
// <script type="application/json">, and a <details> with the chart's data
// as a table, readable without canvas, SVG or JavaScript. assets/site.js
// draws it; there is no inline script.
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
	json template.JS
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

// echartsOption is what go-echarts charts provide.
type echartsOption interface {
	Validate()
	JSON() map[string]any
}

// NewChart builds a Chart from a go-echarts chart (after its series and
// options are set). The option is marshalled with HTML escaping, so that
// '<', '>', '&', U+2028 and U+2029 in any label appear as \u003c and the
// like: a name containing "</script>" cannot end the script element. Its
// id is "c" and the first 12 hex digits of the SHA-256 of Key, Title and the
// option JSON: the same chart always gets the same id, and different
// charts different ids.
func NewChart(title, key string, height int, c echartsOption, data Table) (*Chart, error) {
	c.Validate()
	return newChartFromMap(title, key, height, c.JSON(), data)
}

func newChartFromMap(title, key string, height int, option map[string]any, data Table) (*Chart, error) {
	delete(option, "toolbox") // go-echarts always emits an empty toolbox; the site has none
	js, err := safeJSON(option)
	if err != nil {
		return nil, fmt.Errorf("chart %q: %w", title, err)
	}
	return newChartFromJSON(title, key, height, js, data), nil
}

// newChartFromJSON makes a Chart of an option already marshalled as
// HTML-escaped JSON.
func newChartFromJSON(title, key string, height int, js []byte, data Table) *Chart {
	if height <= 0 {
		height = 360
	}
	sum := sha256.New()
	fmt.Fprintf(sum, "%s\x00%s\x00", key, title)
	sum.Write(js)
	return &Chart{
		Title:  title,
		Key:    key,
		Height: height,
		Data:   data,
		id:     "c" + hex.EncodeToString(sum.Sum(nil))[:12],
		json:   template.JS(js),
	}
}

// ID is the chart's content-derived element id.
func (c *Chart) ID() string { return c.id }

// OptionJSON is the option as placed in the page (HTML-escaped JSON).
func (c *Chart) OptionJSON() string { return string(c.json) }

// safeJSON marshals v with encoding/json, which sorts map keys (so the
// bytes are deterministic) and escapes <, >, & and U+2028/U+2029 for
// embedding in HTML; json.HTMLEscape runs once more over the result so
// that nothing pre-marshalled (json.RawMessage) slips through unescaped.
func safeJSON(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	json.HTMLEscape(&out, b)
	return out.Bytes(), nil
}

// chartHTML is the template function chart: a <figure> with the caption,
// the chart's container, its option as JSON and the data table. It is
// written directly rather than by a template (a province's score sheets
// place ~400,000 charts), escaped exactly as html/template escapes text and
// quoted attributes; TestChartHTMLMatchesTemplate holds it to the template
// it replaces.
func (r *Renderer) chartHTML(c *Chart) (template.HTML, error) {
	if c == nil {
		return "", nil
	}
	var b strings.Builder
	b.Grow(chartSize(c))
	if err := r.writeChart(&b, c); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// chartSize is about the bytes writeChart writes for c.
func chartSize(c *Chart) int {
	return len(c.json) + 600 + 48*len(c.Data.Rows)*(1+len(c.Data.Columns))
}

// writeChart writes the HTML of chartHTML for c (not nil) to b: into the
// page's own buffer when a native page writer places the chart.
func (r *Renderer) writeChart(b stringWriter, c *Chart) error {
	b.WriteString("<figure class=\"chart\">\n<figcaption>")
	htmlEscape(b, c.Title)
	b.WriteString("</figcaption>\n<div class=\"chart-box\" id=\"")
	htmlEscape(b, c.id)
	b.WriteString("\" data-chart=\"")
	htmlEscape(b, c.id)
	b.WriteString("-option\" role=\"img\" aria-label=\"")
	htmlEscape(b, c.Title)
	b.WriteString("\" style=\"height:")
	b.WriteString(strconv.Itoa(c.Height))
	b.WriteString("px\"></div>\n<script type=\"application/json\" id=\"")
	htmlEscape(b, c.id)
	b.WriteString("-option\">")
	b.WriteString(string(c.json))
	b.WriteString("</script>")
	if t := c.Data; len(t.Rows) > 0 {
		summary, ok := lookupOK(r.messages, r.lang, "chart.data")
		if !ok {
			return errUnknownMessage("chart.data")
		}
		corner := t.Corner
		if corner == "" {
			if corner, ok = lookupOK(r.messages, r.lang, "chart.item"); !ok {
				return errUnknownMessage("chart.item")
			}
		}
		b.WriteString("\n<details class=\"chart-data\"><summary>")
		htmlEscape(b, summary)
		b.WriteString("</summary>\n<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">")
		htmlEscape(b, corner)
		b.WriteString("</th>")
		for _, col := range t.Columns {
			b.WriteString("<th scope=\"col\">")
			htmlEscape(b, col)
			b.WriteString("</th>")
		}
		b.WriteString("</tr></thead>\n<tbody>")
		for _, row := range t.Rows {
			b.WriteString("\n<tr><th scope=\"row\">")
			htmlEscape(b, row.Label)
			b.WriteString("</th>")
			for _, v := range row.Values {
				b.WriteString("<td class=\"num\">")
				htmlEscape(b, numfmt.Value(v, t.Format, t.Decimals, r.lang))
				b.WriteString("</td>")
			}
			b.WriteString("</tr>")
		}
		b.WriteString("\n</tbody>\n</table></div>\n</details>")
	}
	b.WriteString("\n</figure>\n")
	return nil
}

// stringWriter is what the HTML writers write to: a *strings.Builder or
// a *bytes.Buffer.
type stringWriter interface {
	WriteString(s string) (int, error)
}

// htmlEscape writes s escaped as html/template escapes a string in text
// and in quoted attributes: " & ' + < > as entities, NUL as U+FFFD.
func htmlEscape(b stringWriter, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// nullable returns nil for a missing (NaN or infinite) value so that it
// marshals as JSON null, which ECharts shows as a gap; finite values are
// rounded to 10 decimals to keep float noise (0.30000000000000004) out of
// the page.
func nullable(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return math.Round(v*1e10) / 1e10
}
