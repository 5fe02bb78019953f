package scoring

import (
	"fmt"
	"strings"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/diag"
)

// groupOf returns the peer group of ent under s.Peers (SPEC §6): each part
// gives a key — "parent" the parent's id, "group" the group label, a kind
// the id of the nearest ancestor of that kind, "all" none — and the group
// id is the keys that are present joined by "/" in the order of the parts;
// no key at all is AllGroup.
func groupOf(s *config.Scheme, es *dataset.Entities, ent *dataset.Entity) string {
	if len(s.Peers) == 1 { // the common case, without building a list
		if k := peerKey(s.Peers[0], es, ent); k != "" {
			return k
		}
		return AllGroup
	}
	var keys []string
	for _, p := range s.Peers {
		if k := peerKey(p, es, ent); k != "" {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return AllGroup
	}
	return strings.Join(keys, "/")
}

// peerKey is ent's key for one part of peers; "" when it has none.
func peerKey(part string, es *dataset.Entities, ent *dataset.Entity) string {
	switch part {
	case config.PeersAll:
		return ""
	case config.PeersParent:
		return ent.Parent
	case config.PeersGroup:
		return ent.Group
	}
	if a := nearestOfKind(es, ent, part); a != nil {
		return a.ID
	}
	return ""
}

// nearestOfKind returns the closest ancestor of ent of the given kind, or
// nil. The walk is bounded by the number of entities, so a cycle (which
// dataset.Load reports and breaks) cannot hang it.
func nearestOfKind(es *dataset.Entities, ent *dataset.Entity, kind string) *dataset.Entity {
	for n, a := 0, es.Get(ent.Parent); a != nil && n < len(es.All); n, a = n+1, es.Get(a.Parent) {
		if a.Kind == kind {
			return a
		}
	}
	return nil
}

// GroupLabel names peer group id of scheme s for readers: all for
// AllGroup; a key that is an entity id (parent or a kind) by that entity's
// name; a group label as it is; the keys of a list joined by " / ". With
// no entities (es nil) the keys are shown as they are.
//
// The id is read back part by part: parent and kind keys are entity ids,
// which hold no "/", so the parts before a "group" part are matched from
// the left and those after it from the right, and the group label is what
// is left between them (it may itself hold a "/").
func GroupLabel(s *config.Scheme, es *dataset.Entities, id, all string) string {
	if id == AllGroup {
		return all
	}
	segs := strings.Split(id, "/")
	parts := s.Peers
	g := -1 // index of the "group" part, if any
	for i, p := range parts {
		if p == config.PeersGroup {
			g = i
		}
	}
	before, after := parts, []string(nil)
	if g >= 0 {
		before, after = parts[:g], parts[g+1:]
	}
	var left, right []string
	lo, hi := 0, len(segs)
	for _, p := range before {
		if lo < hi {
			if name, ok := entityKey(p, es, segs[lo]); ok {
				left = append(left, name)
				lo++
			}
		}
	}
	for i := len(after) - 1; i >= 0; i-- {
		if lo < hi {
			if name, ok := entityKey(after[i], es, segs[hi-1]); ok {
				right = append([]string{name}, right...)
				hi--
			}
		}
	}
	labels := left
	if lo < hi {
		// The group label, or (in a form without "group") a key that
		// names no entity: shown as it is.
		labels = append(labels, strings.Join(segs[lo:hi], "/"))
	}
	labels = append(labels, right...)
	return strings.Join(labels, " / ")
}

// entityKey reports whether seg can be the key of part (an entity id, of
// the part's kind unless the part is "parent") and returns its name.
func entityKey(part string, es *dataset.Entities, seg string) (string, bool) {
	if part == config.PeersAll || part == config.PeersGroup || es == nil {
		return "", false
	}
	e := es.Get(seg)
	if e == nil || (part != config.PeersParent && e.Kind != part) {
		return "", false
	}
	return e.Name, true
}

// CheckPeers reports the parts of each scheme's peers that name an entity
// kind which entities.csv does not have, or one that is not above the
// scheme's kind (no entity of the scheme's kind has an ancestor of that
// kind, so every member would fall into "all"), at the part's line in
// config.toml.
func (e *Engine) CheckPeers(es *dataset.Entities) diag.List {
	var l diag.List
	kinds := map[string]bool{}
	var kindList []string
	for _, ent := range es.All {
		if !kinds[ent.Kind] {
			kinds[ent.Kind] = true
			kindList = append(kindList, ent.Kind)
		}
	}
	for _, s := range e.cfg.Schemes {
		for i, p := range s.Peers {
			if p == config.PeersAll || p == config.PeersParent || p == config.PeersGroup {
				continue
			}
			line := s.Line
			if i < len(s.PeersLines) {
				line = lineOr(s.PeersLines[i], s.Line)
			}
			if !kinds[p] {
				l.Add(problem(e.pos(line),
					fmt.Sprintf("方案 %s 的 peers 中的 \"%s\" 既不是 all、parent、group，也不是 entities.csv 中的类型（已有的类型：%s）；请改正拼写",
						s.ID, diag.Value(p), strings.Join(kindList, "、")),
					fmt.Sprintf("scheme %s: \"%s\" in peers is neither all, parent, group nor a kind in entities.csv (its kinds are: %s); check the spelling",
						s.ID, diag.Value(p), strings.Join(kindList, ", "))))
				continue
			}
			above := false
			for _, ent := range es.All {
				if ent.Kind == s.Kind && nearestOfKind(es, ent, p) != nil {
					above = true
					break
				}
			}
			if !above {
				l.Add(problem(e.pos(line),
					fmt.Sprintf("方案 %s 的 peers 中的类型 %s 不在考核对象类型 %s 之上：没有任何 %s 的上级（逐级向上）是 %s，按它分组只会得到一个组；请写考核对象的上级类型（如 prosecutor 的 procuratorate），或写 all",
						s.ID, p, s.Kind, s.Kind, p),
					fmt.Sprintf("scheme %s: kind %s in peers is not above the scheme's kind %s: no %s has an ancestor of kind %s, so grouping by it gives one group; write a kind above the members (e.g. procuratorate for prosecutor), or all",
						s.ID, p, s.Kind, s.Kind, p)))
			}
		}
	}
	return l
}
