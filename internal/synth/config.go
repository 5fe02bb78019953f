package synth

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
)

// demoConfig is a verbatim copy of the demo's config.toml (the repository
// root's); TestConfigMatchesDemo fails when the two drift apart.
//
//go:embed demo_config.toml
var demoConfig string

// DefaultTitle is the title of a generated site.
const DefaultTitle = "山东省检察机关业绩考评（规模测试）"

// Config returns the demo's config.toml with the demo's opening comment
// and title replaced: the same fields, constants and schemes, so that a
// generated site exercises every scoring method the demo does. schemes,
// when given, are the ids of the schemes kept; the others are left out.
func Config(title string, schemes ...string) string {
	var b strings.Builder
	b.WriteString("# " + title + " —— kaoping 规模测试站点配置\n#\n")
	b.WriteString("# 由 cmd/gensite（internal/synth）生成，单位、人员与数据均为虚构。\n")
	b.WriteString("# 字段、常量与考评方案与演示站点的 config.toml 相同。\n\n")
	started := false
	var block []string // the lines of a [[schemes]] table and its sub-tables
	flush := func() {
		if len(block) > 0 && keep(block, schemes) {
			b.WriteString(strings.Join(block, ""))
		}
		block = nil
	}
	for _, line := range strings.SplitAfter(demoConfig, "\n") {
		switch {
		case strings.HasPrefix(line, "title = "):
			started = true
			fmt.Fprintf(&b, "title = %q\n", title)
		case !started:
			// The demo's opening comment describes the demo; dropped.
		case strings.HasPrefix(line, "subtitle = "):
			b.WriteString("subtitle = \"规模测试数据 · 由 gensite 生成 · 单位与人员均为虚构\"\n")
		case strings.HasPrefix(line, "[[schemes]]"):
			flush()
			block = []string{line}
		case block != nil:
			block = append(block, line)
		default:
			b.WriteString(line)
		}
	}
	flush()
	return b.String()
}

// SchemeIDs are the ids of the demo's schemes, in config order.
func SchemeIDs() []string {
	var ids []string
	in := false
	for _, line := range strings.Split(demoConfig, "\n") {
		if strings.HasPrefix(line, "[[schemes]]") {
			in = true
		} else if id, ok := strings.CutPrefix(line, "id = "); ok && in {
			ids = append(ids, strings.Trim(strings.TrimSpace(id), `"`))
			in = false
		}
	}
	return ids
}

// keep reports whether the [[schemes]] table in block is one of ids (all
// when ids is empty).
func keep(block []string, ids []string) bool {
	if len(ids) == 0 {
		return true
	}
	for _, line := range block {
		if id, ok := strings.CutPrefix(line, "id = "); ok {
			return slices.Contains(ids, strings.Trim(strings.TrimSpace(id), `"`))
		}
	}
	return true
}
