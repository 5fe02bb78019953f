package report

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"kaoping/generator/render"
)

// A bundle is one period's report as a self-contained folder, zipped at
// BundlePath for archiving and for the supervising procuratorate: the
// bundle's own index.html, the period page, every scheme's ranking,
// score sheets and comparison of the period, the 考核办法, the period's
// data files and the assets. Its pages are copies of the site's pages,
// made from the bytes the build wrote (Bundle.Page): a link to anything
// else (another period, a profile, an indicator's history, a section of
// the navigation bar) is shown as plain text (render.Localizer) and every
// link resolves inside the bundle, from file:// with no network. Deriving
// the copies, rather than rendering every page again for its bundle,
// keeps the bundles cheap (docs/ARCHIVE.md).

// Bundles prepares the bundles of every period. The pages of all bundles
// are listed once, from the same page families as the site's, so a new
// family's pages of a period join the bundles without change here.
type Bundles struct {
	m       *Model
	loc     *render.Localizer
	owner   map[string]string          // site path of a period's page -> period id
	dirs    map[string]string          // folder of a period's score sheets -> period id
	byOwner map[string][]string        // period id ("" = in every bundle) -> site paths of its pages
	files   map[string]map[string]bool // period id -> generated non-page files of its bundle
}

// Bundles indexes the bundles of the model's periods.
func (m *Model) Bundles() *Bundles {
	jobs := m.Jobs()
	paths := make([]string, len(jobs))
	for i, j := range jobs {
		paths[i] = j.Path
	}
	return m.BundlesOf(paths)
}

// BundlesOf is Bundles for a build that already listed the site's pages
// (the Path of each of m.Jobs(), in order): listing them again cost a
// province build 0.2 s.
func (m *Model) BundlesOf(pages []string) *Bundles {
	bs := &Bundles{m: m, loc: render.NewLocalizer(m.Site.BaseURL, m.BundleNote()),
		owner: map[string]string{}, dirs: map[string]string{}, byOwner: map[string][]string{}, files: map[string]map[string]bool{}}
	for _, pd := range m.Data.Periods {
		bs.owner[PeriodPath(pd.ID)] = pd.ID
		bs.files[pd.ID] = map[string]bool{XLSXPath(pd.ID): true}
	}
	for _, s := range m.Config.Schemes {
		for _, r := range m.Results[s.ID] {
			id := r.Period.ID
			bs.owner[RankingPath(s.ID, id)] = id
			bs.owner[ComparePath(s.ID, id)] = id
			bs.dirs[path.Dir(SheetPath(s.ID, id, "x"))] = id
			bs.files[id][DataPath(s.ID, id, "json")] = true
			bs.files[id][DataPath(s.ID, id, "csv")] = true
		}
	}
	for _, p := range pages {
		if p == HomePath() {
			continue // the bundle has an index.html of its own
		}
		if id := bs.periodOf(p); id != "" || bs.common(p) {
			bs.byOwner[id] = append(bs.byOwner[id], p)
		}
	}
	return bs
}

// periodOf is the period whose bundle holds the page at site path p, or
// "" for a page in every bundle or in none.
func (bs *Bundles) periodOf(p string) string {
	if id, ok := bs.owner[p]; ok {
		return id
	}
	return bs.dirs[path.Dir(p)]
}

// common reports whether every bundle holds the site path p: the bundle's
// index, the 考核办法 and the assets.
func (bs *Bundles) common(p string) bool {
	switch {
	case p == HomePath(), p == MethodologyIndexPath(), strings.HasPrefix(p, "assets/"):
		return true
	case strings.HasPrefix(p, "methods/"):
		for _, s := range bs.m.Config.Schemes {
			if p == MethodologyPath(s.ID) {
				return true
			}
		}
	}
	return false
}

// includes reports whether the bundle of period holds the site path p.
func (bs *Bundles) includes(period, p string) bool {
	if bs.common(p) {
		return true
	}
	return period != "" && (bs.periodOf(p) == period || bs.files[period][p])
}

// Bundle is the content of one period's bundle.
type Bundle struct {
	Period string
	// Model is the site's model: use it for BundleNote and
	// BundleReadmeText.
	Model *Model
	// Index is the bundle's own index.html, rendered like a site page
	// (then copied with Page, as the others).
	Index Job
	// Pages are the site paths of the site's pages the bundle holds, in
	// the site's order: each is the copy (Page) of the page the site
	// wrote at that path.
	Pages []string
	// Files are the site paths of generated non-page files of the bundle
	// (the period's JSON, CSV and workbook), to copy from the site's
	// output when they exist; the assets belong to every bundle.
	Files []string

	bs *Bundles
}

// Includes reports whether the site path p is part of the bundle.
func (b *Bundle) Includes(p string) bool { return b.bs.includes(b.Period, p) }

// Page appends to dst the bundle's copy of page, the bytes of the page at
// site path p as the site has it (rendered with the site's model), and
// returns the extended slice: with a base URL its links are made relative,
// and every link leaving the bundle becomes text.
func (b *Bundle) Page(dst, page []byte, p string) []byte {
	return b.bs.loc.Append(dst, page, p, b.Includes)
}

// Bundle lists the content of the bundle of period.
func (bs *Bundles) Bundle(period string) *Bundle {
	b := &Bundle{Period: period, Model: bs.m, bs: bs}
	b.Index = Job{Path: HomePath(), Template: "bundle.html", Data: func() (any, error) { return bs.m.bundlePage(b), nil }}
	b.Pages = append(append(b.Pages, bs.byOwner[period]...), bs.byOwner[""]...)
	for f := range bs.files[period] {
		b.Files = append(b.Files, f)
	}
	sort.Strings(b.Files)
	return b
}

// BundlePage is a bundle's index.html: what the bundle holds and where to
// start reading.
type BundlePage struct {
	Page      *render.Page
	Label     string
	Derived   bool
	Lead      string
	Period    string // site path of the period page
	Summaries []*Summary
	Downloads []Download
	Verify    string // how to check the bundle
}

func (m *Model) bundlePage(b *Bundle) *BundlePage {
	pd := m.Data.Period(b.Period)
	label := m.PeriodLabel(b.Period)
	title := label + m.T("考评报告", " report")
	page := m.Page(HomePath(), title, render.NavHome)
	page.PrintHeader = title
	d := &BundlePage{
		Page: page, Label: title, Derived: pd != nil && pd.Derived, Period: PeriodPath(b.Period),
		Lead: m.T("本归档包是"+m.Config.Title+"本期考评结果的完整副本：各方案排名公示表、每个考核对象的评分表、对比、考核办法和数据文件，断网也可打开、打印。灰色文字指向本包以外的页面（其他考核期、档案等）。",
			"This bundle is a complete copy of the period's results of "+m.Config.Title+": every scheme's ranking, each entity's score sheet, the comparison, the methodology and the data files. It opens and prints with no network. Grey text refers to pages outside the bundle (other periods, profiles)."),
		Verify: m.T("manifest.json 记录了本包每个文件的 SHA-256 校验值；运行 kaoping verify <解压目录> 可核对文件是否被改动。",
			"manifest.json lists the SHA-256 of every file of the bundle; kaoping verify <folder> checks that none was changed."),
	}
	idx := m.periodResults()
	for _, r := range idx[b.Period] {
		d.Summaries = append(d.Summaries, m.summarize(r))
	}
	for _, dl := range m.periodDownloads(b.Period, idx) {
		if b.Includes(dl.Path) {
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
