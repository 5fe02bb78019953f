package report

import (
	"strconv"

	"kaoping/generator/config"
	"kaoping/generator/explain"
)

// IndicatorsIndex lists every scheme's indicators by category.
type IndicatorsIndex struct {
	Page    *Page
	Schemes []IndicatorsOfScheme
}

// IndicatorsOfScheme is one scheme's indicators, by category.
type IndicatorsOfScheme struct {
	Scheme      *config.Scheme
	Overview    string // site path of the scheme overview
	Methodology string // site path of the 考核办法
	Categories  []IndicatorCategory
	Weight      string // sum of the indicators' weights
}

// IndicatorCategory is one category and its indicators in config order.
type IndicatorCategory struct {
	Name       string
	Weight     string // sum of its indicators' weights
	Indicators []IndicatorEntry
}

// IndicatorEntry is one row of the index.
type IndicatorEntry struct {
	Name, Path, Method, Direction string
	Weight                        string
}

func indicatorsIndexJobs(m *Model) []Job {
	return []Job{{Path: IndicatorsIndexPath(), Data: func() (any, error) {
		d := &IndicatorsIndex{Page: m.Page(IndicatorsIndexPath(), m.T("指标", "Indicators"), NavIndicators)}
		for _, s := range m.Config.Schemes {
			is := IndicatorsOfScheme{Scheme: s, Overview: SchemePath(s.ID), Methodology: MethodologyPath(s.ID)}
			total := 0.0
			for _, c := range s.Categories {
				ic := IndicatorCategory{Name: c.Name}
				sum := 0.0
				for _, ind := range s.Indicators {
					if ind.Category != c.ID {
						continue
					}
					sum += ind.Weight
					ic.Indicators = append(ic.Indicators, IndicatorEntry{
						Name: ind.Name, Path: IndicatorPath(s.ID, ind.ID), Weight: weightText(ind.Weight),
						Method: explain.MethodName(ind.Method, m.Lang), Direction: explain.Direction(ind, m.Lang),
					})
				}
				ic.Weight = weightText(sum)
				total += sum
				is.Categories = append(is.Categories, ic)
			}
			is.Weight = weightText(total)
			d.Schemes = append(d.Schemes, is)
		}
		return d, nil
	}}}
}

// weightText writes a weight as config.toml would: 14, 2.5.
func weightText(w float64) string { return strconv.FormatFloat(w, 'f', -1, 64) }
