#!/usr/bin/env python3
"""compare.py REF_OUT GO_OUT [--label L] : compare data/<scheme>/<period>.json; print every difference.
Prints a summary line 'SUMMARY files=.. numbers=.. diffs=..' at the end."""
import json, math, os, sys

TOL = 1e-6
stats = dict(files=0, numbers=0, fields=0, diffs=0)


def numeq(a, b):
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


def diff(label, where, a, b):
    stats["diffs"] += 1
    print("DIFF %s %s: ref=%r go=%r" % (label, where, a, b))


def cmpval(label, where, a, b):
    stats["fields"] += 1
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None or isinstance(a, str) or isinstance(b, str):
        if a != b or type(a) != type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
            diff(label, where, a, b)
        return
    stats["numbers"] += 1
    if not numeq(float(a), float(b)):
        diff(label, where, a, b)


def cmp_entity(label, w, r, g):
    for k in ("name", "rank", "grade", "vetoed", "rank_change", "total"):
        cmpval(label, w + "." + k, r.get(k, "<absent>"), g.get(k, "<absent>"))
    for sect in ("categories", "adjustments"):
        rs, gs = r.get(sect) or {}, g.get(sect) or {}
        for k in sorted(set(rs) | set(gs)):
            a, b = rs.get(k, "<absent>"), gs.get(k, "<absent>")
            if sect == "adjustments" and (a == "<absent>" or b == "<absent>"):
                # an absent adjustment is taken as 0
                a = 0 if a == "<absent>" else a
                b = 0 if b == "<absent>" else b
            cmpval(label, "%s.%s.%s" % (w, sect, k), a, b)
    ri, gi = r.get("indicators") or {}, g.get("indicators") or {}
    for k in sorted(set(ri) | set(gi)):
        if k not in ri or k not in gi:
            diff(label, "%s.indicators.%s" % (w, k), ri.get(k, "<absent>"), gi.get(k, "<absent>"))
            continue
        for f in ("value", "points", "reference", "alert"):
            cmpval(label, "%s.indicators.%s.%s" % (w, k, f), ri[k].get(f, "<absent>"), gi[k].get(f, "<absent>"))


def cmp_file(label, rf, gf):
    r, g = json.load(open(rf)), json.load(open(gf))
    stats["files"] += 1
    for k in ("scheme", "period"):
        cmpval(label, k, r[k], g[k])
    rg, gg = [x["id"] for x in r["groups"]], [x["id"] for x in g["groups"]]
    if rg != gg:
        diff(label, "group ids", rg, gg)
    gmap = {x["id"]: x for x in g["groups"]}
    for grp in r["groups"]:
        if grp["id"] not in gmap:
            continue
        re_, ge = grp["entities"], gmap[grp["id"]]["entities"]
        ro, go = [e["id"] for e in re_], [e["id"] for e in ge]
        if ro != go:
            diff(label, "group %s entity order" % grp["id"], ro, go)
        gm = {e["id"]: e for e in ge}
        for e in re_:
            if e["id"] in gm:
                cmp_entity(label, "group=%s entity=%s" % (grp["id"], e["id"]), e, gm[e["id"]])


def main():
    ref, go = sys.argv[1], sys.argv[2]
    label = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--label" else ""
    rd, gd = os.path.join(ref, "data"), os.path.join(go, "data")
    rs = {(s, f) for s in os.listdir(rd) for f in os.listdir(os.path.join(rd, s)) if f.endswith(".json")}
    gs = {(s, f) for s in os.listdir(gd) if os.path.isdir(os.path.join(gd, s))
          for f in os.listdir(os.path.join(gd, s)) if f.endswith(".json")}
    for s, f in sorted(rs - gs):
        diff(label, "%s/%s" % (s, f), "present", "absent")
    for s, f in sorted(gs - rs):
        diff(label, "%s/%s" % (s, f), "absent", "present")
    for s, f in sorted(rs & gs):
        cmp_file("%s %s/%s" % (label, s, f[:-5]), os.path.join(rd, s, f), os.path.join(gd, s, f))
    print("SUMMARY %s files=%d fields=%d numbers=%d diffs=%d" % (label, stats["files"], stats["fields"],
                                                                   stats["numbers"], stats["diffs"]))


if __name__ == "__main__":
    main()
