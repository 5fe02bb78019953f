package e2e

import (
	"fmt"
	"hash/fnv"
	"html"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// site is a built site as the browser reaches it: a root URL (file:// or
// http://host/sub/path/, ending in "/") and the folder it shows.
type site struct {
	Root *url.URL
	Dir  string
}

// fileSite is the site in dir opened from file://.
func fileSite(dir string) site {
	return site{Root: &url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}, Dir: dir}
}

// rel returns the path of u inside the site, or ok = false when u is not
// on the site (another scheme, host, or a path above the root).
func (s site) rel(u *url.URL) (rel string, ok bool) {
	if u.Scheme != s.Root.Scheme || u.Host != s.Root.Host || !strings.HasPrefix(u.Path, s.Root.Path) {
		return "", false
	}
	return strings.TrimPrefix(u.Path, s.Root.Path), true
}

// outside says why a request URL is not one of the site's files, or "".
// data: and blob: URLs are the page's own.
func (s site) outside(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "unparsable URL"
	}
	switch u.Scheme {
	case "data", "blob":
		return ""
	}
	if _, ok := s.rel(u); !ok {
		return "not under " + s.Root.String()
	}
	return ""
}

// pageURL is the URL of a site path.
func (s site) pageURL(rel string) string {
	return s.Root.ResolveReference(&url.URL{Path: rel}).String()
}

// sampling chooses which reached pages the browser opens. Every page is
// still checked to exist and its links are followed; a page not opened has
// its links read from its HTML.
type sampling struct {
	// PerKind pages of each kind (see pageKind) are always opened, the
	// first ones reached.
	PerKind int
	// Every: of the other pages, those whose path hashes to 0 modulo Every
	// are opened too. 0 or 1 opens every page.
	Every uint32
}

// fullCrawl reports whether KAOPING_E2E_ALL asks to open every page.
func fullCrawl() bool { return os.Getenv("KAOPING_E2E_ALL") != "" }

// sampled returns smp, or a sampling that opens every page when
// KAOPING_E2E_ALL is set, or under go test -short one page of each kind
// (every page is still reached and its links checked).
func sampled(smp sampling) sampling {
	switch {
	case fullCrawl():
		return sampling{}
	case testing.Short():
		return sampling{PerKind: 1, Every: math.MaxUint32}
	}
	return smp
}

// crawlBudget is the time a crawl may spend opening pages: d, or 25
// minutes when KAOPING_E2E_ALL asks for every page (run that with go test
// -timeout 30m), or at most 30 s under go test -short.
func crawlBudget(d time.Duration) time.Duration {
	switch {
	case fullCrawl():
		return 25 * time.Minute
	case testing.Short():
		return min(d, 30*time.Second)
	}
	return d
}

// crawlResult is what a crawl found.
type crawlResult struct {
	Opened, Read int                 // pages opened in the browser / only read
	OverBudget   int                 // pages chosen to be opened but not, for lack of time
	Budget       time.Duration       // the time allowed for opening pages
	Kinds        map[string]int      // opened pages per kind
	Problems     map[string][]string // site path -> problems
	Orphans      []string            // pages not reached from index.html
	External     []string            // links to other sites (allowed, listed)
	Charts       int                 // charts checked
	Requests     int                 // requests seen
	Slowest      []timedPage         // the slowest pages opened, slowest first
}

// timedPage is a page and how long it took to load and draw.
type timedPage struct {
	Path string
	Took time.Duration
}

// crawl starts at index.html and follows every link of the site: each
// linked file must exist, and each page reached is opened in tb (or
// sampled, see sampling) and checked. Pages that exist but are not
// reached are then checked too, and listed as orphans. Once deadline has
// passed no more pages are opened, so a slow machine gives a smaller
// sample (logged) rather than a hung or failed test.
func crawl(t *testing.T, tb *tab, s site, smp sampling, deadline time.Duration) *crawlResult {
	t.Helper()
	res := &crawlResult{Kinds: map[string]int{}, Problems: map[string][]string{}, Budget: deadline}
	add := func(page, format string, args ...any) {
		res.Problems[page] = append(res.Problems[page], fmt.Sprintf(format, args...))
	}
	queued := map[string]bool{"index.html": true}
	queue := []string{"index.html"}
	external := map[string]bool{}
	start := time.Now()
	kindSeen := map[string]int{}
	orphansAdded := false
	for len(queue) > 0 || !orphansAdded {
		if len(queue) == 0 {
			orphansAdded = true
			for _, p := range htmlFiles(t, s.Dir) {
				if !queued[p] {
					queued[p] = true
					queue = append(queue, p)
					res.Orphans = append(res.Orphans, p)
				}
			}
			continue
		}
		rel := queue[0]
		queue = queue[1:]
		local := filepath.Join(s.Dir, filepath.FromSlash(rel))
		if _, err := os.Stat(local); err != nil {
			// Reported on the pages that link to it; index.html has none.
			if rel == "index.html" {
				add(rel, "the home page does not exist")
			}
			continue
		}
		kind := pageKind(rel)
		var links []string
		open := smp.Every <= 1 || kindSeen[kind] < smp.PerKind || hash32(rel)%smp.Every == 0
		if open && time.Since(start) > deadline {
			// Out of time (a slow or busy machine): the links of the rest
			// are still followed and checked, the pages are not opened.
			res.OverBudget++
			open = false
		}
		if open {
			kindSeen[kind]++
			v := tb.visit(s.pageURL(rel))
			res.Opened++
			res.Slowest = append(res.Slowest, timedPage{rel, v.Took})
			res.Charts += v.Charts
			res.Requests += len(v.Requests)
			for _, p := range v.Problems {
				add(rel, "%s", p)
			}
			links = v.Links
		} else {
			res.Read++
			links = staticLinks(t, local, s.pageURL(rel))
		}
		for _, raw := range links {
			u, err := url.Parse(raw)
			if err != nil {
				add(rel, "unparsable link %q", raw)
				continue
			}
			u.Fragment, u.RawFragment = "", ""
			target, ok := s.rel(u)
			switch {
			case !ok && (u.Scheme == s.Root.Scheme && u.Host == s.Root.Host):
				add(rel, "link leaves the site root: %s", raw)
				continue
			case !ok && u.Scheme == "javascript":
				add(rel, "javascript: link %s", raw)
				continue
			case !ok:
				external[u.String()] = true
				continue
			case target == "" || strings.HasSuffix(target, "/"):
				add(rel, "link to a folder, which works on a web server only, not from file://: %s", raw)
				continue
			}
			if _, err := os.Stat(filepath.Join(s.Dir, filepath.FromSlash(target))); err != nil {
				add(rel, "broken link: %s does not exist", target)
				continue
			}
			if strings.HasSuffix(target, ".html") && !queued[target] {
				queued[target] = true
				queue = append(queue, target)
			}
		}
	}
	for k, n := range kindSeen {
		res.Kinds[k] = n
	}
	for u := range external {
		res.External = append(res.External, u)
	}
	sort.Strings(res.External)
	sort.SliceStable(res.Slowest, func(i, j int) bool { return res.Slowest[i].Took > res.Slowest[j].Took })
	res.Slowest = res.Slowest[:min(5, len(res.Slowest))]
	return res
}

// report fails the test with the crawl's problems, grouped by problem so
// that one fault shared by a hundred pages reads as one line, and logs
// what was checked.
func (r *crawlResult) report(t *testing.T, name string) {
	t.Helper()
	kinds := make([]string, 0, len(r.Kinds))
	for k, n := range r.Kinds {
		kinds = append(kinds, k+" ×"+strconv.Itoa(n))
	}
	sort.Strings(kinds)
	t.Logf("%s: opened %d pages (%d charts, %d requests), followed the links of %d more without opening them; kinds opened:\n  %s",
		name, r.Opened, r.Charts, r.Requests, r.Read, strings.Join(kinds, "\n  "))
	if r.OverBudget > 0 {
		t.Logf("%s: WARNING: the crawl ran out of its %s budget: %d pages of the sample were not opened, only their links checked (a busy machine, or pages got slower)", name, r.Budget, r.OverBudget)
	}
	var slow []string
	for _, p := range r.Slowest {
		slow = append(slow, fmt.Sprintf("%s %s", p.Path, p.Took.Round(time.Millisecond)))
	}
	t.Logf("%s: slowest pages: %s", name, strings.Join(slow, ", "))
	if len(r.Orphans) > 0 {
		t.Logf("%s: %d pages are not reached by links from index.html (checked anyway): %s", name, len(r.Orphans), sample(r.Orphans, 10))
	}
	if len(r.External) > 0 {
		t.Logf("%s: links to other sites (not requests, so allowed): %s", name, sample(r.External, 10))
	}
	byProblem := map[string][]string{}
	for page, ps := range r.Problems {
		for _, p := range ps {
			byProblem[p] = append(byProblem[p], page)
		}
	}
	problems := make([]string, 0, len(byProblem))
	for p := range byProblem {
		sort.Strings(byProblem[p])
		problems = append(problems, p)
	}
	sort.Slice(problems, func(i, j int) bool {
		a, b := byProblem[problems[i]], byProblem[problems[j]]
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		return problems[i] < problems[j]
	})
	const max = 60
	for i, p := range problems {
		if i == max {
			t.Errorf("%s: … and %d more distinct problems", name, len(problems)-max)
			break
		}
		pages := byProblem[p]
		t.Errorf("%s: %s: %s", name, sample(pages, 5), p)
	}
}

// sample lists the first n items and how many more there are.
func sample(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:n], ", ") + fmt.Sprintf(" (and %d more)", len(items)-n)
}

func hash32(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// htmlFiles lists the site's pages as sorted slash paths.
func htmlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for _, f := range treeFiles(t, dir) {
		if strings.HasSuffix(f, ".html") {
			out = append(out, f)
		}
	}
	return out
}

var hrefRE = regexp.MustCompile(`(?is)<a\s[^>]*?\bhref\s*=\s*"([^"]*)"`)

// staticLinks reads the <a href> of a page that is not opened, resolved
// against the page's URL (html/template always quotes attributes).
func staticLinks(t *testing.T, path, pageURL string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse(pageURL)
	var out []string
	for _, m := range hrefRE.FindAllSubmatch(b, -1) {
		ref, err := url.Parse(html.UnescapeString(string(m[1])))
		if err != nil {
			out = append(out, string(m[1]))
			continue
		}
		out = append(out, base.ResolveReference(ref).String())
	}
	return out
}

// pageKind names the kind of page at a site path by replacing the ids in
// it with what they are: schemes/basic/2024-Q1/zz-szq.html is
// "schemes/{scheme}/{period}/{entity}.html". Ids come from the demo's
// config and data, so the kinds follow the site whatever its layout.
func pageKind(rel string) string {
	ids := demoIDs()
	parts := strings.Split(rel, "/")
	for i, p := range parts {
		base, ext := p, ""
		if i == len(parts)-1 {
			ext = filepath.Ext(p)
			base = strings.TrimSuffix(p, ext)
		}
		if k, ok := ids[base]; ok {
			parts[i] = "{" + k + "}" + ext
		}
	}
	return strings.Join(parts, "/")
}

var demoIDCache map[string]string

// demoIDs maps every id of the demo (schemes, periods, indicators,
// entities) to what it is. The first kind wins when an id is two things.
func demoIDs() map[string]string {
	if demoIDCache != nil {
		return demoIDCache
	}
	m := map[string]string{}
	set := func(id, kind string) {
		if _, ok := m[id]; !ok && id != "index" {
			m[id] = kind
		}
	}
	p := demo.Project
	for _, s := range p.Config.Schemes {
		set(s.ID, "scheme")
	}
	for _, rs := range p.Results {
		for _, r := range rs {
			set(r.Period.ID, "period")
		}
	}
	for _, s := range p.Config.Schemes {
		for _, ind := range s.Indicators {
			set(ind.ID, "indicator")
		}
	}
	for _, e := range p.Data.Entities.All {
		set(e.ID, "entity")
	}
	demoIDCache = m
	return m
}
