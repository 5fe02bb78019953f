#!/usr/bin/env python3
"""gen_random.py OUTDIR SEED : write a small random kaoping site (CSV periods only) stressing SPEC §3-§7."""
import os, random, sys

FIELDS = ["f1", "f2", "f3", "f4", "f5", "f6", "d1", "a1", "a2", "v1", "v2"]
LABELS = {"f1": "办案数", "f2": "件数", "f3": "天数", "f4": "人数", "f5": "采纳数", "f6": "建议数",
          "d1": "评价分", "a1": "典型案例", "a2": "瑕疵案件", "v1": "违纪", "v2": "违法"}


def tq(x):
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, str):
        return '"%s"' % x
    return repr(x)


def gen(out, seed):
    R = random.Random(seed)
    RA = random.Random(seed * 7919 + 1)
    os.makedirs(os.path.join(out, "data", "periods"), exist_ok=True)
    # ---------------- entities
    ents = [("root", "全省", "region", "", "")]
    groups = ["刑事", "民事", "行政"]
    for c in range(R.randint(2, 3)):
        cid = "c%d" % c
        ents.append((cid, "市%d" % c, "city", "root", ""))
        for u in range(R.randint(2, 4)):
            uid = "%s-u%d" % (cid, u)
            ents.append((uid, "院%d-%d" % (c, u), "unit", cid, R.choice(["", "", "甲", "乙"])))
            # some units put their people in departments (peers = a kind
            # then reaches the unit through them)
            dept = None
            if R.random() < 0.5:
                dept = "%s-d" % uid
                ents.append((dept, "部%d-%d" % (c, u), "dept", uid, ""))
            for p in range(R.randint(0, 4)):
                parent = dept if dept and R.random() < 0.7 else uid
                ents.append(("%s-p%d" % (uid, p), "检察官%d%d%d" % (c, u, p), "person", parent, R.choice(groups + [""])))
    # an extra top-level unit with no parent (peers=parent -> "all"), and
    # people under it, who have no city or region above them
    ents.append(("lone", "独立院", "unit", "", R.choice(["", "甲"])))
    for p in range(R.randint(0, 2)):
        ents.append(("lone-p%d" % p, "独立检察官%d" % p, "person", "lone", R.choice(groups + [""])))
    # the kinds above each kind, for peers
    kind_of = {e[0]: e[2] for e in ents}
    parent_of = {e[0]: e[3] for e in ents}
    above = {}
    for (eid, _, kind, parent, _) in ents:
        a = parent
        while a:
            above.setdefault(kind, set()).add(kind_of[a])
            a = parent_of[a]
    hdr_cn = R.random() < 0.3
    with open(os.path.join(out, "data", "entities.csv"), "w", encoding="utf-8") as f:
        f.write(("编号,名称,类型,上级,分组\n" if hdr_cn else "id,name,kind,parent,group\n"))
        for e in ents:
            f.write(",".join(e) + "\n")
    # ---------------- periods
    periods = []
    qs = [q for q in ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"] if R.random() < 0.8]
    ms = [m for m in ["2025-%02d" % i for i in range(1, 6)] if R.random() < 0.75]
    periods += qs + ms + ["2025-Q1"] * (R.random() < 0.5)
    if R.random() < 0.3:
        periods += ["2023", "2023-H1", "2023-H2"]
    if not periods:
        periods = ["2024-Q1", "2024-Q2"]
    periods = sorted(set(periods))
    ytd = R.random() < 0.8
    base_vals = {}

    def val(e, f):
        if f in ("v1", "v2"):
            return R.choice([0] * 12 + [1, 2])
        if f in ("a1", "a2"):
            return R.choice([0, 0, 1, 2, 3, 5])
        if f == "d1":
            return R.choice([0, 3, 5, 5, 8, 10, 12, 7.5])
        b = base_vals.setdefault((e, f), R.choice([0, 0, 0, 1, 2, 3, 5, 8, 10, 20]))
        x = max(0, b + R.choice([0, 0, 0, 1, -1, 2, 3]))
        if R.random() < 0.15:
            x += R.choice([0.5, 0.1, 0.2, 0.3])
        return x

    for p in periods:
        rows = {}
        for (eid, _, kind, parent, _) in ents:
            if kind == "region":
                continue
            prob = {"person": 0.85, "unit": 0.35, "city": 0.15, "dept": 0.1}[kind]
            if kind == "unit" and not any(e[3] == eid for e in ents):
                prob = 0.9
            if eid == "lone":
                prob = 0.9
            if R.random() > prob:
                continue
            row = {}
            for f in FIELDS:
                if R.random() < (0.15 if kind == "person" else 0.4):
                    continue
                row[f] = val(eid, f)
            if R.random() < 0.05:
                row = {}   # a row with every cell empty
            rows[eid] = row
        # clone some rows to force ties
        ids = list(rows)
        for _ in range(R.randint(0, 3)):
            if len(ids) >= 2:
                a, b = R.sample(ids, 2)
                rows[b] = dict(rows[a])
        use_labels = R.random() < 0.3
        def head(f):
            return LABELS[f] if use_labels else f
        first = "编号" if R.random() < 0.3 else "entity"
        if R.random() < 0.25 and len(ids) > 0:
            # folder of several files: split fields
            d = os.path.join(out, "data", "periods", p)
            os.makedirs(d, exist_ok=True)
            parts = [FIELDS[:5], FIELDS[5:]]
            for k, fl in enumerate(parts):
                with open(os.path.join(d, "part%d.csv" % k), "w", encoding="utf-8-sig" if k else "utf-8") as fh:
                    fh.write(",".join([first] + [head(f) for f in fl]) + "\n")
                    for eid, row in rows.items():
                        fh.write(",".join([eid] + [fmt(row.get(f)) for f in fl]) + "\n")
        else:
            enc = R.choice(["utf-8", "utf-8-sig", "gb18030"])
            with open(os.path.join(out, "data", "periods", p + ".csv"), "w", encoding=enc) as fh:
                fh.write(",".join([first] + [head(f) for f in FIELDS]) + "\n")
                for eid, row in rows.items():
                    fh.write(",".join([eid] + [fmt(row.get(f)) for f in FIELDS]) + "\n")
    # ---------------- config
    L = []
    L.append('title = "随机站点 %d"' % seed)
    L.append("ytd = %s" % tq(ytd))
    L.append("[fields]")
    for f in FIELDS:
        L.append('%s = "%s"' % (f, LABELS[f]))
    L.append("[constants]")
    L.append("c1 = 1.5")
    L.append("c2 = 0.5")
    formulas_num = ["f1 / f2", "f3 / f1", "(f1 + f2) / f4", "f1 * c1 + f2 * c2", "f1", "min(f1, f2) / max(f3, 1)",
                    "f2 - f1", "f3 / (f1 + f2)", "f1 / (f2 - f3)", "f1 * 0.1 + f2 * 0.2"]
    formulas_pct = ["f5 / f6", "f1 / (f1 + f2)", "f5 / (f5 + f6)", "min(f5, f6) / f6"]
    valid_ifs = ["f2 >= 3", "f1 > 0 and f2 >= 2", "not (f3 == 0)", "f1 >= 2 or f4 > 1", "f6 != 1",
                 "f1 + f2 > 5", "f4 <= 9"]
    methods = ["mean_relative", "efficacy", "bands", "rank", "target", "zscore", "range", "direct"]
    nsch = R.randint(2, 4)
    kinds = ["unit", "person", "city", R.choice(["unit", "person"])]
    for si in range(nsch):
        L.append("")
        L.append("[[schemes]]")
        L.append('id = "s%d"' % si)
        L.append('name = "方案%d"' % si)
        L.append('kind = "%s"' % kinds[si])
        # peers: a fixed form, a kind above the scheme's kind, or a list
        opts = ["all", "parent", "group"] + sorted(above.get(kinds[si], ()))
        if R.random() < 0.6:
            L.append('peers = "%s"' % R.choice(opts))
        else:
            L.append("peers = [%s]" % ", ".join(tq(x) for x in R.sample(opts, R.randint(1, min(3, len(opts))))))
        ncat = R.randint(1, 3)
        cats = ["k%d" % i for i in range(ncat)]
        if R.random() < 0.6:
            tb = R.sample(cats, R.randint(1, ncat))
            L.append("tie_break = [%s]" % ", ".join(tq(c) for c in tb))
        if R.random() < 0.15 and len(periods) > 2:
            sub = sorted(R.sample(periods, len(periods) - 1))
            L.append("periods = [%s]" % ", ".join(tq(p) for p in sub))
        for c in cats:
            L.append("  [[schemes.categories]]")
            L.append('  id = "%s"' % c)
            L.append('  name = "类别%s"' % c)
        # make sure every method is used in every site
        ms_ = methods[:] if si == 0 else R.sample(methods, R.randint(3, 7))
        for ii, m in enumerate(ms_):
            pct = R.random() < 0.4 and m != "direct"
            w = R.choice([4, 5, 6, 8, 10])
            L.append("  [[schemes.indicators]]")
            L.append('  id = "i%d"' % ii)
            L.append('  name = "指标%d"' % ii)
            L.append('  category = "%s"' % R.choice(cats))
            if m == "direct":
                L.append('  formula = "%s"' % R.choice(["d1", "d1 / 2", "d1 * c2 + f1 / f2"]))
            else:
                L.append('  formula = "%s"' % R.choice(formulas_pct if pct else formulas_num))
            if m not in ("range", "direct"):
                L.append('  direction = "%s"' % R.choice(["higher", "lower"]))
            L.append("  weight = %s" % w)
            L.append('  format = "%s"' % ("percent" if pct else R.choice(["number", "ratio", "days"])))
            if R.random() < 0.7:
                L.append('  missing = "%s"' % R.choice(["average", "zero", "full"]))
            if R.random() < 0.4:
                L.append('  valid_if = "%s"' % R.choice(valid_ifs))
            L.append('  method = "%s"' % m)
            sc = 100 if pct else 3   # display-unit scale for thresholds
            # 预警 from a generator of its own, so that the sites are those
            # the seeds gave before alerts existed, plus the alert lines.
            if m not in ("range", "direct") and RA.random() < 0.6:
                y, r_ = RA.choice([(0, 0), (0, 0.1), (0.05, 0.05), (0.1, 0.3), (0.2, 0.5), (0.5, 1)])
                L.append("  alert = [%s, %s]" % (round(y * sc, 6), round(r_ * sc, 6)))
            if m in ("mean_relative", "zscore"):
                L.append("  step = %s" % R.choice([0.1, 0.3, 0.5, 1, 2]))
                L.append("  max_plus = %s" % R.choice([0, 1, 2, 3]))
                L.append("  max_minus = %s" % R.choice([0, 2, 3, 5, 20]))
                if R.random() < 0.6:
                    L.append("  base = %s" % R.choice([w - 1, w - 2, w, 3]))
                if m == "mean_relative":
                    if R.random() < 0.6:
                        L.append('  deviation = "%s"' % R.choice(["relative", "absolute"]))
                    if R.random() < 0.7:
                        L.append('  reference = "%s"' % R.choice(["mean", "median", "pooled"]))
            elif m == "efficacy":
                if R.random() < 0.5:
                    L.append("  floor = %s" % R.choice([0, 0.5, 0.6, 0.8]))
                r = R.random()
                if r < 0.3:
                    L.append("  best = %s" % (0.8 * sc))
                    L.append("  worst = %s" % (0.2 * sc))
                elif r < 0.45:
                    L.append("  best = %s" % (0.1 * sc))
                    L.append("  worst = %s" % (1.0 * sc))
                elif r < 0.6:
                    L.append("  best = %s" % (0.7 * sc))
                elif r < 0.7:
                    L.append("  worst = %s" % (0.3 * sc))
            elif m == "bands":
                b1, b2, b3 = sorted(R.sample([0.1, 0.25, 0.5, 0.75, 1.0, 1.5], 3))
                bands = ["{ min = %s, points = %s }" % (b3 * sc, w),
                         "{ min = %s, max = %s, points = %s }" % (b2 * sc, b3 * sc, w * 0.75),
                         "{ min = %s, max = %s, points = %s }" % (b1 * sc, b2 * sc, w / 2)]
                if R.random() < 0.5:
                    bands.append("{ max = %s, points = 1 }" % (b1 * sc))
                R.shuffle(bands) if R.random() < 0.2 else None
                L.append("  bands = [%s]" % ", ".join(bands))
            elif m == "rank":
                if R.random() < 0.5:
                    L.append("  step = %s" % R.choice([0.5, 1, 2, 3]))
            elif m == "target":
                L.append("  target = %s" % R.choice([0, 0.5 * sc, 1 * sc, 0.3 * sc]))
                if R.random() < 0.6:
                    L.append("  proportional = %s" % tq(R.random() < 0.7))
            elif m == "range":
                lo = R.choice([0.1, 0.3, 0.5]) * sc
                L.append("  low = %s" % lo)
                L.append("  high = %s" % (lo + R.choice([0, 0.2, 0.5]) * sc))
                L.append("  step = %s" % R.choice([0.1, 0.5, 1, 2]))
        for ai, (fld, pts) in enumerate([("a1", R.choice([1, 1.5, 2])), ("a2", R.choice([-1, -2.5]))]):
            if R.random() < 0.7:
                L.append("  [[schemes.adjustments]]")
                L.append('  id = "adj%d"' % ai)
                L.append('  name = "加减%d"' % ai)
                L.append('  field = "%s"' % fld)
                L.append("  points = %s" % pts)
                if R.random() < 0.6:
                    L.append("  cap = %s" % R.choice([1, 2, 3, 4.5]))
        # grades
        ng = R.randint(0, 4)
        gnames = ["优秀", "称职", "基本称职", "不称职"][:ng] if ng != 1 else []
        for vi, fld in enumerate(["v1", "v2"]):
            if R.random() < 0.6:
                L.append("  [[schemes.vetoes]]")
                L.append('  id = "veto%d"' % vi)
                L.append('  name = "否决%d"' % vi)
                L.append('  field = "%s"' % fld)
                if gnames and R.random() < 0.5:
                    L.append('  grade = "%s"' % R.choice(gnames))
        for gi, g in enumerate(gnames):
            L.append("  [[schemes.grades]]")
            L.append('  name = "%s"' % g)
            if gi < len(gnames) - 1:
                r = R.random()
                if r < 0.7:
                    L.append("  share = %s" % R.choice([0.2, 0.25, 0.3, 0.5, 1 / 3]))
                if r > 0.4:
                    L.append("  min_score = %s" % R.choice([5, 10, 15, 20, 30]))
    with open(os.path.join(out, "config.toml"), "w", encoding="utf-8") as f:
        f.write("\n".join(L) + "\n")


def fmt(x):
    if x is None:
        return ""
    if float(x).is_integer():
        return str(int(x))
    return str(x)


if __name__ == "__main__":
    gen(sys.argv[1], int(sys.argv[2]))
