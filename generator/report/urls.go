// Package report is the page model of the site: what each page shows,
// computed once from the scored project, independent of HTML. The render
// step turns these models into files.
package report

import (
	"strconv"
	"strings"
	"unicode"
)

// Site paths of every page, relative to the output root with forward
// slashes. Ranking pages are <period>.html beside a <period>/ folder of
// score sheets, so that no entity id (even "index") can collide with them.

// HomePath is the home page.
func HomePath() string { return "index.html" }

// PeriodPath is a period's page.
func PeriodPath(period string) string { return "periods/" + period + ".html" }

// SchemePath is a scheme's overview.
func SchemePath(scheme string) string { return "schemes/" + scheme + "/index.html" }

// RankingPath is a scheme's ranking (公示表) for a period.
func RankingPath(scheme, period string) string {
	return "schemes/" + scheme + "/" + period + ".html"
}

// SheetPath is an entity's score sheet for a scheme and period.
func SheetPath(scheme, period, entity string) string {
	return "schemes/" + scheme + "/" + period + "/" + entity + ".html"
}

// IndicatorPath is an indicator's page within its scheme.
func IndicatorPath(scheme, indicator string) string {
	return "schemes/" + scheme + "/indicators/" + indicator + ".html"
}

// EntityPath is an entity's profile.
func EntityPath(entity string) string { return "entities/" + entity + ".html" }

// EntitiesPath lists every entity by hierarchy.
func EntitiesPath() string { return "entities/index.html" }

// ComparePath is the comparison of a scheme's entities in a period.
func ComparePath(scheme, period string) string {
	return "compare/" + scheme + "/" + period + ".html"
}

// CompareIndexPath lists the comparisons.
func CompareIndexPath() string { return "compare/index.html" }

// MethodologyPath is the 考核办法 of a scheme.
func MethodologyPath(scheme string) string { return "methods/" + scheme + ".html" }

// MethodologyIndexPath lists the schemes' 考核办法.
func MethodologyIndexPath() string { return "methods/index.html" }

// ArchivePath lists every period with its downloads.
func ArchivePath() string { return "archive.html" }

// DataPath is a result file (SPEC §7): ext is "json" or "csv".
func DataPath(scheme, period, ext string) string {
	return "data/" + scheme + "/" + period + "." + ext
}

// XLSXPath is a period's workbook with one sheet per scheme.
func XLSXPath(period string) string { return "data/results-" + period + ".xlsx" }

// BundlePath is the zip of a period's report (its pages, score sheets,
// data files and assets), for archiving and for the supervising
// procuratorate.
func BundlePath(period string) string { return "archive/" + period + ".zip" }

// PeriodsIndexPath lists the periods.
func PeriodsIndexPath() string { return "periods/index.html" }

// SchemesIndexPath lists the schemes and their rankings.
func SchemesIndexPath() string { return "schemes/index.html" }

// IndicatorsIndexPath lists every scheme's indicators.
func IndicatorsIndexPath() string { return "indicators.html" }

// GroupPaths are the pages of the peer groups of a scheme's period, one
// per group id, in the order of ids (the result's groups, sorted by id):
// schemes/<scheme>/<period>/_<name>.html beside the score sheets. The
// leading "_" cannot start an entity id (^[a-z0-9]), so no group page
// can be a score sheet. The name is the group id kept readable (Chinese
// stays Chinese, "zz/刑事" becomes "zz-刑事"): letters and digits stay,
// "-" and "_" stay, any other character (the "/" of list peers, spaces,
// dots, characters that Windows forbids) becomes "-", and it is cut to
// 40 characters. Two ids that would give the same name, also ignoring
// case (a Windows or macOS disk), get "-2", "-3" … in id order.
func GroupPaths(scheme, period string, ids []string) []string {
	return groupPaths("schemes/"+scheme+"/"+period+"/_", ids)
}

// CompareGroupPaths are the comparison pages of the peer groups of a
// scheme's period, named as GroupPaths names the rankings:
// compare/<scheme>/<period>/_<name>.html.
func CompareGroupPaths(scheme, period string, ids []string) []string {
	return groupPaths("compare/"+scheme+"/"+period+"/_", ids)
}

// groupPaths are prefix + each group's name + ".html" (GroupPaths).
func groupPaths(prefix string, ids []string) []string {
	out := make([]string, len(ids))
	taken := map[string]bool{}
	for i, id := range ids {
		base := groupFileName(id)
		name := base
		for n := 2; taken[strings.ToLower(name)]; n++ {
			name = base + "-" + strconv.Itoa(n)
		}
		taken[strings.ToLower(name)] = true
		out[i] = prefix + name + ".html"
	}
	return out
}

// groupFileName is a group id as a file name, without prefix and suffix.
func groupFileName(id string) string {
	var b strings.Builder
	n := 0
	for _, r := range id {
		if n == 40 {
			break
		}
		n++
		switch {
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "-"
	}
	return b.String()
}

// PartPath is part k (1, 2, …) of a ranking too long for one page: the
// page itself for part 1, else the page's name with ".k" before ".html"
// (schemes/<s>/<p>/_刑事检察.2.html, schemes/<s>/<p>.2.html). Neither a
// group name nor a period id nor an entity id holds a ".", so a part is
// never another page.
func PartPath(page string, k int) string {
	if k <= 1 {
		return page
	}
	return strings.TrimSuffix(page, ".html") + "." + strconv.Itoa(k) + ".html"
}
