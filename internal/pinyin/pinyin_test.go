package pinyin

import "testing"

func TestSpell(t *testing.T) {
	for _, c := range []struct{ in, full, initials string }{
		{"山亭区人民检察院", "shantingqurenminjianchayuan", "stqrmjcy"},
		{"山亭检察官01", "shantingjianchaguan01", "stjcg01"},
		{"枣庄市", "zaozhuangshi", "zzs"},
		{"Case ratio 案件比", "caseratioanjianbi", "caseratioajb"},
		{"（一）", "yi", "y"},
		{"", "", ""},
	} {
		full, initials := Spell(c.in)
		if full != c.full || initials != c.initials {
			t.Errorf("Spell(%q) = %q, %q; want %q, %q", c.in, full, initials, c.full, c.initials)
		}
	}
}
