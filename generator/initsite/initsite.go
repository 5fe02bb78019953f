// Package initsite creates a new site folder (`kaoping init DIR`) from a
// small but complete example embedded in the binary: a config.toml whose
// comments explain every key in Chinese, entities (a city, four
// procuratorates, eight prosecutors), two quarters of data (one as a file,
// one as a folder of files) and a note. `kaoping build` builds it at once
// and `kaoping check` finds nothing to say about it.
package initsite

import (
	"embed"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"kaoping/generator/diag"
)

// skeleton is the example site; all: keeps its .gitignore.
//
//go:embed all:skeleton
var skeleton embed.FS

// Files returns the example site: its file system (rooted at the site
// folder) for callers that want to copy it elsewhere, e.g. tests.
func Files() fs.FS {
	sub, err := fs.Sub(skeleton, "skeleton")
	if err != nil {
		panic(err) // the embedded folder is always there
	}
	return sub
}

// Create writes the example site into dir, which must not exist or be an
// empty folder: a folder with anything in it is refused, so that init
// never overwrites a user's files. It returns the site paths written, in
// order. On failure nothing is left behind that was not there before
// (a folder Create made is removed again).
func Create(dir string) ([]string, diag.List) {
	var l diag.List
	made, err := prepare(dir)
	if err != nil {
		var ne *notEmptyError
		if errors.As(err, &ne) {
			l.Errorf(diag.Pos{File: dir}, "文件夹不是空的（其中有 %s 等），kaoping init 不会覆盖已有文件；请换一个新的文件夹名，或先清空该文件夹",
				"the folder is not empty (it holds %s and more); kaoping init never overwrites files: choose a new folder name or empty it first", ne.first)
		} else {
			l.Errorf(diag.Pos{File: dir}, "无法创建站点文件夹：%v；请检查路径和写入权限",
				"cannot create the site folder: %v; check the path and write permission", err)
		}
		return nil, l
	}
	var written []string
	err = fs.WalkDir(Files(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == "." {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.Mkdir(target, 0o755)
		}
		data, err := fs.ReadFile(Files(), p)
		if err != nil {
			return err
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return err
		}
		written = append(written, path.Clean(p))
		return nil
	})
	if err != nil {
		cleanup(dir, made)
		l.Errorf(diag.Pos{File: dir}, "无法写入示例站点：%v；请检查写入权限和磁盘空间",
			"cannot write the example site: %v; check write permission and free space", err)
		return nil, l
	}
	return written, nil
}

// notEmptyError says dir already has something in it.
type notEmptyError struct{ first string }

func (e *notEmptyError) Error() string { return "folder not empty: " + e.first }

// prepare makes sure dir exists and is empty; made tells whether it
// created it.
func prepare(dir string) (made bool, err error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return true, os.MkdirAll(dir, 0o755)
	case err != nil:
		return false, err
	case len(entries) > 0:
		return false, &notEmptyError{first: entries[0].Name()}
	}
	return false, nil
}

// cleanup undoes a failed Create: it removes dir if Create made it, or
// else empties it again (it was empty before).
func cleanup(dir string, made bool) {
	if made {
		os.RemoveAll(dir)
		return
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}
