#!/usr/bin/env python3
"""Self-check for the GDPR privacy-notice evaluation set (stdlib only).

Verifies that every file in notices/ has a complete entry in labels.json and
vice versa, that all statuses are valid, and prints per-item label counts.
Exit code 0 = OK, 1 = problems found.
"""
import json
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ITEMS = ["identity", "dpo_contact", "purposes", "legal_basis", "legitimate_interests",
         "data_categories", "recipients", "transfers", "retention", "right_access",
         "right_rectification", "right_erasure", "right_restriction", "right_portability",
         "right_object", "withdraw_consent", "complaint", "requirement", "sources",
         "automated_decisions", "special_categories_condition"]
STATUSES = ("present", "missing", "not_applicable")
# items that may never be not_applicable
ALWAYS = {"identity", "purposes", "legal_basis", "recipients", "transfers", "retention",
          "right_access", "right_rectification", "right_erasure", "right_restriction",
          "complaint", "automated_decisions"}


def main():
    errors, warnings = [], []
    labels = json.load(open(os.path.join(HERE, "labels.json"), encoding="utf-8"))
    if labels.get("items") != ITEMS:
        errors.append("labels.json 'items' differs from the expected 21 codes / order")
    notices = labels.get("notices", {})
    files = sorted(f for f in os.listdir(os.path.join(HERE, "notices")) if not f.startswith("."))
    for f in files:
        if f not in notices:
            errors.append(f"{f}: file has no label entry")
    for name, entry in notices.items():
        if name not in files:
            errors.append(f"{name}: label entry has no file")
        if entry.get("language") not in ("fi", "sv", "en"):
            errors.append(f"{name}: bad language {entry.get('language')!r}")
        art = entry.get("article")
        if art not in ("13", "14", "both"):
            errors.append(f"{name}: bad article {art!r}")
        items = entry.get("items", {})
        if set(items) != set(ITEMS):
            errors.append(f"{name}: items missing {sorted(set(ITEMS) - set(items))} "
                          f"extra {sorted(set(items) - set(ITEMS))}")
        for k, v in items.items():
            if v not in STATUSES:
                errors.append(f"{name}: {k} has bad status {v!r}")
            if k in ALWAYS and v == "not_applicable":
                errors.append(f"{name}: {k} can never be not_applicable")
        # consistency of Art. 13/14 conditional items
        if art == "13":
            for k in ("data_categories", "sources"):
                if items.get(k) != "not_applicable":
                    errors.append(f"{name}: {k} must be not_applicable for a pure Art. 13 notice")
        else:
            for k in ("data_categories", "sources"):
                if items.get(k) == "not_applicable":
                    errors.append(f"{name}: {k} is applicable for article {art}")
        if art == "14" and items.get("requirement") != "not_applicable":
            errors.append(f"{name}: requirement must be not_applicable for pure Art. 14")
        if art in ("13", "both") and items.get("requirement") == "not_applicable":
            errors.append(f"{name}: requirement applicable for article {art}")
        why = entry.get("why", {})
        for k in why:
            if k not in ITEMS:
                errors.append(f"{name}: why has unknown key {k!r}")
        for k, v in items.items():
            if v == "missing" and k not in why:
                warnings.append(f"{name}: missing {k} has no 'why'")

    # per-item counts
    print(f"{len(notices)} notices, {len(files)} files")
    for key in ("language", "article"):
        print(key + ":", dict(sorted(Counter(e.get(key) for e in notices.values()).items())))
    print("format:", dict(sorted(Counter(f.rsplit(".", 1)[-1] for f in files).items())))
    print(f"{'item':30s} {'present':>8s} {'missing':>8s} {'n/a':>8s}")
    for k in ITEMS:
        c = Counter(e["items"].get(k) for e in notices.values())
        print(f"{k:30s} {c['present']:8d} {c['missing']:8d} {c['not_applicable']:8d}")
    gaps = Counter(sum(v == "missing" for v in e["items"].values()) for e in notices.values())
    print("notices by number of missing items:", dict(sorted(gaps.items())))
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"FAILED ({len(errors)} errors)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
