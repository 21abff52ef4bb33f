"""Pairwise precision and recall of analytics results against a ground truth.

Both sides are reduced to clusters (an id per item, None for an item in no cluster); a pair is two
items of one cluster. Shared by tools/analytics/accuracy.py and tests/integration.
"""
import itertools


def pairs(cluster_of, exclude_same=None):
    """Pairs of keys sharing a cluster. `exclude_same` maps a key to a value; pairs of keys with
    the same value are left out (near-duplicates that are exact copies of each other)."""
    groups = {}
    for key, cluster in cluster_of.items():
        if cluster is not None:
            groups.setdefault(cluster, []).append(key)
    out = set()
    for members in groups.values():
        for a, b in itertools.combinations(sorted(members), 2):
            if exclude_same is not None and exclude_same.get(a) == exclude_same.get(b):
                continue
            out.add((a, b))
    return out


def score(truth_pairs, found_pairs):
    tp = len(truth_pairs & found_pairs)
    precision = tp / len(found_pairs) if found_pairs else 1.0
    recall = tp / len(truth_pairs) if truth_pairs else 1.0
    return {"truth_pairs": len(truth_pairs), "found_pairs": len(found_pairs), "true_positives": tp,
            "precision": precision, "recall": recall,
            "missed": sorted(truth_pairs - found_pairs)[:10],
            "wrong": sorted(found_pairs - truth_pairs)[:10]}


def collected_file(item_path, source_roots):
    """'<root>/<relative path>#<inner path>' → (folder name, relative path, inner path)."""
    outer, _, inner = item_path.partition("#")
    for folder, root in source_roots.items():
        if outer.startswith(root + "/"):
            return folder, outer[len(root) + 1:], inner
    raise ValueError(f"{item_path} is under no source")


def match_example(items, records, roots):
    """Ground-truth record key → item id, for the built-in example (as test_collect_example)."""
    located = {i["id"]: collected_file(i["path"], roots) for i in items}
    by_id = {i["id"]: i for i in items}
    index = {}
    for item in items:
        folder, rel, _ = located[item["id"]]
        index.setdefault((folder, rel), []).append(item)
    out = {}
    for record in records:
        folder, path, member, mid = (record["custodian_folder"], record["path"], record["member"],
                                     record["message_id"])
        found = []
        for item in index.get((folder, path), []):
            _, _, inner = located[item["id"]]
            if record["kind"] == "email":
                if item["message_id"] == mid.strip("<>") and item["kind"] == "email":
                    found.append(item)
            elif member is None:
                if inner == "":
                    found.append(item)
            elif inner == member or inner.endswith("/" + member):
                if mid and not path.endswith(".eml"):
                    parent = by_id[item["parent_id"]]
                    while parent["kind"] != "email":
                        parent = by_id[parent["parent_id"]]
                    if parent["message_id"] != mid.strip("<>"):
                        continue
                found.append(item)
        if len(found) == 1:
            out[record["key"]] = found[0]["id"]
    return out


def example_truth_clusters(records):
    """From ground-truth.json records: exact-duplicate, near-duplicate and thread clusters, by
    record key, for documents (containers are not documents and are left out)."""
    docs = [r for r in records if r["kind"] != "container"]
    dup = {r["key"]: (r["duplicate_of"] or r["key"]) for r in docs}
    near_roots = {r["near_duplicate_of"] for r in docs if r["near_duplicate_of"]}
    near = {}
    for r in docs:
        if r["kind"] == "email":
            continue
        if r["near_duplicate_of"]:
            near[r["key"]] = r["near_duplicate_of"]
        elif dup[r["key"]] in near_roots:
            near[r["key"]] = dup[r["key"]]
        else:
            near[r["key"]] = None
    # Threads over distinct messages: one key per Message-ID.
    thread = {}
    for r in docs:
        if r["kind"] == "email" and r["thread"]:
            thread[r["message_id"]] = r["thread"]
        elif r["kind"] == "email":
            thread.setdefault(r["message_id"], None)
    return dup, near, thread


def family_pairs(truth_pairs, records):
    """The exact-duplicate truth pairs a family-wise deduplication should find: bates never makes
    an attachment the duplicate of a loose file or of another message's attachment (families stay
    whole), so such pairs are left out. Two attachments are kept when their emails are one
    message (the same Message-ID)."""
    by_key = {r["key"]: r for r in records}
    kept = set()
    for a, b in truth_pairs:
        ra, rb = by_key[a], by_key[b]
        in_a, in_b = ra["kind"] == "attachment", rb["kind"] == "attachment"
        if in_a != in_b:
            continue
        if in_a and ra["message_id"] != rb["message_id"]:
            continue
        kept.add((a, b))
    return kept
