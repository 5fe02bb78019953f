package templates

import (
	"context"
	"io"

	"github.com/a-h/templ"

	"kaoping/generator/chart"
)

// optionScript writes the chart's option in a <script type="application/json">
// that site.js reads. The option is JSON with <, > and & escaped (package
// chart), so it cannot end the element; the id is hexadecimal.
func optionScript(c *chart.Chart) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		if _, err := io.WriteString(w, `<script type="application/json" id="`+c.ID()+`-option">`); err != nil {
			return err
		}
		if _, err := w.Write(c.Option()); err != nil {
			return err
		}
		_, err := io.WriteString(w, `</script>`)
		return err
	})
}

// corner heads the row labels of a chart's table.
func corner(ctx context.Context, tab chart.Table) string {
	if tab.Corner != "" {
		return tab.Corner
	}
	return t(ctx, "chart.item")
}
