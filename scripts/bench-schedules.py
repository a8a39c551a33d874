#!/usr/bin/env python3
"""Gives every project of a SQLite Keystone database a node plan, for load tests of the battle map:
`bench-schedules.py DB`.

Each plan is the shape zones keep (前期准备 → 主体施工 → 主体封顶 → 装饰装修 → 竣工验收) in the
`keystone schedule` JSON, with seeded-random dates around 2024-04-10, so as of that day some nodes are
overdue (red), some due within a week (yellow) and most on track. Same database, same plans.
"""
import datetime
import json
import random
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
rng = random.Random(20240410)
today = datetime.date(2024, 4, 10)
iso = lambda d: d.isoformat()
ids = [row[0] for row in db.execute("SELECT Id FROM projects ORDER BY Id")]
db.execute("DELETE FROM project_schedules")
rows = []
for pid in ids:
    start = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(-360, 300))
    completion = start + datetime.timedelta(days=rng.randint(240, 900))
    span = (completion - start).days * (0.8 + rng.random() * 0.35)
    prepare, build, fit = max(10, int(span * 0.12)), int(span * 0.55), int(span * 0.4)
    topped = start + datetime.timedelta(days=prepare + build - 1 + rng.randint(-10, 10))
    node = {"id": "M1", "name": "主体封顶", "duration": 0, "after": ["B"], "due": iso(topped)}
    if topped < today and rng.randrange(4) != 0:
        node["actualFinish"] = iso(topped)
    plan = {"start": iso(start), "deadline": iso(completion), "activities": [
        {"id": "A", "name": "前期准备", "duration": prepare},
        {"id": "B", "name": "主体施工", "duration": build, "after": ["A"]},
        node,
        {"id": "C", "name": "装饰装修", "duration": fit, "after": [{"id": "B", "type": "SS", "lag": build // 2}]},
        {"id": "M2", "name": "竣工验收", "duration": 0, "after": ["C", "M1"], "due": iso(completion)},
    ]}
    rows.append((pid, json.dumps(plan, ensure_ascii=False), "2024-04-10 01:00:00"))
db.executemany("INSERT INTO project_schedules (ProjectId, PlanJson, UpdatedAt) VALUES (?, ?, ?)", rows)
db.commit()
print(f"{len(rows)} node plans")
