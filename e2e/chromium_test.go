package e2e

import (
	"context"
	"os"
	"os/exec"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// chromiumPath finds the browser: $KAOPING_CHROMIUM, else `chromium` on
// PATH. Without one, or under go test -short, the test is skipped; it
// fails instead when the environment says the browser tests are required
// (CI).
func chromiumPath(t *testing.T) string {
	t.Helper()
	if testing.Short() && os.Getenv("KAOPING_BROWSER_TESTS") != "required" {
		t.Skip("browser test skipped under go test -short")
	}
	path := os.Getenv("KAOPING_CHROMIUM")
	if path != "" {
		if _, err := os.Stat(path); err != nil {
			noBrowser(t, "KAOPING_CHROMIUM="+path+": "+err.Error())
		}
		return path
	}
	path, err := exec.LookPath("chromium")
	if err != nil {
		noBrowser(t, "chromium is not on PATH (apt-get install chromium fonts-noto-cjk, or set KAOPING_CHROMIUM)")
	}
	return path
}

func noBrowser(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("KAOPING_BROWSER_TESTS") == "required" {
		t.Fatalf("browser tests are required (KAOPING_BROWSER_TESTS=required) but %s", why)
	}
	t.Skipf("browser test skipped: %s", why)
}

// browser is the one headless Chromium of the test binary, started by
// the first test that needs it (a start costs two to four seconds) and
// closed by TestMain; each test opens its own tabs in it (newTab), which
// close when the test ends.
var browser struct {
	once    sync.Once
	ctx     context.Context
	close   func()
	profile string
	err     error
}

// newBrowser returns the context of the shared browser, starting it on
// first use with a fresh profile.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath(t)
	browser.once.Do(func() { browser.err = startBrowser(path) })
	if browser.err != nil {
		t.Fatalf("starting %s: %v", path, browser.err)
	}
	return browser.ctx
}

func startBrowser(path string) error {
	// Not t.TempDir: Chromium may still write into its profile while it
	// shuts down, and a failed removal would fail the test.
	profile, err := os.MkdirTemp("", "kaoping-chromium-")
	if err != nil {
		return err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests may run as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true), // small /dev/shm in containers
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	browser.ctx, browser.profile = ctx, profile
	browser.close = func() {
		cancel()
		acancel()
		os.RemoveAll(profile)
	}
	// The first Do starts the browser and binds its life to the context it
	// gets, so it must be ctx itself, not one with a timeout.
	if err := chromedp.Do(ctx); err != nil {
		browser.close()
		return err
	}
	return nil
}

// closeBrowser ends the shared browser, if it was started.
func closeBrowser() {
	if browser.close != nil {
		browser.close()
	}
}
