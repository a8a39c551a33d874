#!/usr/bin/python3
"""Makes zone-ledger-2024.xls, the .xls fixture of the tests (TestFixtures.ZoneLedgerXls), as a zone's office would save it.

The workbook is written as .xlsx with openpyxl, then saved as Excel 97-2003 (.xls, BIFF8) by LibreOffice, so the
fixture is a binary workbook written by a real office program, not by the reader's own library:

    apt-get install -y python3-openpyxl libreoffice-calc-nogui
    /usr/bin/python3 make-xls.py && soffice --headless --convert-to xls zone-ledger-2024.xlsx && rm zone-ledger-2024.xlsx

What it holds, and what the tests read from it: a notes sheet first; then the ledger with a title merged across
the top, a "填报单位" line with "数据截至2024年3月", header variants (项目代码, 总投资（亿元）, 2024年计划投资（万元）,
1-3月完成投资（万元）), 所属地市 and 所属区域 merged down over the three projects, real date cells and a text date,
a name exported with its formula apostrophe ('-1号地块…), a blank row and a 合计 row.
"""
from datetime import datetime

from openpyxl import Workbook

book = Workbook()
notes = book.active
notes.title = "填表说明"
notes["A1"] = "填表说明：金额单位见表头，日期写作2024年3月18日或2024.3.18。"

sheet = book.create_sheet("2024年重点项目台账")
headers = ["序号", "项目代码", "项目名称", "所属地市", "所属区域", "项目级别", "项目类别", "建设性质", "项目单位",
           "统一社会信用代码", "总投资（亿元）", "2024年计划投资（万元）", "1-3月完成投资（万元）", "累计完成投资（万元）",
           "计划开工时间", "实际开工时间", "本年开复工时间", "项目状态", "形象进度"]
sheet["A1"] = "阳泉高新区2024年重点项目台账"
sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
sheet["A2"] = "填报单位：阳泉高新区管委会"
sheet["K2"] = "数据截至2024年3月"
for i, h in enumerate(headers, start=1):
    sheet.cell(row=3, column=i, value=h)

rows = [
    [1, "2404-140300-04-01-900001", "XLS泵阀一体化中心", "阳泉市", "阳泉高新区", "省级重点", "产业类", "新建", "测试新材料有限公司",
     "91140300CBPRNJHCCN", 2.5, 5000, 800, 800, datetime(2024, 3, 1), datetime(2024, 3, 18), "2024.3.18", "在建", "主体施工"],
    [2, "2404-140300-04-01-900002", "'-1号地块标准化厂房", None, None, "市级重点", "产业类", "新建", "测试新材料有限公司",
     "91140300CBPRNJHCCN", 1.2, 3000, 0, 0, datetime(2024, 5, 1), None, None, "前期", "办理施工许可"],
    [3, "2404-140300-04-01-900003", "XLS老年福利中心", None, None, "区级", "民生类", "新建", "测试新材料有限公司",
     "91140300CBPRNJHCCN", 0.8, 2000, 300, 300, datetime(2024, 2, 1), datetime(2024, 2, 20), datetime(2024, 2, 20), "在建", "基础施工"],
]
for r, values in enumerate(rows, start=4):
    for c, value in enumerate(values, start=1):
        cell = sheet.cell(row=r, column=c, value=value)
        if isinstance(value, datetime):
            cell.number_format = "yyyy-mm-dd"
sheet.merge_cells("D4:D6")
sheet.merge_cells("E4:E6")
sheet.cell(row=8, column=1, value="合计")
sheet.cell(row=8, column=11, value=4.5)
sheet.cell(row=8, column=12, value=10000)
book.save("zone-ledger-2024.xlsx")
