package report

// The frame of a page: what every page shows around its content (site
// title, navigation, breadcrumbs) and where the page is. The page
// templates turn site paths into links relative to the page
// (templates/links.go), so the same output works from file:// and under
// any subpath.

// Site is what every page of one site shares.
type Site struct {
	Title    string
	Subtitle string
	// BaseURL, when set (config.toml base_url), makes every link absolute:
	// BaseURL + "/" + site path. Empty means relative links.
	BaseURL string
	// Lang is "zh-CN" (default) or "en".
	Lang string
	// Nav is the navigation bar, in order. Its labels are the UI strings
	// "nav.<key>" of the templates.
	Nav []NavItem
	// Home is the id of the site's own unit (config home), "" for none;
	// HomeMark is the word its table rows carry (本市, 本院, 本单位).
	Home, HomeMark string
}

// NavItem is one entry of the navigation bar: a section (a Page whose
// Section equals Key is in it) and the site path of its page.
type NavItem struct {
	Key  string
	Path string
}

// Crumb is one step of the breadcrumbs. An empty Path marks the current
// page (shown, not linked).
type Crumb struct {
	Label string
	Path  string
}

// Page is the frame of one page.
type Page struct {
	Site *Site
	// Path is the page's own site path, slash-separated, without leading
	// slash: "index.html", "schemes/basic/2024-Q1.html".
	Path string
	// Title is the page title (the <title> is "Title · Site.Title").
	Title string
	// Section is the NavItem.Key of the navigation entry this page belongs to.
	Section string
	// Crumbs are the breadcrumbs, from the home page to this page.
	Crumbs []Crumb
	// PrintHeader is shown only on paper, under the site title: typically
	// the scheme and the period ("基层院业绩考评 · 2024年第一季度").
	PrintHeader string
	// Period is the id of the period the page is about, "" for none: the
	// site's HTML slots receive it.
	Period      string
	PeriodLabel string
	// Status is the publication status of the page's period, shown on
	// screen and in print; nil on a page of no period.
	Status *PeriodStatus
}

// Lang is the site language, "zh-CN" unless the site says "en".
func (p *Page) Lang() string {
	if p.Site != nil && p.Site.Lang == "en" {
		return "en"
	}
	return "zh-CN"
}

// Navigation keys, in the order of the navigation bar.
const (
	NavHome        = "home"
	NavPeriods     = "periods"
	NavRankings    = "rankings"
	NavIndicators  = "indicators"
	NavCompare     = "compare"
	NavEntities    = "entities"
	NavMethodology = "methodology"
	NavArchive     = "archive"
)

// siteNav is the navigation bar: 首页, 考核期, 排名, 指标, 对比, 单位, 考核办法, 归档.
func siteNav() []NavItem {
	return []NavItem{
		{NavHome, HomePath()},
		{NavPeriods, PeriodsIndexPath()},
		{NavRankings, SchemesIndexPath()},
		{NavIndicators, IndicatorsIndexPath()},
		{NavCompare, CompareIndexPath()},
		{NavEntities, EntitiesPath()},
		{NavMethodology, MethodologyIndexPath()},
		{NavArchive, ArchivePath()},
	}
}
