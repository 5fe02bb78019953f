#!/usr/bin/env python3
"""Independent reference implementation of kaoping SPEC §3-§7 (scoring + JSON).

usage: kaoping_ref.py SITE_DIR OUT_DIR      (writes OUT_DIR/data/<scheme>/<period>.json)
"""
import csv, io, json, math, os, re, sys, tomllib, zipfile
import xml.etree.ElementTree as ET

EPS = 1e-9
import collections
COV = collections.Counter()

# ---------------------------------------------------------------- formulas
TOK = re.compile(r"\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|==|!=|[-+*/(),<>]))")


class Missing(Exception):
    pass


def tokenize(s):
    pos, out = 0, []
    s = s.rstrip()
    while pos < len(s):
        m = TOK.match(s, pos)
        if not m:
            raise ValueError("bad formula %r at %d" % (s, pos))
        pos = m.end()
        if m.group(1) is not None:
            out.append(("num", float(m.group(1))))
        elif m.group(2) is not None:
            w = m.group(2)
            if w in ("and", "or", "not", "min", "max"):
                out.append(("kw", w))
            else:
                out.append(("name", w))
        else:
            out.append(("op", m.group(3)))
    out.append(("end", None))
    return out


class Parser:
    # AST nodes: ('num',x) ('var',n) ('bin',op,a,b) ('neg',a) ('call',f,a,b) ('not',a)
    def __init__(self, s):
        self.t = tokenize(s)
        self.i = 0

    def peek(self):
        return self.t[self.i]

    def take(self):
        t = self.t[self.i]
        self.i += 1
        return t

    def expect(self, kind, val=None):
        t = self.take()
        if t[0] != kind or (val is not None and t[1] != val):
            raise ValueError("expected %s %s got %s" % (kind, val, t))
        return t

    def parse(self):
        e = self.p_or()
        self.expect("end")
        return e

    def p_or(self):
        a = self.p_and()
        while self.peek() == ("kw", "or"):
            self.take()
            a = ("bin", "or", a, self.p_and())
        return a

    def p_and(self):
        a = self.p_not()
        while self.peek() == ("kw", "and"):
            self.take()
            a = ("bin", "and", a, self.p_not())
        return a

    def p_not(self):
        if self.peek() == ("kw", "not"):
            self.take()
            return ("not", self.p_not())
        return self.p_cmp()

    def p_cmp(self):
        a = self.p_add()
        t = self.peek()
        if t[0] == "op" and t[1] in ("<", "<=", ">", ">=", "==", "!="):
            self.take()
            a = ("bin", t[1], a, self.p_add())
        return a

    def p_add(self):
        a = self.p_mul()
        while self.peek()[0] == "op" and self.peek()[1] in "+-":
            op = self.take()[1]
            a = ("bin", op, a, self.p_mul())
        return a

    def p_mul(self):
        a = self.p_unary()
        while self.peek()[0] == "op" and self.peek()[1] in "*/":
            op = self.take()[1]
            a = ("bin", op, a, self.p_unary())
        return a

    def p_unary(self):
        t = self.peek()
        if t == ("op", "-"):
            self.take()
            return ("neg", self.p_unary())
        if t == ("op", "+"):
            self.take()
            return self.p_unary()
        return self.p_atom()

    def p_atom(self):
        t = self.take()
        if t[0] == "num":
            return ("num", t[1])
        if t[0] == "name":
            return ("var", t[1])
        if t[0] == "kw" and t[1] in ("min", "max"):
            self.expect("op", "(")
            a = self.p_or()
            self.expect("op", ",")
            b = self.p_or()
            self.expect("op", ")")
            return ("call", t[1], a, b)
        if t == ("op", "("):
            e = self.p_or()
            self.expect("op", ")")
            return e
        raise ValueError("unexpected %s" % (t,))


def fin(x):
    if isinstance(x, bool):
        return x
    if not math.isfinite(x):
        raise Missing()
    return x


def ev(node, env):
    """env: name -> float (missing names absent). Raises Missing."""
    k = node[0]
    if k == "num":
        return node[1]
    if k == "var":
        if node[1] not in env:
            raise Missing()
        return env[node[1]]
    if k == "neg":
        return fin(-ev(node[1], env))
    if k == "not":
        return not ev(node[1], env)
    if k == "call":
        a, b = ev(node[2], env), ev(node[3], env)
        return min(a, b) if node[1] == "min" else max(a, b)
    op, a, b = node[1], ev(node[2], env), ev(node[3], env)   # strict: both sides evaluated
    if op == "+":
        return fin(a + b)
    if op == "-":
        return fin(a - b)
    if op == "*":
        return fin(a * b)
    if op == "/":
        if b == 0:
            raise Missing()
        return fin(a / b)
    if op == "<": return a < b
    if op == "<=": return a <= b
    if op == ">": return a > b
    if op == ">=": return a >= b
    if op == "==": return a == b
    if op == "!=": return a != b
    if op == "and": return bool(a) and bool(b)
    if op == "or": return bool(a) or bool(b)
    raise ValueError(op)


def fields_of(node, out):
    if node[0] == "var":
        out.add(node[1])
    for c in node[1:]:
        if isinstance(c, tuple):
            fields_of(c, out)
    return out


def evaluate(node, fields, consts):
    env = dict(consts)
    env.update(fields)
    try:
        v = ev(node, env)
    except (Missing, OverflowError):
        return None
    if isinstance(v, bool):
        return v
    return v if math.isfinite(v) else None


# ---------------------------------------------------------------- periods
PERIOD_RE = re.compile(r"^(\d{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$")


def period_key(p):
    """(granularity, year, index, derived) ; sort key = (year, end-month, gran-order, derived)"""
    ytd = p.endswith("-ytd")
    base = p[:-4] if ytd else p
    m = PERIOD_RE.match(base)
    y = int(m.group(1))
    s = m.group(2)
    if s is None:
        g, idx, end = "Y", 1, 12
    elif s[0] == "H":
        g, idx = "H", int(s[1]); end = idx * 6
    elif s[0] == "Q":
        g, idx = "Q", int(s[1]); end = idx * 3
    else:
        g, idx = "M", int(s); end = idx
    return dict(gran=g + ("ytd" if ytd else ""), year=y, idx=idx, end=end, ytd=ytd, base=base)


def sort_key(p):
    k = period_key(p)
    return (k["year"], k["end"], "MQHY".index(k["gran"][0]), 1 if k["ytd"] else 0)


# ---------------------------------------------------------------- reading data
def read_text(path):
    b = open(path, "rb").read()
    if b.startswith(b"\xef\xbb\xbf"):
        b = b[3:]
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("gb18030")


def read_csv_rows(path):
    return [r for r in csv.reader(io.StringIO(read_text(path)))]


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for c in letters:
        n = n * 26 + ord(c) - 64
    return n - 1


def read_xlsx_rows(path):
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
          "pr": "http://schemas.openxmlformats.org/package/2006/relationships"}
    z = zipfile.ZipFile(path)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    sheet = wb.find("m:sheets/m:sheet", ns)
    rid = sheet.get("{%s}id" % ns["r"])
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = None
    for r in rels.findall("pr:Relationship", ns):
        if r.get("Id") == rid:
            target = r.get("Target")
    if target.startswith("/"):
        target = target[1:]
    else:
        target = "xl/" + target
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
        for si in sst.findall("m:si", ns):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])))
    ws = ET.fromstring(z.read(target))
    rows = []
    for row in ws.findall("m:sheetData/m:row", ns):
        cells = {}
        for j, c in enumerate(row.findall("m:c", ns)):
            ref = c.get("r")
            ci = col_index(ref) if ref else j
            t = c.get("t")
            if t == "s":
                val = shared[int(c.find("m:v", ns).text)]
            elif t == "inlineStr":
                val = "".join(x.text or "" for x in c.iter("{%s}t" % ns["m"]))
            else:
                v = c.find("m:v", ns)
                val = v.text if v is not None and v.text is not None else ""
            cells[ci] = val
        n = max(cells) + 1 if cells else 0
        rows.append([cells.get(i, "") for i in range(n)])
    return rows


def load_site(site):
    cfg = tomllib.load(open(os.path.join(site, "config.toml"), "rb"))
    data_dir = os.path.join(site, cfg.get("data_dir", "data"))
    # entities
    rows = read_csv_rows(os.path.join(data_dir, "entities.csv"))
    alias = {"编号": "id", "名称": "name", "类型": "kind", "上级": "parent", "分组": "group", "排序": "order"}
    hdr = [alias.get(h.strip(), h.strip()) for h in rows[0]]
    ents = {}
    for r in rows[1:]:
        if not any(x.strip() for x in r):
            continue
        d = {h: (r[i].strip() if i < len(r) else "") for i, h in enumerate(hdr)}
        ents[d["id"]] = dict(id=d["id"], name=d["name"], kind=d["kind"], parent=d.get("parent", "") or "",
                             group=d.get("group", "") or "")
    children = {e: [] for e in ents}
    for e in ents.values():
        if e["parent"]:
            children[e["parent"]].append(e["id"])
    # periods: raw own cells
    label2field = {v: k for k, v in cfg.get("fields", {}).items()}
    pdir = os.path.join(data_dir, "periods")
    raw = {}
    for name in sorted(os.listdir(pdir)):
        full = os.path.join(pdir, name)
        if os.path.isdir(full):
            pid = name
            files = [os.path.join(full, f) for f in sorted(os.listdir(full))]
        else:
            pid, _ = os.path.splitext(name)
            files = [full]
        cells = raw.setdefault(pid, {})
        for f in files:
            rows = read_xlsx_rows(f) if f.endswith(".xlsx") else read_csv_rows(f)
            hdr = [h.strip() for h in rows[0]]
            cols = [label2field.get(h, h) for h in hdr[1:]]
            for r in rows[1:]:
                if not any(x.strip() for x in r):
                    continue
                eid = r[0].strip()
                for j, fld in enumerate(cols):
                    c = r[j + 1].strip() if j + 1 < len(r) else ""
                    if c == "" or fld.lower() == "name" or fld == "名称":
                        continue  # empty, or the name column (SPEC §4): not a field
                    cells.setdefault(eid, {})[fld] = float(c)
    return cfg, ents, children, raw


def derive_ytd(raw):
    out = {}
    for p in raw:
        k = period_key(p)
        if k["gran"] not in ("Q", "M"):
            continue
        parts = [q for q in raw if period_key(q)["gran"] == k["gran"] and period_key(q)["year"] == k["year"]
                 and period_key(q)["idx"] <= k["idx"]]
        parts.sort(key=sort_key)
        cells = {}
        for q in parts:
            for e, fs in raw[q].items():
                for f, v in fs.items():
                    d = cells.setdefault(e, {})
                    d[f] = d.get(f, 0.0) + v
        out[p + "-ytd"] = cells
    return out


def aggregate(cells, ents, children):
    memo = {}

    def val(e):
        if e in memo:
            return memo[e]
        own = dict(cells.get(e, {}))
        kid = {}
        for c in children[e]:
            for f, v in val(c).items():
                kid[f] = kid.get(f, 0.0) + v
        for f, v in kid.items():
            if f not in own:
                own[f] = v
        memo[e] = own
        return own

    return {e: val(e) for e in ents}


# ---------------------------------------------------------------- scoring
def clamp(x, lo, hi):
    return max(lo, min(hi, x))


def mean(xs):
    s = 0.0
    for x in xs:
        s += x
    return s / len(xs)


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def score_indicator(ind, members, vals, fieldvals, consts, node):
    """returns {e: (value, points, reference, alert)}"""
    w = float(ind["weight"])
    s = 1 if ind.get("direction", "higher") == "higher" else -1
    pct = ind.get("format", "number") == "percent"
    D = (lambda x: 100.0 * x) if pct else (lambda x: x)
    method = ind["method"]
    have = [e for e in members if vals[e] is not None]
    V = [vals[e] for e in have]
    pts, ref = {}, None
    if not V:
        return {e: (vals[e], 0.0, None, None) for e in members}
    if method == "mean_relative":
        step, mp, mm = float(ind["step"]), float(ind["max_plus"]), float(ind["max_minus"])
        base = float(ind.get("base", w))
        rk = ind.get("reference", "mean")
        if rk == "mean":
            ref = mean(V)
        elif rk == "median":
            ref = median(V)
        else:
            sums = {}
            for f in fields_of(node, set()):
                if f in consts:
                    continue
                tot = 0.0
                for e in have:
                    if f in fieldvals[e]:
                        tot += fieldvals[e][f]
                sums[f] = tot
            ref = evaluate(node, sums, consts)
        for e in have:
            v = vals[e]
            if ref is None:
                COV["mr_pooled_none"] += 1
                d = 0.0
            elif ind.get("deviation", "relative") == "relative":
                if ref == 0:
                    d = 0.0 if v == 0 else (math.inf if v - ref > 0 else -math.inf)
                    COV["mr_ref0_v0" if v == 0 else "mr_ref0_inf"] += 1
                else:
                    d = (v - ref) / abs(ref) * 100
            else:
                d = D(v) - D(ref)
            x = s * d * step
            pts[e] = max(0.0, base + clamp(x, -mm, mp))
    elif method == "zscore":
        step, mp, mm = float(ind["step"]), float(ind["max_plus"]), float(ind["max_minus"])
        base = float(ind.get("base", w))
        ref = mean(V)
        sd = math.sqrt(mean([(v - ref) ** 2 for v in V]))
        if sd <= 1e-9 * max(1.0, abs(ref)):   # identical values up to rounding: sigma = 0 (as Go; SPEC: "sigma = 0 gives z = 0")
            sd = 0.0
        for e in have:
            z = 0.0 if sd == 0 else (vals[e] - ref) / sd
            COV["z_sd0" if sd == 0 else "z"] += 1
            pts[e] = max(0.0, base + clamp(s * z * step, -mm, mp))
    elif method == "efficacy":
        floor = float(ind.get("floor", 0.6))
        dvs = [D(v) for v in V]
        ext_hi = max(dvs) if s > 0 else min(dvs)
        ext_lo = min(dvs) if s > 0 else max(dvs)
        hi = float(ind["best"]) if "best" in ind else ext_hi
        lo = float(ind["worst"]) if "worst" in ind else ext_lo
        for e in have:
            if hi == lo:
                COV["eff_hi_eq_lo"] += 1
                pts[e] = w
            else:
                r = clamp((D(vals[e]) - lo) / (hi - lo), 0.0, 1.0)
                pts[e] = w * (floor + (1 - floor) * r)
    elif method == "bands":
        for e in have:
            dv = D(vals[e])
            p = 0.0
            for b in ind["bands"]:
                if "min" in b and not dv >= b["min"]:
                    continue
                if "max" in b and not dv < b["max"]:
                    continue
                p = float(b["points"])
                break
            pts[e] = p
    elif method == "rank":
        m = len(V)
        for e in have:
            v = vals[e]
            r = 1 + sum(1 for u in V if abs(u - v) > EPS and (u > v if s > 0 else u < v))   # tolerance, as Go (SPEC silent)
            if "step" in ind:
                pts[e] = max(0.0, w - (r - 1) * float(ind["step"]))
            else:
                pts[e] = w if m == 1 else w * (m - r) / (m - 1)
    elif method == "target":
        t = float(ind["target"])
        prop = ind.get("proportional", False)
        for e in have:
            dv = D(vals[e])
            if s > 0:
                if dv >= t:
                    p = w
                elif prop:
                    p = clamp(w * dv / t, 0.0, w) if t != 0 else 0.0
                else:
                    p = 0.0
            else:
                if prop and dv == 0 and t < 0: COV["tgt_dv0"] += 1
                if dv <= t or (prop and dv == 0):
                    p = w
                elif prop:
                    p = clamp(w * t / dv, 0.0, w)
                else:
                    p = 0.0
            pts[e] = p
    elif method == "range":
        lo, hi, step = float(ind["low"]), float(ind["high"]), float(ind["step"])
        for e in have:
            dv = D(vals[e])
            if lo <= dv <= hi:
                pts[e] = w
            else:
                dist = lo - dv if dv < lo else dv - hi
                pts[e] = max(0.0, w - step * dist)
    elif method == "direct":
        for e in have:
            pts[e] = clamp(D(vals[e]), 0.0, w)
    else:
        raise ValueError(method)
    miss = ind.get("missing", "average")
    fill = mean([pts[e] for e in have]) if miss == "average" else (0.0 if miss == "zero" else w)
    # 预警 (SPEC §6): u = s·(dref − dv) against the ref of mean_relative, else the mean of V.
    alerts = {}
    if "alert" in ind:
        Y, Rd = float(ind["alert"][0]), float(ind["alert"][1])
        aref = ref if method == "mean_relative" else mean(V)
        if aref is None:
            COV["alert_no_ref"] += 1
        else:
            for e in have:
                u = s * (D(aref) - D(vals[e]))
                if u >= Rd - EPS:
                    alerts[e] = "red"
                elif u >= Y - EPS:
                    alerts[e] = "yellow"
                COV["alert_" + alerts.get(e, "none")] += 1
                if abs(u - Rd) <= EPS or abs(u - Y) <= EPS:
                    COV["alert_at_threshold"] += 1
    return {e: (vals[e], pts.get(e, fill), ref, alerts.get(e)) for e in members}


def score_period(cfg, sch, ents, fieldvals):
    consts = {k: float(v["value"] if isinstance(v, dict) else v) for k, v in cfg.get("constants", {}).items()}
    members = [e for e in ents if ents[e]["kind"] == sch["kind"] and fieldvals[e]]
    peers = sch.get("peers", "all") or "all"
    parts = [peers] if isinstance(peers, str) else list(peers)

    def key(e, part):
        # SPEC §6: one part's key of entity e, "" when it has none
        if part == "all":
            return ""
        if part == "parent":
            return ents[e]["parent"]
        if part == "group":
            return ents[e]["group"]
        a = ents[e]["parent"]            # a kind: the nearest ancestor of that kind
        while a:
            if ents[a]["kind"] == part:
                return a
            a = ents[a]["parent"]
        return ""

    groups = {}
    for e in members:
        keys = [k for k in (key(e, p) for p in parts) if k]
        g = "/".join(keys) if keys else "all"
        groups.setdefault(g, []).append(e)
    cats = [c["id"] for c in sch.get("categories", [])]
    grades = sch.get("grades", [])
    out = []
    for gid in sorted(groups):
        G = groups[gid]
        res = {e: dict(id=e, name=ents[e]["name"], categories={c: 0.0 for c in cats}, indicators={},
                       adjustments={}) for e in G}
        for ind in sch.get("indicators", []):
            node = Parser(ind["formula"]).parse()
            cond = Parser(ind["valid_if"]).parse() if ind.get("valid_if") else None
            vals = {}
            for e in G:
                v = evaluate(node, fieldvals[e], consts)
                if v is not None and cond is not None:
                    ok = evaluate(cond, fieldvals[e], consts)
                    COV["valid_" + str(ok)] += 1
                    if ok is None and " or " in ind["valid_if"]: COV["valid_or_missing"] += 1
                    if ok is None or not ok:
                        v = None
                if isinstance(v, bool):
                    v = float(v)
                vals[e] = v
            r = score_indicator(ind, G, vals, fieldvals, consts, node)
            for e in G:
                v, p, ref, al = r[e]
                res[e]["indicators"][ind["id"]] = dict(value=v, points=p, reference=ref, alert=al)
                res[e]["categories"][ind["category"]] += p
        for e in G:
            tot = sum(x["points"] for x in res[e]["indicators"].values())
            for a in sch.get("adjustments", []):
                fv = fieldvals[e].get(a["field"])
                x = 0.0 if fv is None else fv * float(a["points"])
                if "cap" in a:
                    COV["cap_hit"] += abs(x) > float(a["cap"])
                    x = clamp(x, -float(a["cap"]), float(a["cap"]))
                res[e]["adjustments"][a["id"]] = x
                tot += x
            res[e]["total"] = tot
            vet = [vv for vv in sch.get("vetoes", []) if fieldvals[e].get(vv["field"], 0) > 0]
            res[e]["vetoed"] = bool(vet)
            res[e]["_vet"] = vet
        # rank
        tb = sch.get("tie_break", [])

        def keys(e):
            return [res[e]["total"]] + [res[e]["categories"][c] for c in tb]

        def cmp_better(a, b):  # -1 a before b, 0 equal, 1 after
            va, vb = res[a]["vetoed"], res[b]["vetoed"]
            if va != vb:
                return 1 if va else -1
            for x, y in zip(keys(a), keys(b)):
                if abs(x - y) > EPS:
                    return -1 if x > y else 1
            return 0

        import functools
        order = sorted(G, key=functools.cmp_to_key(lambda a, b: cmp_better(a, b) or (-1 if a < b else 1)))
        rank = {}
        for i, e in enumerate(order):
            if i > 0 and cmp_better(order[i - 1], e) == 0:
                COV["rank_tie"] += 1
                if res[e]["total"] != res[order[i - 1]]["total"]: COV["rank_tie_inexact"] += 1
                rank[e] = rank[order[i - 1]]
            else:
                rank[e] = i + 1
        n = len(G)
        for e in G:
            res[e]["rank"] = rank[e]
            if not grades:
                res[e]["grade"] = None
                continue
            gi = len(grades) - 1
            S = 0.0
            for k, g in enumerate(grades):
                S += float(g.get("share", 0))
                if k == len(grades) - 1:
                    gi = k
                    break
                ok = True
                if "share" in g and not rank[e] <= math.floor(n * S + 1e-9):
                    ok = False
                if "min_score" in g and not res[e]["total"] >= float(g["min_score"]):
                    ok = False
                if "share" in g and rank[e] == math.floor(n * S + 1e-9) and sum(1 for x in G if rank[x] == rank[e]) > 1: COV["share_boundary_tie"] += 1
                if ok:
                    gi = k
                    break
            names = [g["name"] for g in grades]
            for vv in res[e]["_vet"]:
                vg = names.index(vv["grade"]) if "grade" in vv else len(grades) - 1
                COV["veto_grade" if "grade" in vv else "veto_default"] += 1
                gi = max(gi, vg)
            res[e]["grade"] = names[gi]
        ents_out = []
        for e in sorted(G, key=lambda e: (rank[e], e)):
            d = res[e]
            ents_out.append(dict(id=e, name=d["name"], rank=d["rank"], total=d["total"], grade=d["grade"],
                                 vetoed=d["vetoed"], rank_change=None, categories=d["categories"],
                                 indicators=d["indicators"], adjustments=d["adjustments"]))
        out.append(dict(id=gid, entities=ents_out))
    return out


def previous_period(p, plist):
    k = period_key(p)
    if k["ytd"]:
        cands = [q for q in plist if period_key(q)["gran"] == k["gran"] and period_key(q)["year"] == k["year"]
                 and period_key(q)["idx"] == k["idx"] - 1]   # literally "one step earlier"
    else:
        cands = [q for q in plist if period_key(q)["gran"] == k["gran"] and sort_key(q) < sort_key(p)]
    return max(cands, key=sort_key) if cands else None


def run(site, outdir):
    cfg, ents, children, raw = load_site(site)
    allp = dict(raw)
    if cfg.get("ytd", False):
        allp.update(derive_ytd(raw))
    agg = {p: aggregate(c, ents, children) for p, c in allp.items()}
    for sch in cfg.get("schemes", []):
        plist = sorted(sch.get("periods") or allp.keys(), key=sort_key)
        plist = [p for p in plist if p in allp]
        results = {p: score_period(cfg, sch, ents, agg[p]) for p in plist}
        for p in plist:
            prev = previous_period(p, plist)
            prank = {}
            if prev:
                for g in results[prev]:
                    for e in g["entities"]:
                        prank[e["id"]] = e["rank"]
            for g in results[p]:
                for e in g["entities"]:
                    if e["id"] in prank:
                        e["rank_change"] = prank[e["id"]] - e["rank"]
            d = os.path.join(outdir, "data", sch["id"])
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, p + ".json"), "w", encoding="utf-8") as f:
                json.dump(dict(scheme=sch["id"], period=p, groups=results[p]), f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2])
    if os.environ.get("KP_COV"):
        print(json.dumps(COV, sort_keys=True))
