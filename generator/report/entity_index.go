package report

import (
	"strings"

	"kaoping/generator/config"
	"kaoping/generator/scoring"
)

// A province builds 8,977 profiles, each showing every period of every
// scheme that scores the entity. What does not depend on the entity (a
// period's labels, its ranking's link, a group by id, a key indicator's
// chart title) is computed once per build here and shared by every
// profile, instead of once per row of every profile.

// entityIndex holds what every profile shares, computed once.
type entityIndex struct {
	means   groupMeans
	schemes map[string]*profileScheme // by scheme id
}

// profileScheme is what profiles share about one scheme.
type profileScheme struct {
	scheme   string          // the scheme's id
	periods  []profilePeriod // aligned with m.Results[scheme]
	trends   []trendSeries   // m.trendSeries
	overview string          // SchemePath
	spec     [2]string       // chart keys of the total and rank trends
	keys     []keyChart      // the key indicators followed over time
}

// profilePeriod is what profiles share about one result of a scheme.
type profilePeriod struct {
	label, short string // the period's label and short label
	ranking      string // RankingPath
	noPrevious   bool   // Model.NoPrevious
	sheets       string // SheetPath with the entity left out ("schemes/s/p/")
	groups       map[string]groupInfo
}

// groupInfo is a peer group with its size and mean total.
type groupInfo struct {
	g    *scoring.Group
	n    int
	mean float64
}

// keyChart is a key indicator with the title (a format taking the name
// of the trend series), key and reference name of its trend charts.
type keyChart struct {
	ind        *config.Indicator
	title, key string
	refName    string
}

func newEntityIndex(m *Model) *entityIndex {
	idx := &entityIndex{means: newGroupMeans(m), schemes: map[string]*profileScheme{}}
	for _, s := range m.Config.Schemes {
		si := &profileScheme{scheme: s.ID, trends: m.trendSeries(s), overview: SchemePath(s.ID), spec: [2]string{s.ID + "/total", s.ID + "/rank"}}
		for _, r := range m.Results[s.ID] {
			pi := profilePeriod{
				label:   r.Period.Period.Label(m.Lang),
				short:   m.shortLabel(r.Period),
				ranking: RankingPath(s.ID, r.Period.ID), noPrevious: m.NoPrevious(r),
				sheets: strings.TrimSuffix(SheetPath(s.ID, r.Period.ID, "x"), "x.html"),
				groups: make(map[string]groupInfo, len(r.Groups)),
			}
			for _, g := range r.Groups {
				mean := idx.means.of(g)
				pi.groups[g.ID] = groupInfo{g: g, n: len(g.Entities), mean: mean}
			}
			si.periods = append(si.periods, pi)
		}
		for _, ind := range keyIndicators(s, profileKeyIndicators) {
			refName := m.referenceName(ind)
			si.keys = append(si.keys, keyChart{
				ind:     ind,
				title:   strings.ReplaceAll(ind.Name, "%", "%%") + m.T(" · %s（虚线：", " · %s (dashed: ") + strings.ReplaceAll(refName, "%", "%%") + m.T("）", ")"),
				key:     s.ID + "/ind/" + ind.ID,
				refName: refName,
			})
		}
		idx.schemes[s.ID] = si
	}
	return idx
}

// group returns the group with id in the result, as findGroup does, with
// its size and mean (NaN mean, zero size for none).
func (pi *profilePeriod) group(id string) groupInfo {
	if gi, ok := pi.groups[id]; ok {
		return gi
	}
	return groupInfo{mean: nanMean}
}

// nanMean is the mean of no group.
var nanMean = groupMeans{}.of(nil)
