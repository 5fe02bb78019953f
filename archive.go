package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"kaoping/generator/build"
	"kaoping/generator/manifest"
	"kaoping/generator/publish"
)

// kindList is a repeatable flag of entity kinds: --exclude-kind prosecutor
// --exclude-kind department, or --exclude-kind prosecutor,department.
type kindList []string

func (k *kindList) String() string { return strings.Join(*k, ",") }

func (k *kindList) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*k = append(*k, s)
		}
	}
	return nil
}

// cmdVerify checks a built site or an unzipped bundle against its
// manifest.json: exit 0 when every file is as listed, 1 when a file is
// missing, extra or changed or there is no readable manifest, 2 on bad
// usage.
func cmdVerify(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("verify", stderr)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(rest) != 1 {
		return usageError(stderr, "verify 需要且只需要一个目录", "verify takes exactly one folder")
	}
	dir := rest[0]
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		say(stderr, fmt.Sprintf("%s: 错误: 不是一个目录（%v）", dir, err), fmt.Sprintf("%s: error: not a folder (%v)", dir, err))
		return exitInput
	}
	rep, err := manifest.Verify(dir)
	if err != nil {
		say(stderr, fmt.Sprintf("%s: 错误: 无法读取 %s：%v；请指定 kaoping build 生成的目录或解压后的归档包", dir, manifest.FileName, err),
			fmt.Sprintf("%s: error: cannot read %s: %v; give a folder written by kaoping build or an unzipped bundle", dir, manifest.FileName, err))
		return exitInput
	}
	for _, f := range rep.Missing {
		fmt.Fprintf(stdout, "%s%s\n", label(stdout, "缺少：", "missing: "), f)
	}
	for _, f := range rep.Extra {
		fmt.Fprintf(stdout, "%s%s\n", label(stdout, "多出：", "extra:   "), f)
	}
	for _, f := range rep.Changed {
		fmt.Fprintf(stdout, "%s%s\n", label(stdout, "改动：", "changed: "), f)
	}
	if !rep.OK() {
		say(stdout, fmt.Sprintf("校验未通过：%d 个文件缺少，%d 个多出，%d 个被改动（共 %d 个文件）", len(rep.Missing), len(rep.Extra), len(rep.Changed), rep.Checked),
			fmt.Sprintf("verification failed: %d missing, %d extra, %d changed (of %d files)", len(rep.Missing), len(rep.Extra), len(rep.Changed), rep.Checked))
		return exitInput
	}
	v := rep.Manifest.Kaoping
	if v == "" {
		v = "?"
	}
	say(stdout, fmt.Sprintf("校验通过：%d 个文件与 manifest.json 一致（kaoping %s）", rep.Checked, v),
		fmt.Sprintf("verified: %d files match manifest.json (kaoping %s)", rep.Checked, v))
	return exitOK
}

// today is the date a publication is recorded with; tests replace it.
var today = func() string { return time.Now().Format("2006-01-02") }

// cmdPublish records a period as published (公示) with its 公示期, or
// with --amend a correction of a published period, or with --withdraw the
// withdrawal of a publication, in data/published.toml.
func cmdPublish(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("publish", stderr)
	cfg := configFlag(fs)
	amend := fs.String("amend", "", bi("记录已公示考核期的一次更正，写明`更正原因`", "records a correction of a published period, for this `REASON` (更正原因)"))
	withdraw := fs.String("withdraw", "", bi("撤回该期的公示，写明`撤回原因`；该期重新成为未公示的草稿", "withdraws the publication of the period, for this `REASON` (撤回原因); it is then unpublished"))
	from := fs.String("from", "", bi("公示期的第一天，`日期` 写作 YYYY-MM-DD（与 --days 同用）", "the first day of the 公示期, a `DATE` written YYYY-MM-DD (with --days)"))
	days := fs.Int("days", 0, bi("公示期的`天数`：自然日，[publication] working_days = true 时为工作日（与 --from 同用）", "the length of the 公示期 in `DAYS`: calendar days, or Monday–Friday with [publication] working_days = true (with --from)"))
	rest, err := parseFlags(fs, args)
	if err != nil {
		return flagExit(err)
	}
	if len(rest) != 1 {
		return usageError(stderr, "publish 需要且只需要一个考核期，例如 kaoping publish 2026-03", "publish takes exactly one period, e.g. kaoping publish 2026-03")
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	reason := strings.TrimSpace(*amend)
	if set["amend"] && reason == "" {
		return usageError(stderr, "--amend 需要写明更正原因，例如 --amend \"山亭区院 3 月结案数录入错误\"", "--amend needs the reason of the correction, e.g. --amend \"closed cases of March entered wrongly\"")
	}
	if set["withdraw"] {
		why := strings.TrimSpace(*withdraw)
		switch {
		case why == "":
			return usageError(stderr, "--withdraw 需要写明撤回原因，例如 --withdraw \"误将草稿公示\"", "--withdraw needs the reason of the withdrawal, e.g. --withdraw \"a draft was published by mistake\"")
		case set["amend"] || set["from"] || set["days"]:
			return usageError(stderr, "--withdraw 不能与 --amend、--from、--days 同用", "--withdraw cannot be combined with --amend, --from or --days")
		}
		return withdrawPeriod(*cfg, rest[0], why, stdout, stderr)
	}
	if set["from"] != set["days"] {
		return usageError(stderr, "--from 和 --days 须一起使用，例如 --from 2026-04-01 --days 5", "--from and --days go together, e.g. --from 2026-04-01 --days 5")
	}
	if set["from"] {
		// Checked before anything is loaded: a bad date is bad usage.
		if _, err := publish.NewTerm(*from, *days, false); err != nil {
			te := err.(*publish.TermError)
			return usageError(stderr, te.ZH, te.EN)
		}
	}
	p, problems := build.Load(*cfg)
	lang := langOf(p, *cfg)
	if problems.HasErrors() {
		printProblems(stderr, problems, lang)
		return exitInput
	}
	var term *publish.Term
	if set["from"] {
		t, _ := publish.NewTerm(*from, *days, p.Config.Publication.WorkingDays)
		term = &t
	}
	res, ps := p.PublishWithTerm(rest[0], reason, today(), term)
	if ps.HasErrors() {
		printProblems(stderr, ps, lang)
		return exitInput
	}
	printProblems(stderr, ps, lang)
	termZH, termEN := "", "" // recorded with the periods published, amended or given a term
	if term != nil {
		tzh, ten := term.Describe()
		termZH, termEN = "；公示期 "+tzh, "; 公示期 "+ten
	}
	say := func(zh, en string, ids []string, withTerm bool) {
		if len(ids) == 0 {
			return
		}
		tzh, ten := termZH, termEN
		if !withTerm {
			tzh, ten = "", ""
		}
		if lang == "en" {
			fmt.Fprintf(stdout, "%s: %s%s\n", en, strings.Join(ids, ", "), ten)
		} else {
			fmt.Fprintf(stdout, "%s：%s%s\n", zh, strings.Join(ids, "、"), tzh)
		}
	}
	say("已公示", "published", res.Published, true)
	say("已记录更正", "correction recorded", res.Amended, true)
	say("已记录公示期", "公示期 recorded", res.Terms, true)
	say("已公示且未改变", "already published, unchanged", res.Unchanged, false)
	if len(res.Published)+len(res.Amended)+len(res.Terms) > 0 {
		if lang == "en" {
			fmt.Fprintln(stdout, "recorded in data/published.toml: commit it (and data/published/) with the data")
		} else {
			fmt.Fprintln(stdout, "已写入 data/published.toml，请与 data/published/ 和数据一起提交到版本库")
		}
	}
	// The published period is what goes to the supervising procuratorate.
	if len(res.Published)+len(res.Amended) > 0 {
		p := append(append([]string(nil), res.Published...), res.Amended...)[0]
		if lang == "en" {
			fmt.Fprintf(stdout, "to send the report to the supervising procuratorate: kaoping archive %s\n", p)
		} else {
			fmt.Fprintf(stdout, "报送上级院：kaoping archive %s 生成该期的归档包\n", p)
		}
	}
	return exitOK
}

// withdrawPeriod records the withdrawal of a publication (publish
// --withdraw). It reads only the config and the record: the data of the
// period may be gone, which is one reason to withdraw it.
func withdrawPeriod(cfg, id, reason string, stdout, stderr io.Writer) int {
	lang := build.Language(cfg)
	res, ps := build.Withdraw(cfg, id, reason, today())
	if ps.HasErrors() {
		printProblems(stderr, ps, lang)
		return exitInput
	}
	printProblems(stderr, ps, lang)
	if lang == "en" {
		fmt.Fprintf(stdout, "withdrawn: %s; these periods are unpublished now (drafts)\n", strings.Join(res.Withdrawn, ", "))
		fmt.Fprintln(stdout, "recorded in data/published.toml: commit it with the data")
	} else {
		fmt.Fprintf(stdout, "已撤回公示：%s；这些考核期现为未公示（草稿）\n", strings.Join(res.Withdrawn, "、"))
		fmt.Fprintln(stdout, "已写入 data/published.toml，请与数据一起提交到版本库")
	}
	return exitOK
}
