package build

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"kaoping/generator/report"
)

// keyInputs hashes what report.Keys needs: the global inputs (everything
// but the period data files and the notes, which the keys take from the
// model) and each plain period's data files.
func (p *Project) keyInputs(version string) (report.KeyInputs, error) {
	in := report.KeyInputs{Period: map[string]string{}}
	periodFiles := map[string]bool{}
	for _, pd := range p.Data.Periods {
		if pd.Derived {
			continue
		}
		h := newPartsHash()
		for _, f := range pd.Files {
			abs, err := filepath.Abs(filepath.Join(p.Config.Dir, filepath.FromSlash(f)))
			if err != nil {
				return in, err
			}
			periodFiles[abs] = true
			sum, err := fileSum(abs)
			if err != nil {
				return in, err
			}
			h.add(filepath.ToSlash(f), sum)
		}
		in.Period[pd.ID] = h.sum()
	}

	g := newPartsHash()
	exe, err := executableSum()
	if err != nil {
		return in, err
	}
	g.add("kaoping", exe, version)
	cfg, err := fileSum(p.Config.Path)
	if err != nil {
		return in, err
	}
	g.add("config", cfg)
	notes := filepath.Join(p.Config.DataDir, "notes")
	for _, root := range []string{p.Config.DataDir, p.Config.TemplatesDir} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) && path == root {
					return nil
				}
				return err
			}
			abs, err := filepath.Abs(path)
			if err != nil {
				return err
			}
			if d.IsDir() || periodFiles[abs] {
				return nil
			}
			if filepath.Dir(path) == notes && strings.HasSuffix(path, ".md") {
				return nil // a period's note: in the keys through the model
			}
			sum, err := fileSum(path)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(p.Config.Dir, path)
			g.add(filepath.ToSlash(rel), d.Type().String(), sum)
			return nil
		})
		if err != nil {
			return in, err
		}
	}
	// What this build shows: the language, the bundles, and the entities
	// and schemes left after a sharing filter (build options, not files).
	g.add("lang", p.Config.Language, "bundles", strconv.FormatBool(p.bundles))
	for _, e := range p.Data.Entities.All {
		g.add("entity", e.ID, e.Name, e.Kind, e.Parent, e.Group, strconv.Itoa(e.Order))
	}
	for _, s := range p.Config.Schemes {
		g.add("scheme", s.ID)
	}
	in.Global = g.sum()
	return in, nil
}

// partsHash hashes length-prefixed strings.
type partsHash struct{ h hash.Hash }

func newPartsHash() *partsHash { return &partsHash{sha256.New()} }

func (p *partsHash) add(parts ...string) {
	var n [8]byte
	for _, s := range parts {
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		p.h.Write(n[:])
		io.WriteString(p.h, s)
	}
}

func (p *partsHash) sum() string { return hex.EncodeToString(p.h.Sum(nil)) }

// fileSum is the hex sha256 of a file's bytes.
func fileSum(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

var exeSum struct {
	once sync.Once
	sum  string
	err  error
}

// executableSum is the sha256 of the running program: the page code and
// the built-in templates are part of it, so a new kaoping rebuilds
// everything. Computed once per process.
func executableSum() (string, error) {
	exeSum.once.Do(func() {
		exe, err := os.Executable()
		if err != nil {
			exeSum.err = err
			return
		}
		exeSum.sum, exeSum.err = fileSum(exe)
	})
	return exeSum.sum, exeSum.err
}
