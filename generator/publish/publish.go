// Package publish keeps the record of published periods (公示): for each
// period that was made public, the sha256 of its input files and of its
// results (the JSON of each scheme, SPEC §7), in data/published.toml, with
// a copy of the published results under data/published/<period>/v<N>/.
// A build compares every published period with what it computes now and
// refuses to go on when anything differs, unless the change was recorded
// as an amendment (更正) with a date and a reason; the amendments are then
// shown on the period's pages with the ranks and totals that changed.
//
// The record is an input of the site, meant to be committed with the data:
// it holds dates (the day of publication), but the build output only ever
// shows the recorded dates, so two builds stay byte-identical.
package publish

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"kaoping/generator/diag"
	"kaoping/generator/period"
	"kaoping/internal/atomicfile"
	"kaoping/internal/inputfile"
)

// FileName is the record's name in the data folder; Folder holds the
// copies of the published results.
const (
	FileName = "published.toml"
	Folder   = "published"
)

// Record is data/published.toml.
type Record struct {
	Periods []*Period `toml:"period"`

	path    string            // absolute path of published.toml
	dataDir string            // absolute data folder
	rel     string            // path of published.toml for messages
	pending map[string][]byte // results to write on Save: relative path under dataDir -> JSON
	lines   map[string]int    // period id -> line of its id in the file
}

// Period is one published period: its versions, oldest first, and its
// withdrawals. The last version is the one in force, unless a withdrawal
// came after it: the period is then unpublished (Withdrawn).
type Period struct {
	ID          string        `toml:"id"`
	Versions    []*Version    `toml:"version"`
	Withdrawals []*Withdrawal `toml:"withdrawal,omitempty"`
}

// Version is what was published once: a publication (first, or again
// after a withdrawal), or an amendment (Reason set).
type Version struct {
	N      int    `toml:"n"`
	Date   string `toml:"date"` // YYYY-MM-DD; "" when Recovered
	Reason string `toml:"reason,omitempty"`
	// The 公示期 recorded with this version (publish --from --days), if any.
	From        string `toml:"from,omitempty"`
	To          string `toml:"to,omitempty"`
	Days        int    `toml:"days,omitzero"`
	WorkingDays bool   `toml:"working_days,omitempty"`
	// Recovered: rebuilt from its kept results when the period, whose
	// entry had been deleted from the record, was withdrawn; it has no
	// date and no input hashes.
	Recovered bool `toml:"recovered,omitempty"`
	// Inputs: site-relative slash path of each input file -> sha256.
	Inputs map[string]string `toml:"inputs"`
	// Results: scheme id -> sha256 of data/<scheme>/<period>.json, which
	// is also the sha256 of the copy kept in data/published/<period>/v<N>/.
	Results map[string]string `toml:"results"`
}

// Withdrawal is the withdrawal of a publication (kaoping publish P
// --withdraw REASON): the period is unpublished from then on.
type Withdrawal struct {
	Version int    `toml:"version"` // the version in force when withdrawn (0: none known)
	Date    string `toml:"date"`
	Reason  string `toml:"reason"`
}

// Term returns the 公示期 recorded with v, if any.
func (v *Version) Term() (Term, bool) {
	if v.From == "" {
		return Term{}, false
	}
	return Term{From: v.From, To: v.To, Days: v.Days, WorkingDays: v.WorkingDays}, true
}

func (v *Version) setTerm(t *Term) {
	if t == nil {
		return
	}
	v.From, v.To, v.Days, v.WorkingDays = t.From, t.To, t.Days, t.WorkingDays
}

// State is what a build computes for one period now.
type State struct {
	Inputs  map[string]string // as Version.Inputs
	Results map[string]string // as Version.Results
	JSON    map[string][]byte // scheme id -> results JSON (kept on publication)
}

// Load reads dataDir/published.toml; a missing file is an empty record.
// rel is the record's path relative to the site folder, for messages.
func Load(dataDir, rel string) (*Record, diag.List) {
	var problems diag.List
	r := &Record{path: filepath.Join(dataDir, FileName), dataDir: dataDir, rel: rel,
		pending: map[string][]byte{}, lines: map[string]int{}}
	src, err := inputfile.Read(r.path)
	if os.IsNotExist(err) {
		return r, nil
	}
	if err != nil {
		zh, en := inputfile.Describe(err)
		problems.Errorf(diag.Pos{File: rel}, "无法读取公示记录：%[1]s", "cannot read the publication record: %[2]s", zh, en)
		return nil, problems
	}
	md, err := toml.Decode(string(src), r)
	if err != nil {
		line := 0
		if pe, ok := err.(toml.ParseError); ok {
			line = pe.Position.Line
		}
		problems.Errorf(diag.Pos{File: rel, Line: line},
			"公示记录无法解析：%v；该文件由 kaoping publish 写入，请从版本库恢复，不要手工修改",
			"the publication record does not parse: %v; kaoping publish writes this file: restore it from version control rather than editing it", err)
		return nil, problems
	}
	for _, k := range md.Undecoded() {
		problems.Errorf(diag.Pos{File: rel}, "公示记录中有未知的键 %s；请从版本库恢复该文件",
			"unknown key %s in the publication record; restore the file from version control", k.String())
	}
	for i, line := range strings.Split(string(src), "\n") {
		if id, ok := idLine(line); ok {
			if _, seen := r.lines[id]; !seen {
				r.lines[id] = i + 1
			}
		}
	}
	seen := map[string]bool{}
	for _, p := range r.Periods {
		pos := r.Pos(p.ID)
		switch {
		case p.ID == "":
			problems.Errorf(pos, "公示记录中有一期没有 id", "a period of the publication record has no id")
		case seen[p.ID]:
			problems.Errorf(pos, "考核期 %s 在公示记录中出现了两次", "period %s is twice in the publication record", p.ID)
		case len(p.Versions) == 0 && p.Withdrawn() == nil:
			problems.Errorf(pos, "考核期 %s 在公示记录中没有任何版本", "period %s has no version in the publication record", p.ID)
		}
		seen[p.ID] = true
	}
	return r, problems
}

// idLine recognises `id = "…"` as the encoder writes it.
func idLine(line string) (string, bool) {
	line = strings.TrimSpace(line)
	if !strings.HasPrefix(line, "id") {
		return "", false
	}
	rest := strings.TrimSpace(strings.TrimPrefix(line, "id"))
	if !strings.HasPrefix(rest, "=") {
		return "", false
	}
	v, err := strconv.Unquote(strings.TrimSpace(strings.TrimPrefix(rest, "=")))
	return v, err == nil
}

// Pos is the position of a period's entry in the record, for messages.
func (r *Record) Pos(id string) diag.Pos { return diag.Pos{File: r.rel, Line: r.lines[id]} }

// Find returns the published period id, or nil.
func (r *Record) Find(id string) *Period {
	for _, p := range r.Periods {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// Current is the last version: the one in force unless the period is
// withdrawn. nil for a withdrawn period that had no version recorded.
func (p *Period) Current() *Version {
	if len(p.Versions) == 0 {
		return nil
	}
	return p.Versions[len(p.Versions)-1]
}

// Withdrawn returns the withdrawal that unpublished the period, or nil
// when it is published: a withdrawal after which no version was
// published.
func (p *Period) Withdrawn() *Withdrawal {
	if len(p.Withdrawals) == 0 {
		return nil
	}
	w := p.Withdrawals[len(p.Withdrawals)-1]
	if cur := p.Current(); cur != nil && cur.N > w.Version {
		return nil // published again since
	}
	return w
}

// Publication returns the versions of the period's publication in force,
// oldest first: those after its last withdrawal. nil when withdrawn.
func (p *Period) Publication() []*Version {
	if p.Withdrawn() != nil {
		return nil
	}
	after := 0
	if n := len(p.Withdrawals); n > 0 {
		after = p.Withdrawals[n-1].Version
	}
	for i, v := range p.Versions {
		if v.N > after {
			return p.Versions[i:]
		}
	}
	return nil
}

// Term returns the 公示期 of the publication in force: the one recorded
// with its latest version that has one (a correction recorded without
// --from keeps the 公示期 of the version before it). ok is false when the
// period is withdrawn or no 公示期 was recorded.
func (p *Period) Term() (t Term, ok bool) {
	vs := p.Publication()
	for i := len(vs) - 1; i >= 0; i-- {
		if t, ok := vs[i].Term(); ok {
			return t, true
		}
	}
	return Term{}, false
}

// Published reports whether period id is published now: recorded and not
// withdrawn. Pages of other periods are drafts (SPEC §7).
func (r *Record) Published(id string) bool {
	p := r.Find(id)
	return p != nil && p.Withdrawn() == nil
}

// IDs lists the periods of the record, published or withdrawn, in its
// order.
func (r *Record) IDs() []string {
	out := make([]string, len(r.Periods))
	for i, p := range r.Periods {
		out[i] = p.ID
	}
	return out
}

// Diff lists how st differs from v: input files changed, added or
// removed, and schemes whose results changed, appeared or disappeared.
type Diff struct {
	InputsChanged, InputsAdded, InputsRemoved    []string
	ResultsChanged, ResultsAdded, ResultsRemoved []string
}

// Empty reports whether nothing differs.
func (d Diff) Empty() bool {
	return len(d.InputsChanged)+len(d.InputsAdded)+len(d.InputsRemoved)+
		len(d.ResultsChanged)+len(d.ResultsAdded)+len(d.ResultsRemoved) == 0
}

// Compare returns how st differs from the version v.
func Compare(v *Version, st State) Diff {
	var d Diff
	d.InputsChanged, d.InputsAdded, d.InputsRemoved = compareMaps(v.Inputs, st.Inputs)
	d.ResultsChanged, d.ResultsAdded, d.ResultsRemoved = compareMaps(v.Results, st.Results)
	return d
}

func compareMaps(old, now map[string]string) (changed, added, removed []string) {
	for k, v := range old {
		n, ok := now[k]
		switch {
		case !ok:
			removed = append(removed, k)
		case n != v:
			changed = append(changed, k)
		}
	}
	for k := range now {
		if _, ok := old[k]; !ok {
			added = append(added, k)
		}
	}
	sort.Strings(changed)
	sort.Strings(added)
	sort.Strings(removed)
	return
}

// Describe says what differs, in Chinese and in English.
func (d Diff) Describe() (zh, en string) {
	var z, e []string
	add := func(list []string, zl, el string) {
		if len(list) > 0 {
			z = append(z, zl+"："+strings.Join(list, "、"))
			e = append(e, el+": "+strings.Join(list, ", "))
		}
	}
	add(d.InputsChanged, "数据文件被修改", "input files changed")
	add(d.InputsAdded, "新增数据文件", "input files added")
	add(d.InputsRemoved, "数据文件被删除", "input files removed")
	add(d.ResultsChanged, "结果改变的方案", "schemes whose results changed")
	add(d.ResultsAdded, "新计分的方案", "schemes scored now but not then")
	add(d.ResultsRemoved, "不再计分的方案", "schemes no longer scored")
	return strings.Join(z, "；"), strings.Join(e, "; ")
}

// Publish records st as a new publication of period id on date, with its
// 公示期 when term is not nil: the first version, or, for a period that
// was withdrawn, the next one (its earlier versions are kept). It is an
// error to publish a period that is published (use Amend).
func (r *Record) Publish(id string, st State, date string, term *Term) error {
	p := r.Find(id)
	if p != nil && p.Withdrawn() == nil {
		return fmt.Errorf("period %s is already published", id)
	}
	if p == nil {
		p = &Period{ID: id}
		r.Periods = append(r.Periods, p)
	}
	r.addVersion(p, st, date, "", term)
	return nil
}

// Amend records st as a new version of the published period id, with the
// date and the reason of the correction, and its 公示期 when term is not
// nil; the earlier versions are kept.
func (r *Record) Amend(id string, st State, date, reason string, term *Term) error {
	p := r.Find(id)
	if p == nil || p.Withdrawn() != nil {
		return fmt.Errorf("period %s is not published", id)
	}
	r.addVersion(p, st, date, reason, term)
	return nil
}

// SetTerm records the 公示期 of the published period id on its version in
// force (publish --from --days on a period published without it, or to
// correct the dates). The results and their hashes do not change.
func (r *Record) SetTerm(id string, term Term) error {
	p := r.Find(id)
	if p == nil || p.Withdrawn() != nil {
		return fmt.Errorf("period %s is not published", id)
	}
	p.Current().setTerm(&term)
	return nil
}

// Withdraw records the withdrawal of the published period id, with its
// date and reason: the period is unpublished from then on, its versions
// and their kept results stay in the record. It is an error to withdraw a
// period that is not published.
func (r *Record) Withdraw(id, date, reason string) error {
	p := r.Find(id)
	if p == nil {
		return fmt.Errorf("period %s is not published", id)
	}
	if w := p.Withdrawn(); w != nil {
		return fmt.Errorf("period %s was withdrawn on %s", id, w.Date)
	}
	n := 0 // no version known
	if cur := p.Current(); cur != nil {
		n = cur.N
	}
	p.Withdrawals = append(p.Withdrawals, &Withdrawal{Version: n, Date: date, Reason: reason})
	return nil
}

func (r *Record) addVersion(p *Period, st State, date, reason string, term *Term) {
	n := 1
	if cur := p.Current(); cur != nil {
		n = cur.N + 1
	}
	for _, w := range p.Withdrawals {
		n = max(n, w.Version+1)
	}
	v := &Version{N: n, Date: date, Reason: reason,
		Inputs: copyMap(st.Inputs), Results: copyMap(st.Results)}
	v.setTerm(term)
	p.Versions = append(p.Versions, v)
	for scheme, js := range st.JSON {
		r.pending[VersionFile(p.ID, v.N, scheme)] = js
	}
}

func copyMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// VersionFile is where the results JSON of a scheme for version n of a
// published period is kept, relative to the data folder (slash path).
func VersionFile(period string, n int, scheme string) string {
	return Folder + "/" + period + "/v" + strconv.Itoa(n) + "/" + scheme + ".json"
}

// header opens published.toml.
const header = `# 已公示的考核期：由 kaoping publish 写入，请随数据一起提交到版本库，不要手工修改。
# Published periods: written by kaoping publish; commit it with the data, do not edit it by hand.
# 每期的 version 依次为首次公示和各次更正（from、to 为公示期）；inputs 为数据文件的 sha256，
# results 为各方案结果 JSON 的 sha256，也是 data/published/<考核期>/v<版本>/<方案>.json 的 sha256；
# withdrawal 为撤回公示的记录。

`

// Save writes the results of the new versions, then published.toml, its
// periods sorted by time. Each file goes through a temporary file and a
// rename, so that an interrupted save leaves the previous record; when
// the record cannot be written, the results written for it are removed
// again (a kept folder without its entry would read as a period removed
// from the record).
func (r *Record) Save() error {
	names := make([]string, 0, len(r.pending))
	for n := range r.pending {
		names = append(names, n)
	}
	sort.Strings(names)
	var written []string
	undo := func() {
		for _, p := range written {
			os.Remove(p)
			// Remove the folders left empty: v<N>, then the period's.
			os.Remove(filepath.Dir(p))
			os.Remove(filepath.Dir(filepath.Dir(p)))
		}
	}
	for _, n := range names {
		p := filepath.Join(r.dataDir, filepath.FromSlash(n))
		if _, err := os.Lstat(p); err == nil {
			undo()
			return fmt.Errorf("%s exists already: it is not in the publication record; restore data/%s from version control", n, FileName)
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			undo()
			return err
		}
		js := r.pending[n]
		if err := atomicfile.Write(p, 0o644, true, func(w *bufio.Writer) error {
			_, err := w.Write(js)
			return err
		}); err != nil {
			undo()
			return err
		}
		written = append(written, p)
	}
	r.sortPeriods()
	var buf bytes.Buffer
	buf.WriteString(header)
	if err := toml.NewEncoder(&buf).Encode(struct {
		Periods []*Period `toml:"period"`
	}{r.Periods}); err != nil {
		undo()
		return err
	}
	if err := atomicfile.Write(r.path, 0o644, true, func(w *bufio.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	}); err != nil {
		undo()
		return err
	}
	r.pending = map[string][]byte{}
	return nil
}

// sortPeriods orders the periods by time (period.Less), so that the file
// reads in order and two records of the same periods are the same text.
func (r *Record) sortPeriods() {
	sort.SliceStable(r.Periods, func(i, j int) bool {
		a, errA := period.Parse(r.Periods[i].ID)
		b, errB := period.Parse(r.Periods[j].ID)
		if errA != nil || errB != nil {
			return r.Periods[i].ID < r.Periods[j].ID
		}
		return period.Less(a, b)
	})
}
