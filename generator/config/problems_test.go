package config

import (
	"fmt"
	"strings"
	"testing"

	"kaoping/generator/diag"
)

// base is a valid config; the cases below edit it. Its line numbers:
//
//	1 title             10 [[schemes.categories]]   19 weight
//	2 [fields]          11 id = "quality"           20 method
//	3 cases             12 name                     21 step
//	4 [constants]       13 [[schemes.indicators]]   22 max_plus
//	5 k                 14 id = "ratio"             23 max_minus
//	6 [[schemes]]       15 name                     24 [[schemes.grades]] 优秀
//	7 id = "basic"      16 category                 25 name
//	8 name              17 formula                  26 share
//	9 kind              18 direction                27 [[schemes.grades]] 合格 (28 name)
const base = `title = "T"
[fields]
cases = "受理案件数"
[constants]
k = 1.5
[[schemes]]
id = "basic"
name = "基层院"
kind = "procuratorate"
[[schemes.categories]]
id = "quality"
name = "质量"
[[schemes.indicators]]
id = "ratio"
name = "比"
category = "quality"
formula = "cases / k"
direction = "higher"
weight = 10
method = "mean_relative"
step = 0.1
max_plus = 3
max_minus = 3
[[schemes.grades]]
name = "优秀"
share = 0.2
[[schemes.grades]]
name = "合格"
`

// want is one expected problem: its line, severity and pieces of both texts.
type want struct {
	line int
	sev  diag.Severity
	zh   string
	en   string
}

func errAt(line int, zh, en string) want  { return want{line, diag.Error, zh, en} }
func warnAt(line int, zh, en string) want { return want{line, diag.Warning, zh, en} }

// edit replaces the text of line n (1-based) of base by repl, which may
// hold several lines or none ("" deletes the key but keeps the numbering
// by leaving a comment).
func edit(src string, n int, repl string) string {
	lines := strings.Split(src, "\n")
	if repl == "" {
		repl = "# removed"
	}
	lines[n-1] = repl
	return strings.Join(lines, "\n")
}

func TestProblems(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []want
	}{
		{"syntax error", edit(base, 8, `name = "基层院`),
			[]want{errAt(8, "TOML 语法错误", "TOML syntax error")}},
		{"wrong type", edit(base, 19, `weight = "10"`),
			[]want{errAt(19, "weight 应为数，这里是字符串", "weight must be a number, not a string")}},
		{"not finite", edit(base, 19, `weight = inf`),
			[]want{errAt(19, "weight 必须是有限的数", "weight must be a finite number")}},
		{"unknown key and its missing twin", edit(base, 22, `max_pluss = 3`),
			[]want{
				errAt(13, `第 1 个指标 "ratio"：缺少方法 mean_relative 的必填参数 max_plus`, `indicator "ratio": parameter max_plus, required by method mean_relative, is missing`),
				errAt(22, "未知的键 schemes[0].indicators[0].max_pluss", "unknown key schemes[0].indicators[0].max_pluss"),
			}},
		{"unknown top-level table", base + "[site]\nname = 1\n",
			[]want{errAt(29, "未知的键 site（可能拼写有误；这里可用的键：title, subtitle", "unknown key site (a typo? the keys allowed here are: title")}},
		{"unknown key in second scheme", base + "[[schemes]]\nid = \"b\"\nname = \"B\"\nkind = \"k\"\ncolour = 1\n[[schemes.indicators]]\nid = \"x\"\nname = \"X\"\ncategory = \"c\"\nformula = \"1\"\nweight = 1\nmethod = \"direct\"\n[[schemes.categories]]\nid = \"c\"\nname = \"C\"\n",
			[]want{errAt(33, "未知的键 schemes[1].colour", "unknown key schemes[1].colour")}},
		{"unknown array and array of tables", "list = [\n  1,\n  2,\n]\n" + base + "[[schemes.foo]]\nx = 1\n[[schemes.foo]]\nx = 2\n",
			[]want{
				errAt(1, "未知的键 list", "unknown key list"),
				errAt(33, "未知的键 schemes[0].foo", "unknown key schemes[0].foo"),
			}},
		{"missing title", edit(base, 1, ""),
			[]want{errAt(1, "缺少必填项 title", "the required key title is missing")}},
		{"empty title", edit(base, 1, `title = " "`),
			[]want{errAt(1, "title 不能为空", "title must not be empty")}},
		{"missing formula", edit(base, 17, ""),
			[]want{errAt(13, `第 1 个指标 "ratio" 缺少必填项 formula`, `indicator "ratio" is missing the required key formula`)}},
		{"missing scheme name", edit(base, 8, ""),
			[]want{errAt(6, `第 1 个方案 "basic" 缺少必填项 name`, `scheme "basic" is missing the required key name`)}},
		{"missing category id", edit(base, 11, ""),
			[]want{
				errAt(10, "第 1 个类别 缺少必填项 id", "category #1 is missing the required key id"),
				errAt(16, `类别 "quality" 在本方案中未定义（已定义的类别：无 / none）`, `category "quality" is not defined in this scheme`),
			}},
		{"bad language", edit(base, 1, "title = \"T\"\nlanguage = \"fr\""),
			[]want{errAt(2, `language 的值 "fr" 不可用，可选 "zh-CN", "en"`, `language = "fr" is not allowed; use one of "zh-CN", "en"`)}},
		{"scheme id not a slug", edit(base, 7, `id = "Basic!"`),
			[]want{errAt(7, `id "Basic!" 不合规`, `id "Basic!" is not valid: it must start with a lowercase letter or digit`)}},
		{"indicator id with capitals", edit(base, 14, `id = "Ratio"`),
			[]want{errAt(14, `第 1 个指标 "Ratio"：id "Ratio" 不合规`, `indicator "Ratio": id "Ratio" is not valid`)}},
		{"id with a percent sign", edit(base, 14, `id = "a%d"`),
			[]want{errAt(14, `第 1 个指标 "a%d"：id "a%d" 不合规`, `indicator "a%d": id "a%d" is not valid`)}},
		{"bad kind", edit(base, 9, `kind = "Pro"`),
			[]want{errAt(9, `kind "Pro" 不合规`, `kind "Pro" is not valid`)}},
		{"duplicate category", base + "[[schemes.categories]]\nid = \"quality\"\nname = \"又一个\"\n",
			[]want{
				// Only the error: both share the id of the indicator's
				// category, so neither is warned about as empty.
				errAt(30, `类别 id "quality" 重复（第 11 行已用过）`, `category id "quality" is used twice (already on line 11)`),
			}},
		{"duplicate indicator", base + "[[schemes.indicators]]\nid = \"ratio\"\nname = \"n\"\ncategory = \"quality\"\nformula = \"1\"\nweight = 0\nmethod = \"direct\"\n",
			[]want{errAt(30, `指标 id "ratio" 重复（第 14 行已用过）`, `indicator id "ratio" is used twice (already on line 14)`)}},
		{"duplicate grade", edit(base, 28, `name = "优秀"`),
			[]want{errAt(28, `等次名称 "优秀" 重复（第 25 行已用过）`, `grade name "优秀" is used twice (already on line 25)`)}},
		{"duplicate scheme", base + "[[schemes]]\nid = \"basic\"\nname = \"B\"\nkind = \"k\"\n[[schemes.categories]]\nid = \"c\"\nname = \"C\"\n[[schemes.indicators]]\nid = \"x\"\nname = \"X\"\ncategory = \"c\"\nformula = \"1\"\nweight = 1\nmethod = \"direct\"\n",
			[]want{errAt(30, `方案 id "basic" 重复（第 6 行已用过）`, `scheme id "basic" is used twice (already on line 6)`)}},
		{"bad peers", edit(base, 9, "kind = \"procuratorate\"\npeers = \"City\""),
			[]want{errAt(10, `peers 的值 "City" 不可用：可选 "all"、"parent"、"group" 或一个实体类型`, `peers = "City" is not allowed: use "all", "parent", "group" or an entity kind`)}},
		{"peers list: bad part, duplicate, not a string", edit(base, 9, "kind = \"procuratorate\"\npeers = [\n  \"city\",\n  \"by group\",\n  \"city\",\n  3,\n]"),
			[]want{
				errAt(12, `peers 的值 "by group" 不可用`, `peers = "by group" is not allowed`),
				errAt(13, `peers 中的 "city" 重复`, `"city" appears twice in peers`),
				errAt(14, "peers[3] 应为字符串，这里是整数", "peers[3] must be a string, not an integer"),
			}},
		{"peers empty list", edit(base, 9, "kind = \"procuratorate\"\npeers = []"),
			[]want{errAt(10, "peers 不能是空数组", "peers must not be an empty list")}},
		{"peers not a string", edit(base, 9, "kind = \"procuratorate\"\npeers = 1"),
			[]want{errAt(10, "peers 应为字符串或字符串数组，这里是整数", "peers must be a string or an array of strings, not an integer")}},
		{"bad period", edit(base, 9, "kind = \"procuratorate\"\nperiods = [\n  \"2024-Q1\",\n  \"2024-Q5\",\n  \"2024-Q1\",\n]"),
			[]want{
				errAt(12, `periods 中的 "2024-Q5" 不是有效的期间`, `"2024-Q5" in periods is not a valid period`),
				errAt(13, `periods 中的 "2024-Q1" 重复`, `"2024-Q1" appears twice in periods`),
			}},
		{"periods not strings", edit(base, 9, "kind = \"procuratorate\"\nperiods = [2024]"),
			[]want{errAt(10, "periods[0] 应为字符串，这里是整数", "periods[0] must be a string, not an integer")}},
		{"tie_break unknown", edit(base, 9, "kind = \"procuratorate\"\ntie_break = [\"quality\", \"speed\"]"),
			[]want{errAt(10, `tie_break 中的 "speed" 不是本方案的类别（已定义的类别：quality）`, `"speed" in tie_break is not a category of this scheme (its categories are: quality)`)}},
		{"indicator category unknown", edit(base, 16, `category = "speed"`),
			[]want{
				errAt(16, `类别 "speed" 在本方案中未定义（已定义的类别：quality）`, `category "speed" is not defined in this scheme (its categories are: quality)`),
				warnAt(10, "没有任何指标", "has no indicators"),
			}},
		{"veto grade unknown", base + "[[schemes.vetoes]]\nid = \"v\"\nname = \"V\"\nfield = \"x\"\ngrade = \"差\"\n",
			[]want{errAt(33, `等次 "差" 在本方案中未定义（已定义的等次：优秀, 合格）`, `grade "差" is not defined in this scheme (its grades are: 优秀, 合格)`)}},
		{"bad direction", edit(base, 18, `direction = "up"`),
			[]want{errAt(18, `direction 的值 "up" 不可用，可选 "higher", "lower"`, `direction = "up" is not allowed; use one of "higher", "lower"`)}},
		{"missing direction", edit(base, 18, ""),
			[]want{errAt(13, `第 1 个指标 "ratio" 缺少必填项 direction`, `indicator "ratio" is missing the required key direction`)}},
		{"direction ignored for direct", edit(edit(base, 20, `method = "direct"`), 21, ""),
			// step, max_plus, max_minus are foreign to direct.
			[]want{
				warnAt(18, "方法 direct 不区分高低，direction 将被忽略", "method direct has no better side, so direction is ignored"),
				errAt(22, "参数 max_plus 不属于方法 direct，请删去（direct 的参数：无）", "parameter max_plus does not belong to method direct; delete it (the parameters of direct: none)"),
				errAt(23, "参数 max_minus 不属于方法 direct", "parameter max_minus does not belong to method direct"),
			}},
		{"bad format, decimals, missing", edit(base, 19, "weight = 10\nformat = \"pct\"\ndecimals = 7\nmissing = \"none\""),
			[]want{
				errAt(20, `format 的值 "pct" 不可用，可选 "number", "percent", "ratio", "days"`, `format = "pct" is not allowed`),
				errAt(21, "decimals 须为 0 到 6 的整数，这里是 7", "decimals must be an integer from 0 to 6, not 7"),
				errAt(22, `missing 的值 "none" 不可用，可选 "average", "zero", "full"`, `missing = "none" is not allowed`),
			}},
		{"decimals not integer", edit(base, 19, "weight = 10\ndecimals = 1.5"),
			[]want{errAt(20, "decimals 应为整数，这里是小数", "decimals must be an integer, not a decimal number")}},
		{"bad method", edit(base, 20, `method = "average"`),
			[]want{errAt(20, `method 的值 "average" 不可用，可选 "mean_relative", "efficacy", "bands", "rank", "target", "zscore", "range", "direct"`, `method = "average" is not allowed`)}},
		{"foreign parameter", edit(base, 23, "max_minus = 3\nbands = [{min = 1, points = 2}]"),
			[]want{errAt(24, "参数 bands 不属于方法 mean_relative，请删去（mean_relative 的参数：step（必填）, max_plus（必填）, max_minus（必填）, deviation, reference, base）",
				"parameter bands does not belong to method mean_relative; delete it (the parameters of mean_relative: step (required), max_plus (required), max_minus (required), deviation, reference, base)")}},
		{"alert accepted", edit(base, 23, "max_minus = 3\nalert = [0.05, 0.15]"), nil},
		{"alert equal thresholds and integers", edit(base, 23, "max_minus = 3\nalert = [0, 0]"), nil},
		{"alert yellow above red", edit(base, 23, "max_minus = 3\nalert = [10, 5]"),
			[]want{errAt(24, "alert 的黄色阈值 10 大于红色阈值 5", "alert's yellow threshold 10 is greater than its red threshold 5")}},
		{"alert negative", edit(base, 23, "max_minus = 3\nalert = [-1, 5]"),
			[]want{errAt(24, "alert 的阈值不能为负数，这里是 -1", "alert thresholds must not be negative, not -1")}},
		{"alert not two numbers", edit(base, 23, "max_minus = 3\nalert = [1, 2, 3]"),
			[]want{errAt(24, "alert 应为两个数 [黄色预警阈值, 红色预警阈值]，按显示单位，如 alert = [5, 10]（这里有 3 个值）", "alert must be two numbers [yellow threshold, red threshold] in display units, e.g. alert = [5, 10] (here 3 values)")}},
		{"alert a number", edit(base, 23, "max_minus = 3\nalert = 5"),
			[]want{errAt(24, "alert 应为两个数", "alert must be two numbers")}},
		{"alert element a string", edit(base, 23, "max_minus = 3\nalert = [\n  1,\n  \"2\",\n]"),
			[]want{errAt(26, "alert[1] 应为数，这里是字符串", "alert[1] must be a number, not a string")}},
		{"alert on range", edit(edit(edit(edit(base, 20, `method = "range"`), 21, "step = 1"), 22, "low = 1"), 23, "high = 3\nalert = [1, 2]"),
			[]want{
				warnAt(18, "direction 将被忽略", "direction is ignored"),
				errAt(24, "方法 range 不区分高低，没有“较差”的一侧，不能设 alert；请删去这一行", "method range has no better side, so there is no worse side to warn about; delete alert"),
			}},
		{"alert on direct", edit(edit(edit(edit(edit(base, 18, ""), 20, `method = "direct"`), 21, ""), 22, ""), 23, "alert = [1, 2]"),
			[]want{errAt(23, "方法 direct 不区分高低", "method direct has no better side")}},
		{"missing parameter", edit(base, 21, ""),
			[]want{errAt(13, "缺少方法 mean_relative 的必填参数 step", "parameter step, required by method mean_relative, is missing")}},
		{"step not positive", edit(base, 21, "step = 0"),
			[]want{errAt(21, "step 必须大于 0，这里是 0", "step must be greater than 0, not 0")}},
		{"negative max", edit(base, 23, "max_minus = -1"),
			[]want{errAt(23, "max_minus 不能小于 0，这里是 -1", "max_minus must be at least 0, not -1")}},
		{"negative weight", edit(base, 19, "weight = -2"),
			[]want{errAt(19, "weight 不能小于 0，这里是 -2", "weight must be at least 0, not -2")}},
		{"bad deviation and reference", edit(base, 23, "max_minus = 3\ndeviation = \"rel\"\nreference = \"avg\""),
			[]want{
				errAt(24, `deviation 的值 "rel" 不可用，可选 "relative", "absolute"`, `deviation = "rel" is not allowed`),
				errAt(25, `reference 的值 "avg" 不可用，可选 "mean", "median", "pooled"`, `reference = "avg" is not allowed`),
			}},
		{"floor out of range", edit(edit(edit(edit(base, 20, `method = "efficacy"`), 21, "floor = 1.5"), 22, ""), 23, ""),
			[]want{errAt(21, "floor 须在 0 到 1 之间，这里是 1.5", "floor must be from 0 to 1, not 1.5")}},
		{"rank step", edit(edit(edit(base, 20, `method = "rank"`), 21, "step = -1"), 22, "max_plus = 1"),
			[]want{
				errAt(21, "step 必须大于 0，这里是 -1", "step must be greater than 0, not -1"),
				errAt(22, "参数 max_plus 不属于方法 rank", "parameter max_plus does not belong to method rank"),
				errAt(23, "参数 max_minus 不属于方法 rank", "parameter max_minus does not belong to method rank"),
			}},
		{"range low above high", edit(edit(edit(edit(base, 20, `method = "range"`), 21, "step = 1"), 22, "low = 5"), 23, "high = 3"),
			[]want{
				warnAt(18, "direction 将被忽略", "direction is ignored"),
				errAt(23, "区间下限 low = 5 大于上限 high = 3", "low = 5 is greater than high = 3"),
			}},
		{"target missing", edit(edit(edit(edit(base, 20, `method = "target"`), 21, "proportional = 1"), 22, ""), 23, ""),
			[]want{
				errAt(13, "缺少方法 target 的必填参数 target", "parameter target, required by method target, is missing"),
				errAt(21, "proportional 应为true 或 false，这里是整数", "proportional must be true or false, not an integer"),
			}},
		{"bands", edit(edit(edit(edit(base, 23, ""), 22, ""), 21, "bands = [\n  {min = 90, points = 10},\n  {points = 5},\n  {min = 80, max = 70, points = 3},\n  {max = 60, pts = 1},\n  7,\n]"), 20, `method = "bands"`),
			[]want{
				errAt(23, `第 1 个指标 "ratio"的第 2 个区间：须至少写 min 或 max 之一`, `band #2 of indicator "ratio": needs min or max`),
				errAt(24, "min = 80 须小于 max = 70", "min = 80 must be less than max = 70"),
				errAt(25, "未知的键 pts（区间可用的键：min, max, points）", "unknown key pts"),
				errAt(25, "第 4 个区间 缺少必填项 points", "band #4 of indicator \"ratio\" is missing the required key points"),
				errAt(26, "bands[4] 应为形如 {min = 90, points = 10} 的内联表，这里是整数", "bands[4] must be an inline table like {min = 90, points = 10}, not an integer"),
			}},
		{"bands empty", edit(edit(edit(edit(base, 20, `method = "bands"`), 21, "bands = []"), 22, ""), 23, ""),
			[]want{errAt(21, "bands 不能为空", "bands must not be empty")}},
		{"grade shares", edit(base, 26, "share = 0") + "share = 1.5\n[[schemes.grades]]\nname = \"x\"\nshare = 0.7\n[[schemes.grades]]\nname = \"y\"\nshare = 0.4\n",
			[]want{
				errAt(26, "share 须在 0 与 1 之间（大于 0，至多 1），这里是 0", "share must be in (0, 1], not 0"),
				errAt(29, "share 须在 0 与 1 之间（大于 0，至多 1），这里是 1.5", "share must be in (0, 1], not 1.5"),
				warnAt(35, "各等次的 share 累计为 1.1，超过 1", "the shares of the grades so far add up to 1.1, more than 1"),
			}},
		{"shares summing to exactly 1", edit(base, 26, "share = 0.1") + "share = 0.2\n[[schemes.grades]]\nname = \"x\"\nshare = 0.7\n",
			nil},
		{"adjustment", base + "[[schemes.adjustments]]\nid = \"a\"\nname = \"A\"\nfield = \"受理案件数\"\ncap = -1\n[[schemes.adjustments]]\nid = \"b\"\nname = \"B\"\nfield = \"Typical\"\npoints = 1\n",
			[]want{
				errAt(29, `第 1 个加减分项 "a" 缺少必填项 points`, `adjustment "a" is missing the required key points`),
				errAt(32, `field 须写字段名而非标签：把 "受理案件数" 改为 "cases"`, `field takes the field name, not its label: write "受理案件数" as "cases"`),
				errAt(33, "cap 不能小于 0，这里是 -1", "cap must be at least 0, not -1"),
				errAt(37, `字段名 "Typical" 不合规`, `field name "Typical" is not valid`),
			}},
		{"veto missing keys", base + "[[schemes.vetoes]]\nname = \"V\"\n",
			[]want{
				errAt(29, "第 1 个一票否决项 缺少必填项 id", "veto #1 is missing the required key id"),
				errAt(29, "第 1 个一票否决项 缺少必填项 field", "veto #1 is missing the required key field"),
			}},
		{"fields", edit(base, 3, "cases = \"受理案件数\"\nCases = \"x\"\nitems = \"受理案件数\"\nempty = \"\"\nnum = 3"),
			[]want{
				errAt(4, `字段名 "Cases" 不合规`, `field name "Cases" is not valid`),
				errAt(5, `标签 "受理案件数" 已用于字段 cases`, `label "受理案件数" is already the label of field cases`),
				errAt(6, "字段 empty 的标签不能为空", "the label of field empty must not be empty"),
				errAt(7, "num 应为字符串（字段的标签", "num must be a string (the field's label"),
			}},
		{"fields that would head the name column", edit(base, 3, "cases = \"受理案件数\"\nname = \"单位名称\"\nunit = \"名称\"\nlabel = \" Name \""),
			[]want{
				errAt(4, "字段名 name 留给数据文件的名称列", "the field name name is kept for the name column"),
				errAt(5, `字段 unit 的标签 "名称" 是数据文件名称列的表头`, `the label "名称" of field unit heads the name column`),
				errAt(6, `字段 label 的标签 " Name " 是数据文件名称列的表头`, `the label " Name " of field label heads the name column`),
			}},
		{"fields not a table", edit(base, 2, "fields = 3") + "[extra]\n",
			// Line 3 (cases = ...) now belongs to the root table.
			[]want{
				errAt(2, "fields 应为表", "fields must be a table"),
				errAt(3, "未知的键 cases", "unknown key cases"),
				errAt(29, "未知的键 extra", "unknown key extra"),
			}},
		{"constants", edit(base, 5, "k = 1.5\ncases = 2\nBig = 1\ns = \"x\""),
			[]want{
				errAt(6, "常量 cases 与 [fields] 中的字段同名（第 3 行）", "constant cases has the name of a field in [fields] (line 3)"),
				errAt(7, `常量名 "Big" 不合规`, `constant name "Big" is not valid`),
				errAt(8, "s 应为数，这里是字符串", "s must be a number, not a string"),
			}},
		{"constants with labels", edit(base, 5, "k = {value = 1.5, label = \"系数\"}\nj = {label = \"无值\"}\nh = {value = 2, lable = \"x\"}\ng = {value = 2, label = \"系数\"}\nf = {value = \"2\"}\ne = {value = 1, label = \"\"}\n[constants.d]\nvalue = 3\nlabel = 4"),
			[]want{
				errAt(6, "常量 j 缺少 value", "constant j has no value"),
				errAt(7, "未知的键 constants.h.lable（可能拼写有误；这里可用的键：value, label）", "unknown key constants.h.lable (a typo? the keys allowed here are: value, label)"),
				errAt(8, `[constants] g：标签 "系数" 已用于常量 k`, `[constants] g: label "系数" is already the label of constant k`),
				errAt(9, "[constants] f：value 应为数，这里是字符串", "[constants] f: value must be a number, not a string"),
				errAt(10, "[constants] e：label 不能为空", "[constants] e: label must not be empty"),
				errAt(13, "[constants] d：label 应为字符串，这里是整数", "[constants] d: label must be a string, not an integer"),
			}},
		{"no indicators", "title = \"T\"\n[[schemes]]\nid = \"s\"\nname = \"S\"\nkind = \"k\"\n[[schemes.categories]]\nid = \"c\"\nname = \"C\"\nweight = 10\n",
			[]want{
				errAt(2, `第 1 个方案 "s"：没有任何指标`, `scheme "s": has no indicators`),
				warnAt(6, `第 1 个类别 "c"：没有任何指标`, `category "c": has no indicators`),
			}},
		{"category weight", edit(base, 12, "name = \"质量\"\nweight = 20"),
			[]want{warnAt(13, "weight = 20，但其 1 个指标的权重合计为 10", "weight = 20, but the weights of its 1 indicator(s) add up to 10")}},
		{"table instead of array of tables", "title = \"T\"\n[schemes]\nid = \"s\"\n",
			[]want{errAt(2, "schemes 应写成表数组，即每一项以 [[schemes]] 开头的一节", "schemes must be an array of tables: one section per item, each starting with [[schemes]]")}},
		{"scalar instead of array of tables", "title = \"T\"\n[[schemes]]\nid = \"s\"\nindicators = 3\n",
			[]want{errAt(4, "schemes.indicators 应写成表数组", "schemes.indicators must be an array of tables")}},
		{"control characters in a value", edit(base, 1, "title = \"T\"\nlanguage = \"zh\\u0000\\u001b[2J\\u202e\""),
			[]want{errAt(2, `language 的值 "zh\x00\x1b[2J\u202e" 不可用`, `language = "zh\x00\x1b[2J\u202e" is not allowed`)}},
		{"long value", edit(base, 7, `id = "`+strings.Repeat("长", 70)+`"`),
			[]want{errAt(7, `id "`+strings.Repeat("长", 60)+`…" 不合规`, `id "`+strings.Repeat("长", 60)+`…" is not valid`)}},
		{"scheme id of the list of methodologies", edit(base, 7, `id = "index"`),
			[]want{errAt(7, `第 1 个方案 "index"：id "index" 与站点自身的页面冲突：该方案的考核办法页 methods/index.html`, `scheme "index": id "index" collides with a page of the site: this scheme's methodology, methods/index.html, is the page that lists every scheme's methodology; choose another id`)}},
		{"scheme id indicators and indicator id index collide with nothing", edit(edit(base, 7, `id = "indicators"`), 14, `id = "index"`),
			nil},
		{"indicator id of a Windows device", edit(base, 14, `id = "aux"`),
			[]want{errAt(14, `第 1 个指标 "aux"：id "aux" 是 Windows 保留的设备名`, `indicator "aux": id "aux" is a name Windows reserves for a device (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9): the page schemes/…/indicators/aux.html`)}},
		{"scheme id of a Windows device", edit(base, 7, `id = "com1"`),
			[]want{errAt(7, `id "com1" 是 Windows 保留的设备名`, `id "com1" is a name Windows reserves for a device`)}},
		{"publication: unknown key, wrong types", edit(base, 1, "title = \"T\"\n[publication]\nissuer = \"枣庄市院\"\ncontact = 3\nworkingdays = true\nworking_days = \"yes\""),
			[]want{
				errAt(4, "[publication]：contact 应为字符串，这里是整数", "[publication]: contact must be a string, not an integer"),
				errAt(5, "未知的键 publication.workingdays（可能拼写有误；这里可用的键：issuer, contact, prepared_by, reviewed_by, working_days）",
					"unknown key publication.workingdays (a typo? the keys allowed here are: issuer, contact, prepared_by, reviewed_by, working_days)"),
				errAt(6, "[publication]：working_days 应为true 或 false，这里是字符串", "[publication]: working_days must be true or false, not a string"),
			}},
		{"publication: issuer and contact are required", edit(base, 1, "title = \"T\"\n[publication]\nissuer = \" \"\nprepared_by = \"张三\""),
			[]want{
				errAt(3, "[publication]：issuer 不能为空", "[publication]: issuer must not be empty"),
				errAt(2, "[publication] 缺少必填项 contact", "[publication] is missing the required key contact"),
			}},
		{"publication not a table", edit(base, 1, "title = \"T\"\npublication = \"枣庄\""),
			[]want{errAt(2, "publication 应为表（写作 [publication]", "publication must be a table ([publication]")}},
		{"three independent errors", edit(edit(edit(base, 1, ""), 9, `kind = "K"`), 20, `method = "mean"`),
			// method unknown: its parameters are not judged.
			[]want{
				errAt(1, "缺少必填项 title", "the required key title is missing"),
				errAt(9, `kind "K" 不合规`, `kind "K" is not valid`),
				errAt(20, `method 的值 "mean" 不可用`, `method = "mean" is not allowed`),
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := parse("config.toml", "/site", tt.src)
			for _, p := range probs {
				if p.Pos.File != "config.toml" {
					t.Errorf("file = %q, want config.toml", p.Pos.File)
				}
				if strings.Contains(p.ZH, "%!") || strings.Contains(p.EN, "%!") {
					t.Errorf("bad format: %s", p.Format("en"))
				}
			}
			if len(probs) != len(tt.want) {
				t.Errorf("got %d problems, want %d:\n%s", len(probs), len(tt.want), dump(probs))
			}
		wants:
			for _, w := range tt.want {
				for _, p := range probs {
					if p.Pos.Line == w.line && p.Severity == w.sev && strings.Contains(p.ZH, w.zh) && strings.Contains(p.EN, w.en) {
						continue wants
					}
				}
				t.Errorf("missing problem at line %d: %q / %q; got:\n%s", w.line, w.zh, w.en, dump(probs))
			}
		})
	}
}

func TestSyntaxErrorColumn(t *testing.T) {
	c, probs := parse("sites/x.toml", "/site", "title = \"T\"\nweight = = 3\n")
	if c != nil {
		t.Error("Config not nil after a syntax error")
	}
	if len(probs) != 1 {
		t.Fatalf("got %d problems, want 1:\n%s", len(probs), dump(probs))
	}
	p := probs[0].Pos
	// Named relative to the site folder (sites/), like the data files.
	if p.File != "x.toml" || p.Line != 2 || p.Col != 10 {
		t.Errorf("position = %+v, want x.toml:2:10", p)
	}
	if got := probs[0].Format("en"); !strings.HasPrefix(got, "x.toml:2:10: error: TOML syntax error") {
		t.Errorf("Format = %q", got)
	}
}

// TestProblemsSorted checks that problems come in line order whatever the
// order of the checks.
func TestProblemsSorted(t *testing.T) {
	src := edit(edit(base, 28, `name = "优秀"`), 1, "")
	_, probs := parse("config.toml", "/site", src+"bogus = 1\n")
	for i := 1; i < len(probs); i++ {
		if probs[i].Pos.Line < probs[i-1].Pos.Line {
			t.Errorf("problems out of order:\n%s", dump(probs))
		}
	}
	if len(probs) != 3 {
		t.Errorf("got %d problems, want 3:\n%s", len(probs), dump(probs))
	}
}

func dump(l diag.List) string {
	var b strings.Builder
	for _, p := range l {
		fmt.Fprintf(&b, "  %s\n  %s\n", p.Format("zh-CN"), p.Format("en"))
	}
	return b.String()
}

// TestPeersForms: every accepted form of peers, with the parts in order
// and the line of each (the key's line for a string).
func TestPeersForms(t *testing.T) {
	tests := []struct {
		repl  string
		parts []string
		lines []int
	}{
		{"kind = \"procuratorate\"", []string{"all"}, []int{6}}, // absent: the table's line
		{"kind = \"procuratorate\"\npeers = \"\"", []string{"all"}, []int{10}},
		{"kind = \"procuratorate\"\npeers = \"parent\"", []string{"parent"}, []int{10}},
		{"kind = \"prosecutor\"\npeers = \"procuratorate\"", []string{"procuratorate"}, []int{10}},
		{"kind = \"prosecutor\"\npeers = [\"city\", \"group\"]", []string{"city", "group"}, []int{10, 10}},
		{"kind = \"prosecutor\"\npeers = [\n  \"all\",\n  \"group\",\n]", []string{"all", "group"}, []int{11, 12}},
	}
	for _, tt := range tests {
		c, probs := parse("config.toml", "/site", edit(base, 9, tt.repl))
		if len(probs) != 0 {
			t.Errorf("%q: unexpected problems:\n%s", tt.repl, dump(probs))
			continue
		}
		s := c.Schemes[0]
		if fmt.Sprint(s.Peers) != fmt.Sprint(tt.parts) || fmt.Sprint(s.PeersLines) != fmt.Sprint(tt.lines) {
			t.Errorf("%q: Peers %q at lines %v; want %q at %v", tt.repl, s.Peers, s.PeersLines, tt.parts, tt.lines)
		}
	}
}

// TestConstantLabels: both forms of a constant load, and the label is
// what ConstantLabel gives (the name when there is none).
func TestConstantLabels(t *testing.T) {
	c, ps := parse("config.toml", ".", edit(base, 5, "k = {value = 1.5, label = \"审查逮捕系数\"}\nj = 2"))
	if ps.HasErrors() {
		t.Fatal(ps.Err("en"))
	}
	if len(c.Constants) != 2 {
		t.Fatalf("constants %+v", c.Constants)
	}
	if k := c.Constants[0]; k.Name != "k" || k.Value != 1.5 || k.Label != "审查逮捕系数" || k.Line != 5 {
		t.Errorf("k = %+v", k)
	}
	if v, ok := c.Constant("j"); !ok || v != 2 {
		t.Errorf("j = %v, %v", v, ok)
	}
	if got := c.ConstantLabel("k"); got != "审查逮捕系数" {
		t.Errorf("ConstantLabel(k) = %q", got)
	}
	if got := c.ConstantLabel("j"); got != "j" {
		t.Errorf("ConstantLabel(j) = %q", got)
	}
}
