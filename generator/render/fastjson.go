package render

import (
	"encoding/json"
	"math"
	"strconv"
	"unicode/utf8"
)

// The score sheets of a province (~130,000 pages) each carry a radar and
// two history lines. Building those options through go-echarts and
// encoding/json (reflection over large option structs, then marshalling a
// map) cost more than the rest of the page. linesJSON and radarJSON write
// the same bytes directly; TestFastChartsMatchGoEcharts checks them
// against the go-echarts path on many inputs, and inputs they do not
// cover (no series, empty names, no categories) go through go-echarts.

// jsonBuf appends JSON the way encoding/json.Marshal writes it (HTML
// escaping included).
type jsonBuf []byte

func (b *jsonBuf) raw(s string) { *b = append(*b, s...) }

// str appends a JSON string. Plain strings (no quote, backslash, control
// character, <, >, &, U+2028/U+2029 or invalid UTF-8) are copied; anything
// else goes through encoding/json.
func (b *jsonBuf) str(s string) {
	if plainJSON(s) {
		*b = append(*b, '"')
		*b = append(*b, s...)
		*b = append(*b, '"')
		return
	}
	js, _ := json.Marshal(s) // a string always marshals
	*b = append(*b, js...)
}

func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
		if c >= 0x80 {
			if !utf8.ValidString(s[i:]) {
				return false
			}
			for _, r := range s[i:] {
				if r == '\u2028' || r == '\u2029' || r < 0x20 || r == '"' || r == '\\' || r == '<' || r == '>' || r == '&' {
					return false
				}
			}
			return true
		}
	}
	return true
}

// float appends f as encoding/json writes a float of that many bits.
func (b *jsonBuf) float(f float64, bits int) {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	*b = strconv.AppendFloat(*b, f, format, -1, bits)
	if format == 'e' { // e-09 → e-9, as encoding/json does
		n := len(*b)
		if n >= 4 && (*b)[n-4] == 'e' && (*b)[n-3] == '-' && (*b)[n-2] == '0' {
			(*b)[n-2] = (*b)[n-1]
			*b = (*b)[:n-1]
		}
	}
}

// point appends a chart data value: point(v, format) as JSON.
func (b *jsonBuf) point(v float64, format string) {
	switch p := point(v, format).(type) {
	case float64:
		b.float(p, 64)
	default:
		b.raw(`"-"`)
	}
}

func (b *jsonBuf) bool(v bool) {
	if v {
		b.raw("true")
	} else {
		b.raw("false")
	}
}

func (b *jsonBuf) strings(ss []string) {
	b.raw("[")
	for i, s := range ss {
		if i > 0 {
			b.raw(",")
		}
		b.str(s)
	}
	b.raw("]")
}

// head appends what common() and the tooltip give every chart, up to and
// including the legend's opening: color, grid, legend type/show/top.
func (b *jsonBuf) head(spec Spec, nSeries int) {
	b.raw(`{"color":`)
	b.strings(palette)
	gridTop := "16"
	if nSeries > 1 {
		gridTop = "36"
	}
	b.raw(`,"grid":[{"left":"8","top":"` + gridTop + `","right":"40","bottom":"8","containLabel":true}],"legend":{"type":"scroll","show":`)
	b.bool(nSeries > 1)
	b.raw(`,"top":"0"`)
}

// fastable reports whether the fast writers cover these inputs.
func fastable(cats []string, series []Series) bool {
	if len(cats) == 0 || len(series) == 0 {
		return false
	}
	for _, s := range series {
		if s.Name == "" {
			return false
		}
	}
	return true
}

// linesJSON is the option lines() builds with go-echarts, written directly.
func linesJSON(spec Spec, periods []string, series []Series, rank bool) ([]byte, bool) {
	if !fastable(periods, series) {
		return nil, false
	}
	b := make(jsonBuf, 0, 1024)
	b.head(spec, len(series))
	b.raw(`},"series":[`)
	for j, s := range series {
		if j > 0 {
			b.raw(",")
		}
		b.raw(`{"name":`)
		b.str(s.Name)
		b.raw(`,"type":"line","showSymbol":true,"data":[`)
		for i := range periods {
			if i > 0 {
				b.raw(",")
			}
			b.raw(`{"value":`)
			b.point(at(s.Values, i), spec.Format)
			b.raw("}")
		}
		b.raw("]")
		if s.Dashed {
			b.raw(`,"itemStyle":{"color":"#8c8c8c"},"lineStyle":{"color":"#8c8c8c","type":"dashed"}`)
		}
		b.raw("}")
	}
	tip := valueFormatter(spec)
	if rank {
		tip = "kp:rank"
	}
	b.raw(`],"title":{},"tooltip":{"trigger":"axis","valueFormatter":`)
	b.str(tip)
	b.raw(`},"xAxis":[{"type":"category","data":`)
	b.strings(periods)
	if rank {
		b.raw(`}],"yAxis":[{"type":"value","inverse":true,"min":1,"max":"dataMax","minInterval":1,"axisLabel":{"formatter":"kp:rank","showMinLabel":null,"showMaxLabel":null}}]}`)
	} else {
		b.raw(`}],"yAxis":[{"type":"value","scale":true,"axisLabel":{"formatter":`)
		b.str(axisFormatter(spec))
		b.raw(`,"showMinLabel":null,"showMaxLabel":null}}]}`)
	}
	return b, true
}

// radarJSON is the option Radar() builds with go-echarts, written directly.
func radarJSON(spec Spec, axes []RadarAxis, series []Series) ([]byte, bool) {
	cats := make([]string, len(axes))
	for i, a := range axes {
		if a.Name == "" || float32(a.Max) == 0 || math.IsNaN(a.Max) || math.IsInf(float64(float32(a.Max)), 0) {
			return nil, false
		}
		cats[i] = a.Name
	}
	if !fastable(cats, series) {
		return nil, false
	}
	b := make(jsonBuf, 0, 1024)
	b.head(spec, len(series))
	b.raw(`,"data":[`)
	for j, s := range series {
		if j > 0 {
			b.raw(",")
		}
		b.str(s.Name)
	}
	b.raw(`]},"radar":{"indicator":[`)
	for i, a := range axes {
		if i > 0 {
			b.raw(",")
		}
		b.raw(`{"name":`)
		b.str(a.Name)
		b.raw(`,"max":`)
		b.float(float64(float32(a.Max)), 32)
		b.raw("}")
	}
	b.raw(`],"shape":"polygon","center":["50%","55%"],"axisName":{"color":"#1f2328"},"radius":"62%"},"series":[`)
	for j, s := range series {
		if j > 0 {
			b.raw(",")
		}
		b.raw(`{"name":`)
		b.str(s.Name)
		b.raw(`,"type":"radar","data":[{"name":`)
		b.str(s.Name)
		b.raw(`,"value":[`)
		for i := range axes {
			if i > 0 {
				b.raw(",")
			}
			b.point(at(s.Values, i), spec.Format)
		}
		b.raw("]}]")
		if s.Dashed {
			b.raw(`,"lineStyle":{"type":"dashed"}`)
		}
		b.raw(`,"areaStyle":{"opacity":0.15}}`)
	}
	b.raw(`],"title":{},"tooltip":{"trigger":"item","valueFormatter":`)
	b.str(valueFormatter(spec))
	b.raw("}}")
	return b, true
}
