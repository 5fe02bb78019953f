package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"kaoping/generator/diag"
	"kaoping/generator/period"
	"kaoping/internal/inputfile"
	"kaoping/internal/parallel"
)

// relDir is the data folder as messages name it ("data").
func (r *Record) relDir() string { return path.Dir(r.rel) }

// keptRel is the path of a kept results file as messages name it.
func (r *Record) keptRel(period string, n int, scheme string) string {
	return path.Join(r.relDir(), VersionFile(period, n, scheme))
}

// Verify checks the results kept for every version of every period of the
// record (data/published/<P>/v<N>/<scheme>.json, the ground of the
// correction notices) against the sha256 the record holds for them, and
// that data/published/<P>/ holds no version the record does not know (a
// version deleted from the record). Each file missing or changed, and each
// such version folder, is an error naming it. Withdrawn periods are
// checked too: their kept results stay part of the record.
func (r *Record) Verify() diag.List {
	type job struct {
		p    *Period
		v    *Version
		s    string
		want string
		prob *diag.Problem
	}
	var jobs []*job
	for _, p := range r.Periods {
		for _, v := range p.Versions {
			for _, s := range slices.Sorted(maps.Keys(v.Results)) {
				jobs = append(jobs, &job{p: p, v: v, s: s, want: v.Results[s]})
			}
		}
	}
	parallel.For(len(jobs), func(i int) {
		j := jobs[i]
		rel := r.keptRel(j.p.ID, j.v.N, j.s)
		b, err := inputfile.Read(filepath.Join(r.dataDir, filepath.FromSlash(VersionFile(j.p.ID, j.v.N, j.s))))
		var l diag.List
		switch {
		case os.IsNotExist(err):
			l.Errorf(diag.Pos{File: rel}, "考核期 %[1]s 第 %[2]d 版公示结果（方案 %[3]s）的存档缺失；更正说明依据这些存档，请从版本库恢复该文件",
				"the kept results of version %[2]d of period %[1]s (scheme %[3]s) are missing; the correction notices rest on them: restore the file from version control",
				j.p.ID, j.v.N, j.s)
		case err != nil:
			zh, en := inputfile.Describe(err)
			l.Errorf(diag.Pos{File: rel}, "考核期 %[1]s 第 %[2]d 版公示结果的存档无法读取：%[3]s", "the kept results of version %[2]d of period %[1]s cannot be read: %[4]s",
				j.p.ID, j.v.N, zh, en)
		default:
			sum := sha256.Sum256(b)
			if hex.EncodeToString(sum[:]) != j.want {
				l.Errorf(diag.Pos{File: rel}, "考核期 %[1]s 第 %[2]d 版公示结果（方案 %[3]s）的存档已被改动：其 sha256 与 %[4]s 中的记录不同；公示过的结果和更正说明依据这些存档，不能修改，请从版本库恢复该文件",
					"the kept results of version %[2]d of period %[1]s (scheme %[3]s) were changed: their sha256 differs from the one in %[4]s; published results and the correction notices rest on them and must not change: restore the file from version control",
					j.p.ID, j.v.N, j.s, r.rel)
			}
		}
		if len(l) > 0 {
			j.prob = &l[0]
		}
	})
	var problems diag.List
	for _, j := range jobs {
		if j.prob != nil {
			problems.Add(*j.prob)
		}
	}
	for _, p := range r.Periods {
		known := map[int]bool{}
		for _, v := range p.Versions {
			known[v.N] = true
		}
		for _, n := range r.keptVersions(p.ID) {
			if !known[n] {
				problems.Errorf(diag.Pos{File: path.Join(r.relDir(), Folder, p.ID, "v"+strconv.Itoa(n))},
					"%[3]s 中考核期 %[1]s 没有第 %[2]d 版，但这里保存着该版的公示结果：公示记录被删改过；请从版本库恢复 %[3]s",
					"%[3]s has no version %[2]d of period %[1]s, but the results of that version are kept here: the record was edited; restore %[3]s from version control",
					p.ID, n, r.rel)
			}
		}
	}
	return problems
}

// keptVersions lists the version numbers N of the folders
// data/published/<id>/v<N>, sorted.
func (r *Record) keptVersions(id string) []int {
	entries, err := inputfile.ReadDir(filepath.Join(r.dataDir, Folder, id))
	if err != nil {
		return nil
	}
	var out []int
	for _, e := range entries {
		if n, err := strconv.Atoi(strings.TrimPrefix(e.Name(), "v")); err == nil && e.IsDir() && strings.HasPrefix(e.Name(), "v") && n > 0 {
			out = append(out, n)
		}
	}
	sort.Ints(out)
	return out
}

// Orphans lists the periods whose published results are kept in
// data/published/<P>/v<N>/ but which the record does not name: periods
// whose entry was deleted from published.toml. Folders whose name is not a
// period id, hidden ones, and those that keep no version are left alone.
func (r *Record) Orphans() []string {
	entries, err := inputfile.ReadDir(filepath.Join(r.dataDir, Folder))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		if _, err := period.Parse(name); err != nil {
			continue
		}
		if r.Find(name) == nil && len(r.keptVersions(name)) > 0 {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// OrphanProblems reports each of Orphans as an error naming the period
// and saying how to withdraw it.
func (r *Record) OrphanProblems() diag.List {
	var problems diag.List
	for _, id := range r.Orphans() {
		problems.Errorf(diag.Pos{File: path.Join(r.relDir(), Folder, id)},
			"这里保存着考核期 %[1]s 已公示的结果，但 %[2]s 中没有这一期的记录：公示记录不能悄悄删除。请从版本库恢复 %[2]s；如确需撤回该期公示，运行 kaoping publish %[1]s --withdraw \"撤回原因\"",
			"the published results of period %[1]s are kept here, but %[2]s has no record of it: a period cannot be removed from the publication record silently. Restore %[2]s from version control; to withdraw the publication, run kaoping publish %[1]s --withdraw \"reason\"",
			id, r.rel)
	}
	return problems
}

// Recover gives the orphan period id (Orphans) an entry rebuilt from its
// kept results, one Recovered version per folder v<N> with the sha256 of
// each of its files, so that it can be withdrawn and its kept results are
// checked from then on. It has no dates and no input hashes: those went
// with the deleted entry.
func (r *Record) Recover(id string) error {
	if r.Find(id) != nil {
		return nil
	}
	p := &Period{ID: id}
	for _, n := range r.keptVersions(id) {
		v := &Version{N: n, Recovered: true, Inputs: map[string]string{}, Results: map[string]string{}}
		dir := filepath.Join(r.dataDir, Folder, id, "v"+strconv.Itoa(n))
		entries, err := inputfile.ReadDir(dir)
		if err != nil {
			return err
		}
		for _, e := range entries {
			scheme, ok := strings.CutSuffix(e.Name(), ".json")
			if !ok || e.IsDir() || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			b, err := inputfile.Read(filepath.Join(dir, e.Name()))
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			v.Results[scheme] = hex.EncodeToString(sum[:])
		}
		p.Versions = append(p.Versions, v)
	}
	r.Periods = append(r.Periods, p)
	return nil
}

// KeptFolder reports whether data/published/<id>/ keeps the results of a
// version.
func (r *Record) KeptFolder(id string) bool { return len(r.keptVersions(id)) > 0 }
