// Package templates holds kaoping's pages as typed templ components
// (*.templ, compiled to the *_templ.go files beside them by
// `go tool templ generate`) and the static assets every site ships
// (stylesheet, site script, ECharts and its licence), embedded so that a
// build needs nothing else.
//
//	layout.templ       the frame of every page: head, header, navigation, breadcrumbs, footer
//	<page>.templ       one component per page model of package report
//	chart.templ        a chart as a figure with its data table
//	env.go             what a rendering shares: the site's slots, custom.css, logo, a bundle's links
//	messages.go        the UI strings in Chinese and English
//	assets/*           copied to the site's assets/ folder
//
// A site customises its pages through config.toml, Markdown notes,
// templates/custom.css, a logo and the HTML slots of Env (docs/TEMPLATES.md).
package templates

import (
	"embed"
	"fmt"

	"github.com/a-h/templ"

	"kaoping/generator/report"
)

// Assets are the built-in files of the site's assets/ folder.
//
//go:embed assets/*
var Assets embed.FS

// component is the page component of a page model, and the model's frame.
func component(model any) (templ.Component, *report.Page, error) {
	switch d := model.(type) {
	case *report.HomePage:
		return Home(d), d.Page, nil
	case *report.PeriodsIndex:
		return PeriodsIndex(d), d.Page, nil
	case *report.PeriodPage:
		return Period(d), d.Page, nil
	case *report.SchemesIndex:
		return SchemesIndex(d), d.Page, nil
	case *report.SchemeOverview:
		return SchemeOverview(d), d.Page, nil
	case *report.RankingPage:
		return Ranking(d), d.Page, nil
	case *report.SheetPage:
		return Sheet(d), d.Page, nil
	case *report.ComparePage:
		return Compare(d), d.Page, nil
	case *report.CompareIndex:
		return CompareIndex(d), d.Page, nil
	case *report.IndicatorsIndex:
		return IndicatorsIndex(d), d.Page, nil
	case *report.IndicatorPage:
		return Indicator(d), d.Page, nil
	case *report.EntitiesIndex:
		return EntitiesIndex(d), d.Page, nil
	case *report.EntityPage:
		return Entity(d), d.Page, nil
	case *report.MethodsIndex:
		return MethodsIndex(d), d.Page, nil
	case *report.MethodologyPage:
		return Methodology(d), d.Page, nil
	case *report.ArchivePage:
		return Archive(d), d.Page, nil
	case *report.BundlePage:
		return BundleHome(d), d.Page, nil
	}
	return nil, nil, fmt.Errorf("templates: no page for %T", model)
}
