// Package pagenames says which ids cannot name pages of the site. Entity,
// scheme and indicator ids become file and folder names (see
// generator/report/urls.go); an id is refused when a page it names would
// be another page's file, or when Windows cannot have a file of that name
// (a bundle is unzipped on Windows by the supervising procuratorate).
//
// The pages (report/urls.go) and what collides:
//
//	index.html, archive.html, indicators.html          no id at the top level
//	entities/<entity>.html, entities/index.html         entity "index"
//	schemes/<scheme>/index.html                         (schemes/index.html is a file beside the folders)
//	schemes/<scheme>/<period>.html and <period>/<entity>.html   periods are never "index" or "indicators"
//	schemes/<scheme>/indicators/<indicator>.html        alone in its folder: no indicator collides
//	compare/<scheme>/<period>.html, compare/index.html  a folder beside a file: no collision
//	methods/<scheme>.html, methods/index.html           scheme "index"
//	periods/<period>.html, periods/index.html           period ids are never "index"
//	data/<scheme>/<period>.json|csv, data/results-<period>.xlsx, archive/<period>.zip
//
// So the scheme id "indicators" is allowed (schemes/indicators/ is a
// folder like any scheme's, and indicators.html lies at the top level), and
// so is the indicator id "index". A new page family must be added here;
// TestReservedIDsMatchTheSitePaths in the root package checks this list
// against the path functions of report.
package pagenames

import "strings"

// Entity reports whether id can be an entity id; if not, zh and en say why
// (the end of a sentence that begins with the id).
func Entity(id string) (ok bool, zh, en string) {
	if id == "index" {
		return false, "与站点自身的页面冲突：该单位的档案页 entities/index.html 就是全部单位的列表页",
			"collides with a page of the site: this entity's profile, entities/index.html, is the page that lists every entity"
	}
	return windows(id, "entities/"+id+".html")
}

// Scheme reports whether id can be a scheme id; if not, zh and en say why.
func Scheme(id string) (ok bool, zh, en string) {
	if id == "index" {
		return false, "与站点自身的页面冲突：该方案的考核办法页 methods/index.html 就是所有方案考核办法的目录页",
			"collides with a page of the site: this scheme's methodology, methods/index.html, is the page that lists every scheme's methodology"
	}
	return windows(id, "methods/"+id+".html")
}

// Indicator reports whether id can be an indicator id; if not, zh and en
// say why.
func Indicator(id string) (ok bool, zh, en string) {
	return windows(id, "schemes/…/indicators/"+id+".html")
}

// windows refuses the names Windows reserves for devices, with or without
// an extension: a page named so cannot be unzipped or opened there.
func windows(id, page string) (ok bool, zh, en string) {
	if !reservedOnWindows(id) {
		return true, "", ""
	}
	return false, "是 Windows 保留的设备名（CON、PRN、AUX、NUL、COM1–COM9、LPT1–LPT9），以它命名的页面 " + page + " 在 Windows 上无法解压或打开",
		"is a name Windows reserves for a device (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9): the page " + page + " could not be unzipped or opened on Windows"
}

func reservedOnWindows(id string) bool {
	switch s := strings.ToLower(id); s {
	case "con", "prn", "aux", "nul":
		return true
	default:
		return len(s) == 4 && (s[:3] == "com" || s[:3] == "lpt") && s[3] >= '1' && s[3] <= '9'
	}
}
