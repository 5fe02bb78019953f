package config

import (
	"path/filepath"
	"slices"
	"strings"

	"kaoping/generator/period"
)

// Scheme returns the scheme with the given id, or nil.
func (c *Config) Scheme(id string) *Scheme {
	for _, s := range c.Schemes {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// Constant returns the value of the named constant.
func (c *Config) Constant(name string) (float64, bool) {
	for _, k := range c.Constants {
		if k.Name == name {
			return k.Value, true
		}
	}
	return 0, false
}

// ConstantLabel returns the label [constants] gives the constant, or
// name itself when it has none.
func (c *Config) ConstantLabel(name string) string {
	for _, k := range c.Constants {
		if k.Name == name && k.Label != "" {
			return k.Label
		}
	}
	return name
}

// FieldLabel returns the label [fields] gives the field, or id itself when
// it has none.
func (c *Config) FieldLabel(id string) string {
	for _, f := range c.Fields {
		if f.ID == id {
			return f.Label
		}
	}
	return id
}

// FieldByLabel returns the field whose [fields] label is label, so that a
// data file can use the label as a column header.
func (c *Config) FieldByLabel(label string) (string, bool) {
	for _, f := range c.Fields {
		if f.Label == label {
			return f.ID, true
		}
	}
	return "", false
}

// Category returns the scheme's category with the given id, or nil.
func (s *Scheme) Category(id string) *Category {
	for _, c := range s.Categories {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// Indicator returns the scheme's indicator with the given id, or nil.
func (s *Scheme) Indicator(id string) *Indicator {
	for _, i := range s.Indicators {
		if i.ID == id {
			return i
		}
	}
	return nil
}

// checkPeriod reports whether s is a period id (SPEC §4).
func checkPeriod(s string) error {
	_, err := period.Parse(s)
	return err
}

// FileName names config.toml in messages: relative to the site folder,
// as data files are named.
func (c *Config) FileName() string {
	if c.Path == "" {
		return "config.toml"
	}
	return filepath.Base(c.Path)
}

// CategoryFull is what category c's subtotal is out of: its weight, or
// the sum of its indicators' weights when it has none.
func (s *Scheme) CategoryFull(c *Category) float64 {
	if c.Weight != nil {
		return *c.Weight
	}
	var sum float64
	for _, ind := range s.Indicators {
		if ind.Category == c.ID {
			sum += ind.Weight
		}
	}
	return sum
}

// VetoNames joins with sep the names of the vetoes whose ids are in ids,
// in the scheme's order.
func (s *Scheme) VetoNames(ids []string, sep string) string {
	var names []string
	for _, v := range s.Vetoes {
		if slices.Contains(ids, v.ID) {
			names = append(names, v.Name)
		}
	}
	return strings.Join(names, sep)
}
