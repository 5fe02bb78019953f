package build

import (
	"path/filepath"
	"strings"

	"kaoping/generator/diag"
	"kaoping/generator/manifest"
	"kaoping/generator/output"
	"kaoping/generator/publish"
)

// publishedState is what the project computes now for period id: the
// sha256 of its data files and of each scheme's results JSON (SPEC §7),
// over every scheme, whatever a shared build leaves out.
func (p *Project) publishedState(id string) (publish.State, error) {
	st := publish.State{Results: map[string]string{}, JSON: map[string][]byte{}}
	var err error
	if st.Inputs, err = p.periodInputs(id, false); err != nil {
		return st, err
	}
	for _, s := range p.Config.Schemes {
		r := p.Result(s.ID, id)
		if r == nil {
			continue
		}
		js, err := output.JSON(r)
		if err != nil {
			return st, err
		}
		st.Results[s.ID] = manifest.Sum(js)
		st.JSON[s.ID] = js
	}
	return st, nil
}

// loadPublished reads data/published.toml.
func (p *Project) loadPublished() (*publish.Record, diag.List) {
	return publish.Load(p.Config.DataDir, filepath.ToSlash(p.Rel(filepath.Join(p.Config.DataDir, publish.FileName))))
}

// CheckPublished compares every published period (data/published.toml)
// with what the project computes now. A period whose data files or
// results differ from its version in force is an error naming the period,
// the files and the schemes, and saying how to record a correction. It
// also reads the corrections (更正说明) for the pages.
func (p *Project) CheckPublished() diag.List {
	rec, problems := p.loadPublished()
	if rec == nil || problems.HasErrors() {
		return problems
	}
	for _, pp := range rec.Periods {
		cur := pp.Current()
		if p.Data.Period(pp.ID) == nil {
			problems.Errorf(rec.Pos(pp.ID), "考核期 %s 已于 %s 公示，但现在没有它的数据；已公示的考核期不能删除，请恢复它的数据文件",
				"period %s was published on %s but has no data now; a published period cannot be removed: restore its data files", pp.ID, cur.Date)
			continue
		}
		st, err := p.publishedState(pp.ID)
		if err != nil {
			problems.Errorf(rec.Pos(pp.ID), "无法读取考核期 %s 的数据文件：%v", "cannot read the data files of period %s: %v", pp.ID, err)
			continue
		}
		d := publish.Compare(cur, st)
		if d.Empty() {
			continue
		}
		zh, en := d.Describe()
		// Explicit argument indexes: each text takes its own description.
		problems.Errorf(rec.Pos(pp.ID),
			"考核期 %[1]s 已于 %[2]s 公示（第 %[3]d 版），此后发生了变化：%[4]s。公示结果不能悄悄改变：请恢复原来的数据和配置；如确需更正，运行 kaoping publish %[1]s --amend \"更正原因\"，页面上会显示更正说明",
			"period %[1]s was published on %[2]s (version %[3]d) and has changed since: %[5]s. Published results cannot change silently: restore the data and config; to correct them, run kaoping publish %[1]s --amend \"reason\", and the pages will show a correction notice",
			pp.ID, cur.Date, cur.N, zh, en)
	}
	if problems.HasErrors() {
		return problems
	}
	corr, warnings := rec.Corrections()
	problems.Add(warnings...)
	p.corrections = corr
	return problems
}

// PublishResult says what Publish recorded.
type PublishResult struct {
	Published []string // periods recorded for the first time
	Amended   []string // periods given a new version
	Unchanged []string // periods already published as they are now
}

// Publish records period id as published on date (YYYY-MM-DD) in
// data/published.toml, with its derived cumulative period (id-ytd) when
// there is one: a month's 公示 shows both. With a reason, it records a
// correction instead: every period of the two that is published and has
// changed gets a new version, the earlier one being kept. Publishing a
// period that has changed since its publication without a reason is an
// error, and so is amending one that has not changed or was never
// published.
func (p *Project) Publish(id, reason, date string) (*PublishResult, diag.List) {
	rec, problems := p.loadPublished()
	if rec == nil || problems.HasErrors() {
		return nil, problems
	}
	file := diag.Pos{File: filepath.ToSlash(p.Rel(filepath.Join(p.Config.DataDir, publish.FileName)))}
	if p.Data.Period(id) == nil {
		var ids []string
		for _, pd := range p.Data.Periods {
			ids = append(ids, pd.ID)
		}
		problems.Errorf(diag.Pos{}, "没有考核期 %q 的数据；现有：%s", "there is no data for period %q; the periods are: %s", id, strings.Join(ids, ", "))
		return nil, problems
	}
	ids := []string{id}
	if pd := p.Data.Period(id); !pd.Derived && p.Data.Period(id+"-ytd") != nil {
		ids = append(ids, id+"-ytd")
	}
	if reason != "" && rec.Find(id) == nil {
		problems.Errorf(file, "考核期 %s 尚未公示，无需更正；去掉 --amend 即可公示", "period %s is not published, so there is nothing to correct; leave out --amend to publish it", id)
		return nil, problems
	}
	res := &PublishResult{}
	for _, pid := range ids {
		st, err := p.publishedState(pid)
		if err != nil {
			problems.Errorf(file, "无法读取考核期 %s 的数据文件：%v", "cannot read the data files of period %s: %v", pid, err)
			continue
		}
		pp := rec.Find(pid)
		switch {
		case pp == nil:
			if err := rec.Publish(pid, st, date); err != nil {
				problems.Errorf(file, "%v", "%v", err)
			}
			res.Published = append(res.Published, pid)
		case publish.Compare(pp.Current(), st).Empty():
			res.Unchanged = append(res.Unchanged, pid)
		case reason == "":
			zh, en := publish.Compare(pp.Current(), st).Describe()
			problems.Errorf(rec.Pos(pid), "考核期 %[1]s 已于 %[2]s 公示，此后发生了变化：%[3]s；要记录更正，请运行 kaoping publish %[5]s --amend \"更正原因\"",
				"period %[1]s was published on %[2]s and has changed since: %[4]s; to record a correction run kaoping publish %[5]s --amend \"reason\"",
				pid, pp.Current().Date, zh, en, id)
		default:
			if err := rec.Amend(pid, st, date, reason); err != nil {
				problems.Errorf(file, "%v", "%v", err)
			}
			res.Amended = append(res.Amended, pid)
		}
	}
	if reason != "" && len(res.Amended) == 0 && !problems.HasErrors() {
		problems.Errorf(rec.Pos(id), "考核期 %s 的数据和结果与公示时相同，没有需要更正的内容", "period %s has the same data and results as when it was published: there is nothing to correct", id)
	}
	if problems.HasErrors() {
		return nil, problems
	}
	if len(res.Published)+len(res.Amended) > 0 {
		if err := rec.Save(); err != nil {
			problems.Errorf(file, "无法写入公示记录：%v", "cannot write the publication record: %v", err)
			return nil, problems
		}
	}
	return res, problems
}
