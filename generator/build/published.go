package build

import (
	"path/filepath"
	"strings"

	"kaoping/generator/config"
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
	return loadRecord(p.Config)
}

func loadRecord(cfg *config.Config) (*publish.Record, diag.List) {
	return publish.Load(cfg.DataDir, recordRel(cfg))
}

// recordRel is data/published.toml as messages name it.
func recordRel(cfg *config.Config) string {
	path := filepath.Join(cfg.DataDir, publish.FileName)
	if r, err := filepath.Rel(cfg.Dir, path); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		path = r
	}
	return filepath.ToSlash(path)
}

// checkRecord checks the record itself: the results kept for every
// version against their hashes, and the periods whose kept results lie in
// data/published/ without an entry in the record (removed from it).
func checkRecord(rec *publish.Record) diag.List {
	problems := rec.Verify()
	problems.Add(rec.OrphanProblems()...)
	return problems
}

// CheckPublished compares every published period (data/published.toml)
// with what the project computes now. A period whose data files or
// results differ from its version in force is an error naming the period,
// the files and the schemes, and saying how to record a correction. So is
// a kept result of any version that changed or is missing, and a period
// whose entry was removed from the record while its results are kept in
// data/published/ (checkRecord). A withdrawn period is not compared: it is
// unpublished. It also reads the corrections (更正说明) and which periods
// are published, with their 公示期, for the pages.
func (p *Project) CheckPublished() diag.List {
	rec, problems := p.loadPublished()
	if rec == nil || problems.HasErrors() {
		return problems
	}
	problems.Add(checkRecord(rec)...)
	for _, pp := range rec.Periods {
		if pp.Withdrawn() != nil {
			continue
		}
		cur := pp.Current()
		if p.Data.Period(pp.ID) == nil {
			problems.Errorf(rec.Pos(pp.ID), "考核期 %[1]s 已于 %[2]s 公示，但现在没有它的数据；已公示的考核期不能悄悄删除：请恢复它的数据文件，或运行 kaoping publish %[1]s --withdraw \"撤回原因\" 撤回公示",
				"period %[1]s was published on %[2]s but has no data now; a published period cannot be removed silently: restore its data files, or withdraw its publication with kaoping publish %[1]s --withdraw \"reason\"", pp.ID, cur.Date)
			continue
		}
		st, err := p.publishedState(pp.ID)
		if err != nil {
			problems.Errorf(rec.Pos(pp.ID), "无法读取考核期 %s 的数据文件：%v", "cannot read the data files of period %s: %v", pp.ID, err)
			continue
		}
		d := rec.Compare(pp, st)
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
	p.notices = rec.Notices()
	return problems
}

// PublishResult says what Publish recorded.
type PublishResult struct {
	Published []string // periods recorded as published (for the first time, or again after a withdrawal)
	Amended   []string // periods given a new version
	Unchanged []string // periods already published as they are now
	Terms     []string // published periods, otherwise unchanged, whose 公示期 was recorded
}

// Publish is PublishWithTerm without a 公示期.
func (p *Project) Publish(id, reason, date string) (*PublishResult, diag.List) {
	return p.PublishWithTerm(id, reason, date, nil)
}

// PublishWithTerm records period id as published on date (YYYY-MM-DD) in
// data/published.toml, with its 公示期 when term is not nil, and with its
// derived cumulative period (id-ytd) when there is one: a month's 公示
// shows both. With a reason, it records a correction instead: every
// period of the two that is published and has changed gets a new
// version, the earlier one being kept. Publishing a period that has
// changed since its publication without a reason is an error, and so is
// amending one that has not changed or was never published (or was
// withdrawn). A withdrawn period is published again as a new version. A
// term given for a period published and unchanged is recorded on its
// version in force. Nothing is recorded while the record itself has a
// problem (checkRecord).
func (p *Project) PublishWithTerm(id, reason, date string, term *publish.Term) (*PublishResult, diag.List) {
	rec, problems := p.loadPublished()
	if rec == nil || problems.HasErrors() {
		return nil, problems
	}
	if problems.Add(checkRecord(rec)...); problems.HasErrors() {
		return nil, problems
	}
	file := diag.Pos{File: recordRel(p.Config)}
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
	if reason != "" && !rec.Published(id) {
		if pp := rec.Find(id); pp != nil {
			problems.Errorf(rec.Pos(id), "考核期 %[1]s 的公示已于 %[2]s 撤回，无需更正；去掉 --amend 即可重新公示", "the publication of period %[1]s was withdrawn on %[2]s, so there is nothing to correct; leave out --amend to publish it again", id, pp.Withdrawn().Date)
		} else {
			problems.Errorf(file, "考核期 %s 尚未公示，无需更正；去掉 --amend 即可公示", "period %s is not published, so there is nothing to correct; leave out --amend to publish it", id)
		}
		return nil, problems
	}
	res := &PublishResult{}
	for _, pid := range ids {
		pp := rec.Find(pid)
		if reason != "" && pid != id && pp != nil && pp.Withdrawn() != nil {
			continue // a correction does not publish again what was withdrawn
		}
		st, err := p.publishedState(pid)
		if err != nil {
			problems.Errorf(file, "无法读取考核期 %s 的数据文件：%v", "cannot read the data files of period %s: %v", pid, err)
			continue
		}
		switch {
		case !rec.Published(pid):
			if err := rec.Publish(pid, st, date, term); err != nil {
				problems.Errorf(file, "%v", "%v", err)
			}
			res.Published = append(res.Published, pid)
		case rec.Compare(pp, st).Empty():
			if cur, ok := pp.Term(); term != nil && (!ok || cur != *term) {
				if err := rec.SetTerm(pid, *term); err != nil {
					problems.Errorf(file, "%v", "%v", err)
				}
				res.Terms = append(res.Terms, pid)
				continue
			}
			res.Unchanged = append(res.Unchanged, pid)
		case reason == "":
			zh, en := rec.Compare(pp, st).Describe()
			problems.Errorf(rec.Pos(pid), "考核期 %[1]s 已于 %[2]s 公示，此后发生了变化：%[3]s；要记录更正，请运行 kaoping publish %[5]s --amend \"更正原因\"",
				"period %[1]s was published on %[2]s and has changed since: %[4]s; to record a correction run kaoping publish %[5]s --amend \"reason\"",
				pid, pp.Current().Date, zh, en, id)
		default:
			if err := rec.Amend(pid, st, date, reason, term); err != nil {
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
	if len(res.Published)+len(res.Amended)+len(res.Terms) > 0 {
		if err := rec.Save(); err != nil {
			problems.Errorf(file, "无法写入公示记录：%v", "cannot write the publication record: %v", err)
			return nil, problems
		}
		if p.Config.Publication.Line == 0 {
			problems.Warnf(diag.Pos{File: p.Config.FileName()}, "config.toml 中没有 [publication] 表：已公示考核期的页面无法显示发布单位和异议受理方式；请添加 issuer 和 contact（见 docs/CONFIG.md）",
				"config.toml has no [publication] table: the pages of published periods cannot show the issuing unit and where objections go; add issuer and contact (see docs/CONFIG.md)")
		}
	}
	return res, problems
}

// WithdrawResult says what Withdraw recorded.
type WithdrawResult struct {
	Withdrawn []string // periods withdrawn
	Recovered []string // of those, periods whose entry had been deleted from the record
}

// Withdraw records in data/published.toml the withdrawal of the
// publication of period id, on date and for reason, with its derived
// cumulative period (id-ytd) when that is published too. A withdrawn
// period is treated as unpublished: its data may change, its pages are
// drafts; its versions and their kept results stay. A period whose entry
// was deleted from the record but whose results are kept in
// data/published/<id>/ gets an entry rebuilt from them (Record.Recover),
// then withdrawn: that is how such a build error is resolved. It is an
// error to withdraw a period that is not published. It needs only the
// config: the data may be gone.
func Withdraw(configPath, id, reason, date string) (*WithdrawResult, diag.List) {
	cfg, problems := config.Load(configPath)
	if cfg == nil || problems.HasErrors() {
		return nil, problems
	}
	rec, ps := loadRecord(cfg)
	if problems.Add(ps...); rec == nil || problems.HasErrors() {
		return nil, problems
	}
	if problems.Add(rec.Verify()...); problems.HasErrors() {
		return nil, problems
	}
	file := diag.Pos{File: recordRel(cfg)}
	res := &WithdrawResult{}
	ids := []string{id}
	if !strings.HasSuffix(id, "-ytd") {
		ids = append(ids, id+"-ytd")
	}
	for _, pid := range ids {
		pp := rec.Find(pid)
		switch {
		case rec.Published(pid):
		case pp == nil && rec.KeptFolder(pid):
			if err := rec.Recover(pid); err != nil {
				problems.Errorf(diag.Pos{File: filepath.ToSlash(filepath.Join(filepath.Dir(recordRel(cfg)), publish.Folder, pid))},
					"无法读取考核期 %s 保存的公示结果：%v", "cannot read the kept results of period %s: %v", pid, err)
				continue
			}
			res.Recovered = append(res.Recovered, pid)
		case pid != id:
			continue // the cumulative period was not published
		case pp != nil:
			problems.Errorf(rec.Pos(pid), "考核期 %[1]s 的公示已于 %[2]s 撤回（%[3]s），不能再次撤回", "the publication of period %[1]s was withdrawn on %[2]s (%[3]s); it cannot be withdrawn again",
				pid, pp.Withdrawn().Date, pp.Withdrawn().Reason)
			continue
		default:
			problems.Errorf(file, "考核期 %s 尚未公示，无法撤回", "period %s is not published, so it cannot be withdrawn", pid)
			continue
		}
		if err := rec.Withdraw(pid, date, reason); err != nil {
			problems.Errorf(file, "%v", "%v", err)
			continue
		}
		res.Withdrawn = append(res.Withdrawn, pid)
	}
	if problems.HasErrors() {
		return nil, problems
	}
	if err := rec.Save(); err != nil {
		problems.Errorf(file, "无法写入公示记录：%v", "cannot write the publication record: %v", err)
		return nil, problems
	}
	return res, problems
}
