package period

import "fmt"

var (
	zhNum   = [...]string{"", "一", "二", "三", "四"}
	enMonth = [...]string{"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	zhHalf  = [...]string{"", "上半年", "下半年"}
)

// Label returns the period's full name in lang ("en" gives English,
// anything else Chinese):
//
//	2021        2021年            2021
//	2021-H1     2021年上半年       2021 H1
//	2021-Q1     2021年第一季度     2021 Q1
//	2021-03     2021年3月          Mar 2021
//	2024-03-ytd 2024年1-3月累计    Jan–Mar 2024 (cumulative)
//	2024-Q2-ytd 2024年1-2季度累计  Q1–Q2 2024 (cumulative)
//
// A derived period of one part (2024-01-ytd, 2024-Q1-ytd) reads
// 2024年1月累计 / Jan 2024 (cumulative) and 2024年第一季度累计 /
// Q1 2024 (cumulative).
func (p Period) Label(lang string) string {
	en := lang == "en"
	switch {
	case p.Gran == Year && en:
		return fmt.Sprintf("%d", p.Year)
	case p.Gran == Year:
		return fmt.Sprintf("%d年", p.Year)
	case p.Gran == Half && en:
		return fmt.Sprintf("%d H%d", p.Year, p.N)
	case p.Gran == Half:
		return fmt.Sprintf("%d年%s", p.Year, zhHalf[p.N])
	case p.Gran == Quarter && p.YTD && p.N > 1 && en:
		return fmt.Sprintf("Q1–Q%d %d (cumulative)", p.N, p.Year)
	case p.Gran == Quarter && p.YTD && p.N > 1:
		return fmt.Sprintf("%d年1-%d季度累计", p.Year, p.N)
	case p.Gran == Quarter && p.YTD && en:
		return fmt.Sprintf("Q1 %d (cumulative)", p.Year)
	case p.Gran == Quarter && p.YTD:
		return fmt.Sprintf("%d年第一季度累计", p.Year)
	case p.Gran == Quarter && en:
		return fmt.Sprintf("%d Q%d", p.Year, p.N)
	case p.Gran == Quarter:
		return fmt.Sprintf("%d年第%s季度", p.Year, zhNum[p.N])
	case p.YTD && p.N > 1 && en:
		return fmt.Sprintf("Jan–%s %d (cumulative)", enMonth[p.N], p.Year)
	case p.YTD && p.N > 1:
		return fmt.Sprintf("%d年1-%d月累计", p.Year, p.N)
	case p.YTD && en:
		return fmt.Sprintf("Jan %d (cumulative)", p.Year)
	case p.YTD:
		return fmt.Sprintf("%d年1月累计", p.Year)
	case en:
		return fmt.Sprintf("%s %d", enMonth[p.N], p.Year)
	}
	return fmt.Sprintf("%d年%d月", p.Year, p.N)
}

// ShortLabel returns a compact name for chart axes and narrow table
// columns, a short form of Label that still reads as Chinese:
//
//	2021        2021年            2021
//	2021-H1     2021年上半年       2021 H1
//	2021-Q1     2021年一季度       2021 Q1
//	2021-03     2021年3月          Mar 2021
//	2024-03-ytd 2024年1-3月累计    Jan–Mar 2024 YTD
//	2024-Q2-ytd 2024年1-2季度累计  Q1–Q2 2024 YTD
func (p Period) ShortLabel(lang string) string {
	en := lang == "en"
	switch {
	case p.Gran == Quarter && !p.YTD && !en:
		return fmt.Sprintf("%d年%s季度", p.Year, zhNum[p.N])
	case p.Gran == Quarter && p.YTD && p.N == 1 && !en:
		return fmt.Sprintf("%d年一季度累计", p.Year)
	case p.YTD && en:
		l := p.Label(lang)
		return l[:len(l)-len(" (cumulative)")] + " YTD"
	}
	return p.Label(lang)
}
