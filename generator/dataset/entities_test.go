package dataset

import (
	"slices"
	"testing"

	"kaoping/generator/diag"
)

func ids(es []*Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func TestReadEntities(t *testing.T) {
	// Columns in another order, optional group and order, Chinese names.
	data := "name,id,parent,kind,group,order\n" +
		"枣庄市院,city,,city,,\n" +
		"  薛城区院 ,a,city,procuratorate,基层院,2\n" +
		"\n" + // blank lines are skipped
		"峄城区院,b,city,procuratorate,基层院,1\n" +
		",,,,,\n" +
		"刑事检察部,a1,a,department,刑事检察,\n"
	var l diag.List
	es, mentioned := readEntities([]byte(data), "data/entities.csv", &l)
	if len(l) != 0 {
		t.Fatalf("problems:\n%s", format(l))
	}
	// Order: city (file position 1), b (order 1), a (order 2), a1 (file position 4).
	// Ties keep file order: city (1) before b (1); a (2) before... a1 is 4.
	if got, want := ids(es.All), []string{"city", "b", "a", "a1"}; !slices.Equal(got, want) {
		t.Errorf("All = %v, want %v", got, want)
	}
	a := es.Get("a")
	if a == nil || a.Name != "薛城区院" || a.Kind != "procuratorate" || a.Parent != "city" || a.Group != "基层院" || a.Order != 2 || a.Line != 3 {
		t.Errorf("a = %+v", a)
	}
	if e := es.Get("a1"); e == nil || e.Line != 7 || e.Order != 4 {
		t.Errorf("a1 = %+v, want line 7, order 4", e)
	}
	if got := ids(es.Children("city")); !slices.Equal(got, []string{"b", "a"}) {
		t.Errorf("Children(city) = %v", got)
	}
	if got := ids(es.Roots()); !slices.Equal(got, []string{"city"}) {
		t.Errorf("Roots = %v", got)
	}
	if got := ids(es.Ancestors("a1")); !slices.Equal(got, []string{"city", "a"}) {
		t.Errorf("Ancestors(a1) = %v", got)
	}
	if got := es.Ancestors("city"); len(got) != 0 {
		t.Errorf("Ancestors(city) = %v", ids(got))
	}
	if got := ids(es.OfKind("procuratorate")); !slices.Equal(got, []string{"b", "a"}) {
		t.Errorf("OfKind = %v", got)
	}
	if !mentioned["a1"] || mentioned["zz"] {
		t.Errorf("mentioned = %v", mentioned)
	}
}

func TestReadEntitiesChineseHeader(t *testing.T) {
	data := "\ufeff编号,名称,类型,上级,排序\nx,甲,city,,\ny,乙,procuratorate,x,\n"
	var l diag.List
	es, _ := readEntities([]byte(data), "data/entities.csv", &l)
	if len(l) != 0 {
		t.Fatalf("problems:\n%s", format(l))
	}
	if e := es.Get("y"); e == nil || e.Name != "乙" || e.Parent != "x" {
		t.Errorf("y = %+v", e)
	}
}

func TestEntitiesErrors(t *testing.T) {
	const f = "data/entities.csv"
	tests := []struct {
		name string
		data string
		want want
	}{
		{"missing column", "id,name,kind\nx,甲,city\n", want{f, 1, 0, []string{`"parent"`, "missing"}, false}},
		{"unknown column", "id,name,kind,parent,colour\nx,甲,city,,red\n", want{f, 1, 5, []string{`unknown column "colour"`}, false}},
		{"duplicate column", "id,name,kind,parent,编号\nx,甲,city,,x\n", want{f, 1, 5, []string{"appears twice", "column 1"}, false}},
		{"bad id", "id,name,kind,parent\nX y,甲,city,\n", want{f, 2, 1, []string{`id "X y" is invalid`}, false}},
		{"duplicate id", "id,name,kind,parent\nx,甲,city,\ny,乙,city,\nx,丙,city,\n", want{f, 4, 1, []string{`"x" is a duplicate`, "line 2"}, false}},
		{"empty name", "id,name,kind,parent\nx, ,city,\n", want{f, 2, 2, []string{"name is empty"}, false}},
		{"bad kind", "id,name,kind,parent\nx,甲,City,\n", want{f, 2, 3, []string{`kind "City" is invalid`}, false}},
		{"unknown parent", "id,name,kind,parent\nx,甲,city,\ny,乙,city,zz\n", want{f, 3, 4, []string{`parent "zz"`}, false}},
		{"self parent", "id,name,kind,parent\nx,甲,city,x\n", want{f, 2, 0, []string{"cycle", "x (甲) → x"}, false}},
		{"cycle", "id,name,kind,parent\nr,根,city,\nb,乙,city,c\na,甲,city,b\nc,丙,city,a\n",
			want{f, 3, 0, []string{"cycle", "b (乙) → c (丙) → a (甲) → b"}, false}},
		{"order not integer", "id,name,kind,parent,order\nx,甲,city,,1.5\n", want{f, 2, 5, []string{`order "1.5"`}, false}},
		{"wrong field count", "id,name,kind,parent\nx,甲,city\n", want{f, 2, 0, []string{"3 fields", "header has 4"}, false}},
		{"empty file", "", want{f, 0, 0, []string{"empty"}, false}},
		{"id of the site's list of entities", "id,name,kind,parent\nx,甲,city,\nindex,乙,procuratorate,x\n",
			want{f, 3, 1, []string{`id "index" collides with a page of the site`, "entities/index.html", "choose another id"}, false}},
		{"id of a Windows device", "id,name,kind,parent\nx,甲,city,\ny,乙,procuratorate,x\nnul,丙,procuratorate,x\n",
			want{f, 4, 1, []string{`id "nul" is a name Windows reserves for a device`, "entities/nul.html"}, false}},
		{"csv syntax", "id,name,kind,parent\nx,a\"b,city,\n", want{f, 2, 0, []string{"CSV syntax error"}, false}},
		{"not utf8 nor gb18030", "id,name,kind,parent\nx,\xff\xff\xff,city,\n", want{f, 0, 0, []string{"encoding"}, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l diag.List
			es, _ := readEntities([]byte(tt.data), f, &l)
			check(t, l, tt.want, false)
			// Whatever went wrong, the result is a forest: Ancestors terminates
			// and post-order visits every entity once.
			if n := len(es.postOrder()); n != len(es.All) {
				t.Errorf("postOrder has %d entities, All has %d", n, len(es.All))
			}
		})
	}
}

func TestEntitiesMultilineField(t *testing.T) {
	// A quoted name spanning two lines shifts the lines of the rows after it.
	data := "id,name,kind,parent\nx,\"甲\n乙\",city,\ny,丙,City,\n"
	var l diag.List
	readEntities([]byte(data), "data/entities.csv", &l)
	check(t, l, want{"data/entities.csv", 4, 3, []string{"City"}, false}, false)
}

func TestNewEntities(t *testing.T) {
	es := NewEntities([]*Entity{
		{ID: "p", Kind: "city", Order: 2},
		{ID: "c2", Kind: "dept", Parent: "p", Order: 5},
		{ID: "c1", Kind: "dept", Parent: "p", Order: 1},
		{ID: "q", Kind: "city", Order: 2},
	})
	if got := ids(es.All); !slices.Equal(got, []string{"c1", "p", "q", "c2"}) {
		t.Errorf("All = %v", got)
	}
	if got := ids(es.Children("p")); !slices.Equal(got, []string{"c1", "c2"}) {
		t.Errorf("Children(p) = %v", got)
	}
	if got := ids(es.postOrder()); !slices.Equal(got, []string{"c1", "c2", "p", "q"}) {
		t.Errorf("postOrder = %v", got)
	}
	if es.Get("nope") != nil {
		t.Error("Get(nope) != nil")
	}
	// A cycle given to NewEntities (no validation) must not hang Ancestors.
	cyc := NewEntities([]*Entity{{ID: "a", Parent: "b"}, {ID: "b", Parent: "a"}})
	if got := cyc.Ancestors("a"); len(got) > 2 {
		t.Errorf("Ancestors on a cycle = %v", ids(got))
	}
}
