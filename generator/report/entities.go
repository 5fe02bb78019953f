package report

// EntitiesIndex lists every entity as a tree, roots first, in display order.
type EntitiesIndex struct {
	Page  *Page
	Roots []*EntityNode
	Count int
}

// EntityNode is one entity of the tree with its children.
type EntityNode struct {
	EntityRef
	Depth    int
	Open     bool   // shown unfolded: the top levels, or a small site
	Below    string // descendants by kind: "部门 5 · 检察官 10"
	Leaves   bool   // every child is a leaf: listed inline
	Children []*EntityNode
}

// entitiesOpenAll unfolds the whole tree when the site has at most this
// many entities; a province's tree opens its top two levels only.
const entitiesOpenAll = 300

func entitiesIndexJobs(m *Model) []Job {
	return []Job{{Path: EntitiesPath(), Data: func() (any, error) {
		es := m.Data.Entities
		d := &EntitiesIndex{Page: m.Page(EntitiesPath(), m.T("单位", "Units"), NavEntities), Count: len(es.All)}
		seen := map[string]bool{}
		var build func(id string, depth int) []*EntityNode
		build = func(id string, depth int) []*EntityNode {
			var out []*EntityNode
			for _, c := range es.Children(id) {
				if seen[c.ID] {
					continue
				}
				seen[c.ID] = true
				n := &EntityNode{EntityRef: m.entityRef(c), Depth: depth, Open: depth < 2 || len(es.All) <= entitiesOpenAll}
				n.Children = build(c.ID, depth+1)
				if len(n.Children) > 0 {
					n.Below = m.belowSummary(c)
					n.Leaves = true
					for _, k := range n.Children {
						n.Leaves = n.Leaves && len(k.Children) == 0
					}
				}
				out = append(out, n)
			}
			return out
		}
		d.Roots = build("", 0)
		return d, nil
	}}}
}
