package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"kaoping/generator/diag"
	"kaoping/generator/manifest"
)

// The output folder (SPEC §2). A build writes a complete new site into a
// folder beside the output, then swaps it in with one rename, so a reader
// (a web server, a browser, a copy to the intranet) sees the old site or
// the new one, never a mix, and no file it holds open is written over.
// What a build refuses to replace, and where it leaves its folders:
//
//	<parent>/<name>                      the output (or the target of the link <name>)
//	<parent>/.<name>.kaoping-lock        the lock: one build per output at a time
//	<parent>/.<name>.kaoping-new-*       the site being built; after the swap, the previous site being removed
//
// A build removes the .<name>.kaoping-new-* folders that an interrupted
// build left behind once it holds the lock.

// outFolder is where a build writes.
type outFolder struct {
	// Dir is the folder whose content is replaced: the output folder,
	// or the folder a symbolic link at the output path points to.
	Dir string
	// Shown names the output in messages, as the user gave it.
	Shown string
}

func (o *outFolder) parent() string { return filepath.Dir(o.Dir) }
func (o *outFolder) base() string   { return filepath.Base(o.Dir) }

// newPrefix is the name prefix of the folders a build writes into.
func (o *outFolder) newPrefix() string { return "." + o.base() + ".kaoping-new-" }

// lockPath is the lock file of the output.
func (o *outFolder) lockPath() string {
	return filepath.Join(o.parent(), "."+o.base()+".kaoping-lock")
}

// inputs are the folders and files a build must never replace.
type inputs struct {
	site, config, data, templates string
}

// resolveOutput checks the output path out against the rules of SPEC §2
// and returns where to write. Nothing is created or changed. shown names
// out in messages.
func resolveOutput(out, shown string, in inputs) (*outFolder, diag.List) {
	var problems diag.List
	pos := diag.Pos{File: shown}
	abs, err := filepath.Abs(out)
	if err != nil {
		problems.Errorf(pos, "无法确定输出目录的位置：%v", "cannot tell where the output folder is: %v", err)
		return nil, problems
	}
	dir := abs
	if st, err := os.Lstat(abs); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		// A symbolic link stays a link: the new site goes where it points.
		target, err := filepath.EvalSymlinks(abs)
		if err != nil {
			problems.Errorf(pos, "输出目录是一个符号链接，但它指向的位置不存在或无法访问（%v）；请先创建链接指向的目录，或改用 --out 指定目录",
				"the output folder is a symbolic link whose target does not exist or cannot be reached (%v); create the folder it points to, or choose another with --out", err)
			return nil, problems
		}
		dir = target
	} else if err == nil {
		// An existing output is resolved too, so that an output inside a
		// linked folder is compared with the inputs where it really is.
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			dir = real
		}
	} else if parent, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		dir = filepath.Join(parent, filepath.Base(abs))
	}
	o := &outFolder{Dir: dir, Shown: shown}
	if p := checkOutput(o, in); p != nil {
		problems.Add(*p)
	}
	return o, problems
}

// checkOutput applies the refusals of SPEC §2 to the output as it is now.
func checkOutput(o *outFolder, in inputs) *diag.Problem {
	var l diag.List
	pos := diag.Pos{File: o.Shown}
	st, err := os.Stat(o.Dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		l.Errorf(pos, "无法读取输出目录：%v", "cannot read the output folder: %v", err)
	case !st.IsDir():
		l.Errorf(pos, "输出位置 %s 是一个文件，不是目录；kaoping 不会覆盖它。请用 --out 指定一个目录（例如 public）",
			"the output %s is a file, not a folder; kaoping will not replace it. Choose a folder with --out (e.g. public)", o.Shown)
	}
	if len(l) > 0 {
		return &l[0]
	}
	for _, x := range []struct {
		path, zh, en string
		exact        bool // only the path itself, not what is under it
	}{
		{in.site, "站点目录（config.toml 所在目录）", "the site folder (the folder of config.toml)", true},
		{in.config, "config.toml", "config.toml", false},
		{in.data, "数据目录", "the data folder", false},
		{in.templates, "模板目录", "the templates folder", false},
	} {
		if x.path == "" {
			continue
		}
		p := realPath(x.path)
		if same(o.Dir, p) || (!x.exact && within(o.Dir, p)) || within(p, o.Dir) {
			l.Errorf(pos, "输出目录 %[1]s 与%[2]s重叠，生成会覆盖站点的输入；kaoping 不会这样做。请把 output_dir 或 --out 设为单独的目录，例如 public",
				"the output folder %[1]s overlaps %[3]s, and a build would replace the site's inputs; kaoping will not do that. Set output_dir or --out to a folder of its own, e.g. public",
				o.Shown, x.zh, x.en)
			return &l[0]
		}
	}
	if st != nil {
		entries, err := os.ReadDir(o.Dir)
		if err != nil {
			l.Errorf(pos, "无法读取输出目录：%v", "cannot read the output folder: %v", err)
			return &l[0]
		}
		if len(entries) > 0 && !writtenByKaoping(o.Dir) {
			l.Errorf(pos, "输出目录 %s 不是空目录，也不是 kaoping 生成的网站（没有 kaoping 的 manifest.json）；为免误删其中的文件，kaoping 不会替换它。请换一个空目录或新目录（--out），或确认后手动清空它",
				"the output folder %s is not empty and is not a site kaoping wrote (it has no kaoping manifest.json); so as not to delete its files, kaoping will not replace it. Choose an empty or new folder (--out), or empty it yourself",
				o.Shown)
			return &l[0]
		}
	}
	return nil
}

// writtenByKaoping reports whether dir holds a manifest.json that
// kaoping wrote: a site or an unzipped bundle.
func writtenByKaoping(dir string) bool {
	m, err := manifest.Read(dir)
	return err == nil && m.Kaoping != "" && m.Outputs != nil
}

// realPath is p with its symbolic links resolved, as far as it exists.
func realPath(p string) string {
	p = filepath.Clean(p)
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	if parent := filepath.Dir(p); parent != p {
		return filepath.Join(realPath(parent), filepath.Base(p))
	}
	return p
}

// same reports whether a and b name the same place.
func same(a, b string) bool { return filepath.Clean(a) == filepath.Clean(b) }

// within reports whether p is strictly inside dir.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// removeLeftovers removes what interrupted builds of o left beside it:
// folders being built, and previous sites being removed. The caller holds
// the lock, so none of them belongs to a build still running. Where the
// swap takes two renames (not Linux), a build killed between them left
// the previous site aside and no output: it is put back first.
func removeLeftovers(o *outFolder) error {
	entries, err := os.ReadDir(o.parent())
	if err != nil {
		return err
	}
	if _, err := os.Lstat(o.Dir); errors.Is(err, fs.ErrNotExist) {
		for _, e := range entries {
			name := filepath.Join(o.parent(), e.Name())
			if e.IsDir() && strings.HasPrefix(e.Name(), o.newPrefix()) && strings.HasSuffix(e.Name(), "-old") && writtenByKaoping(name) {
				if os.Rename(name, o.Dir) == nil {
					break
				}
			}
		}
		if entries, err = os.ReadDir(o.parent()); err != nil {
			return err
		}
	}
	var errs []error
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), o.newPrefix()) {
			if err := os.RemoveAll(filepath.Join(o.parent(), e.Name())); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// removeLegacyCache removes the build cache that kaoping versions with
// incremental builds kept in the site folder (.kaoping/cache: the cache,
// its move journal and its pool of old files), and .kaoping itself when
// nothing else is in it.
func removeLegacyCache(siteDir string) {
	dir := filepath.Join(siteDir, ".kaoping")
	if _, err := os.Stat(filepath.Join(dir, "cache")); err != nil {
		return
	}
	if os.RemoveAll(filepath.Join(dir, "cache")) == nil {
		os.Remove(dir) // only if empty
	}
}

// staging is the folder a build writes the new site into.
type staging struct {
	Dir string
	out *outFolder
}

// newStaging creates the folder beside the output (same file system, so
// the swap is a rename).
func newStaging(o *outFolder) (*staging, error) {
	if err := os.MkdirAll(o.parent(), 0o755); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(o.parent(), o.newPrefix())
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &staging{Dir: dir, out: o}, nil
}

// swap puts the new site in place of the output with one rename and
// returns the folder that now holds the previous site ("" when there was
// none), for the caller to remove. Where the system can exchange two
// folders in one step (Linux) it does; elsewhere the previous site is
// renamed aside first and put back if the second rename fails.
func (s *staging) swap() (old string, err error) {
	target := s.out.Dir
	if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(s.Dir, target)
	}
	if exchange(s.Dir, target) == nil {
		return s.Dir, nil // s.Dir now holds the previous site
	}
	old = s.Dir + "-old"
	if err := os.Rename(target, old); err != nil {
		return "", err
	}
	if err := os.Rename(s.Dir, target); err != nil {
		if rerr := os.Rename(old, target); rerr != nil {
			return "", fmt.Errorf("%w; and the previous site could not be put back from %s: %v", err, old, rerr)
		}
		return "", err
	}
	return old, nil
}

// abort removes the folder; the output is untouched.
func (s *staging) abort() { os.RemoveAll(s.Dir) }
