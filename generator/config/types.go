// Package config reads config.toml (SPEC §5): site settings and scoring
// schemes. Load validates everything it can without the data and reports
// every problem with the line in config.toml; the names formulas,
// adjustments and vetoes use are checked later, against the fields the data
// declares (scoring.Compile).
package config

// Config is a site's config.toml, with defaults applied.
type Config struct {
	// Path is the config file as given; Dir is the folder that holds it,
	// against which data_dir, output_dir and templates_dir are resolved.
	Path string
	Dir  string

	Title        string
	Subtitle     string
	BaseURL      string
	Language     string // "zh-CN" (default) or "en"
	YTD          bool
	DataDir      string // absolute (resolved against Dir); default Dir/data
	OutputDir    string // absolute; default Dir/public
	TemplatesDir string // absolute; default Dir/templates
	// Home is the id of the site's own unit (config `home`), "" for none:
	// pages mark it in every table and chart where it appears. HomeLine is
	// its line in config.toml, for the check against entities.csv.
	Home     string
	HomeLine int
	// ArchiveZips (config `archive_zips`) makes every build write the zip
	// of each period's report (archive/<period>.zip) and link it from the
	// pages; otherwise `kaoping archive P` makes one when it is sent.
	ArchiveZips bool

	// Publication is the [publication] table: who issues the 公示 notice
	// and how publish counts its days. The zero value when absent.
	Publication Publication

	// Fields in file order: raw field name and its label.
	Fields []Field
	// Constants in file order.
	Constants []Constant
	Schemes   []*Scheme
}

// Publication is the [publication] table (SPEC §5, §7): what the pages of
// a published period show besides its 公示期, and how `kaoping publish
// --days` counts days.
type Publication struct {
	Issuer     string // the issuing unit (发布单位), required in the table
	Contact    string // where objections go (异议受理), required in the table
	PreparedBy string // 制表, optional
	ReviewedBy string // 审核, optional
	// WorkingDays: publish --days counts Monday to Friday; false (the
	// default) counts calendar days.
	WorkingDays bool
	Line        int // line of [publication]; 0 when the table is absent
}

// Field is one entry of [fields].
type Field struct {
	ID    string
	Label string
	Line  int
}

// Constant is one entry of [constants].
type Constant struct {
	Name  string
	Value float64
	Label string // "" when written as a plain number; pages then show Name
	Line  int
}

// Scheme is one [[schemes]] table.
type Scheme struct {
	ID   string
	Name string
	Kind string // entity kind that is scored
	// Peers says who is compared with whom (SPEC §6): the parts of the
	// peers key in order, each "all", "parent", "group" or an entity kind
	// (the nearest ancestor of that kind). A plain string is one part;
	// absent is ["all"]. Entities are peers when they agree on every part.
	Peers      []string
	PeersLines []int    // line of each part in config.toml (the key's line for a string)
	Periods    []string // optional filter; empty = all periods
	TieBreak   []string // category ids

	Categories  []*Category
	Indicators  []*Indicator
	Adjustments []*Adjustment
	Vetoes      []*Veto
	Grades      []*Grade

	Line int // line of the [[schemes]] header
}

// Category is one [[schemes.categories]] table.
type Category struct {
	ID     string
	Name   string
	Weight *float64 // optional
	Line   int
}

// Band is one entry of an indicator's bands (min inclusive, max exclusive).
type Band struct {
	Min    *float64
	Max    *float64
	Points float64
}

// Indicator is one [[schemes.indicators]] table. Method parameters that a
// method does not use are nil; Load rejects parameters foreign to the
// method and fills the documented defaults.
type Indicator struct {
	ID          string
	Name        string
	Category    string
	Formula     string
	Direction   string // "higher" | "lower" | "" (range, direct)
	Weight      float64
	Format      string // "number" (default) | "percent" | "ratio" | "days"
	Decimals    int    // default 2
	Missing     string // "average" (default) | "zero" | "full"
	ValidIf     string // optional condition
	Method      string
	Description string // Markdown

	// Method parameters (display units where SPEC says so).
	Step         *float64 // mean_relative (required), zscore (required), rank (optional), range (required)
	MaxPlus      *float64 // mean_relative, zscore
	MaxMinus     *float64 // mean_relative, zscore
	Deviation    string   // mean_relative: "relative" (default) | "absolute"
	Reference    string   // mean_relative: "mean" (default) | "median" | "pooled"
	Base         *float64 // mean_relative, zscore; Load fills it with Weight when absent
	Floor        *float64 // efficacy; Load fills it with 0.6 when absent
	Best         *float64 // efficacy, optional
	Worst        *float64 // efficacy, optional
	Bands        []Band   // bands
	Target       *float64 // target
	Proportional bool     // target
	Low          *float64 // range
	High         *float64 // range

	// Alert is the optional 预警 thresholds (SPEC §6); nil when absent.
	Alert *Alert

	Line        int // line of the [[schemes.indicators]] header
	FormulaLine int // line of the formula key (for formula errors)
	ValidIfLine int // line of the valid_if key
}

// Alert is an indicator's `alert = [Y, R]`: how far (in display units)
// a value may fall short of the reference on the unfavourable side before
// it is flagged yellow, then red. 0 ≤ Yellow ≤ Red.
type Alert struct {
	Yellow, Red float64
}

// Sign is +1 for direction "higher", -1 for "lower", 0 otherwise.
func (i *Indicator) Sign() float64 {
	switch i.Direction {
	case "higher":
		return 1
	case "lower":
		return -1
	}
	return 0
}

// Adjustment is one [[schemes.adjustments]] table (加分项 / 扣分项).
type Adjustment struct {
	ID     string
	Name   string
	Field  string
	Points float64  // per unit of the field; negative for deductions
	Cap    *float64 // optional bound on |total|
	Line   int
	// FieldLine is the line of the field key, for reporting a field the
	// data does not have.
	FieldLine int
}

// Veto is one [[schemes.vetoes]] table (一票否决).
type Veto struct {
	ID    string
	Name  string
	Field string
	Grade string // best grade it allows; "" = the last grade
	Line  int
	// FieldLine is the line of the field key.
	FieldLine int
}

// Grade is one [[schemes.grades]] table, best first.
type Grade struct {
	Name     string
	Share    *float64
	MinScore *float64
	Line     int
}
