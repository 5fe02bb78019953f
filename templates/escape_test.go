package templates_test

import (
	"encoding/json"
	"path"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"kaoping/generator/report"
)

// payload is what a user could type into entities.csv, config.toml or a
// note, trying to run a script in the pages.
const payload = `</script><script>alert(1)</script>"><img src=x onerror=alert(1)>&`

// TestPagesEscapeNames builds the demo with an entity (zz-st), a scheme
// (basic), the latest note (2026-03), the site's title, an indicator and
// a category holding payload, and reads the
// pages with an HTML5 tokenizer, as a browser does:
//
//   - no page has a script but the site's own (assets/site.js) and the
//     charts' options (<script type="application/json">), no on…
//     attribute, no javascript: URL, no image from elsewhere;
//   - each option parses as JSON and holds no <, > or &, so that a name
//     in it cannot end the element (</script> is \u003c/script\u003e);
//   - on every kind of page that shows them (ranking, score sheet,
//     profile, comparison, indicator, home, period, entities index) the
//     names appear, whole, as text: escaped, not dropped.
func TestPagesEscapeNames(t *testing.T) {
	t.Parallel()
	p := loadDemo(t)
	const entity, scheme = "山亭" + payload, "方案" + payload
	p.Data.Entities.Get("zz-st").Name = entity
	p.Config.Scheme("basic").Name = scheme
	// and the site's title, an indicator's and a category's name: they
	// are in every page's header, in charts' titles, in table heads.
	const title, indicator = "考评" + payload, "案件比" + payload
	p.Config.Title = title
	p.Config.Scheme("basic").Indicator("case_ratio").Name = indicator
	p.Config.Scheme("basic").Categories[0].Name = "质量" + payload
	p.Data.Notes["2026-03"] = "## 通报" + payload + "\n\n正文" + payload + "\n\n[点我](javascript:alert(1)) <script>alert(2)</script>\n"
	// Markdown is rendered with raw HTML off: its tags are left out (an
	// "<!-- raw HTML omitted -->" comment each), the rest is text.
	const noteText = `正文alert(1)">&`
	s := newSite(t, p, optsWithZips)

	const period = "2026-03"
	shows := map[string][]string{ // page -> names it must show as text
		report.RankingPath("basic", period):         {entity, scheme},
		report.SheetPath("basic", period, "zz-st"):  {entity, scheme},
		report.EntityPath("zz-st"):                  {entity, scheme},
		report.ComparePath("basic", period):         {entity, scheme},
		report.IndicatorPath("basic", "case_ratio"): {entity, scheme, indicator},
		report.HomePath():                           {entity, scheme, noteText},
		report.PeriodPath(period):                   {entity, scheme, noteText},
		report.EntitiesPath():                       {entity},
		report.SchemePath("basic"):                  {entity, scheme},
		report.MethodologyPath("basic"):             {scheme, indicator, "质量" + payload},
	}
	charted := map[string]bool{ // pages with a chart that names the entity
		report.RankingPath("basic", period):         true,
		report.ComparePath("basic", period):         true,
		report.IndicatorPath("basic", "case_ratio"): true,
		report.HomePath():                           true,
		report.EntityPath("zz"):                     true, // the city's profile compares its procuratorates
	}
	// Every page, but of the score sheets and profiles only those of
	// zz-st, its departments and prosecutors (whose sheets name it as a
	// parent) and its city: the others are the same components showing
	// other names.
	es := p.Data.Entities
	near := map[string]bool{"zz": true}
	for _, e := range es.All {
		for _, a := range append(es.Ancestors(e.ID), e) {
			if a.ID == "zz-st" {
				near[e.ID] = true
			}
		}
	}
	checked := 0
	for _, j := range s.Model().Jobs() {
		id := strings.TrimSuffix(path.Base(j.Path), ".html")
		if (strings.HasPrefix(j.Path, "entities/") || strings.Count(j.Path, "/") == 3 && !strings.Contains(j.Path, "/indicators/")) &&
			id != "index" && !near[id] {
			continue
		}
		checked++
		pg := page(t, s, j.Path)
		text, options := checkTokens(t, j.Path, pg)
		for _, name := range append(shows[j.Path], title) {
			if !strings.Contains(text, name) {
				t.Errorf("%s does not show %q as text", j.Path, name)
			}
		}
		inChart := false
		for _, o := range options {
			inChart = inChart || holds(o, entity)
		}
		if charted[j.Path] && !inChart {
			t.Errorf("%s: no chart names %q", j.Path, entity)
		}
		if inChart && !strings.Contains(pg, `\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e\"\u003e\u003cimg src=x onerror=alert(1)\u003e\u0026`) {
			t.Errorf("%s: a chart names the entity, but not as escaped JSON", j.Path)
		}
	}
	if checked < 300 {
		t.Errorf("only %d pages checked", checked)
	}
	t.Logf("%d pages checked", checked)
}

// checkTokens reads a page as a browser's tokenizer does and fails on
// anything that could run: a script that is not the site's own or a
// chart's option, an event handler attribute, a javascript: URL, an image
// or script from another host. It returns the page's text (unescaped)
// and the charts' options, decoded.
func checkTokens(t *testing.T, pagePath, pg string) (text string, options []any) {
	t.Helper()
	var sb strings.Builder
	z := html.NewTokenizer(strings.NewReader(pg))
	inOption := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return sb.String(), options
		case html.TextToken:
			if inOption {
				raw := string(z.Text())
				if strings.ContainsAny(raw, "<>&") {
					t.Errorf("%s: a chart option holds < > or & unescaped", pagePath)
				}
				var v any
				if err := json.Unmarshal([]byte(raw), &v); err != nil {
					t.Errorf("%s: a chart option is not JSON: %v", pagePath, err)
				}
				options = append(options, v)
				continue
			}
			sb.Write(z.Text())
		case html.EndTagToken:
			inOption = false
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			attrs := map[string]string{}
			for _, a := range tok.Attr {
				attrs[a.Key] = a.Val
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: <%s %s=%q>", pagePath, tok.Data, a.Key, a.Val)
				}
				if (a.Key == "href" || a.Key == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
					t.Errorf("%s: <%s %s=%q>", pagePath, tok.Data, a.Key, a.Val)
				}
			}
			switch tok.Data {
			case "script":
				switch {
				case attrs["type"] == "application/json" && strings.HasPrefix(attrs["id"], "c") && strings.HasSuffix(attrs["id"], "-option"):
					inOption = true
				case attrs["type"] == "" && path.Base(attrs["src"]) == "site.js" && !external(attrs["src"]):
				default:
					t.Errorf("%s: a script that is not the site's: %s", pagePath, tok.String())
				}
			case "img", "iframe", "object", "embed", "base", "form":
				if tok.Data != "img" || external(attrs["src"]) || attrs["src"] == "x" {
					t.Errorf("%s: %s", pagePath, tok.String())
				}
			}
		}
	}
}

// holds reports whether a decoded JSON value has a string containing s.
func holds(v any, s string) bool {
	switch v := v.(type) {
	case string:
		return strings.Contains(v, s)
	case []any:
		for _, x := range v {
			if holds(x, s) {
				return true
			}
		}
	case map[string]any:
		for _, x := range v {
			if holds(x, s) {
				return true
			}
		}
	}
	return false
}
