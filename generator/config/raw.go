package config

import "reflect"

// The raw* types receive the TOML document. Every value is `any` so that a
// value of the wrong type does not stop decoding: Load converts and checks
// each one itself and reports every problem with its line. Tables and
// arrays of tables are typed so that MetaData.Undecoded lists the keys no
// field takes (unknown keys).
//
// [publication], [fields], [constants] and bands are `any` too: BurntSushi silently skips a
// non-table value decoded into a map, and a wrong shape there must be an
// error, not a decoding stop. Their keys are checked by hand.

type rawConfig struct {
	Title        any          `toml:"title"`
	Subtitle     any          `toml:"subtitle"`
	BaseURL      any          `toml:"base_url"`
	Language     any          `toml:"language"`
	YTD          any          `toml:"ytd"`
	DataDir      any          `toml:"data_dir"`
	OutputDir    any          `toml:"output_dir"`
	TemplatesDir any          `toml:"templates_dir"`
	Home         any          `toml:"home"`
	ArchiveZips  any          `toml:"archive_zips"`
	Publication  any          `toml:"publication"`
	Fields       any          `toml:"fields"`
	Constants    any          `toml:"constants"`
	Schemes      []*rawScheme `toml:"schemes"`
}

type rawScheme struct {
	ID       any `toml:"id"`
	Name     any `toml:"name"`
	Kind     any `toml:"kind"`
	Peers    any `toml:"peers"`
	Periods  any `toml:"periods"`
	TieBreak any `toml:"tie_break"`

	Categories  []*rawCategory   `toml:"categories"`
	Indicators  []*rawIndicator  `toml:"indicators"`
	Adjustments []*rawAdjustment `toml:"adjustments"`
	Vetoes      []*rawVeto       `toml:"vetoes"`
	Grades      []*rawGrade      `toml:"grades"`
}

type rawCategory struct {
	ID     any `toml:"id"`
	Name   any `toml:"name"`
	Weight any `toml:"weight"`
}

type rawIndicator struct {
	ID          any `toml:"id"`
	Name        any `toml:"name"`
	Category    any `toml:"category"`
	Formula     any `toml:"formula"`
	Direction   any `toml:"direction"`
	Weight      any `toml:"weight"`
	Format      any `toml:"format"`
	Decimals    any `toml:"decimals"`
	Missing     any `toml:"missing"`
	ValidIf     any `toml:"valid_if"`
	Method      any `toml:"method"`
	Description any `toml:"description"`
	Alert       any `toml:"alert"`

	Step         any `toml:"step"`
	MaxPlus      any `toml:"max_plus"`
	MaxMinus     any `toml:"max_minus"`
	Deviation    any `toml:"deviation"`
	Reference    any `toml:"reference"`
	Base         any `toml:"base"`
	Floor        any `toml:"floor"`
	Best         any `toml:"best"`
	Worst        any `toml:"worst"`
	Bands        any `toml:"bands"`
	Target       any `toml:"target"`
	Proportional any `toml:"proportional"`
	Low          any `toml:"low"`
	High         any `toml:"high"`
}

type rawAdjustment struct {
	ID     any `toml:"id"`
	Name   any `toml:"name"`
	Field  any `toml:"field"`
	Points any `toml:"points"`
	Cap    any `toml:"cap"`
}

type rawVeto struct {
	ID    any `toml:"id"`
	Name  any `toml:"name"`
	Field any `toml:"field"`
	Grade any `toml:"grade"`
}

type rawGrade struct {
	Name     any `toml:"name"`
	Share    any `toml:"share"`
	MinScore any `toml:"min_score"`
}

// leafKeys are the plain paths (e.g. "schemes.indicators.step") whose
// values are decoded into `any` and checked by hand; Undecoded keys below
// them are not reported as unknown (their table is checked by hand, or the
// value has the wrong type and is reported as such). tableKeys lists, per
// plain table path ("" = root), the keys the table allows, for messages.
var leafKeys, tableKeys = schema()

// schema derives leafKeys and tableKeys from the raw types' toml tags.
func schema() (map[string]bool, map[string][]string) {
	leaves := map[string]bool{}
	tables := map[string][]string{}
	var walk func(prefix string, t reflect.Type)
	walk = func(prefix string, t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			key := f.Tag.Get("toml")
			path := joinKey(prefix, key)
			tables[prefix] = append(tables[prefix], key)
			ft := f.Type
			if ft.Kind() == reflect.Interface {
				leaves[path] = true
				continue
			}
			// []*rawX: an array of tables.
			walk(path, ft.Elem().Elem())
		}
	}
	walk("", reflect.TypeFor[rawConfig]())
	return leaves, tables
}
