package publish

import "testing"

func TestSameResults(t *testing.T) {
	old := `{"scheme":"basic","groups":[{"id":"all","entities":[{"id":"a","rank":1,"total":90.5,"indicators":{"r":{"value":1.25,"points":10}}}]}]}`
	tests := []struct {
		name, now string
		same      bool
	}{
		{"identical", old, true},
		{"a key added at every level", `{"scheme":"basic","version":2,"groups":[{"id":"all","entities":[{"id":"a","rank":1,"total":90.5,"indicators":{"r":{"value":1.25,"points":10,"alert":null}}}]}]}`, true},
		{"other spacing and key order", "{\n  \"groups\": [{\"entities\": [{\"total\": 90.5, \"rank\": 1, \"id\": \"a\", \"indicators\": {\"r\": {\"points\": 10, \"value\": 1.25}}}], \"id\": \"all\"}],\n  \"scheme\": \"basic\"\n}", true},
		{"a total changed", `{"scheme":"basic","groups":[{"id":"all","entities":[{"id":"a","rank":1,"total":90.6,"indicators":{"r":{"value":1.25,"points":10}}}]}]}`, false},
		{"a number written otherwise", `{"scheme":"basic","groups":[{"id":"all","entities":[{"id":"a","rank":1,"total":90.50,"indicators":{"r":{"value":1.25,"points":10}}}]}]}`, false},
		{"a key removed", `{"scheme":"basic","groups":[{"id":"all","entities":[{"id":"a","rank":1,"indicators":{"r":{"value":1.25,"points":10}}}]}]}`, false},
		{"an entity added", `{"scheme":"basic","groups":[{"id":"all","entities":[{"id":"a","rank":1,"total":90.5,"indicators":{"r":{"value":1.25,"points":10}}},{"id":"b"}]}]}`, false},
		{"not JSON", `{"scheme":`, false},
	}
	for _, tt := range tests {
		if got := SameResults([]byte(old), []byte(tt.now)); got != tt.same {
			t.Errorf("%s: SameResults = %v, want %v", tt.name, got, tt.same)
		}
	}
}

// TestRecordCompareIgnoresAddedKeys: a period published by a kaoping whose
// results JSON had no "alert" key is unchanged for one that writes it,
// though the file's sha256 differs; a moved total is still a change.
func TestRecordCompareIgnoresAddedKeys(t *testing.T) {
	dir := t.TempDir()
	r, _ := Load(dir, "data/published.toml")
	v1 := result(entity("a", "甲院", 1, "90.5"))
	inputs := map[string]string{"data/periods/2026-03.csv": "h1"}
	if err := r.Publish("2026-03", state(inputs, map[string][]byte{"basic": v1}), "2026-04-02", nil); err != nil {
		t.Fatal(err)
	}
	if err := r.Save(); err != nil {
		t.Fatal(err)
	}
	p := r.Find("2026-03")
	withAlert := []byte(`{"scheme":"basic","period":"2026-03","groups":[{"id":"all","entities":[{"id":"a","name":"甲院","rank":1,"total":90.5,"grade":null,"alert":null}]}]}`)
	if d := r.Compare(p, state(inputs, map[string][]byte{"basic": withAlert})); !d.Empty() {
		t.Errorf("an added key counts as a change: %+v", d)
	}
	moved := result(entity("a", "甲院", 1, "91"))
	if d := r.Compare(p, state(inputs, map[string][]byte{"basic": moved})); len(d.ResultsChanged) != 1 {
		t.Errorf("a changed total is not a change: %+v", d)
	}
}
