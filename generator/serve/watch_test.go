package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIgnoredName: what editors, spreadsheets and file managers leave
// beside a file is ignored; every name a build reads, and a period
// folder named after a year, is not.
func TestIgnoredName(t *testing.T) {
	for _, name := range []string{
		".DS_Store", ".2024-Q1.csv.swp", ".#config.toml", ".~lock.2024-Q1.xlsx#", // hidden
		"~$2024-Q1.xlsx", "entities.csv~", "entities.csv.bak", "#2025-Q2.md#", // lock, backups, emacs auto-save
		"2024-Q1.csv.swp", "2024-Q1.csv.swo", "2024-Q1.csv.swx", "2024-Q1.CSV.SWP", // vim swap files elsewhere
		"~WRL0001.tmp", "2024-Q1.xlsx.tmp", "x.temp", // Word, LibreOffice and other temporary files
		"4913", "5036", "5159", // vim's test of the folder
		"3A1B5C00", "deadbeef", // Excel's temporary copy
		"Thumbs.db", "desktop.ini",
	} {
		if !ignoredName(name) {
			t.Errorf("ignoredName(%q) = false, want true", name)
		}
	}
	for _, name := range []string{
		"config.toml", "entities.csv", "2024-Q1.csv", "2024-Q1.xlsx", "2025-Q2.md", "footer.html",
		"periods", "notes", "2024", "2025", "4912", "4914", "2024-H1", "2026-03",
		"#", // one character: not a pair of #…#
	} {
		if ignoredName(name) {
			t.Errorf("ignoredName(%q) = true, want false", name)
		}
	}
}

// TestServeIgnoresEditorFiles: temporary files written in every watched
// folder start no load and print no "changed" line; the real file saved
// with them is the one change reported.
func TestServeIgnoresEditorFiles(t *testing.T) {
	t.Parallel()
	s := startSite(t, nil)
	events := s.subscribe()
	s.wait(events, "hello")
	if err := os.MkdirAll(filepath.Join(s.dir, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	// The templates folder is new: it is watched after the load it causes.
	s.wait(events, "reload")
	before := strings.Count(s.log.String(), "检测到改动")

	temps := []string{
		"data/4913", "data/periods/4913", "data/notes/5036",
		"data/periods/.2025-Q2.csv.swp", "data/periods/2025-Q2.csv.swx", "data/periods/2025-Q2.csv~",
		"data/periods/~$2025-Q2.xlsx", "data/periods/2025-Q2.xlsx.tmp", "data/periods/3A1B5C00",
		"data/notes/#2025-Q2.md#", "data/notes/.#2025-Q2.md", "data/.DS_Store", "data/entities.csv.bak",
		"templates/footer.html~", "templates/.footer.html.swp", "templates/Thumbs.db",
		".config.toml.swp", "config.toml~", "#config.toml#",
	}
	for _, rel := range temps {
		s.write(rel, "temporary")
	}
	// Editors remove them when the save is done (a backup left in
	// data/periods would be refused by the load, as any file that is not
	// a period's).
	for _, rel := range temps {
		if err := os.Remove(filepath.Join(s.dir, filepath.FromSlash(rel))); err != nil {
			t.Fatal(err)
		}
	}
	// The real save, after the temporary files: had any of them counted,
	// the load would name it (the first change names a load) or there
	// would be more than one.
	s.write("data/notes/2025-Q2.md", "# 说明\n\n保存后的说明。\n")
	s.wait(events, "reload")
	log := s.log.String()
	changes := strings.Count(log, "检测到改动") - before
	if changes != 1 || !strings.Contains(log, "检测到改动：data/notes/2025-Q2.md") {
		t.Errorf("%d changes after the editor files and one save, want 1 naming data/notes/2025-Q2.md; log:\n%s", changes, log)
	}
	if _, page := s.get("/periods/2025-Q2.html"); !strings.Contains(page, "保存后的说明。") {
		t.Errorf("the saved note is not on the period page")
	}
}
