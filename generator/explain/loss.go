package explain

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"kaoping/generator/config"
	"kaoping/generator/dataset"
	"kaoping/generator/numfmt"
	"kaoping/generator/scoring"
)

// This file finds where a score sheet lost its points (失分项) and says,
// from each indicator's rule, what would win them back. The score sheet
// and `kaoping explain` both show Losses, so the two never disagree.
//
// What-if sentences hold everything but the entity's own value fixed: the
// reference, the group's mean, σ and extremes, the other members' values
// (docs/DECISIONS.md, "失分项"). The reference is named in the sentence
// so a reader can tell.

// TopLosses is how many indicators a score sheet lists under 失分项.
const TopLosses = 3

// lossEps is the tolerance of comparisons of points.
const lossEps = 1e-9

// Loss is one indicator that scored less than its full weight.
type Loss struct {
	Indicator *config.Indicator
	Points    float64 // what it scored
	// Lost is the weight − the points as shown (two decimals), > 0: so
	// that 得 + 失 = 满分 on the page, and 13.9999 (shown 14.00) is no loss.
	Lost float64
	Gain string // what would change the score, one or two sentences
}

// Losses returns at most n indicators of e (group g, period pd) that lost
// the most points, largest loss first, equal losses in the scheme's
// indicator order; none when every indicator scored its full weight.
// lad is g's Ladders when the caller shares them between the group's
// members (nil: made for this call).
func Losses(cfg *config.Config, s *config.Scheme, pd *dataset.PeriodData, e *scoring.EntityResult, g *scoring.Group, lad Ladders, lang string, n int) []Loss {
	var ls []Loss
	for _, ind := range s.Indicators {
		sc := e.Indicators[ind.ID]
		if sc == nil {
			continue
		}
		if lost := ind.Weight - shownPoints(sc.Points); lost > lossEps {
			ls = append(ls, Loss{Indicator: ind, Points: sc.Points, Lost: lost})
		}
	}
	slices.SortStableFunc(ls, func(a, b Loss) int {
		switch {
		case a.Lost > b.Lost+lossEps:
			return -1
		case b.Lost > a.Lost+lossEps:
			return 1
		}
		return 0
	})
	if len(ls) > n {
		ls = ls[:n]
	}
	for i := range ls {
		ls[i].Gain = Gain(cfg, ls[i].Indicator, pd, e, g, lad, lang)
	}
	return ls
}

// shownPoints is p rounded as numfmt.Points shows it (half away from zero
// on the decimal digits, which math.Round on binary values does not do).
func shownPoints(p float64) float64 {
	v, err := strconv.ParseFloat(strings.ReplaceAll(numfmt.Points(p), ",", ""), 64)
	if err != nil {
		return p // not finite: never a loss
	}
	return v
}

// LossesText is the 失分项 block of `kaoping explain`: a heading and one
// line per loss, or one line saying nothing was lost.
func LossesText(ls []Loss, lang string) string {
	en := lang == "en"
	var b strings.Builder
	if len(ls) == 0 {
		if en {
			return "Points lost: none, every indicator scored its full weight.\n"
		}
		return "失分项：无，各项指标均得满分。\n"
	}
	if en {
		b.WriteString("Points lost (largest first):\n")
	} else {
		b.WriteString("失分项（按失分从多到少）：\n")
	}
	for i, l := range ls {
		b.WriteString("  ")
		b.WriteString(string(rune('1' + i)))
		b.WriteString(". ")
		b.WriteString(LossHead(l, lang))
		if en {
			b.WriteString(" ")
		}
		b.WriteString(l.Gain)
		b.WriteString("\n")
	}
	return b.String()
}

// LossHead is "案件比：得 7.75 / 10 分，失 2.25 分。".
func LossHead(l Loss, lang string) string {
	w := trim(l.Indicator.Weight)
	if lang == "en" {
		return l.Indicator.Name + ": " + numfmt.Points(l.Points) + " of " + w + " points, " + numfmt.Points(l.Lost) + " lost."
	}
	return l.Indicator.Name + "：得 " + numfmt.Points(l.Points) + " / " + w + " 分，失 " + numfmt.Points(l.Lost) + " 分。"
}

// Gain says, from ind's rule, what would change e's points for ind: how
// many points a step of the value is worth and how many are still to win,
// how far the next band, the target, the next rank or the range is, or
// that the points cannot be changed by the value (a score entered as
// data) or come from the missing-value rule. lad is as for Losses.
func Gain(cfg *config.Config, ind *config.Indicator, pd *dataset.PeriodData, e *scoring.EntityResult, g *scoring.Group, lad Ladders, lang string) string {
	x := &gain{ind: ind, lang: lang, en: lang == "en", e: e, g: g, lad: lad}
	sc := e.Indicators[ind.ID]
	if sc == nil {
		return ""
	}
	st := g.Stats[ind.ID]
	if st != nil && st.NoValues {
		return x.pick("比较组内均无数据，全组本项均得 0 分；报送数据后按规则计分。",
			"No member of the group has a value, so everyone gets 0 points; reported data would be scored by the rule.")
	}
	if sc.Missing || sc.Display == nil {
		return x.missing(cfg, pd, sc)
	}
	x.sc, x.st, x.dv, x.pts = sc, st, *sc.Display, shownPoints(sc.Points)
	switch ind.Method {
	case "mean_relative":
		return x.meanRelative()
	case "zscore":
		return x.zscore()
	case "efficacy":
		return x.efficacy()
	case "bands":
		return x.bands()
	case "rank":
		return x.rank()
	case "target":
		return x.target()
	case "range":
		return x.rangeGain()
	case "direct":
		return x.pick("本项为直接录入的分值（录入 "+numfmt.Points(x.dv)+"，满分 "+trim(ind.Weight)+" 分），不由其他数据计算，得分随录入的评分结果变化。",
			"This score is entered as data ("+numfmt.Points(x.dv)+" of "+trim(ind.Weight)+"); no other figure changes it, only the score entered.")
	}
	return ""
}

// gain is one Gain sentence in the making.
type gain struct {
	ind  *config.Indicator
	lang string
	en   bool
	e    *scoring.EntityResult
	g    *scoring.Group
	sc   *scoring.IndicatorScore
	st   *scoring.IndicatorStats
	dv   float64 // the entity's display value
	pts  float64 // its points as shown: what is left to win is counted from them
	lad  Ladders // nil: made when needed
}

func (x *gain) pick(zh, en string) string {
	if x.en {
		return en
	}
	return zh
}

// scale is display units per value unit.
func (x *gain) scale() float64 {
	if x.ind.Format == "percent" {
		return 100
	}
	return 1
}

// level formats a value in display units with the indicator's format:
// 30.0%, 1:1.05, 15.0 天.
func (x *gain) level(d float64) string { return dispNum(x.ind, d, x.lang) }

// amount formats a change of the display value with decimals: 2.1 个百分点
// for percents, 1.5 天 for days, 0.01 for ratios and numbers.
func (x *gain) amount(d float64, decimals int) string {
	s := numfmt.Fixed(d, decimals)
	one := s == "1"
	switch {
	case x.ind.Format == "percent" && x.en && one:
		return s + " percentage point"
	case x.ind.Format == "percent":
		return s + x.pick(" 个百分点", " percentage points")
	case x.ind.Format == "days" && x.en && one:
		return s + " day"
	case x.ind.Format == "days":
		return s + x.pick(" 天", " days")
	}
	return s
}

// verb is the change toward more points: 提高/降低, increase/decrease.
func (x *gain) verb(up bool) string {
	switch {
	case up && x.en:
		return "increase"
	case x.en:
		return "decrease"
	case up:
		return "提高"
	}
	return "降低"
}

// reach is "达到 L" or "降至 L" (en "reaching L", "falling to L").
func (x *gain) reach(up bool, l string) string {
	switch {
	case up && x.en:
		return "reaching " + l
	case x.en:
		return "falling to " + l
	case up:
		return "达到 " + l
	}
	return "降至 " + l
}

// need rounds a change of delta display units (> 0) up to the
// indicator's decimals, so that the value it gives, as shown, is past the
// threshold; strict when the threshold itself is excluded. It returns
// the change in display units.
func (x *gain) need(delta float64, strict bool) float64 {
	q := math.Pow(10, -float64(x.ind.Decimals))
	n := math.Ceil(delta/q - 1e-9)
	if strict {
		n = math.Floor(delta/q+1e-9) + 1
	}
	return math.Max(n, 1) * q
}

// linear words a score that grows by k points per display unit the value
// moves toward up (true: higher), from start (NaN: it grows already) until
// gain more points are won at the level capAt describes.
type linear struct {
	up    bool
	k     float64 // points per display unit
	gain  float64 // points still to win, > 0
	start float64 // display level where points start to grow; NaN when they do now
	capAt string  // "降至 1:1.05 即达上限": where gain is reached
	note  string  // "按组内平均值 1:1.20 不变计": what was held fixed; or ""
}

// sentence: "案件比每降低 0.01，得分增加 0.30 分，最多还可得 2.25 分（降至
// 1:1.05 即达上限）。" The step shown is the indicator's last decimal,
// made ten times larger until it is worth at least 0.1 point, so that the
// points shown with two decimals are within 5%.
func (x *gain) sentence(l linear) string {
	dec := x.ind.Decimals
	q := math.Pow(10, -float64(dec))
	for l.k*q < 0.1-1e-9 && q < 1e6 {
		q *= 10
		dec--
	}
	step := x.amount(q, max(dec, 0))
	per := numfmt.Points(l.k * q)
	var b strings.Builder
	name := x.ind.Name
	if x.en {
		if !math.IsNaN(l.start) {
			b.WriteString(name + "'s points start to rise on " + x.reach(l.up, x.level(l.start)) + "; from there each ")
		} else {
			b.WriteString("Each ")
		}
		b.WriteString(step + " " + x.verb(l.up))
		if math.IsNaN(l.start) {
			b.WriteString(" in " + name)
		}
		b.WriteString(" adds " + per + " points, at most " + numfmt.Points(l.gain) + " more")
		if paren := joinNonEmpty("; ", l.capAt, l.note); paren != "" {
			b.WriteString(" (" + paren + ")")
		}
		b.WriteString(".")
		return b.String()
	}
	b.WriteString(name)
	if !math.IsNaN(l.start) {
		b.WriteString(x.reach(l.up, x.level(l.start)) + " 后得分开始增加，此后")
	}
	b.WriteString("每" + x.verb(l.up) + " " + step + "，得分增加 " + per + " 分，最多还可得 " + numfmt.Points(l.gain) + " 分")
	if paren := joinNonEmpty("；", l.capAt, l.note); paren != "" {
		b.WriteString("（" + paren + "）")
	}
	b.WriteString("。")
	return b.String()
}

// joinNonEmpty joins the parts that are not "".
func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// atMost: the rule's highest score is below the full weight and is held.
func (x *gain) atMost(top float64) string {
	return x.pick("已得本项规则的最高分 "+numfmt.Points(top)+" 分（满分 "+trim(x.ind.Weight)+" 分），改变数值不能再加分。",
		"Already at the rule's highest score, "+numfmt.Points(top)+" points (full weight "+trim(x.ind.Weight)+"); no change of the value adds points.")
}

// heldRef is the note that the reference was held fixed.
func (x *gain) heldRef(what, whatEN string, ref float64) string {
	return x.pick("按"+what+" "+dv(x.ind, ref, x.lang)+" 不变计", "holding the "+whatEN+" "+dv(x.ind, ref, x.lang)+" fixed")
}

// curve words base + clamp(s·k·(dv − x0), −maxMinus, +maxPlus), not below
// 0: mean_relative and zscore with the reference x0 (display units) held.
func (x *gain) curve(k, x0, base, maxPlus, maxMinus float64, note string) string {
	s := x.ind.Sign()
	top := math.Max(0, base+maxPlus)
	left := top - x.pts
	if left <= lossEps {
		return x.atMost(top)
	}
	up := s > 0
	l := linear{up: up, k: k, gain: left, start: math.NaN(), note: note}
	l.capAt = x.reach(up, x.level(x0+s*maxPlus/k)) + x.pick(" 即达上限", " gets it all")
	// Below 0 the points stay 0: they grow once base + s·k·(dv − x0) > 0.
	if base-maxMinus < 0 && x.sc.Points <= lossEps {
		if st := x0 - s*base/k; s*(x.dv-st) < 0 {
			l.start = st
		}
	}
	return x.sentence(l)
}

func (x *gain) meanRelative() string {
	ind := x.ind
	base, maxPlus, maxMinus, step := num(ind.Base, ind.Weight), num(ind.MaxPlus, 0), num(ind.MaxMinus, 0), num(ind.Step, 0)
	refName := refNames[ind.Reference]
	if refName[0] == "" {
		refName = refNames["mean"]
	}
	if x.sc.Reference == nil {
		return x.pick("参考值（"+refName[0]+"）无法计算，按基础分 "+trim(base)+" 分计；参考值可以计算后按偏离计分。",
			"The reference ("+refName[1]+") cannot be computed, so the base "+trim(base)+" points count; once it can, the deviation is scored.")
	}
	ref := *x.sc.Reference
	dref := ref * x.scale()
	note := x.heldRef(refName[0], refName[1], ref)
	if step <= 0 {
		return x.atMost(x.sc.Points)
	}
	if ind.Deviation == "absolute" {
		return x.curve(step, dref, base, maxPlus, maxMinus, note)
	}
	if ref == 0 {
		// d = ±∞ for any value but 0: only the side of 0 counts.
		s := ind.Sign()
		top := math.Max(0, base+maxPlus)
		if x.sc.Points >= top-lossEps {
			return x.atMost(top)
		}
		back := ""
		if s*x.dv < 0 {
			back = x.pick("回到 0 得基础分 "+trim(base)+" 分，", "back to 0 gives the base "+trim(base)+" points, ")
		}
		return x.pick("参考值为 0，相对偏离只看方向：", "The reference is 0, so only the side of it counts: ") + back +
			x.pick("优于 0 即得 "+numfmt.Points(top)+" 分。", "any value better than 0 gives "+numfmt.Points(top)+" points.")
	}
	// d = (dv − dref)/|dref| × 100: one display unit is 100/|dref| percent.
	return x.curve(step*100/math.Abs(dref), dref, base, maxPlus, maxMinus, note)
}

func (x *gain) zscore() string {
	ind := x.ind
	base, maxPlus, maxMinus, step := num(ind.Base, ind.Weight), num(ind.MaxPlus, 0), num(ind.MaxMinus, 0), num(ind.Step, 0)
	if x.st == nil || x.st.Mean == nil || x.st.Sigma == nil {
		return ""
	}
	mean, sigma := *x.st.Mean, *x.st.Sigma
	if sigma == 0 {
		return x.pick("组内数值全部相同（标准差为 0），均按基础分 "+trim(base)+" 分计；优于其他单位即可加分。",
			"Every member has the same value (σ = 0), so all get the base "+trim(base)+" points; doing better than the others would add points.")
	}
	if step <= 0 {
		return x.atMost(x.sc.Points)
	}
	// z = (dv − dmean)/(σ·scale): one display unit is 1/(σ·scale) of z.
	note := x.pick("按组内平均值 "+dv(ind, mean, x.lang)+"、标准差 "+x.amount(sigma*x.scale(), ind.Decimals)+" 不变计",
		"holding the group mean "+dv(ind, mean, x.lang)+" and σ "+x.amount(sigma*x.scale(), ind.Decimals)+" fixed")
	return x.curve(step/(sigma*x.scale()), mean*x.scale(), base, maxPlus, maxMinus, note)
}

func (x *gain) efficacy() string {
	ind := x.ind
	if x.st == nil || x.st.Hi == nil || x.st.Lo == nil {
		return ""
	}
	hi, lo := *x.st.Hi, *x.st.Lo
	floor := num(ind.Floor, 0.6)
	if hi == lo || floor >= 1 {
		return x.atMost(x.sc.Points)
	}
	up := hi > lo
	l := linear{up: up, k: ind.Weight * (1 - floor) / math.Abs(hi-lo), gain: ind.Weight - x.pts, start: math.NaN()}
	l.capAt = x.reach(up, x.level(hi)) + x.pick(" 即得满分", " gives full points")
	if (x.dv-lo)*(hi-lo) < 0 {
		l.start = lo // worse than the not-allowed value: floor until it is passed
	}
	if ind.Best == nil || ind.Worst == nil {
		l.note = x.pick("按满意值 "+x.level(hi)+"、不允许值 "+x.level(lo)+" 不变计",
			"holding the satisfying value "+x.level(hi)+" and the not-allowed value "+x.level(lo)+" fixed")
	}
	s := x.sentence(l)
	if ind.Worst == nil && math.Abs(x.dv-lo) <= 1e-9 {
		s += x.pick("本单位的值即组内最差值（不允许值），不允许值会随本单位的改善而变化，超过组内次差值后才开始加分。",
			" Its value is the group's worst, which is the not-allowed value: that moves with it, so points come only once it passes the next-worst member.")
	}
	return s
}

// bandPoints is the points of the first band that holds d, or 0.
func bandPoints(bands []config.Band, d float64) float64 {
	for _, b := range bands {
		if (b.Min == nil || d >= *b.Min) && (b.Max == nil || d < *b.Max) {
			return b.Points
		}
	}
	return 0
}

func (x *gain) bands() string {
	pts := x.sc.Points
	best := struct {
		ok     bool
		up     bool
		change float64
		points float64
		at     string
	}{}
	top := pts
	for _, b := range x.ind.Bands {
		top = math.Max(top, b.Points)
		if b.Points <= pts+lossEps {
			continue
		}
		var up bool
		var change float64
		var at string
		switch {
		case b.Min != nil && x.dv < *b.Min:
			up, change, at = true, x.need(*b.Min-x.dv, false), x.reach(true, x.level(*b.Min))
		case b.Max != nil && x.dv >= *b.Max:
			up, change = false, x.need(x.dv-*b.Max, true)
			at = x.pick("降至 "+x.level(*b.Max)+" 以下", "below "+x.level(*b.Max))
		default:
			continue // holds dv but an earlier band wins
		}
		moved := x.dv - change
		if up {
			moved = x.dv + change
		}
		got := bandPoints(x.ind.Bands, moved)
		if got <= pts+lossEps {
			continue // an earlier band, no better, holds the new value
		}
		if !best.ok || change < best.change-1e-9 || math.Abs(change-best.change) <= 1e-9 && got > best.points {
			best.ok, best.up, best.change, best.points, best.at = true, up, change, got, at
		}
	}
	if !best.ok {
		return x.atMost(top)
	}
	by := numfmt.Signed(best.points-x.pts, 2)
	return x.pick("再"+x.verb(best.up)+" "+x.amount(best.change, x.ind.Decimals)+"（"+best.at+"）可进入上一档，得 "+numfmt.Points(best.points)+" 分（"+by+" 分）。",
		"A further "+x.verb(best.up)+" of "+x.amount(best.change, x.ind.Decimals)+" ("+best.at+") reaches a better band: "+numfmt.Points(best.points)+" points ("+by+").")
}

func (x *gain) target() string {
	ind := x.ind
	t := num(ind.Target, 0)
	up := ind.Sign() >= 0
	left := ind.Weight - x.pts
	if ind.Proportional && up && t > 0 {
		// w·dv/t: w/t points per display unit until dv = t.
		return x.sentence(linear{up: true, k: ind.Weight / t, gain: left, start: math.NaN(),
			capAt: x.reach(true, x.level(t)) + x.pick(" 即得满分", " gives full points")})
	}
	delta := t - x.dv
	if !up {
		delta = x.dv - t
	}
	change := x.amount(x.need(delta, false), ind.Decimals)
	return x.pick(x.reach(up, x.level(t))+" 可得满分（还需"+x.verb(up)+" "+change+"，"+numfmt.Signed(left, 2)+" 分）。",
		upper(x.reach(up, x.level(t)))+" gives full points (a further "+x.verb(up)+" of "+change+", "+numfmt.Signed(left, 2)+").")
}

// rankPoints is the rank method's points at rank r among m members.
func rankPoints(ind *config.Indicator, r, m int) float64 {
	switch {
	case ind.Step != nil:
		return math.Max(0, ind.Weight-float64(r-1)**ind.Step)
	case m <= 1:
		return ind.Weight
	}
	return ind.Weight * float64(m-r) / float64(m-1)
}

// Ladders holds, for each rank-scored indicator of a group, one rung per
// rank its members hold: made once per group and shared by the score
// sheets of its members, which each look up the next rank up.
type Ladders map[string][]rung

// rung is a rank and the value of the group's first member (in the
// group's order) that holds it.
type rung struct {
	rank  int
	value float64
}

// NewLadders makes g's Ladders for the rank-scored indicators of s.
func NewLadders(s *config.Scheme, g *scoring.Group) Ladders {
	lad := Ladders{}
	for _, ind := range s.Indicators {
		if ind.Method == "rank" {
			lad[ind.ID] = ladder(g, ind.ID)
		}
	}
	return lad
}

// ladder lists the ranks of indicator id held in g, best first.
func ladder(g *scoring.Group, id string) []rung {
	var rs []rung
	for _, o := range g.Entities {
		if sc := o.Indicators[id]; sc != nil && sc.Value != nil && sc.Rank > 0 {
			rs = append(rs, rung{rank: sc.Rank, value: *sc.Value})
		}
	}
	slices.SortStableFunc(rs, func(a, b rung) int { return a.rank - b.rank })
	return slices.CompactFunc(rs, func(a, b rung) bool { return a.rank == b.rank })
}

func (x *gain) rank() string {
	own := x.sc.Rank
	m := 0
	if x.st != nil {
		m = x.st.N
	}
	// The nearest better rank that scores more, and a value that holds it.
	// Points never grow with the rank, so the ranks that score more are a
	// prefix of the ladder's ranks above own.
	lad, ok := x.lad[x.ind.ID]
	if !ok {
		lad = ladder(x.g, x.ind.ID)
	}
	above := sort.Search(len(lad), func(i int) bool { return lad[i].rank >= own })
	more := sort.Search(above, func(i int) bool { return rankPoints(x.ind, lad[i].rank, m) <= x.sc.Points+lossEps })
	next, at := 0, 0.0
	if more > 0 {
		next, at = lad[more-1].rank, lad[more-1].value
	}
	if next == 0 {
		return x.atMost(x.sc.Points)
	}
	p := rankPoints(x.ind, next, m)
	by := numfmt.Signed(p-x.pts, 2)
	n := strconv.Itoa(next)
	return x.pick("达到第 "+n+" 名的 "+dv(x.ind, at, x.lang)+"（并列即同名次），可升至第 "+n+" 名，得分 "+numfmt.Points(p)+" 分（"+by+" 分）。",
		"Matching the "+dv(x.ind, at, x.lang)+" of rank "+n+" (ties share a rank) would move it up to rank "+n+": "+numfmt.Points(p)+" points ("+by+").")
}

func (x *gain) rangeGain() string {
	ind := x.ind
	low, high, step := num(ind.Low, math.Inf(-1)), num(ind.High, math.Inf(1)), num(ind.Step, 0)
	span := "[" + x.level(low) + ", " + x.level(high) + "]"
	full := x.pick("回到 "+span+" 区间即得满分", "back inside "+span+" gives full points")
	up, bound := x.dv < low, high
	if up {
		bound = low
	}
	if step <= 0 {
		return x.atMost(x.sc.Points)
	}
	l := linear{up: up, k: step, gain: ind.Weight - x.pts, start: math.NaN(), capAt: full}
	// w − step·distance, not below 0: points grow within w/step of the bound.
	if d := math.Abs(x.dv - bound); step*d > ind.Weight {
		if up {
			l.start = bound - ind.Weight/step
		} else {
			l.start = bound + ind.Weight/step
		}
	}
	return x.sentence(l)
}

// missing: what the missing-value rule gave, and that data would replace it.
func (x *gain) missing(cfg *config.Config, pd *dataset.PeriodData, sc *scoring.IndicatorScore) string {
	ind := x.ind
	rule := missingRule(ind, sc.Points, x.lang) // "缺失按 0 分计：得 0.00 分。"
	if sc.Invalid {
		cond := Formula(cfg, ind.ValidIf, x.lang) // by labels, like every formula a reader sees
		return x.pick("不满足有效条件 "+cond+"，按缺失处理；"+rule+"满足该条件后按实际值计分。",
			"The condition "+cond+" is not met, so the value counts as missing; "+rule+" Once it is met the value is scored instead.")
	}
	var absent []string
	if f := compiled(ind.Formula); f != nil {
		for _, name := range f.Names() {
			if _, ok := cfg.Constant(name); ok {
				continue
			}
			if _, ok := pd.Value(x.e.Entity.ID, name); !ok {
				absent = append(absent, cfg.FieldLabel(name))
			}
		}
	}
	what := x.pick("报送数据后", "Reporting the data")
	if len(absent) > 0 {
		what = x.pick("报送"+strings.Join(absent, "、")+"后", "Reporting "+strings.Join(absent, ", "))
	}
	return x.pick("无有效值；"+rule+what+"按实际值计分。",
		"No value; "+rule+" "+what+" would have the value scored instead.")
}

// upper capitalises the first letter of an English sentence.
func upper(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// num is *p, or def when p is nil (Load fills the defaults).
func num(p *float64, def float64) float64 {
	if p == nil {
		return def
	}
	return *p
}
