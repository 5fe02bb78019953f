package pagenames

import "testing"

func TestIDs(t *testing.T) {
	for _, tt := range []struct {
		id                        string
		entity, scheme, indicator bool // allowed
	}{
		{"index", false, false, true},
		{"indicators", true, true, true},
		{"con", false, false, false},
		{"nul", false, false, false},
		{"com1", false, false, false},
		{"lpt9", false, false, false},
		{"com0", true, true, true},
		{"com10", true, true, true},
		{"console", true, true, true},
		{"basic", true, true, true},
		{"index2", true, true, true},
	} {
		e, _, _ := Entity(tt.id)
		s, _, _ := Scheme(tt.id)
		i, _, _ := Indicator(tt.id)
		if e != tt.entity || s != tt.scheme || i != tt.indicator {
			t.Errorf("%s: entity %v, scheme %v, indicator %v; want %v, %v, %v", tt.id, e, s, i, tt.entity, tt.scheme, tt.indicator)
		}
	}
	if ok, zh, en := Entity("index"); ok || zh == "" || en == "" {
		t.Error("no reason given")
	}
}
