package templates

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"kaoping/generator/report"
)

// TestSheetLosses: the 失分项 block lists each loss with its link, the
// points lost and explain's sentence (escaped), in order; with no loss it
// says so, in the page's language.
func TestSheetLosses(t *testing.T) {
	// render renders the block alone as Render renders a page: into a
	// Doc, whose links are written for the page's place.
	render := func(lang string, ls []report.SheetLoss) string {
		env := &Env{}
		page := &report.Page{Path: "schemes/basic/2026-03/zz-st.html", Site: &report.Site{Lang: lang}}
		d := &Doc{}
		d.page, d.env = page, env
		pe := &pageEnv{Env: env, page: page, lang: lang, doc: d}
		d.tb.Reset(d)
		pe.flush = d.tb.Flush
		if err := sheetLosses(ls).Render(context.WithValue(context.Background(), envKey{}, pe), &d.tb); err != nil {
			t.Fatal(err)
		}
		if err := d.tb.Flush(); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := d.WriteTo(&b, env); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	ls := []report.SheetLoss{
		{Name: "案件比", Path: "schemes/basic/indicators/case_ratio.html", Points: 9.51, Weight: 14, Lost: 4.49, Gain: "案件比每降低 0.01，得分增加 0.22 分<b>"},
		{Name: "捕后不诉率", Path: "schemes/basic/indicators/post.html", Points: 3, Weight: 6, Lost: 3, Gain: "再降低 2.2 个百分点"},
	}
	got := render("zh-CN", ls)
	for _, want := range []string{
		"<h2>失分项</h2>",
		`<a href="../indicators/case_ratio.html">案件比</a>`,
		"失 4.49 分", "（9.51 / 14.00）",
		"案件比每降低 0.01，得分增加 0.22 分&lt;b&gt;",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("block lacks %q:\n%s", want, got)
		}
	}
	if i, j := strings.Index(got, "案件比每降低"), strings.Index(got, "再降低 2.2"); i < 0 || j < i {
		t.Errorf("losses out of order:\n%s", got)
	}
	if got := render("zh-CN", nil); !strings.Contains(got, "各项指标均得满分，没有失分项。") || strings.Contains(got, "<ol") {
		t.Errorf("no loss: %s", got)
	}
	if got := render("en", nil); !strings.Contains(got, "Every indicator scored its full weight: no points lost.") {
		t.Errorf("no loss en: %s", got)
	}
	if got := render("en", ls[:1]); !strings.Contains(got, "4.49 lost") || !strings.Contains(got, "Where points were lost") {
		t.Errorf("en: %s", got)
	}
}
