package build

import (
	"os"
	"path/filepath"

	"kaoping/generator/manifest"
)

// writeManifest writes manifest.json at the root of the staged output
// dir: the kaoping version, the sha256 of config.toml and of every file of
// the data and templates folders, and of every file rec saw written. It
// is written last and lists itself nowhere.
func writeManifest(p *Project, dir, out string, rec *manifest.Recorder, version string) error {
	cfg, err := manifest.HashFile(p.Config.Path)
	if err != nil {
		return err
	}
	inputs, err := manifest.HashInputs(p.Config.Dir, []string{p.Config.DataDir, p.Config.TemplatesDir}, p.Config.OutputDir, out)
	if err != nil {
		return err
	}
	js, err := rec.MarshalManifest(version, cfg, inputs)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, manifest.FileName), js, 0o644)
}
