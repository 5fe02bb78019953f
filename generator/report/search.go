package report

import (
	"bytes"
	"encoding/json"

	"kaoping/generator/dataset"
	"kaoping/internal/pinyin"
)

// SearchIndexPath is the site path of the search box's index: a script,
// not a JSON file, because a page opened from file:// may load a script
// but may not fetch a file.
const SearchIndexPath = "assets/search-index.js"

// SearchEntry is one thing the search box of every page finds: a period,
// a scheme, an indicator or an entity, by its name, id or pinyin.
type SearchEntry struct {
	Name     string
	ID       string
	Pinyin   string // the name in toneless pinyin, no spaces
	Initials string // the first letter of each syllable
	Path     string // its page
	Note     string // what it is, shown beside the name
}

// SearchIndex lists what the search box finds, in the order results are
// shown among equally good matches: periods (latest first), schemes,
// indicators, then entities level by level in display order.
func (m *Model) SearchIndex() []SearchEntry {
	var out []SearchEntry
	add := func(name, id, path, note string) {
		full, initials := pinyin.Spell(name)
		out = append(out, SearchEntry{Name: name, ID: id, Pinyin: full, Initials: initials, Path: path, Note: note})
	}
	for i := len(m.Data.Periods) - 1; i >= 0; i-- {
		pd := m.Data.Periods[i]
		add(pd.Period.Label(m.Lang), pd.ID, PeriodPath(pd.ID), m.T("考核期", "Period"))
	}
	for _, s := range m.Config.Schemes {
		add(s.Name, s.ID, SchemePath(s.ID), m.T("考核方案", "Scheme"))
	}
	for _, s := range m.Config.Schemes {
		for _, ind := range s.Indicators {
			add(ind.Name, ind.ID, IndicatorPath(s.ID, ind.ID), m.T("指标 · ", "Indicator · ")+s.Name)
		}
	}
	// Entities level by level (cities, then 院, then departments …), so
	// that 山亭 finds the 院 before its people.
	level := m.Data.Entities.Roots()
	for len(level) > 0 {
		var next []*dataset.Entity
		for _, e := range level {
			next = append(next, m.Data.Entities.Children(e.ID)...)
		}
		for _, e := range level {
			// What it is and where: 检察官 · 山亭区人民检察院 · 第一检察部
			// (the root, the city, only for its own children).
			note := m.KindLabel(e.Kind)
			anc := m.Data.Entities.Ancestors(e.ID)
			if len(anc) > 1 {
				anc = anc[1:]
			}
			for _, a := range anc {
				note += " · " + a.Name
			}
			add(e.Name, e.ID, EntityPath(e.ID), note)
		}
		level = next
	}
	return out
}

// BundleSearchIndex is the index of the bundle of period, which holds
// only the pages for which holds is true: those entries, and for an
// entity whose profile the bundle lacks, its score sheets of the period
// (one entry per scheme), so that a person can still be found.
func (m *Model) BundleSearchIndex(all []SearchEntry, period string, holds func(path string) bool) []SearchEntry {
	var out []SearchEntry
	for _, e := range all {
		if holds(e.Path) {
			out = append(out, e)
			continue
		}
		if e.Path != EntityPath(e.ID) {
			continue
		}
		for _, s := range m.Config.Schemes {
			if p := SheetPath(s.ID, period, e.ID); holds(p) {
				sheet := e
				sheet.Path, sheet.Note = p, e.Note+" · "+s.Name
				out = append(out, sheet)
			}
		}
	}
	return out
}

// SearchIndexJS encodes entries as the script at SearchIndexPath:
// window.kaopingSearch = [[name, id, pinyin, initials, path, note], ...].
// Arrays rather than objects keep a province's index about half the size.
func SearchIndexJS(entries []SearchEntry) ([]byte, error) {
	rows := make([][6]string, 0, len(entries))
	for _, e := range entries {
		rows = append(rows, [6]string{e.Name, e.ID, e.Pinyin, e.Initials, e.Path, e.Note})
	}
	var b bytes.Buffer
	b.WriteString("window.kaopingSearch = ")
	enc := json.NewEncoder(&b) // escapes <, > and &: the names come from users' files
	if err := enc.Encode(rows); err != nil {
		return nil, err
	}
	b.Truncate(b.Len() - 1) // Encode's newline
	b.WriteString(";\n")
	return b.Bytes(), nil
}
