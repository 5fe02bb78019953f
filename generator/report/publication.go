package report

import (
	"fmt"
	"time"

	"kaoping/generator/publish"
)

// PeriodStatus is whether a page's period is published (公示), shown on
// the page on screen and in print (SPEC §7): the 公示期 of a published
// period, 未公示（草稿） for any other.
type PeriodStatus struct {
	Draft bool
	// Text says it: "已公示 · 公示期 2026年4月1日至4月7日（5个工作日）",
	// "未公示（草稿）".
	Text string
}

// setPeriod makes page a page of period id: the slots learn the period,
// and the page shows its publication status.
func (m *Model) setPeriod(page *Page, id, label string) {
	page.Period, page.PeriodLabel = id, label
	page.Status = m.periodStatus(id)
}

// periodStatus is the publication status of period id.
func (m *Model) periodStatus(id string) *PeriodStatus {
	n, ok := m.Notices[id]
	if !ok {
		return &PeriodStatus{Draft: true, Text: m.T("未公示（草稿）", "Not published (draft)")}
	}
	text := m.T("已公示", "Published")
	if n.HasTerm {
		text += m.T(" · 公示期 ", " · publication period ") + m.termText(n.Term)
	} else if n.Date != "" {
		text += m.T(" · ", " · ") + m.dateText(n.Date)
	}
	return &PeriodStatus{Text: text}
}

// termText is a 公示期 for readers: "2026年4月1日至4月7日（5个工作日）",
// the year said once when both ends are in the same year;
// "1 April 2026 to 7 April 2026 (5 working days)" in English.
func (m *Model) termText(t publish.Term) string {
	unit := m.T("天", " days")
	if t.WorkingDays {
		unit = m.T("个工作日", " working days")
	}
	from, err1 := time.Parse(time.DateOnly, t.From)
	to, err2 := time.Parse(time.DateOnly, t.To)
	if err1 != nil || err2 != nil {
		return fmt.Sprintf(m.T("%s至%s（%d%s）", "%s to %s (%d%s)"), t.From, t.To, t.Days, unit)
	}
	end := m.dateText(t.To)
	if m.Lang != "en" && from.Year() == to.Year() {
		end = fmt.Sprintf("%d月%d日", int(to.Month()), to.Day())
	}
	return fmt.Sprintf(m.T("%s至%s（%d%s）", "%s to %s (%d%s)"), m.dateText(t.From), end, t.Days, unit)
}

// dateText is a YYYY-MM-DD date for readers: 2026年4月1日, 1 April 2026;
// anything else as it is.
func (m *Model) dateText(s string) string {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	if m.Lang == "en" {
		return d.Format("2 January 2006")
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year(), int(d.Month()), d.Day())
}
