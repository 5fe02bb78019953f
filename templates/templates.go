// Package templates holds kaoping's built-in page templates and the static
// assets every site ships (stylesheet, site script, ECharts and its
// licence), embedded in the binary so that a build needs nothing else.
//
// Layout (see docs/TEMPLATES.md):
//
//	base.html          the page layout: header, navigation, breadcrumbs, main, footer
//	partials/*.html    pieces included by the layout and by pages
//	*.html             pages (the lead's report pages); each defines "main"
//	assets/*           copied to the site's assets/ folder
//
// A site's own templates_dir overrides any of these by relative path.
package templates

import "embed"

// FS is the embedded tree: *.html, partials/*.html and assets/*.
//
//go:embed *.html partials/*.html assets/*
var FS embed.FS
