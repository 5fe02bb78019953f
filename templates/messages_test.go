package templates

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"kaoping/generator/config"
	"kaoping/generator/report"
)

var (
	// msgCallRE finds the UI string look-ups t(ctx, …) and tf(ctx, …)
	// and their first argument.
	msgCallRE = regexp.MustCompile(`\b(t|tf)\(ctx, ([^,)]*)`)
	literalRE = regexp.MustCompile(`^"([^"\\]+)"$`)
	// toplistRE: the scheme overview passes its captions' keys to toplist.
	toplistRE = regexp.MustCompile(`@toplist\("([^"]+)"`)
	verbRE    = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
)

// TestMessagesUsedExist reads the components (*.templ) and the Go
// helpers beside them: every UI string key they look up is in the
// catalog, in Chinese and in English, with the same format verbs in both;
// every key of the catalog is looked up somewhere. A look-up whose key is
// not a literal must be one of those this test knows how to follow.
func TestMessagesUsedExist(t *testing.T) {
	sources, err := filepath.Glob("*.templ")
	if err != nil {
		t.Fatal(err)
	}
	gos, _ := filepath.Glob("*.go")
	for _, f := range gos {
		if !strings.HasSuffix(f, "_templ.go") && !strings.HasSuffix(f, "_test.go") {
			sources = append(sources, f)
		}
	}
	if len(sources) < 15 {
		t.Fatalf("only %d source files: %v", len(sources), sources)
	}
	used := map[string][]string{} // key -> where
	formats := map[string]bool{}  // keys used with tf
	use := func(key, where string, format bool) {
		used[key] = append(used[key], where)
		if format {
			formats[key] = true
		}
	}
	// The navigation's labels are "nav." + NavItem.Key, for the site's
	// navigation bar.
	var navKeys []string
	for _, item := range report.New(&config.Config{}, nil, nil).Site.Nav {
		navKeys = append(navKeys, "nav."+item.Key)
	}
	for _, f := range sources {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		for _, m := range toplistRE.FindAllStringSubmatch(src, -1) {
			use(m[1], f+" (toplist)", false)
		}
		for _, m := range msgCallRE.FindAllStringSubmatch(src, -1) {
			fn, arg := m[1], strings.TrimSpace(m[2])
			if lit := literalRE.FindStringSubmatch(arg); lit != nil {
				use(lit[1], f, fn == "tf")
				continue
			}
			switch {
			case f == "layout.templ" && arg == `"nav." + item.Key`:
				for _, k := range navKeys {
					use(k, f+" (navigation)", false)
				}
			case f == "schemes.templ" && arg == "title": // toplist's caption, above
			case f == "env.go" && arg == "key": // tf calls t
			default:
				t.Errorf("%s: %s(ctx, %s): a key this test cannot follow; look it up with a literal or teach the test", f, fn, arg)
			}
		}
	}
	if len(used) < 100 {
		t.Fatalf("only %d keys found in the sources: the scan is broken", len(used))
	}
	for key, where := range used {
		m, ok := messages[key]
		switch {
		case !ok:
			t.Errorf("%s: key %q is not in messages.go", where[0], key)
		case m.ZH == "" || m.EN == "":
			t.Errorf("%q: Chinese %q, English %q", key, m.ZH, m.EN)
		}
		zh, en := verbRE.FindAllString(m.ZH, -1), verbRE.FindAllString(m.EN, -1)
		if !slices.Equal(zh, en) {
			t.Errorf("%q: format verbs %v in Chinese, %v in English", key, zh, en)
		}
		if (len(zh) > 0) != formats[key] {
			t.Errorf("%q: %d format verbs, looked up with tf: %v", key, len(zh), formats[key])
		}
	}
	for key := range messages {
		if used[key] == nil {
			t.Errorf("messages.go: %q is used by no template", key)
		}
	}
}

// lookup and lookupf are t and tf, which a test's t hides.
var lookup, lookupf = t, tf

// TestMessageLanguages: t picks the page's language, tf formats, and a
// key missing from the catalog shows as itself rather than as nothing.
func TestMessageLanguages(t *testing.T) {
	for _, tc := range []struct{ lang, home, of string }{{"zh-CN", "首页", "第 2 名 / 共 6"}, {"en", "Home", "2 of 6"}} {
		ctx := context.WithValue(context.Background(), envKey{}, &pageEnv{Env: &Env{}, page: &report.Page{}, lang: tc.lang})
		if got := lookup(ctx, "nav.home"); got != tc.home {
			t.Errorf("%s: nav.home = %q, want %q", tc.lang, got, tc.home)
		}
		if got := lookupf(ctx, "sheet.of", 2, 6); got != tc.of {
			t.Errorf("%s: sheet.of = %q, want %q", tc.lang, got, tc.of)
		}
		if got := lookup(ctx, "no.such.key"); got != "no.such.key" {
			t.Errorf("%s: an unknown key shows as %q", tc.lang, got)
		}
	}
}
