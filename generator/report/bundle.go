package report

import (
	"fmt"
	"strings"
)

// A bundle is one period's report as a self-contained folder, zipped at
// BundlePath for archiving and for the supervising procuratorate: the
// bundle's own index.html, the period page, every scheme's ranking,
// score sheets and comparison of the period, the 考核办法, the period's
// data files and the assets. Its pages are the site's page models rendered
// with the bundle's links (templates.Bundle): a link to anything else
// (another period, a profile, an indicator's history) is shown as text,
// so every link resolves inside the bundle, from file:// with no network.

// AllBundles is the Job.Bundle of a page that every bundle holds.
const AllBundles = "*"

// Bundles says which site paths each period's bundle holds.
type Bundles struct {
	m     *Model
	owner map[string]string // site path -> period id, or AllBundles
}

// Bundles indexes the bundles of the site whose pages are jobs (m.Jobs()).
func (m *Model) Bundles(jobs []Job) *Bundles {
	bs := &Bundles{m: m, owner: make(map[string]string, len(jobs))}
	for _, j := range jobs {
		if j.Bundle != "" {
			bs.owner[j.Path] = j.Bundle
		}
	}
	for _, f := range m.DataFiles() {
		bs.owner[f.Path] = f.Period
	}
	return bs
}

// Holds reports whether the bundle of period holds the site path p.
func (bs *Bundles) Holds(period, p string) bool {
	if strings.HasPrefix(p, "assets/") {
		return true
	}
	o, ok := bs.owner[p]
	return ok && (o == period || o == AllBundles)
}

// Home is the bundle's own index.html.
func (bs *Bundles) Home(period string) Job {
	return Job{Path: HomePath(), Bundle: period, Data: func() (any, error) { return bs.m.bundlePage(bs, period), nil }}
}

// DataFile is a result file of the site (SPEC §7): the JSON and CSV of
// each scheme and period, and each period's workbook.
type DataFile struct {
	Path   string
	Period string
	// Scheme is the scheme of a JSON or CSV file, "" for a workbook.
	Scheme string
	Format string // "json", "csv" or "xlsx"
}

// DataFiles lists the result files, in period order: for each period,
// each scheme's JSON and CSV, then the workbook of all its schemes.
func (m *Model) DataFiles() []DataFile {
	var files []DataFile
	for _, pd := range m.Data.Periods {
		n := len(files)
		for _, s := range m.Config.Schemes {
			if m.Result(s.ID, pd.ID) != nil {
				files = append(files,
					DataFile{Path: DataPath(s.ID, pd.ID, "json"), Period: pd.ID, Scheme: s.ID, Format: "json"},
					DataFile{Path: DataPath(s.ID, pd.ID, "csv"), Period: pd.ID, Scheme: s.ID, Format: "csv"})
			}
		}
		if len(files) > n {
			files = append(files, DataFile{Path: XLSXPath(pd.ID), Period: pd.ID, Format: "xlsx"})
		}
	}
	return files
}

// BundlePage is a bundle's index.html: what the bundle holds and where to
// start reading.
type BundlePage struct {
	Page      *Page
	Label     string
	Derived   bool
	Lead      string
	Period    string // site path of the period page
	Summaries []*Summary
	Downloads []Download
	Verify    string // how to check the bundle
}

func (m *Model) bundlePage(bs *Bundles, period string) *BundlePage {
	pd := m.Data.Period(period)
	label := m.PeriodLabel(period)
	title := label + m.T("考评报告", " report")
	page := m.Page(HomePath(), title, NavHome)
	page.PrintHeader = title
	m.setPeriod(page, period, label)
	d := &BundlePage{
		Page: page, Label: title, Derived: pd != nil && pd.Derived, Period: PeriodPath(period),
		Lead: m.T("本归档包是"+m.Config.Title+"本期考评结果的完整副本：各方案排名公示表、每个考核对象的评分表、对比、考核办法和数据文件，断网也可打开、打印。灰色文字指向本包以外的页面（其他考核期、档案等）。",
			"This bundle is a complete copy of the period's results of "+m.Config.Title+": every scheme's ranking, each entity's score sheet, the comparison, the methodology and the data files. It opens and prints with no network. Grey text refers to pages outside the bundle (other periods, profiles)."),
		Verify: m.T("manifest.json 记录了本包每个文件的 SHA-256 校验值；运行 kaoping verify <解压目录> 可核对文件是否被改动。",
			"manifest.json lists the SHA-256 of every file of the bundle; kaoping verify <folder> checks that none was changed."),
	}
	idx := m.periodResults()
	for _, r := range idx[period] {
		d.Summaries = append(d.Summaries, m.summarize(r))
	}
	for _, dl := range m.periodDownloads(period, idx) {
		if bs.Holds(period, dl.Path) {
			d.Downloads = append(d.Downloads, dl)
		}
	}
	return d
}

// BundleReadmeText is the README.txt of a period's bundle: in Chinese
// (and English below), with Windows line ends and a UTF-8 byte order mark
// so that Notepad on any Windows shows it right.
func (m *Model) BundleReadmeText(period string) []byte {
	label := m.PeriodLabel(period)
	var names []string
	for _, s := range m.Config.Schemes {
		if m.Result(s.ID, period) != nil {
			names = append(names, s.Name)
		}
	}
	zhSchemes, enSchemes := strings.Join(names, "、"), strings.Join(names, ", ")
	if len(names) == 0 {
		zhSchemes, enSchemes = "（本期没有计分结果）", "(no results this period)"
	}
	lines := []string{
		m.Config.Title,
		label + " 考评报告（归档包）",
		"",
		"打开方法",
		"1. 先把本压缩包全部解压到任意文件夹（在压缩包上点右键，选“全部解压缩”）；不要在压缩软件里直接打开其中的网页。",
		"2. 双击解压后文件夹中的 index.html，用浏览器（Edge、Chrome、Firefox，或 360 等浏览器的极速模式）打开。",
		"3. 不需要网络，也不需要安装任何软件；所有页面、图表和表格都在本包内，可直接查看和打印（建议 A4 纵向）。",
		"4. 页面上的灰色文字指向本包以外的页面（其他考核期、个人档案、指标历史等），请在考评网站上查看。",
		"",
		"内容",
		"- index.html：本期报告首页，从这里开始阅读",
		"- periods/" + period + ".html：本期概况和说明",
		"- schemes/<方案>/" + period + ".html：排名公示表；schemes/<方案>/" + period + "/：每个考核对象的评分表",
		"- compare/：对比；methods/：考核办法",
		"- data/：计算结果（CSV 可用 Excel 打开，JSON 供系统对接，XLSX 为本期全部方案）",
		"- assets/：样式、脚本和 ECharts 图表库（Apache-2.0 许可，见 assets/ECHARTS-LICENSE）",
		"- manifest.json：每个文件的 SHA-256 校验值",
		"",
		"本期考评方案：" + zhSchemes,
		"",
		"核对完整性：在装有 kaoping 的电脑上运行 kaoping verify <解压后的文件夹>，",
		"会列出缺少、多出或被改动的文件；全部一致时显示“校验通过”。",
		"",
		"----",
		"",
		fmt.Sprintf("%s: report for %s (archive bundle)", m.Config.Title, period),
		"",
		"How to open: unzip the whole bundle into any folder, then double-click index.html.",
		"No network and no software are needed; every page and chart is inside the bundle.",
		"Grey text refers to pages outside the bundle (other periods, profiles): see the report site.",
		"Schemes: " + enSchemes,
		"Integrity: `kaoping verify <folder>` checks every file against manifest.json.",
		"",
	}
	return []byte("\ufeff" + strings.Join(lines, "\r\n"))
}

// BundleNote is the tooltip of a link shown as text in a bundle.
func (m *Model) BundleNote() string {
	return m.T("不在本归档包中，请在考评网站上查看", "Not in this bundle: see the report site")
}

// BundleReadme is the name of a bundle's instructions.
const BundleReadme = "README.txt"
