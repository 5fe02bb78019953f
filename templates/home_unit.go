package templates

import "context"

// isHome reports whether entity id is the site's own unit (config home).
func isHome(ctx context.Context, id string) bool {
	pe := current(ctx)
	return id != "" && pe.page != nil && pe.page.Site != nil && pe.page.Site.Home == id
}

// homeClass is "home" for the row of the site's own unit, "" otherwise:
// site.css shades the row.
func homeClass(ctx context.Context, id string) string {
	if isHome(ctx, id) {
		return "home"
	}
	return ""
}
