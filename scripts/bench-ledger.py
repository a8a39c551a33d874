#!/usr/bin/env python3
"""Writes a synthetic 2024 ledger (.csv, standard headers) for load tests: `bench-ledger.py PROJECTS ZONES OUT.csv`.

Projects are spread evenly over ZONES zones under ten cities, with seeded-random levels, categories,
chains, natures, amounts, dates and March year-to-date figures, so figures, lights and charts have
something real to chew on. Same arguments, same file.
"""
import csv
import random
import sys

projects, zones, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(20240410)
levels = ["省级重点", "市级重点", "区级", "一般", "省级重点、市级重点"]
categories = ["产业类", "基础设施类", "民生类", "其他"]
chains = ["新能源", "新材料", "数字经济", "高端装备制造", "现代煤化工", "节能环保", ""]
statuses = ["在建", "在建", "在建", "前期", "竣工"]
header = ["项目编号", "项目名称", "所属地市", "所属区域", "项目级别", "项目类别", "产业链", "建设性质",
          "总投资（万元）", "年度计划投资（万元）", "本年完成投资（万元）", "累计完成投资（万元）",
          "计划开工时间", "实际开工时间", "本年开复工时间", "项目状态", "形象进度"]
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["基准测试2024年重点项目台账（数据截至2024年3月）"])
    w.writerow(header)
    for i in range(projects):
        zone = i % zones
        city = zone % 10
        new = rng.random() < 0.55
        total = rng.randint(2000, 500000)
        plan = min(total, rng.randint(500, max(500, total // 3)))
        ytd = rng.randint(0, plan // 3) if rng.random() < 0.8 else None
        month = rng.randint(1, 12)
        planned = f"2024-{month:02d}-01"
        started = rng.random() < 0.6
        start = f"2024-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}" if started else ""
        actual = start if new else f"20{rng.randint(19, 23)}-{rng.randint(1, 12):02d}-15"
        w.writerow([
            f"BZ-{zone:04d}-{i:06d}", f"基准测试项目{i}号", f"基准市{city}", f"基准开发区{zone}",
            rng.choice(levels), rng.choice(categories), rng.choice(chains), "新建" if new else "续建",
            total, plan, "" if ytd is None else ytd, "" if ytd is None else ytd + (0 if new else rng.randint(0, total - plan)),
            planned if new else "", actual if (started or not new) else "", start, rng.choice(statuses), "主体施工",
        ])
