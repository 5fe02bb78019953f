package render

import (
	"bytes"
	"fmt"
	"testing"
)

// TestIntMessageMatchesTF: IntMessage writes what {{tf "key" ...}} prints
// for a message of any shape: cut at its %d without fmt when each verb is
// a plain %d, formatted by fmt as tf does otherwise.
func TestIntMessageMatchesTF(t *testing.T) {
	for _, c := range []struct {
		format string
		args   []int
		cut    bool
	}{
		{"第 %d 名 / 共 %d", []int{3, 12}, true},
		{"No. %d <of> %d & 'x' +", []int{-1, 0}, true},
		{"%d", []int{7}, true},
		{"<%d> too & many", []int{40}, true},
		{"%d/%d (100%%)", []int{1, 2}, false},
		{"%[2]d: %[1]d", []int{1, 2}, false},
		{"only %d", []int{1, 2}, false},
		{"%d%% (%d)", []int{5}, false},
		{"no verb \x00", []int{5}, false},
	} {
		r, err := New(Options{Lang: "zh-CN", Dir: "/nonexistent-kaoping-templates",
			Messages: map[string]Message{"x.of": {ZH: c.format, EN: c.format}}})
		if err != nil {
			t.Fatal(err)
		}
		x := r.NativeText()
		m := x.IntMessage("x.of", len(c.args))
		if err := x.Err(); err != nil {
			t.Fatal(err)
		}
		if got := m.parts != nil; got != c.cut {
			t.Errorf("%q: cut at %%d = %v, want %v", c.format, got, c.cut)
		}
		var got bytes.Buffer
		m.Write(&got, c.args...)
		as := make([]any, len(c.args))
		for i, a := range c.args {
			as[i] = a
		}
		if want := EscapeString(fmt.Sprintf(c.format, as...)); got.String() != want {
			t.Errorf("%q %v: got %q, want %q", c.format, c.args, got.String(), want)
		}
	}
}

// TestNativeTextT: T is {{t "key"}} escaped, and an unknown key an error.
func TestNativeTextT(t *testing.T) {
	r, err := New(Options{Lang: "en", Dir: "/nonexistent-kaoping-templates",
		Messages: map[string]Message{"x.odd": {ZH: "中 <b>", EN: `A<b> & "q" 'a' +1`}}})
	if err != nil {
		t.Fatal(err)
	}
	x := r.NativeText()
	if got, want := x.T("x.odd"), x.Expand(`{{t "x.odd"}}`); got != want || got != EscapeString(`A<b> & "q" 'a' +1`) {
		t.Errorf("T = %q, Expand = %q", got, want)
	}
	if x.Err() != nil {
		t.Fatal(x.Err())
	}
	if x.T("x.no-such-key") != "" || x.Err() == nil {
		t.Error("an unknown key gave no error")
	}
	y := r.NativeText()
	y.IntMessage("x.no-such-key", 1)
	if y.Err() == nil {
		t.Error("IntMessage of an unknown key gave no error")
	}
}
