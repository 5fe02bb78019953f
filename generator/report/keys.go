package report

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"sort"
	"strconv"
	"strings"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/scoring"
	"kaoping/internal/parallel"
)

// Keys are the dependency keys of the site's files, for incremental
// builds: a file whose key is the same as in the previous build has the
// same bytes, so the previous copy can be kept instead of rendering it.
//
// A key is a hash of everything the file is built from. The families that
// make most of a province's files have precise keys:
//
//   - a score sheet (scheme s, period p, entity e): the global inputs,
//     the list of s's periods, e, the next period of the same kind if e
//     has a sheet there (its "next" link), and for p and each earlier
//     period of the same kind (the history charts, the rank change) the
//     data of e's peer group there (groupKeys): scoring is within a peer
//     group (SPEC §6), and a sheet shows e's results, its group's and
//     e's history, so a new number elsewhere in the province leaves it;
//   - a ranking or comparison (s, p): the global inputs, the data of s's
//     periods up to p, and the list of s's periods (the period links);
//   - a result file (data/<s>/<p>.json, .csv): the global inputs and the
//     data of s's periods up to p;
//   - a period's workbook: the same for every scheme scored that period;
//   - a period's bundle: that for every scheme, the next period's members
//     (the sheets' "next" notes), every period's id and every note.
//
// The assets depend on the global inputs only. Every other file (the home
// page, profiles, indicators, indexes) gets the key of everything: the global inputs, every period's data,
// every note and the list of periods. A key too broad only costs time;
// a key too narrow would leave a stale page, so anything not listed above
// depends on everything.
type Keys struct {
	all, global string
	byPath      map[string]string
}

// KeyInputs are the hashes a build computes from the site's files.
type KeyInputs struct {
	// Global hashes every input that is not a period's data or a note:
	// the kaoping program, config.toml, entities.csv and the rest of the
	// data folder, the templates, and the build's options.
	Global string
	// Period hashes each plain (not derived) period's data files, by
	// period id. Derived (ytd) periods are keyed by their parts.
	Period map[string]string
}

// For returns the key of the file at site path p.
func (k *Keys) For(p string) string {
	if v, ok := k.byPath[p]; ok {
		return v
	}
	if strings.HasPrefix(p, "assets/") {
		return k.global // the built-in assets and the site's templates/assets
	}
	return k.all
}

// Global is the key of the global inputs alone: equal keys mean the same
// program, configuration, templates and options.
func (k *Keys) Global() string { return k.global }

// All is the key of everything, that of every file without a narrower one.
func (k *Keys) All() string { return k.all }

// keyHash hashes length-prefixed parts.
type keyHash struct{ h hash.Hash }

func newKeyHash(kind string) *keyHash {
	k := &keyHash{sha256.New()}
	k.add(kind)
	return k
}

// reset makes k a new hash of the given kind, without allocating.
func (k *keyHash) reset(kind string) {
	k.h.Reset()
	k.add(kind)
}

func (k *keyHash) add(parts ...string) *keyHash {
	var n [8]byte
	for _, p := range parts {
		binary.LittleEndian.PutUint64(n[:], uint64(len(p)))
		k.h.Write(n[:])
		k.h.Write([]byte(p))
	}
	return k
}

func (k *keyHash) sum() string { return hex.EncodeToString(k.h.Sum(nil)[:16]) }

// Keys computes the dependency keys of the site's files.
func (m *Model) Keys(in KeyInputs) *Keys {
	// A key per score sheet and per profile, and a few per period: sized
	// once, not grown through 140,000 inserts.
	size := len(m.Data.Entities.All) + 16*len(m.Data.Periods)
	for _, rs := range m.Results {
		for _, r := range rs {
			for _, g := range r.Groups {
				size += len(g.Entities)
			}
		}
	}
	k := &Keys{byPath: make(map[string]string, size), global: newKeyHash("global").add(in.Global).sum()}
	data := map[string]string{} // period id -> hash of its data (ytd: of its parts)
	all := newKeyHash("all").add(in.Global)
	for _, pd := range m.Data.Periods {
		data[pd.ID] = m.periodDataKey(pd, in.Period)
		all.add(pd.ID, data[pd.ID])
	}
	notes := newKeyHash("notes")
	ids := make([]string, 0, len(m.Data.Notes))
	for id := range m.Data.Notes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		notes.add(id, m.Data.Notes[id])
	}
	notesKey := notes.sum()
	k.all = all.add(notesKey).sum()

	periodIDs := newKeyHash("periods")
	for _, pd := range m.Data.Periods {
		periodIDs.add(pd.ID)
	}
	allPeriods := periodIDs.sum()

	// upTo[s][i]: the data of scheme s's periods 0..i, in result order.
	upTo := map[string][]string{}
	schemePeriods := map[string]string{}
	for _, s := range m.Config.Schemes {
		rs := m.Results[s.ID]
		acc := make([]string, len(rs))
		prev := ""
		list := newKeyHash("scheme-periods").add(s.ID)
		for i, r := range rs {
			prev = newKeyHash("up-to").add(in.Global, s.ID, prev, r.Period.ID, data[r.Period.ID]).sum()
			acc[i] = prev
			list.add(r.Period.ID)
		}
		upTo[s.ID] = acc
		schemePeriods[s.ID] = list.sum()
	}

	for _, s := range m.Config.Schemes {
		rs := m.Results[s.ID]
		for i, r := range rs {
			pid := r.Period.ID
			series := upTo[s.ID][i]
			k.byPath[RankingPath(s.ID, pid)] = newKeyHash("ranking").add(series, schemePeriods[s.ID]).sum()
			k.byPath[ComparePath(s.ID, pid)] = newKeyHash("compare").add(series, schemePeriods[s.ID]).sum()
			dk := newKeyHash("data").add(series).sum()
			k.byPath[DataPath(s.ID, pid, "json")] = dk
			k.byPath[DataPath(s.ID, pid, "csv")] = dk
		}
	}
	groups := m.allGroupKeys()
	for _, sk := range m.sheetKeys(in.Global, schemePeriods, groups) {
		for _, pk := range sk {
			k.byPath[pk.path] = pk.key
		}
	}
	for _, pk := range m.profileKeys(in.Global, allPeriods, notesKey, schemePeriods, groups) {
		k.byPath[pk.path] = pk.key
	}

	for _, pd := range m.Data.Periods {
		xlsx := newKeyHash("xlsx").add(in.Global, pd.ID)
		bundle := newKeyHash("bundle").add(in.Global, pd.ID, allPeriods, notesKey)
		for _, s := range m.Config.Schemes {
			rs := m.Results[s.ID]
			for i, r := range rs {
				if r.Period.ID != pd.ID {
					continue
				}
				xlsx.add(s.ID, upTo[s.ID][i])
				bundle.add(s.ID, upTo[s.ID][i], schemePeriods[s.ID])
				if _, next := m.rankNeighbours(s, i); next >= 0 {
					bundle.add(rs[next].Period.ID, membersKey(rs[next].Groups))
				}
			}
		}
		k.byPath[XLSXPath(pd.ID)] = xlsx.sum()
		k.byPath[BundlePath(pd.ID)] = bundle.sum()
	}
	return k
}

// pathKey is a file's site path and its key.
type pathKey struct{ path, key string }

// sheetKeys computes the keys of the score sheets, one list per (scheme,
// period), those in parallel: 131,000 hashes at province size, on the
// way of every incremental build. global is the global inputs' hash,
// schemePeriods each scheme's list of periods.
func (m *Model) sheetKeys(global string, schemePeriods map[string]string, at map[string][]map[string]string) [][]pathKey {
	type job struct {
		s *config.Scheme
		i int
	}
	var jobs []job
	for _, s := range m.Config.Schemes {
		for i := range m.Results[s.ID] {
			jobs = append(jobs, job{s, i})
		}
	}
	out := make([][]pathKey, len(jobs))
	parallel.For(len(jobs), func(n int) {
		s, i := jobs[n].s, jobs[n].i
		rs := m.Results[s.ID]
		pid := rs[i].Period.ID
		var history []int // the periods of the same kind up to i
		for _, q := range m.rankSeries(s, i) {
			if q <= i {
				history = append(history, q)
			}
		}
		_, nextPeriod := m.rankNeighbours(s, i)
		prefix := newKeyHash("sheet").add(global, schemePeriods[s.ID]).sum()
		// Most entities stay in one group: hash each sequence of groups
		// over the history once.
		byPath := map[string]string{}
		var path []byte
		var keys []pathKey
		k := newKeyHash("")
		for _, g := range rs[i].Groups {
			for _, e := range g.Entities {
				id := e.Entity.ID
				h := m.History(s.ID, id)
				nextID := ""
				if nextPeriod >= 0 && h[nextPeriod] != nil {
					nextID = rs[nextPeriod].Period.ID
				}
				path = path[:0]
				for _, q := range history {
					if x := h[q]; x != nil {
						path = append(path, x.Group...)
					}
					path = append(path, 0)
				}
				hk, ok := byPath[string(path)]
				if !ok {
					kh := newKeyHash("history")
					for _, q := range history {
						if x := h[q]; x != nil {
							kh.add(rs[q].Period.ID, x.Group, at[s.ID][q][x.Group])
						} else {
							kh.add(rs[q].Period.ID, "")
						}
					}
					hk = kh.sum()
					byPath[string(path)] = hk
				}
				k.reset("sheet")
				keys = append(keys, pathKey{SheetPath(s.ID, pid, id), k.add(prefix, id, nextID, hk).sum()})
			}
		}
		out[n] = keys
	})
	return out
}

// allGroupKeys is groupKeys of every scheme's every result, by scheme id
// and result index, computed in parallel.
func (m *Model) allGroupKeys() map[string][]map[string]string {
	type job struct {
		s *config.Scheme
		i int
	}
	var jobs []job
	at := map[string][]map[string]string{}
	for _, s := range m.Config.Schemes {
		at[s.ID] = make([]map[string]string, len(m.Results[s.ID]))
		for i := range m.Results[s.ID] {
			jobs = append(jobs, job{s, i})
		}
	}
	parallel.For(len(jobs), func(n int) { at[jobs[n].s.ID][jobs[n].i] = m.groupKeys(jobs[n].s, jobs[n].i) })
	return at
}

// profileKeys computes the keys of the profiles of the entities without
// children: a profile shows, for each scheme, the entity's result in
// every period with its group's size, mean and references, and trends of
// those; so its key is, besides the global inputs, the lists of periods
// and the notes, the entity's group in each period of each scheme and
// that group's data (groupKeys). A profile with children also shows
// theirs and compares its descendants: it keeps the key of everything.
func (m *Model) profileKeys(global, allPeriods, notesKey string, schemePeriods map[string]string, at map[string][]map[string]string) []pathKey {
	var leaves []*dataset.Entity
	for _, e := range m.Data.Entities.All {
		if len(m.Data.Entities.Children(e.ID)) == 0 {
			leaves = append(leaves, e)
		}
	}
	out := make([]pathKey, len(leaves))
	parallel.For(len(leaves), func(n int) {
		e := leaves[n]
		k := newKeyHash("profile").add(global, allPeriods, notesKey, e.ID)
		for _, s := range m.Config.Schemes {
			k.add(s.ID, schemePeriods[s.ID])
			for i, x := range m.History(s.ID, e.ID) {
				if x != nil {
					k.add(strconv.Itoa(i), x.Group, at[s.ID][i][x.Group])
				}
			}
			k.add("/")
		}
		out[n] = pathKey{EntityPath(e.ID), k.sum()}
	})
	return out
}

// groupKeys hashes, for each peer group of scheme s's result i, the data
// its results are computed from (SPEC §6): the period, the group's
// members and everything the period's data holds for each of them.
func (m *Model) groupKeys(s *config.Scheme, i int) map[string]string {
	r := m.Results[s.ID][i]
	keys := make(map[string]string, len(r.Groups))
	var ids []string
	row := r.Period.AppendFieldNames(nil)
	fields := string(row)
	for _, g := range r.Groups {
		ids = ids[:0]
		for _, e := range g.Entities {
			ids = append(ids, e.Entity.ID)
		}
		sort.Strings(ids)
		k := newKeyHash("group").add(s.ID, r.Period.ID, g.ID, strconv.Itoa(len(ids)), fields)
		for _, id := range ids {
			row = r.Period.AppendRowKey(row[:0], id)
			k.h.Write(row)
		}
		keys[g.ID] = k.sum()
	}
	return keys
}

// periodDataKey is the hash of a period's data: its files' hash for a
// plain period; for a derived (ytd) period, the hashes of the plain
// periods of the same year and granularity up to it, which it sums.
func (m *Model) periodDataKey(pd *dataset.PeriodData, plain map[string]string) string {
	if !pd.Derived {
		return newKeyHash("plain").add(pd.ID, plain[pd.ID]).sum()
	}
	h := newKeyHash("ytd").add(pd.ID)
	for _, q := range m.Data.Periods {
		p := q.Period
		if !q.Derived && !p.YTD && p.Year == pd.Period.Year && p.Gran == pd.Period.Gran && p.N <= pd.Period.N {
			h.add(q.ID, plain[q.ID])
		}
	}
	return h.sum()
}

// membersKey hashes the ids of the entities scored in a result, group by
// group. Each group's ids are sorted: a group lists its entities by rank,
// and a new score that only reorders them must not change the keys of the
// pages that merely link to the entities' sheets (the previous period's
// bundle).
func membersKey(groups []*scoring.Group) string {
	h := newKeyHash("members")
	var ids []string
	for _, g := range groups {
		ids = ids[:0]
		for _, e := range g.Entities {
			ids = append(ids, e.Entity.ID)
		}
		sort.Strings(ids)
		h.add(g.ID, strconv.Itoa(len(ids)))
		h.add(ids...)
	}
	return h.sum()
}
