package config

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"kaoping/generator/diag"
	"kaoping/internal/inputfile"
)

// Load reads, checks and completes the config file at path (SPEC §5).
//
// Problems name the file as path was given (e.g. "sites/x.toml") with the
// line, and come sorted by line. A syntax error, or a table written where
// an array of tables belongs, stops the reading and gives a nil Config.
// Otherwise Load returns the Config with defaults applied even when the
// list has errors, so that `check` can go on to check the data; such a
// Config must not be used to build.
func Load(path string) (*Config, diag.List) {
	// A FIFO or a device given as --config would block or never end: it
	// is refused before it is opened, and so is a file over 200 MB.
	src, err := inputfile.Read(path)
	if err != nil {
		var l diag.List
		zh, en := inputfile.Describe(err)
		l.Errorf(diag.Pos{File: path}, "无法读取配置文件：%[1]s（用 --config 指定 config.toml 的位置）",
			"cannot read the config file: %[2]s (use --config to say where config.toml is)", zh, en)
		return nil, l
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		dir = filepath.Dir(path)
	}
	return parse(path, dir, string(src))
}

// parse is Load on text: file names the file in messages, dir is the
// folder the relative paths are resolved against.
func parse(file, dir, src string) (*Config, diag.List) {
	src = strings.TrimPrefix(src, "\uFEFF") // Notepad writes a BOM
	// Messages name the file relative to the site folder, like the data
	// files: "config.toml", whatever path --config gave.
	l := &loader{file: filepath.Base(file), path: file}

	var raw rawConfig
	md, err := toml.Decode(src, &raw)
	if err != nil {
		l.decodeError(err)
		return nil, l.probs
	}
	l.idx = indexLines(src)
	l.unknownKeys(md.Undecoded())

	c := l.config(&raw, dir)
	l.probs.Sort()
	return c, l.probs
}

var lineRe = regexp.MustCompile(`line (\d+)`)

// decodeError reports an error of the TOML decoder.
func (l *loader) decodeError(err error) {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if pe.LastKey != "" {
			msg = fmt.Sprintf("%s (%s)", msg, pe.LastKey)
		}
		l.probs.Errorf(diag.Pos{File: l.file, Line: pe.Position.Line, Col: pe.Position.Col},
			"TOML 语法错误（%s）：请检查这一行的引号是否成对、等号两边是否都有内容、文字是否加了英文双引号",
			"TOML syntax error: %s; check that quotes are paired, that both sides of = are filled and that text is in double quotes", msg)
		return
	}
	// A type mismatch on an array of tables, e.g. [schemes] or
	// `schemes = 1` where [[schemes]] belongs: the decoder stops and says
	// where in its text.
	line := 0
	if m := lineRe.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	if m := lastKeyRe.FindStringSubmatch(err.Error()); m != nil {
		l.probs.Errorf(diag.Pos{File: l.file, Line: line},
			"%s 应写成表数组，即每一项以 [[%s]] 开头的一节（方案及其类别、指标、加减分项、否决项、等次都是这样）",
			"%s must be an array of tables: one section per item, each starting with [[%s]] (so are schemes and their categories, indicators, adjustments, vetoes and grades)",
			m[1], m[1])
		return
	}
	l.probs.Errorf(diag.Pos{File: l.file, Line: line}, "无法读取：%s", "cannot read: %s", strings.TrimPrefix(err.Error(), "toml: "))
}

var lastKeyRe = regexp.MustCompile(`last key "([a-z.]+)"\): incompatible types`)

// unknownKeys reports every key no field took, at each place it is
// written: only the outermost unknown key, and none inside values that are
// checked by hand.
func (l *loader) unknownKeys(keys []toml.Key) {
	unknown := map[string]bool{}
	for _, k := range keys {
		unknown[k.String()] = true
	}
	reported := map[string]bool{}
	for _, k := range keys {
		plain := k.String()
		if reported[plain] || l.insideKnown(k, unknown) {
			continue
		}
		reported[plain] = true
		parent := strings.Join(k[:len(k)-1], ".")
		allowed := strings.Join(tableKeys[parent], ", ")
		found := false
		for _, e := range l.idx.entries {
			// Elements ("list[0]", a second "[[x]]") share the plain path of
			// their array; the array's own entry stands for them.
			if e.plain == plain && !strings.HasSuffix(e.path, "]") {
				found = true
				l.unknownKey(e.path, e.line, allowed)
			}
		}
		if !found {
			l.unknownKey(plain, 0, allowed)
		}
	}
}

// insideKnown reports whether a proper prefix of k is itself unknown or is
// a value checked by hand.
func (l *loader) insideKnown(k toml.Key, unknown map[string]bool) bool {
	for i := 1; i < len(k); i++ {
		p := strings.Join(k[:i], ".")
		if unknown[p] || leafKeys[p] {
			return true
		}
	}
	return false
}

func (l *loader) unknownKey(path string, line int, allowed string) {
	zh := "未知的键 %s（可能拼写有误）"
	en := "unknown key %s (a typo?)"
	if allowed != "" {
		zh = "未知的键 %s（可能拼写有误；这里可用的键：%s）"
		en = "unknown key %s (a typo? the keys allowed here are: %s)"
		l.probs.Errorf(diag.Pos{File: l.file, Line: line}, zh, en, diag.Value(path), allowed)
		return
	}
	l.probs.Errorf(diag.Pos{File: l.file, Line: line}, zh, en, diag.Value(path))
}

// config converts the top level.
func (l *loader) config(raw *rawConfig, dir string) *Config {
	t := &table{l: l}
	c := &Config{
		Path:     l.path,
		Dir:      dir,
		Title:    t.str("title", raw.Title, true),
		Subtitle: t.str("subtitle", raw.Subtitle, false),
		BaseURL:  t.str("base_url", raw.BaseURL, false),
		Language: t.enum("language", raw.Language, "zh-CN", "zh-CN", "en"),
		YTD:      t.boolean("ytd", raw.YTD),
	}
	c.DataDir = resolve(dir, t.str("data_dir", raw.DataDir, false), "data")
	c.OutputDir = resolve(dir, t.str("output_dir", raw.OutputDir, false), "public")
	c.TemplatesDir = resolve(dir, t.str("templates_dir", raw.TemplatesDir, false), "templates")
	c.Home, c.HomeLine = t.str("home", raw.Home, false), t.line("home")
	c.ArchiveZips = t.boolean("archive_zips", raw.ArchiveZips)

	c.Publication = l.publication(raw.Publication)
	c.Fields = l.fields(raw.Fields)
	c.Constants = l.constants(raw.Constants, c)

	ids := map[string]int{} // scheme id -> line of its first use
	for i, rs := range raw.Schemes {
		s := l.scheme(i, rs, c)
		c.Schemes = append(c.Schemes, s)
		if s.ID == "" {
			continue
		}
		if first, ok := ids[s.ID]; ok {
			st := l.schemeTable(i, s.ID)
			st.errf("id", "方案 id \"%s\" 重复（第 %d 行已用过），每个方案的 id 须不同",
				"scheme id \"%s\" is used twice (already on line %d); give each scheme its own id", diag.Value(s.ID), first)
			continue
		}
		ids[s.ID] = s.Line
	}
	return c
}

// resolve makes a configured folder absolute against dir; "" gives def.
func resolve(dir, p, def string) string {
	if p == "" {
		p = def
	}
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, p)
}

// sortedKeys returns the keys of table prefix in the order they are
// written (by line, then name).
func (l *loader) sortedKeys(prefix string, m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := l.idx.line(joinKey(prefix, keys[i])), l.idx.line(joinKey(prefix, keys[j]))
		if li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	return keys
}

// publicationKeys are the keys of [publication], in the order messages
// list them.
var publicationKeys = []string{"issuer", "contact", "prepared_by", "reviewed_by", "working_days"}

// publication converts [publication]. Its keys are checked by hand (the
// table is decoded as `any`, like [fields]): an unknown key is an error at
// its line, listing the keys allowed; issuer and contact are required
// when the table is there.
func (l *loader) publication(v any) Publication {
	if v == nil {
		return Publication{}
	}
	root := &table{l: l}
	m, ok := v.(map[string]any)
	if !ok {
		root.typeErr("publication", v, "表（写作 [publication]，每行 键 = 值）", "a table ([publication], one `key = value` per line)")
		return Publication{}
	}
	t := &table{l: l, path: "publication", zh: "[publication]", en: "[publication]"}
	p := Publication{Line: l.idx.line("publication")}
	for _, k := range l.sortedKeys("publication", m) {
		switch k {
		case "issuer", "contact", "prepared_by", "reviewed_by", "working_days":
		default:
			l.unknownKey(joinKey("publication", k), l.idx.line(joinKey("publication", k)), strings.Join(publicationKeys, ", "))
		}
	}
	p.Issuer = t.str("issuer", m["issuer"], true)
	p.Contact = t.str("contact", m["contact"], true)
	p.PreparedBy = t.str("prepared_by", m["prepared_by"], false)
	p.ReviewedBy = t.str("reviewed_by", m["reviewed_by"], false)
	p.WorkingDays = t.boolean("working_days", m["working_days"])
	if p.Line == 0 {
		p.Line = l.pos("publication").Line // written as dotted keys, publication.issuer = …
	}
	return p
}

// fields converts [fields]: raw field name = label.
func (l *loader) fields(v any) []Field {
	if v == nil {
		return nil
	}
	root := &table{l: l}
	m, ok := v.(map[string]any)
	if !ok {
		root.typeErr("fields", v, "表（写作 [fields]，每行 字段名 = \"标签\"）", "a table ([fields], one `name = \"label\"` per line)")
		return nil
	}
	t := &table{l: l, path: "fields", zh: "[fields]", en: "[fields]"}
	var out []Field
	labels := map[string]string{} // label -> field id
	for _, id := range l.sortedKeys("fields", m) {
		if !nameRe.MatchString(id) {
			t.report(id, fmt.Sprintf("字段名 \"%s\" 不合规：%s", diag.Value(id), nameRuleZH),
				fmt.Sprintf("field name \"%s\" is not valid: %s", diag.Value(id), nameRuleEN))
		} else if id == "name" {
			// A period file's name column (SPEC §4) is never a field.
			t.errf(id, "字段名 name 留给数据文件的名称列（核对编号用，不是字段）；请给该字段换一个名字",
				"the field name name is kept for the name column of data files (it checks the ids and is not a field); give the field another name")
		}
		label, ok := m[id].(string)
		switch {
		case !ok:
			t.typeErr(id, m[id], "字符串（字段的标签，如 \"受理案件数\"）", "a string (the field's label, e.g. \"cases received\")")
		case strings.TrimSpace(label) == "":
			t.errf(id, "字段 %s 的标签不能为空", "the label of field %s must not be empty", id)
		case strings.EqualFold(strings.TrimSpace(label), "name") || strings.TrimSpace(label) == "名称":
			t.errf(id, "字段 %[1]s 的标签 \"%[2]s\" 是数据文件名称列的表头（核对编号用，不是字段）；请换一个标签",
				"the label \"%[2]s\" of field %[1]s heads the name column of data files (it checks the ids and is not a field); choose another label", id, diag.Value(label))
		default:
			if other, dup := labels[label]; dup {
				t.errf(id, "标签 \"%s\" 已用于字段 %s，每个字段的标签须不同",
					"label \"%s\" is already the label of field %s; give each field its own label", diag.Value(label), other)
			} else {
				labels[label] = id
			}
		}
		out = append(out, Field{ID: id, Label: label, Line: l.idx.line(joinKey("fields", id))})
	}
	return out
}

// constants converts [constants]: `name = number`, or
// `name = {value = number, label = "审查逮捕系数"}` so that pages can show
// the constant by its label instead of its name.
func (l *loader) constants(v any, c *Config) []Constant {
	if v == nil {
		return nil
	}
	root := &table{l: l}
	m, ok := v.(map[string]any)
	if !ok {
		root.typeErr("constants", v, "表（写作 [constants]，每行 名称 = 数值）", "a table ([constants], one `name = number` per line)")
		return nil
	}
	t := &table{l: l, path: "constants", zh: "[constants]", en: "[constants]"}
	var out []Constant
	labels := map[string]string{} // label -> constant name
	for _, name := range l.sortedKeys("constants", m) {
		if !nameRe.MatchString(name) {
			t.report(name, fmt.Sprintf("常量名 \"%s\" 不合规：%s", diag.Value(name), nameRuleZH),
				fmt.Sprintf("constant name \"%s\" is not valid: %s", diag.Value(name), nameRuleEN))
		}
		for _, f := range c.Fields {
			if f.ID == name {
				t.errf(name, "常量 %s 与 [fields] 中的字段同名（第 %d 行），公式中无法区分，请改名",
					"constant %s has the name of a field in [fields] (line %d), so formulas could not tell them apart; rename it", name, f.Line)
			}
		}
		k := Constant{Name: name, Line: l.idx.line(joinKey("constants", name))}
		raw := m[name]
		if sub, isTable := raw.(map[string]any); isTable {
			raw = sub["value"]
			k.Label = l.constantLabel(t, name, sub, labels)
			if raw == nil {
				t.errf(name, "常量 %s 缺少 value（写作 %s = {value = 1, label = \"标签\"}）",
					"constant %s has no value (write %s = {value = 1, label = \"label\"})", name, name)
				continue
			}
			st := &table{l: l, path: joinKey("constants", name), zh: "[constants] " + name, en: "[constants] " + name}
			val := st.num("value", raw, true)
			if val == nil {
				continue
			}
			k.Value = *val
			out = append(out, k)
			continue
		}
		val := t.num(name, raw, true)
		if val == nil {
			continue
		}
		k.Value = *val
		out = append(out, k)
	}
	return out
}

// constantKeys are the keys of a constant written as a table.
var constantKeys = []string{"value", "label"}

// constantLabel checks the keys of a constant written as a table and
// returns its label ("" when it has none); labels maps the labels seen so
// far to their constants, since two constants with one label would read
// alike on every page.
func (l *loader) constantLabel(t *table, name string, sub map[string]any, labels map[string]string) string {
	path := joinKey("constants", name)
	for _, k := range l.sortedKeys(path, sub) {
		if !slices.Contains(constantKeys, k) {
			l.unknownKey(joinKey(path, k), l.pos(joinKey(path, k)).Line, strings.Join(constantKeys, ", "))
		}
	}
	st := &table{l: l, path: path, zh: "[constants] " + name, en: "[constants] " + name}
	label := strings.TrimSpace(st.str("label", sub["label"], false))
	if s, isString := sub["label"].(string); isString && strings.TrimSpace(s) == "" {
		st.errf("label", "label 不能为空（不需要标签时直接写 %s = 数值）", "label must not be empty (without a label, write %s = number)", name)
	}
	if label == "" {
		return ""
	}
	if other, dup := labels[label]; dup {
		st.errf("label", "标签 \"%s\" 已用于常量 %s，每个常量的标签须不同",
			"label \"%s\" is already the label of constant %s; give each constant its own label", diag.Value(label), other)
	} else {
		labels[label] = name
	}
	return label
}
