package synth

import (
	_ "embed"
	"fmt"
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
// generated site exercises every scoring method the demo does.
func Config(title string) string {
	var b strings.Builder
	b.WriteString("# " + title + " —— kaoping 规模测试站点配置\n#\n")
	b.WriteString("# 由 cmd/gensite（internal/synth）生成，单位、人员与数据均为虚构。\n")
	b.WriteString("# 字段、常量与考评方案与演示站点的 config.toml 相同。\n\n")
	started := false
	for _, line := range strings.SplitAfter(demoConfig, "\n") {
		switch {
		case strings.HasPrefix(line, "title = "):
			started = true
			fmt.Fprintf(&b, "title = %q\n", title)
		case !started:
			// The demo's opening comment describes the demo; dropped.
		case strings.HasPrefix(line, "subtitle = "):
			b.WriteString("subtitle = \"规模测试数据 · 由 gensite 生成 · 单位与人员均为虚构\"\n")
		default:
			b.WriteString(line)
		}
	}
	return b.String()
}
