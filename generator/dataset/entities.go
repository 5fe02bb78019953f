package dataset

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"kaoping/generator/diag"
	"kaoping/internal/pagenames"
)

var (
	idRE   = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)
	kindRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// NewEntities indexes list: it sorts the entities into display order
// (Order, then the order of list) and records each one's children. It does
// not validate anything; Load does that. Tests of other packages use it to
// build fixtures.
func NewEntities(list []*Entity) *Entities {
	all := slices.Clone(list)
	slices.SortStableFunc(all, func(a, b *Entity) int { return a.Order - b.Order })
	es := &Entities{
		All:      all,
		byID:     make(map[string]*Entity, len(all)),
		children: make(map[string][]*Entity),
	}
	for _, e := range all {
		es.byID[e.ID] = e
		es.children[e.Parent] = append(es.children[e.Parent], e)
	}
	return es
}

// Roots returns the entities without a parent, in display order
// (the same as Children("")).
func (es *Entities) Roots() []*Entity { return es.children[""] }

// Ancestors returns the chain of parents of id, root first, without id
// itself; nil for a root or an unknown id.
func (es *Entities) Ancestors(id string) []*Entity {
	var out []*Entity
	e := es.byID[id]
	for e != nil && e.Parent != "" && len(out) < len(es.All) {
		e = es.byID[e.Parent]
		if e == nil {
			break
		}
		out = append(out, e)
	}
	slices.Reverse(out)
	return out
}

// OfKind returns the entities of kind, in display order.
func (es *Entities) OfKind(kind string) []*Entity {
	var out []*Entity
	for _, e := range es.All {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}

// postOrder returns the entities reachable from the roots with every child
// before its parent, so that one pass aggregates the whole hierarchy.
func (es *Entities) postOrder() []*Entity {
	out := make([]*Entity, 0, len(es.All))
	type frame struct {
		e    *Entity
		next int
	}
	for _, root := range es.Roots() {
		stack := []frame{{root, 0}}
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			kids := es.children[top.e.ID]
			if top.next < len(kids) {
				c := kids[top.next]
				top.next++
				stack = append(stack, frame{c, 0})
				continue
			}
			out = append(out, top.e)
			stack = stack[:len(stack)-1]
		}
	}
	return out
}

// entityColumns maps the accepted headers of entities.csv, English and
// Chinese, to the column's role.
var entityColumns = map[string]string{
	"id": "id", "编号": "id",
	"name": "name", "名称": "name",
	"kind": "kind", "类型": "kind",
	"parent": "parent", "上级": "parent",
	"group": "group", "分组": "group",
	"order": "order", "排序": "order",
}

var entityColumnZH = map[string]string{
	"id": "编号", "name": "名称", "kind": "类型", "parent": "上级", "group": "分组", "order": "排序",
}

// readEntities parses entities.csv (already read into data). file is the
// path shown in messages. It returns the entities it could read and the
// set of every id that appears in the id column, valid or not, so that
// the period files do not repeat an error already reported here.
func readEntities(data []byte, file string, l *diag.List) (*Entities, map[string]bool) {
	mentioned := map[string]bool{}
	var (
		header   []string           // role per column, "" = unknown
		col      = map[string]int{} // role -> 0-based column
		list     []*Entity
		byID     = map[string]*Entity{}
		parentAt = map[*Entity]diag.Pos{}
		headerOK = true
	)
	decoded := readCSV(data, file, l, func(r *row) bool {
		if header == nil {
			header = make([]string, len(r.cells))
			for i, c := range r.cells {
				name := strings.ToLower(strings.TrimSpace(c))
				role, ok := entityColumns[name]
				pos := diag.Pos{File: file, Line: r.line, Col: i + 1}
				switch {
				case !ok:
					l.Errorf(pos, "未知的列 “%s”；entities.csv 的列为 id,name,kind,parent,group,order（或 编号,名称,类型,上级,分组,排序）",
						"unknown column \"%s\"; the columns of entities.csv are id,name,kind,parent,group,order (or 编号,名称,类型,上级,分组,排序)", diag.Value(c))
					headerOK = false
				case hasRole(col, role):
					l.Errorf(pos, "列 “%s” 重复（与第 %d 列含义相同）；请删去其中一列", "column \"%s\" appears twice (same as column %d); delete one of them",
						diag.Value(c), col[role]+1)
					headerOK = false
				default:
					header[i] = role
					col[role] = i
				}
			}
			for _, role := range []string{"id", "name", "kind", "parent"} {
				if !hasRole(col, role) {
					l.Errorf(diag.Pos{File: file, Line: r.line}, "缺少必需的列 “%s”（或 “%s”）；表头需包含 id,name,kind,parent",
						"required column %q (or %q) is missing; the header needs id,name,kind,parent", role, entityColumnZH[role])
					headerOK = false
				}
			}
			return headerOK
		}
		if len(r.cells) != len(header) {
			l.Errorf(diag.Pos{File: file, Line: r.line}, "该行有 %d 个字段，表头有 %d 个；请检查是否多了或少了逗号",
				"the row has %d fields but the header has %d; check for a missing or extra comma", len(r.cells), len(header))
			return true
		}
		get := func(role string) (string, diag.Pos) {
			i, ok := col[role]
			if !ok {
				return "", diag.Pos{}
			}
			return strings.TrimSpace(r.cells[i]), diag.Pos{File: file, Line: r.lineOf(i), Col: i + 1}
		}
		e := &Entity{Line: r.line, Order: len(list) + 1}
		var pos diag.Pos
		e.ID, pos = get("id")
		mentioned[e.ID] = true
		ok := true
		switch {
		case !idRE.MatchString(e.ID):
			l.Errorf(pos, "编号 “%s” 无效：应由小写字母、数字、- 和 _ 组成，以字母或数字开头，最多 64 个字符（用于网址）",
				"id \"%s\" is invalid: use lower-case letters, digits, - and _, starting with a letter or digit, at most 64 characters (it is used in URLs)", diag.Value(e.ID))
			ok = false
		case byID[e.ID] != nil:
			l.Errorf(pos, "编号 “%s” 重复：第 %d 行已使用；编号必须唯一", "id \"%s\" is a duplicate: line %d already uses it; ids must be unique",
				e.ID, byID[e.ID].Line)
			ok = false
		}
		if ok {
			// An id that names one of the site's own pages, or a device on
			// Windows, would overwrite that page or not unzip.
			if fine, zh, en := pagenames.Entity(e.ID); !fine {
				l.Errorf(pos, "编号 “%[1]s” %[2]s；请换一个编号", "id \"%[1]s\" %[3]s; choose another id", e.ID, zh, en)
			}
		}
		if e.Name, pos = get("name"); e.Name == "" {
			l.Errorf(pos, "名称为空；请填写单位或人员名称", "the name is empty; enter the unit's or person's name")
		}
		if e.Kind, pos = get("kind"); !kindRE.MatchString(e.Kind) {
			l.Errorf(pos, "类型 “%s” 无效：应由小写字母、数字和 _ 组成，以字母开头，如 procuratorate",
				"kind \"%s\" is invalid: use lower-case letters, digits and _, starting with a letter, e.g. procuratorate", diag.Value(e.Kind))
		}
		e.Parent, parentAt[e] = get("parent")
		e.Group, _ = get("group")
		if s, pos := get("order"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				l.Errorf(pos, "排序 “%s” 不是整数；请填写整数或留空", "order \"%s\" is not an integer; enter a whole number or leave it empty", diag.Value(s))
			} else {
				e.Order = n
			}
		}
		if ok {
			list = append(list, e)
			byID[e.ID] = e
		}
		return true
	})
	if header == nil && decoded {
		l.Errorf(diag.Pos{File: file}, "文件为空；第一行应为表头 id,name,kind,parent", "the file is empty; the first line must be the header id,name,kind,parent")
	}
	for _, e := range list {
		if e.Parent != "" && byID[e.Parent] == nil {
			if !mentioned[e.Parent] {
				l.Errorf(parentAt[e], "上级 “%s” 不是已列出的编号；请填写另一行的 id，或留空", "parent \"%s\" is not the id of any entity; enter another row's id, or leave it empty", diag.Value(e.Parent))
			}
			e.Parent = ""
		}
	}
	breakCycles(list, byID, file, l)
	return NewEntities(list), mentioned
}

// breakCycles reports every cycle of parents once, at the line of its
// entity that comes first in the file, and clears that entity's parent so
// that the hierarchy is a forest afterwards.
func breakCycles(list []*Entity, byID map[string]*Entity, file string, l *diag.List) {
	const (
		unseen = iota
		onPath
		done
	)
	state := make(map[*Entity]int, len(list))
	for _, start := range list {
		var path []*Entity
		e := start
		for e != nil && state[e] == unseen {
			state[e] = onPath
			path = append(path, e)
			e = byID[e.Parent]
		}
		if e != nil && state[e] == onPath {
			i := slices.Index(path, e)
			cycle := path[i:]
			first := cycle[0]
			for _, c := range cycle {
				if c.Line < first.Line {
					first = c
				}
			}
			// Name the cycle starting from the entity that comes first.
			j := slices.Index(cycle, first)
			cycle = append(slices.Clone(cycle[j:]), cycle[:j]...)
			names := make([]string, 0, len(cycle)+1)
			for _, c := range cycle {
				names = append(names, c.ID+" ("+diag.Value(c.Name)+")")
			}
			names = append(names, first.ID)
			chain := strings.Join(names, " → ")
			l.Errorf(diag.Pos{File: file, Line: first.Line}, "上级关系形成循环：%s；请修改其中一行的上级",
				"the parents form a cycle: %s; change the parent of one of these rows", chain)
			first.Parent = ""
		}
		for _, p := range path {
			state[p] = done
		}
	}
}

func hasRole(col map[string]int, role string) bool {
	_, ok := col[role]
	return ok
}

// ParentLabels gives each of the entities ids the names of its ancestors
// below those all of them share ("市中区人民检察院 · 第一检察部" for a
// prosecutor compared across the city): what a reader needs to tell the
// members of a peer group apart. All labels are empty when every member
// has the same parent.
func (es *Entities) ParentLabels(ids []string) map[string]string {
	chains := make([][]*Entity, len(ids))
	common := 0
	for i, id := range ids {
		chains[i] = es.Ancestors(id)
		if i == 0 {
			common = len(chains[0])
			continue
		}
		k := 0
		for k < common && k < len(chains[i]) && chains[i][k].ID == chains[0][k].ID {
			k++
		}
		common = k
	}
	out := make(map[string]string, len(ids))
	for i, id := range ids {
		var names []string
		for _, a := range chains[i][min(common, len(chains[i])):] {
			names = append(names, a.Name)
		}
		out[id] = strings.Join(names, " · ")
	}
	return out
}
