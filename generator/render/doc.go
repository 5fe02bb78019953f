// Package render turns the report's page models into files: it loads the
// built-in templates (package kaoping/templates) and a site's overrides,
// provides the template functions (numbers, relative links, UI strings,
// Markdown, charts), builds ECharts options with go-echarts and places them
// in pages without any inline script, and writes files and assets under the
// output folder.
//
// Everything here is deterministic (no random ids, no timestamps, no map
// iteration order in output) and offline (no page refers to another host),
// and every user-supplied string goes through html/template escaping;
// Markdown is rendered without raw HTML. See docs/TEMPLATES.md.
package render
