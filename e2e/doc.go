// Package e2e holds kaoping's end-to-end tests. It has no code of its own:
// the tests build the demo site (config.toml and data/ at the repository
// root) through generator/build, once per test binary, and check the
// output as a user meets it.
//
//   - e2e_test.go: the site in headless Chromium, from file:// and from a web
//     server under a subpath (/sub/path/): starting at index.html and
//     following every link, each linked file exists, and each page opened
//     has no console error or uncaught exception, draws every chart
//     ([data-chart] holds a non-empty <svg> or <canvas>), requests nothing
//     but the site's own files (every request is intercepted; a foreign one
//     is failed and reported) and gets no HTTP error. The latest basic
//     ranking is printed to an A4 PDF. harness_test.go proves the crawler
//     reports each of these faults.
//   - axis_test.go: on a page of each kind and every ranking, comparison
//     and indicator page of each scheme's latest period (the rankings also
//     as printed on A4), no two tick labels ECharts laid out on one axis
//     overlap or come within 3 px (read from the chart's zrender elements;
//     a deliberately crowded chart proves the check finds it).
//   - determinism_test.go: two builds are byte-identical.
//   - atomic_test.go: a build writes only a .public.kaoping-new-* staging
//     folder (and the lock .public.kaoping-lock) beside the output, never
//     into the live output, and a failed build, on its input or while
//     writing pages, leaves the previous output as it was.
//   - serve_test.go: the pages served by kaoping serve, under its
//     Content-Security-Policy, load without a violation.
//   - xss_test.go: names, notes and descriptions holding HTML stay text.
//   - home_test.go: the home page at 1280×900 is at most about two screens
//     tall (1,900 px), and each scheme's switch shows its cumulative period
//     with CSS alone; on paper the latest period is shown.
//
// The demo has about 1,900 pages, mostly score sheets from one template,
// so the browser opens every page of the small kinds and a fixed sample of
// the large ones (the links of the others are still checked); the log of
// each crawl lists what was opened. Under go test -short a crawl opens one
// page of each kind (and still reaches and checks the links of every
// page). Environment:
//
//	KAOPING_CHROMIUM=PATH        the browser (default: chromium on PATH)
//	KAOPING_BROWSER_TESTS=required  fail, not skip, without a browser (CI)
//	KAOPING_SCREENSHOTS=DIR      save full-page PNGs of key pages and the PDF
//	KAOPING_E2E_ALL=1            open every page (slow: go test -timeout 30m)
package e2e
