#!/usr/bin/env python3
"""Writes every line of real text in ../shared/data (the lines the differential tests use), shuffled with seed 1, to
argv[2]: text columns of the CSV corpora, SMP2020 JSONL content, SIGHAN test inputs. Usage: make-corpus.py DATA OUT"""
import csv, json, random, sys

csv.field_size_limit(10**9)
data, out = sys.argv[1], sys.argv[2]
columns = {
    "gov_messages_teddy2020/messages_labeled.csv": ["留言主题", "留言详情"],
    "gov_messages_teddy2020/hot_issue_messages.csv": ["留言主题", "留言详情"],
    "gov_messages_teddy2020/replied_messages.csv": ["留言主题", "留言详情", "答复意见"],
    "weibo_senti_100k_subset/weibo_senti_100k_subset.csv": ["review"],
    "waimai_10k/waimai_10k.csv": ["review"],
    "chnsenticorp_htl_all/ChnSentiCorp_htl_all.csv": ["review"],
    "online_shopping_10_cats/online_shopping_10_cats.csv": ["review"],
    "thucnews_titles/thucnews_titles.csv": ["text"],
}
lines = []


def add(text):
    for line in text.lstrip("\ufeff").split("\n"):
        line = line.rstrip("\r")
        if line.strip():
            lines.append(line)


for name, cols in columns.items():
    with open(f"{data}/{name}", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for c in cols:
                add(row[c])
for name in ["smp2020_ewect/usual.jsonl", "smp2020_ewect/virus.jsonl"]:
    for line in open(f"{data}/{name}", encoding="utf-8"):
        if line.strip():
            add(json.loads(line)["content"])
for name in ["segmentation/pku_test.utf8", "segmentation/msr_test.utf8"]:
    add(open(f"{data}/{name}", encoding="utf-8").read())
random.seed(1)
random.shuffle(lines)
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
print(f"{len(lines)} lines → {out}", file=sys.stderr)
