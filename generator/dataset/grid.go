package dataset

import "math"

// grid names the rows and columns of the value matrices: one row per
// entity id, one column per field. Every period of a Dataset uses the same
// grid, so that a row and a column found once serve every period. Rows are
// the entities of entities.csv in display order, then any other id read
// from a period file (only when entities.csv could not be read); columns
// are fields in the order the headers first named them. It is read-only
// after Load.
type grid struct {
	rowOf  map[string]int // entity id -> row
	ids    []string       // row -> entity id
	colOf  map[string]int // field -> column
	fields []string       // column -> field
}

// newGrid makes a grid with one row per entity of es (nil: none).
func newGrid(es *Entities) *grid {
	g := &grid{rowOf: map[string]int{}, colOf: map[string]int{}}
	if es != nil {
		g.rowOf = make(map[string]int, len(es.All))
		for _, e := range es.All {
			g.addRow(e.ID)
		}
	}
	return g
}

// addRow returns the row of id, adding one if needed.
func (g *grid) addRow(id string) int {
	if r, ok := g.rowOf[id]; ok {
		return r
	}
	g.rowOf[id] = len(g.ids)
	g.ids = append(g.ids, id)
	return len(g.ids) - 1
}

// addColumn returns the column of field, adding one if needed.
func (g *grid) addColumn(field string) int {
	if c, ok := g.colOf[field]; ok {
		return c
	}
	g.colOf[field] = len(g.fields)
	g.fields = append(g.fields, field)
	return len(g.fields) - 1
}

// matrix returns a matrix of the grid's size with every value missing.
func (g *grid) matrix() []float64 {
	return nanMatrix(len(g.ids) * len(g.fields))
}

// nanMatrix returns n missing values.
func nanMatrix(n int) []float64 {
	m := make([]float64, n)
	nan := math.NaN()
	for i := range m {
		m[i] = nan
	}
	return m
}

// reshape returns m, a matrix of rows × width, as a matrix of rows2 ×
// width2 (both at least as large), the new cells missing. m is returned
// as is when the size does not change.
func reshape(m []float64, rows, width, rows2, width2 int) []float64 {
	if width == width2 {
		if rows == rows2 {
			return m
		}
		out := nanMatrix(rows2 * width2)
		copy(out, m)
		return out
	}
	out := nanMatrix(rows2 * width2)
	for r := range rows {
		copy(out[r*width2:r*width2+width], m[r*width:(r+1)*width])
	}
	return out
}

// rowsWithValues marks the rows of the rows × width matrix m that hold at
// least one value.
func rowsWithValues(m []float64, rows, width int) bitset {
	has := newBitset(rows)
	for r := range rows {
		for _, v := range m[r*width : (r+1)*width] {
			if v == v {
				has.set(r)
				break
			}
		}
	}
	return has
}

// bitset is a set of small non-negative integers.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (b bitset) get(i int) bool { return b[i>>6]&(1<<(i&63)) != 0 }
func (b bitset) set(i int)      { b[i>>6] |= 1 << (i & 63) }
func (b bitset) clear(i int)    { b[i>>6] &^= 1 << (i & 63) }

// any reports whether one of [lo, hi) is in the set.
func (b bitset) any(lo, hi int) bool {
	for i := lo; i < hi; {
		if i&63 == 0 && hi-i >= 64 {
			if b[i>>6] != 0 {
				return true
			}
			i += 64
			continue
		}
		if b.get(i) {
			return true
		}
		i++
	}
	return false
}
