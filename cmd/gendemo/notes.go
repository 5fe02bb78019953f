package main

import (
	"fmt"
	"sort"
	"strings"
)

// unitStats are a few indicators of a procuratorate, computed from the
// counts for the commentary's table.
type unitStats struct {
	Name                           string
	Cases                          float64
	CaseRatio, Plea, Days, Adopted float64
}

func statsOf(name string, m map[string]float64) unitStats {
	return unitStats{
		Name:      name,
		Cases:     m["cases"],
		CaseRatio: m["items"] / m["cases"],
		Plea:      m["plea"] / m["review_closed"],
		Days:      m["review_days"] / m["review_closed"],
		Adopted:   m["sentencing_adopted"] / m["sentencing_proposals"],
	}
}

// cityTotal sums the six procuratorates' counts (what aggregation gives 枣庄市).
func cityTotal(v values) map[string]float64 {
	t := map[string]float64{}
	for _, u := range units {
		for f, x := range v[u.ID] {
			t[f] += x
		}
	}
	return t
}

// statsTable renders the 本期情况通报 table as GFM.
func statsTable(v values) string {
	var b strings.Builder
	b.WriteString("| 单位 | 受理案件数 | 案件比 | 认罪认罚适用率 | 审查起诉平均办案天数 | 量刑建议采纳率 |\n")
	b.WriteString("| --- | ---: | ---: | ---: | ---: | ---: |\n")
	row := func(s unitStats) {
		fmt.Fprintf(&b, "| %s | %.0f | 1:%.2f | %.1f%% | %.1f | %.1f%% |\n",
			s.Name, s.Cases, s.CaseRatio, 100*s.Plea, s.Days, 100*s.Adopted)
	}
	for _, u := range units {
		row(statsOf(u.Name, v[u.ID]))
	}
	row(statsOf("**全市**", cityTotal(v)))
	return b.String()
}

// bestCaseRatio names the procuratorate with the lowest 案件比.
func bestCaseRatio(v values) unitStats {
	var all []unitStats
	for _, u := range units {
		all = append(all, statsOf(u.Name, v[u.ID]))
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].CaseRatio < all[j].CaseRatio })
	return all[0]
}

// notes returns data/notes/<period>.md for the periods that have commentary.
func notes(data map[string]values) map[string]string {
	st := func(id string) unitStats { return statsOf("山亭区人民检察院", data[id][shantingID]) }
	city := func(id string) unitStats { return statsOf("全市", cityTotal(data[id])) }
	out := map[string]string{}

	s, c := st("2024-Q1"), city("2024-Q1")
	out["2024-Q1"] = fmt.Sprintf(`# 2024年第一季度业绩考评情况通报

本季度是新考评办法实施后的第一个考评期。全市基层院共受理案件 %.0f 件，案件比 1:%.2f，认罪认罚从宽制度适用率 %.1f%%。

## 主要情况

- 案件比最优的是%s（1:%.2f）。
- 山亭区人民检察院案件比为 1:%.2f，高于全市水平；审查起诉平均办案天数 %.1f 天，认罪认罚适用率 %.1f%%，均落后于全市，综合得分列全市末位。
- 各院须对照本通报查找短板，山亭区院于下季度初报送整改方案。

## 本期情况通报

%s
> 说明：以上数值由各院报送的原始数据按考评办法公式计算，排名与得分以考评结果页为准。
`, c.Cases, c.CaseRatio, 100*c.Plea, bestCaseRatio(data["2024-Q1"]).Name, bestCaseRatio(data["2024-Q1"]).CaseRatio,
		s.CaseRatio, s.Days, 100*s.Plea, statsTable(data["2024-Q1"]))

	out["2024-Q3"] = fmt.Sprintf(`# 2024年第三季度业绩考评情况通报

## 需要说明的事项

- 峄城区人民检察院本季度未按时报送**综合评价**结果，依照考评办法，该项按 0 分计（缺失值处理方式为“zero”）。
- 山亭区人民检察院整改措施初见成效，案件比降至 1:%.2f。

## 本期情况通报

%s`, st("2024-Q3").CaseRatio, statsTable(data["2024-Q3"]))

	s = st("2025-Q2")
	out["2025-Q2"] = fmt.Sprintf(`# 2025年第二季度业绩考评情况通报

本季度数据由各院以 Excel 报表（中文表头）报送，经校验无误后导入。

## 主要情况

- 全市案件比 1:%.2f，认罪认罚适用率 %.1f%%，量刑建议采纳率 %.1f%%。
- 山亭区人民检察院自2024年第四季度起走出末位，各项指标持续向好：案件比 1:%.2f，审查起诉平均办案天数缩短至 %.1f 天。
- 请各院关注捕后不诉率和诉前羁押率，防止“够罪即捕”。

## 本期情况通报

%s`, city("2025-Q2").CaseRatio, 100*city("2025-Q2").Plea, 100*city("2025-Q2").Adopted,
		s.CaseRatio, s.Days, statsTable(data["2025-Q2"]))

	s = st("2025-Q4")
	out["2025-Q4"] = fmt.Sprintf(`# 2025年第四季度及全年业绩考评情况通报

## 主要情况

1. 山亭区人民检察院本季度综合得分列全市第一，全年累计列全市第三；案件比 1:%.2f，认罪认罚适用率 %.1f%%，两年来由末位跃升至前列。
2. 市中区人民检察院一名员额检察官（市中检察官03）在第三季度发生违纪违法情形，依照考评办法**一票否决**；全年累计考评（2025年1-4季度累计）中该否决继续适用。
3. 本季度各院数据分两张表报送：院级数据（basic.csv）与检察官个人数据（prosecutors.csv），系统自动合并。

## 本期情况通报

%s
## 下一步工作

- 自2026年起按月报送数据，实行**逐月累计计分、实时动态排名**。
`, s.CaseRatio, 100*s.Plea, statsTable(data["2025-Q4"]))

	var sum3 = values{}
	for _, u := range units {
		sum3[u.ID] = map[string]float64{}
		for _, id := range []string{"2026-01", "2026-02", "2026-03"} {
			for f, x := range data[id][u.ID] {
				sum3[u.ID][f] += x
			}
		}
	}
	out["2026-03"] = fmt.Sprintf(`# 2026年3月业绩考评情况通报

本月起按月通报，同时发布**2026年1-3月累计**考评结果。

## 主要情况

- 1-3月全市基层院累计受理案件 %.0f 件，案件比 1:%.2f。
- 山亭区人民检察院1-3月累计案件比 1:%.2f，保持全市前列。
- 月度数据波动较大（2月受春节假期影响案件量明显下降），评价以累计结果为主。

## 1-3月累计情况

%s`, cityTotal(sum3)["cases"], statsOf("", cityTotal(sum3)).CaseRatio,
		statsOf("", sum3[shantingID]).CaseRatio, statsTable(sum3))
	return out
}
