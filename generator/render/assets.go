package render

import (
	"io/fs"
	"path"
	"sort"

	"kaoping/templates"
)

// Asset is one file of the site's assets/ folder.
type Asset struct {
	Path string // site path: "assets/site.css"
	Data []byte
}

// builtinAssets are the assets every site ships: stylesheet, site script,
// ECharts with its licence, favicon.
func builtinAssets() ([]Asset, error) {
	var out []Asset
	err := fs.WalkDir(templates.Assets, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templates.Assets, p)
		if err != nil {
			return err
		}
		out = append(out, Asset{Path: p, Data: b})
		return nil
	})
	return out, err
}

// isBuiltinAsset reports whether the site path p is one of the built-in
// assets.
func isBuiltinAsset(p string) bool {
	_, err := fs.Stat(templates.Assets, path.Clean(p))
	return err == nil
}

func sortAssets(as []Asset) {
	sort.Slice(as, func(i, j int) bool { return as[i].Path < as[j].Path })
}
