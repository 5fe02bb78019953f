// Package share makes the version of a site that may leave the
// procuratorate: without the entities of chosen kinds (typically the
// prosecutors), their pages, their data and the schemes that rank them.
// Aggregated values of their parents still include their counts (numbers,
// not names): a procuratorate's rate is the same on both versions.
package share

import (
	"regexp"
	"sort"
	"strings"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/diag"
	"kaoping/generator/scoring"
)

// Site is a site's config, data and results with some entities left out.
type Site struct {
	Config  *config.Config
	Data    *dataset.Dataset
	Results map[string][]*scoring.Result
	// Excluded are the entities left out, in display order; Schemes the
	// ids of the schemes left out, in config order.
	Excluded []*dataset.Entity
	Schemes  []string
}

// Filter leaves out every entity whose kind is in kinds, and every entity
// below one of them (its pages would name or link to its parent), and
// every scheme that scores such an entity. The inputs are not modified.
// A kind no entity has is an error (a typo would let the names out); a
// note that names a left-out entity is a warning, since notes are the
// user's text and are published as written.
func Filter(cfg *config.Config, ds *dataset.Dataset, results map[string][]*scoring.Result, kinds []string) (*Site, diag.List) {
	var problems diag.List
	entitiesFile := relData(cfg, "entities.csv")
	present := map[string]bool{}
	for _, e := range ds.Entities.All {
		present[e.Kind] = true
	}
	drop := map[string]bool{}
	for _, k := range kinds {
		if !present[k] {
			var have []string
			for k := range present {
				have = append(have, k)
			}
			sort.Strings(have)
			problems.Errorf(diag.Pos{File: entitiesFile}, "没有类型为 %q 的考核对象，无法排除；现有类型：%s",
				"no entity has kind %q, so none can be left out; the kinds are: %s", k, strings.Join(have, ", "))
		}
		drop[k] = true
	}
	if problems.HasErrors() {
		return nil, problems
	}
	out := &Site{}
	excluded := map[string]bool{}
	var isOut func(e *dataset.Entity, depth int) bool
	isOut = func(e *dataset.Entity, depth int) bool {
		if e == nil || depth > len(ds.Entities.All) {
			return false
		}
		if drop[e.Kind] {
			return true
		}
		return e.Parent != "" && isOut(ds.Entities.Get(e.Parent), depth+1)
	}
	var kept []*dataset.Entity
	for _, e := range ds.Entities.All {
		if isOut(e, 0) {
			excluded[e.ID] = true
			out.Excluded = append(out.Excluded, e)
		} else {
			kept = append(kept, e)
		}
	}

	d := *ds
	d.Entities = dataset.NewEntities(kept)
	d.Periods = make([]*dataset.PeriodData, len(ds.Periods))
	periods := map[*dataset.PeriodData]*dataset.PeriodData{}
	for i, pd := range ds.Periods {
		q := pd.Without(excluded)
		d.Periods[i] = q
		periods[pd] = q
	}
	out.Data = &d

	c := *cfg
	c.Schemes = nil
	out.Results = map[string][]*scoring.Result{}
	for _, s := range cfg.Schemes {
		if drop[s.Kind] || namesAny(results[s.ID], excluded) {
			out.Schemes = append(out.Schemes, s.ID)
			continue
		}
		c.Schemes = append(c.Schemes, s)
		// The results keep their groups; only their period is the
		// filtered one, so that no page reaches a left-out value by it.
		rs := make([]*scoring.Result, len(results[s.ID]))
		for i, r := range results[s.ID] {
			x := *r
			if q := periods[r.Period]; q != nil {
				x.Period = q
			}
			rs[i] = &x
		}
		out.Results[s.ID] = rs
	}
	out.Config = &c

	d.Notes = make(map[string]string, len(ds.Notes))
	ids := make([]string, 0, len(ds.Notes))
	for id := range ds.Notes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		d.Notes[id] = redact(ds.Notes[id], out.Excluded, func(line int, e *dataset.Entity) {
			problems.Warnf(diag.Pos{File: relData(cfg, "notes/"+id+".md"), Line: line},
				"说明中提到了被排除的考核对象 %s（%s）；对外版本中已替换为 %s，请确认这段文字仍然通顺",
				"the note names %s (%s), an entity left out of this version; it is replaced by %s there: check that the text still reads well",
				e.Name, e.ID, Redacted)
		})
	}
	return out, problems
}

// Redacted replaces the name or id of a left-out entity in a note: ×××
// is how Chinese documents blank out a name.
const Redacted = "×××"

// redact replaces in the Markdown note every name of the entities, and
// every id standing as a word of its own, by Redacted, telling found the
// line (1-based) and the entity of each line that had one.
func redact(note string, entities []*dataset.Entity, found func(line int, e *dataset.Entity)) string {
	lines := strings.Split(note, "\n")
	for i, line := range lines {
		for _, e := range entities {
			hit := false
			if e.Name != "" && strings.Contains(line, e.Name) {
				line = strings.ReplaceAll(line, e.Name, Redacted)
				hit = true
			}
			if strings.Contains(line, e.ID) { // cheap test first: a province has 8,000 ids
				if re := idWord(e.ID); re.MatchString(line) {
					line = re.ReplaceAllString(line, "${1}"+Redacted+"${2}")
					hit = true
				}
			}
			if hit {
				found(i+1, e)
			}
		}
		lines[i] = line
	}
	return strings.Join(lines, "\n")
}

// idWord matches id where the characters around it cannot belong to an
// id, so that "st" does not match inside "first".
func idWord(id string) *regexp.Regexp {
	return regexp.MustCompile(`(^|[^a-zA-Z0-9_-])` + regexp.QuoteMeta(id) + `([^a-zA-Z0-9_-]|$)`)
}

// namesAny reports whether any result ranks an entity of set.
func namesAny(rs []*scoring.Result, set map[string]bool) bool {
	for _, r := range rs {
		for _, g := range r.Groups {
			for _, e := range g.Entities {
				if set[e.Entity.ID] {
					return true
				}
			}
		}
	}
	return false
}

// relData is a file of the data folder relative to the site folder, for
// messages.
func relData(cfg *config.Config, name string) string {
	rel := name
	if r, err := relPath(cfg.Dir, cfg.DataDir); err == nil {
		rel = r + "/" + name
	}
	return rel
}
