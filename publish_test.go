package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withToday runs the test with today() returning date.
func withToday(t *testing.T, date string) {
	t.Helper()
	orig := today
	today = func() string { return date }
	t.Cleanup(func() { today = orig })
}

// TestPublishTermCommand: --from and --days record the 公示期, in calendar
// days or, with [publication] working_days, Monday to Friday; bad values
// are usage errors (exit 2) and write nothing.
func TestPublishTermCommand(t *testing.T) {
	cfg := copyDemo(t)
	dropPublication(t, cfg) // calendar days, and the warning of a site without the table
	record := filepath.Join(filepath.Dir(cfg), "data", "published.toml")
	withToday(t, "2026-03-31")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--from", "2026-04-01"}, "--from 和 --days 须一起使用"},
		{[]string{"--days", "5"}, "--from 和 --days 须一起使用"},
		{[]string{"--from", "2026-4-1", "--days", "5"}, `--from 应为 YYYY-MM-DD 格式的日期，如 2026-04-01，而不是 "2026-4-1"`},
		{[]string{"--from", "2026-02-30", "--days", "5"}, "YYYY-MM-DD"},
		{[]string{"--from", "2026-04-01", "--days", "0"}, "--days 应为 1 到 365 之间的天数，而不是 0"},
		{[]string{"--from", "2026-04-01", "--days", "five"}, `--days 的值应为整数，而不是 "five"`},
		{[]string{"--withdraw", " "}, "--withdraw 需要写明撤回原因"},
		{[]string{"--withdraw", "x", "--amend", "y"}, "--withdraw 不能与 --amend、--from、--days 同用"},
		{[]string{"--withdraw", "x", "--from", "2026-04-01", "--days", "5"}, "--withdraw 不能与 --amend、--from、--days 同用"},
	} {
		args := append([]string{"publish", "2026-03", "--config", cfg}, tt.args...)
		if code, _, stderr := runCLI(args...); code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, want 2 with %q\n%s", tt.args, code, tt.want, stderr)
		}
	}
	if _, err := os.Stat(record); err == nil {
		t.Fatal("a refused publish wrote the record")
	}

	code, stdout, stderr := runCLI("publish", "2026-03", "--from", "2026-04-01", "--days", "5", "--config", cfg)
	if code != exitOK || !strings.Contains(stdout, "已公示：2026-03、2026-03-ytd；公示期 2026-04-01 至 2026-04-05（5 天）") {
		t.Fatalf("publish --from --days: exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "报送上级院：kaoping archive 2026-03 生成该期的归档包") {
		t.Errorf("publish does not say how to make the zip to send:\n%s", stdout)
	}
	if !strings.Contains(stderr, "config.toml 中没有 [publication] 表") {
		t.Errorf("no warning about the missing [publication]:\n%s", stderr)
	}
	b, _ := os.ReadFile(record)
	if !strings.Contains(string(b), "    from = \"2026-04-01\"\n    to = \"2026-04-05\"\n    days = 5\n") || strings.Contains(string(b), "working_days") {
		t.Errorf("published.toml:\n%s", b)
	}

	// Working days: the version in force gets the new 公示期; 2026-04-01
	// is a Wednesday, so five working days end on Tuesday the 7th.
	replaceIn(t, cfg, "\n[fields]", "\n[publication]\nissuer = \"枣庄市人民检察院案件管理部\"\ncontact = \"电话 0632-0000000\"\nworking_days = true\n\n[fields]")
	code, stdout, stderr = runCLI("publish", "2026-03", "--from", "2026-04-01", "--days", "5", "--config", cfg)
	if code != exitOK || !strings.Contains(stdout, "已记录公示期：2026-03、2026-03-ytd；公示期 2026-04-01 至 2026-04-07（5 个工作日）") || strings.Contains(stderr, "[publication]") {
		t.Fatalf("publish --from --days with working_days: exit %d\n%s%s", code, stdout, stderr)
	}
	b, _ = os.ReadFile(record)
	if !strings.Contains(string(b), "    to = \"2026-04-07\"\n    days = 5\n    working_days = true\n") || strings.Count(string(b), "[[period.version]]") != 2 {
		t.Errorf("published.toml:\n%s", b)
	}
	if code, stdout, _ := runCLI("publish", "2026-03", "--from", "2026-04-01", "--days", "5", "--config", cfg); code != exitOK || !strings.Contains(stdout, "已公示且未改变：2026-03、2026-03-ytd\n") {
		t.Errorf("the same 公示期 again: exit %d\n%s", code, stdout)
	}
	if code, stdout, _ := runCLI("check", "--config", cfg); code != exitOK {
		t.Errorf("check: exit %d\n%s", code, stdout)
	}
}

// TestRemovedPublicationFailsUntilWithdrawn: a published period whose
// entry is deleted from data/published.toml fails check and build (exit 1,
// output untouched), naming it and saying how to withdraw it; publish
// --withdraw records the withdrawal, after which both pass; withdrawing
// again, or a period never published, is an error.
func TestRemovedPublicationFailsUntilWithdrawn(t *testing.T) {
	cfg := copyDemo(t)
	dir := filepath.Dir(cfg)
	record := filepath.Join(dir, "data", "published.toml")
	out := filepath.Join(t.TempDir(), "public")
	withToday(t, "2026-04-02")
	if code, _, stderr := runCLI("publish", "2026-03", "--config", cfg); code != exitOK {
		t.Fatalf("publish: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCLI("build", "--config", cfg, "--out", out, "--quiet", "--no-bundles"); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	before, _ := os.ReadFile(filepath.Join(out, "manifest.json"))

	// Someone deletes the entries: the record has its header only.
	b, _ := os.ReadFile(record)
	os.WriteFile(record, b[:bytes.Index(b, []byte("[[period]]"))], 0o644)
	for _, args := range [][]string{{"check", "--config", cfg}, {"build", "--config", cfg, "--out", out, "--quiet", "--no-bundles"}} {
		code, stdout, stderr := runCLI(args...)
		for _, id := range []string{"2026-03", "2026-03-ytd"} {
			want := "data/published/" + id + ": 错误: 这里保存着考核期 " + id + " 已公示的结果，但 data/published.toml 中没有这一期的记录：公示记录不能悄悄删除。请从版本库恢复 data/published.toml；如确需撤回该期公示，运行 kaoping publish " + id + " --withdraw \"撤回原因\""
			if code != exitInput || !strings.Contains(stdout+stderr, want) {
				t.Errorf("%s after the entry was deleted: exit %d, want 1 with\n%s\ngot:\n%s%s", args[0], code, want, stdout, stderr)
			}
		}
	}
	if after, _ := os.ReadFile(filepath.Join(out, "manifest.json")); !bytes.Equal(before, after) {
		t.Error("the failed build changed the output")
	}

	withToday(t, "2026-04-20")
	code, stdout, stderr := runCLI("publish", "2026-03", "--withdraw", "误将草稿公示", "--config", cfg)
	if code != exitOK || !strings.Contains(stdout, "已撤回公示：2026-03、2026-03-ytd") {
		t.Fatalf("publish --withdraw: exit %d\n%s%s", code, stdout, stderr)
	}
	b, _ = os.ReadFile(record)
	for _, want := range []string{"id = \"2026-03\"", "recovered = true", "[[period.withdrawal]]\n    version = 1\n    date = \"2026-04-20\"\n    reason = \"误将草稿公示\""} {
		if !strings.Contains(string(b), want) {
			t.Errorf("published.toml lacks %q:\n%s", want, b)
		}
	}
	if code, stdout, _ := runCLI("check", "--config", cfg); code != exitOK {
		t.Errorf("check after the withdrawal: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := runCLI("build", "--config", cfg, "--out", out, "--quiet", "--no-bundles"); code != exitOK {
		t.Errorf("build after the withdrawal: exit %d\n%s", code, stderr)
	}
	// Unpublished now: its data may change.
	replaceIn(t, filepath.Join(dir, "data", "periods", "2026-03.csv"), "\nzz-st,", "\nzz-st,1")
	if code, stdout, _ := runCLI("check", "--config", cfg); code != exitOK {
		t.Errorf("check of a withdrawn period whose data changed: exit %d\n%s", code, stdout)
	}

	if code, _, stderr := runCLI("publish", "2026-03", "--withdraw", "again", "--config", cfg); code != exitInput || !strings.Contains(stderr, "考核期 2026-03 的公示已于 2026-04-20 撤回（误将草稿公示），不能再次撤回") {
		t.Errorf("withdrawing twice: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCLI("publish", "2026-02", "--withdraw", "x", "--config", cfg); code != exitInput || !strings.Contains(stderr, "考核期 2026-02 尚未公示，无法撤回") {
		t.Errorf("withdrawing an unpublished period: exit %d\n%s", code, stderr)
	}
	// Published again: a new version, and the build checks it again.
	if code, stdout, stderr := runCLI("publish", "2026-03", "--config", cfg); code != exitOK || !strings.Contains(stdout, "已公示：2026-03、2026-03-ytd") {
		t.Errorf("publishing again: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, _ := runCLI("check", "--config", cfg); code != exitOK {
		t.Errorf("check after publishing again: exit %d\n%s", code, stdout)
	}
}

// TestWithdrawAPublishedPeriod: a published period whose data changed
// fails the build; withdrawing it (rather than amending) lets it pass.
func TestWithdrawAPublishedPeriod(t *testing.T) {
	cfg := copyDemo(t)
	withToday(t, "2026-04-02")
	if code, _, stderr := runCLI("publish", "2026-02", "--config", cfg); code != exitOK {
		t.Fatalf("publish: exit %d\n%s", code, stderr)
	}
	replaceIn(t, filepath.Join(filepath.Dir(cfg), "data", "periods", "2026-02.csv"), "\nzz-st,", "\nzz-st,1")
	if code, stdout, _ := runCLI("check", "--config", cfg); code != exitInput || !strings.Contains(stdout, "考核期 2026-02 已于 2026-04-02 公示（第 1 版），此后发生了变化") {
		t.Fatalf("check of changed published data: exit %d\n%s", code, stdout)
	}
	if code, stdout, stderr := runCLI("publish", "2026-02", "--withdraw", "数据有误，撤回后重新核对", "--config", cfg); code != exitOK || !strings.Contains(stdout, "已撤回公示：2026-02、2026-02-ytd") {
		t.Fatalf("withdraw: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, _ := runCLI("check", "--config", cfg); code != exitOK {
		t.Errorf("check after the withdrawal: exit %d\n%s", code, stdout)
	}
}

// TestChangedKeptResultsFailTheBuild: the results kept for a correction
// notice are checked against the hashes in data/published.toml; a changed
// or missing one fails check and build (exit 1), naming the file, and
// the build leaves the output as it was.
func TestChangedKeptResultsFailTheBuild(t *testing.T) {
	cfg := copyDemo(t)
	dir := filepath.Dir(cfg)
	out := filepath.Join(t.TempDir(), "public")
	withToday(t, "2026-04-02")
	if code, _, stderr := runCLI("publish", "2026-03", "--config", cfg); code != exitOK {
		t.Fatalf("publish: exit %d\n%s", code, stderr)
	}
	replaceIn(t, filepath.Join(dir, "data", "periods", "2026-03.csv"), "\nzz-st,", "\nzz-st,1")
	if code, _, stderr := runCLI("publish", "2026-03", "--amend", "山亭区院受理数录入错误", "--config", cfg); code != exitOK {
		t.Fatalf("amend: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCLI("build", "--config", cfg, "--out", out, "--quiet", "--no-bundles"); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	before, _ := os.ReadFile(filepath.Join(out, "manifest.json"))

	kept := filepath.Join(dir, "data", "published", "2026-03", "v1", "basic.json")
	b, err := os.ReadFile(kept)
	if err != nil {
		t.Fatal(err)
	}
	changed := bytes.Replace(b, []byte(`"rank":1,`), []byte(`"rank":2,`), 1)
	if bytes.Equal(changed, b) {
		t.Fatal("no rank 1 in the kept results")
	}
	os.WriteFile(kept, changed, 0o644)
	os.Remove(filepath.Join(dir, "data", "published", "2026-03", "v2", "basic.json"))
	for _, args := range [][]string{{"check", "--config", cfg}, {"build", "--config", cfg, "--out", out, "--quiet", "--no-bundles"}} {
		code, stdout, stderr := runCLI(args...)
		for _, want := range []string{
			"data/published/2026-03/v1/basic.json: 错误: 考核期 2026-03 第 1 版公示结果（方案 basic）的存档已被改动",
			"data/published/2026-03/v2/basic.json: 错误: 考核期 2026-03 第 2 版公示结果（方案 basic）的存档缺失",
		} {
			if code != exitInput || !strings.Contains(stdout+stderr, want) {
				t.Errorf("%s: exit %d, want 1 with %q\n%s%s", args[0], code, want, stdout, stderr)
			}
		}
	}
	if after, _ := os.ReadFile(filepath.Join(out, "manifest.json")); !bytes.Equal(before, after) {
		t.Error("the failed build changed the output")
	}
	if code, _, stderr := runCLI("publish", "2026-01", "--config", cfg); code != exitInput || !strings.Contains(stderr, "v1/basic.json") {
		t.Errorf("publish with a damaged record: exit %d\n%s", code, stderr)
	}
}
