package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestCheckInputErrors: one broken copy of the demo per class of input
// error this branch added; check exits 1 and lists the problem at its
// file, line and column, and build (which runs the same checks) exits 1
// without creating its output.
func TestCheckInputErrors(t *testing.T) {
	big := "1" + strings.Repeat("0", 308) // 1e308
	tests := []struct {
		name  string
		spoil func(t *testing.T, dir string) (want string)
	}{
		{"an XLSX cell holding a logical value", func(t *testing.T, dir string) string {
			f := excelize.NewFile()
			defer f.Close()
			f.SetCellStr("Sheet1", "A1", "entity")
			f.SetCellStr("Sheet1", "B1", "cases")
			f.SetCellStr("Sheet1", "A2", "jn")
			f.SetCellBool("Sheet1", "B2", true)
			var buf bytes.Buffer
			f.Write(&buf)
			os.WriteFile(filepath.Join(dir, "data", "periods", "2026-04.xlsx"), buf.Bytes(), 0o644)
			return "data/periods/2026-04.xlsx:2:2: 错误: 工作表 “Sheet1” 的单元格 B2（“cases” 列）是逻辑值 TRUE，不是数"
		}},
		{"a period file over 200 MB", func(t *testing.T, dir string) string {
			f, err := os.Create(filepath.Join(dir, "data", "periods", "2026-04.csv"))
			if err != nil {
				t.Fatal(err)
			}
			f.Truncate(200<<20 + 1)
			f.Close()
			return "data/periods/2026-04.csv: 错误: 文件大小为 200.0 MB，超过 200 MB 的上限，kaoping 不读取它"
		}},
		{"an aggregated sum that overflows", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "data", "periods", "2026-03.csv")
			replaceIn(t, p, "\njn,1838,", "\njn,"+big+",")
			replaceIn(t, p, "\nqd,1948,", "\nqd,"+big+",")
			return "data/periods/2026-03.csv: 错误: 考核期 2026-03：sd（山东省） 的字段 cases 没有自己的值，由下级单位的值相加得到，但和超出了可计算的范围"
		}},
		{"a control character in a cell", func(t *testing.T, dir string) string {
			replaceIn(t, filepath.Join(dir, "data", "periods", "2026-03.csv"), "\njn,1838,", "\njn,\"18\x1b[2J38\",")
			return `data/periods/2026-03.csv:2:2: 错误: B 列（cases）的值 “18\x1b[2J38” 无效`
		}},
		{"a home that names no unit", func(t *testing.T, dir string) string {
			line := replaceIn(t, filepath.Join(dir, "config.toml"), "\nhome = \"zz\"", "\nhome = \"zzz\"")
			return "config.toml:" + strconv.Itoa(line) + ": 错误: home = zzz：entities.csv 中没有这个单位编号"
		}},
		{"an unknown key in [publication]", func(t *testing.T, dir string) string {
			dropPublication(t, filepath.Join(dir, "config.toml"))
			line := replaceIn(t, filepath.Join(dir, "config.toml"), "\n[fields]", "\n[publication]\nissuer = \"枣庄市院\"\ncontact = \"电话\"\nisuer = \"x\"\n\n[fields]")
			return "config.toml:" + strconv.Itoa(line+3) + ": 错误: 未知的键 publication.isuer（可能拼写有误；这里可用的键：issuer, contact, prepared_by, reviewed_by, working_days）"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := copyDemo(t)
			want := tt.spoil(t, filepath.Dir(cfg))
			code, stdout, _ := runCLI("check", "--config", cfg)
			if code != exitInput || !hasLinePrefix(stdout, want) {
				t.Errorf("check: exit %d, want 1 and a line starting %q:\n%s", code, want, stdout)
			}
			out := filepath.Join(t.TempDir(), "public")
			if code, _, stderr := runCLI("build", "--config", cfg, "--out", out); code != exitInput || !hasLinePrefix(stderr, want) {
				t.Errorf("build: exit %d, want 1 and %q:\n%s", code, want, stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a failed build created its output folder")
			}
		})
	}
}
