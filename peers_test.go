package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestInhouseRanksEach院: the demo's 院内 scheme (peers = "procuratorate")
// gives 山亭区院 one group of exactly its 17 prosecutors, ranked 1–17, in
// the latest period, although departments sit between them and the 院.
func TestInhouseRanksEach院(t *testing.T) {
	r := latest(t, loadDemo(t), "inhouse")
	code, out, stderr := runCLI("scores", "--scheme", "inhouse", "--period", r.Period.ID, "--format", "csv", "--config", demoConfig)
	if code != exitOK {
		t.Fatalf("scores: exit %d: %s", code, stderr)
	}
	var ids, ranks []string
	for _, line := range strings.Split(out, "\n") {
		cells := strings.Split(line, ",")
		if len(cells) > 3 && cells[0] == "zz-st" {
			ranks = append(ranks, cells[1])
			ids = append(ids, cells[2])
		}
	}
	var wantIDs, wantRanks []string
	for i := 1; i <= 17; i++ {
		wantIDs = append(wantIDs, fmt.Sprintf("zz-st-p%02d", i))
		wantRanks = append(wantRanks, strconv.Itoa(i))
	}
	got := append([]string(nil), ids...)
	slices.Sort(got)
	if strings.Join(got, " ") != strings.Join(wantIDs, " ") || strings.Join(ranks, " ") != strings.Join(wantRanks, " ") {
		t.Errorf("group zz-st in %s: members %v with ranks %v; want %v ranked 1–17", r.Period.ID, ids, ranks, wantIDs)
	}
}

// TestCheckPeersKinds: check rejects a peers kind that entities.csv lacks
// and one that is not above the scheme's kind, at the line of peers.
func TestCheckPeersKinds(t *testing.T) {
	for _, tt := range []struct{ kind, zh string }{
		{"procuratorat", `"procuratorat" 既不是 all、parent、group，也不是 entities.csv 中的类型`},
		{"prosecutor", "类型 prosecutor 不在考核对象类型 prosecutor 之上"},
	} {
		cfg := copyDemo(t)
		line := replaceIn(t, cfg, "\n"+`peers = "procuratorate"`, "\n"+`peers = "`+tt.kind+`"`)
		code, stdout, stderr := runCLI("check", "--config", cfg)
		if code != exitInput {
			t.Fatalf("check with peers = %q: exit %d, want 1\n%s%s", tt.kind, code, stdout, stderr)
		}
		if !hasLinePrefix(stdout, "config.toml:"+strconv.Itoa(line)+": 错误: ") || !strings.Contains(stdout, tt.zh) {
			t.Errorf("check with peers = %q does not report it at config.toml:%d:\n%s", tt.kind, line, stdout)
		}
	}
}
