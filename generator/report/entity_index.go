package report

import (
	"fmt"
	"path"
	"strings"

	"kaoping/generator/config"
	"kaoping/generator/numfmt"
	"kaoping/generator/render"
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
	links   *profileLinks
}

// profileScheme is what profiles share about one scheme.
type profileScheme struct {
	periods  []profilePeriod // aligned with m.Results[scheme]
	trend    []int           // m.trendIndexes
	overview string          // SchemePath
	spec     [2]string       // chart keys of the total and rank trends
	keys     []keyChart      // the key indicators followed over time
}

// profilePeriod is what profiles share about one result of a scheme.
type profilePeriod struct {
	label, short string // the period's label and short label
	ranking      string // RankingPath
	sheets       string // SheetPath with the entity left out ("schemes/s/p/")
	groups       map[string]groupInfo

	// The URLs of the ranking and of the sheets' folder from a profile,
	// when links look the same from every profile (hrefOK).
	rankingHref, sheetsHref string
	hrefOK                  bool
}

// hrefs are the ranking's URL and a sheet's URL (for the entity id) from
// page, which shared tells has the links of every profile.
func (pi *profilePeriod) hrefs(l *profileLinks, page *render.Page, shared bool, id string) (sheet, ranking string) {
	if shared && pi.hrefOK && plainName(id) {
		return pi.sheetsHref + id + ".html", pi.rankingHref
	}
	return l.rel(page, pi.sheets+id+".html"), l.rel(page, pi.ranking)
}

// groupInfo is a peer group with its size and mean total (and the mean
// as a profile prints it).
type groupInfo struct {
	g        *scoring.Group
	n        int
	mean     float64
	meanText string
}

// keyChart is a key indicator with the title, key and reference name of
// its trend chart.
type keyChart struct {
	ind        *config.Indicator
	title, key string
	refName    string
}

func newEntityIndex(m *Model) *entityIndex {
	idx := &entityIndex{means: newGroupMeans(m), schemes: map[string]*profileScheme{}, links: newProfileLinks(m)}
	for _, s := range m.Config.Schemes {
		si := &profileScheme{trend: m.trendIndexes(s), overview: SchemePath(s.ID), spec: [2]string{s.ID + "/total", s.ID + "/rank"}}
		for _, r := range m.Results[s.ID] {
			pi := profilePeriod{
				label:   r.Period.Period.Label(m.Lang),
				short:   m.shortLabel(r.Period),
				ranking: RankingPath(s.ID, r.Period.ID),
				sheets:  strings.TrimSuffix(SheetPath(s.ID, r.Period.ID, "x"), "x.html"),
				groups:  make(map[string]groupInfo, len(r.Groups)),
			}
			for _, g := range r.Groups {
				mean := idx.means.of(g)
				pi.groups[g.ID] = groupInfo{g: g, n: len(g.Entities), mean: mean, meanText: numfmt.Points(mean)}
			}
			idx.links.add(pi.sheets)
			idx.links.add(path.Dir(pi.ranking) + "/")
			pi.sheetsHref, pi.hrefOK = idx.links.folders[pi.sheets]
			rankDir, rankFile := path.Split(pi.ranking)
			if u, ok := idx.links.folders[rankDir]; ok && plainName(rankFile) {
				pi.rankingHref = u + rankFile
			} else {
				pi.hrefOK = false
			}
			si.periods = append(si.periods, pi)
		}
		for _, ind := range keyIndicators(s, profileKeyIndicators) {
			refName := m.referenceName(ind)
			si.keys = append(si.keys, keyChart{
				ind:     ind,
				title:   fmt.Sprintf(m.T("%s（虚线：%s）", "%s (dashed: %s)"), ind.Name, refName),
				key:     s.ID + "/ind/" + ind.ID,
				refName: refName,
			})
		}
		idx.schemes[s.ID] = si
		idx.links.add(path.Dir(si.overview) + "/")
	}
	idx.links.add(path.Dir(EntityPath("x")) + "/")
	return idx
}

// group returns the group with id in the result, as findGroup does, with
// its size and mean (NaN mean, zero size for none).
func (pi *profilePeriod) group(id string) groupInfo {
	if gi, ok := pi.groups[id]; ok {
		return gi
	}
	return groupInfo{mean: nanMean, meanText: numfmt.Points(nanMean)}
}

// nanMean is the mean of no group.
var nanMean = groupMeans{}.of(nil)

// profileLinks makes the links of profiles, which look the same from
// every profile (all are in entities/) unless a link filter (a bundle's
// Only) judges each page: the URL of each folder a profile links into is
// computed once, and a link to a file there is that URL and the file's
// name. The folders are found when the index is made and only read after.
type profileLinks struct {
	site    *render.Site
	base    string            // the site's BaseURL when the folders were linked
	dir     string            // the folder of profiles, "entities/"
	folders map[string]string // site folder ("schemes/s/p/") -> its URL from a profile
}

func newProfileLinks(m *Model) *profileLinks {
	return &profileLinks{site: m.Site, base: m.Site.BaseURL, dir: "entities/", folders: map[string]string{}}
}

// add links folder (with its trailing slash) from a profile, unless
// links are judged per page.
func (l *profileLinks) add(folder string) {
	const probe = "probe.html"
	p := &render.Page{Site: l.site, Path: l.dir + probe}
	if !l.shared(p) {
		return
	}
	if u, ok := strings.CutSuffix(p.Rel(folder+probe), probe); ok {
		l.folders[folder] = u
	}
}

// rel is p.Rel(target) for a site path target.
func (l *profileLinks) rel(p *render.Page, target string) string {
	folder, file := path.Split(target)
	if u, ok := l.folders[folder]; ok && plainName(file) && l.shared(p) {
		return u + file
	}
	return p.Rel(target)
}

// shared reports whether p's links are the same from every profile.
func (l *profileLinks) shared(p *render.Page) bool {
	return p.Site == l.site && p.Site.Only == nil && p.Site.BaseURL == l.base &&
		strings.HasPrefix(p.Path, l.dir) && !strings.Contains(p.Path[len(l.dir):], "/")
}

// plainName reports whether a file name is left as it is by Rel: no
// folder, query or fragment, and not a "." or ".." segment.
func plainName(file string) bool {
	return file != "" && file != "." && file != ".." && !strings.ContainsAny(file, "/?#")
}
