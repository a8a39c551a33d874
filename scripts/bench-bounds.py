#!/usr/bin/env python3
"""Writes the files of the bounded-input benchmark (docs/benchmarks.md, "Bounds"):

  bench-bounds.py cell OUT.xlsx [MB]   a ledger of the standard header and three projects, one of whose
                                       建设内容及规模 cells holds MB megabytes of text (default 500) that
                                       deflates about 55 times, so the file passes every size and ratio
                                       limit (about 9 MB, ratio under 100) and only the cell limit stops it.

The 1,000,001-row CSV is scripts/bench-ledger.py's. Same arguments, same file. Standard library only.
"""
import random
import sys
import zipfile

HEADERS = ["项目编号", "项目名称", "所属地市", "所属区域", "项目级别", "项目类别", "产业链", "建设性质", "项目单位",
           "统一社会信用代码", "建设内容及规模", "总投资（万元）", "年度计划投资（万元）", "本年完成投资（万元）",
           "累计完成投资（万元）", "计划开工时间", "实际开工时间", "本年开复工时间", "计划竣工时间", "项目状态", "形象进度"]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def column(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def row(number, values):
    cells = "".join(f'<c r="{column(i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(values) if v != "")
    return f'<row r="{number}">{cells}</row>'


def project(i):
    return [f"BOUND-{i:03d}", f"边界测试项目{i}", "阳泉市", "阳泉高新区", "市级重点", "产业类", "新材料", "新建", "测试新材料有限公司",
            "", "厂房及配套", "20000", "5000", "800", "800", "2024-03-01", "2024-03-18", "2024-03-18", "2026-06-30", "在建", "主体施工"]


def cell(out, megabytes):
    rng = random.Random(20240410)
    words = "项目工程厂房道路管网设备建设主体基础封顶装修竣工验收"
    # Runs of one character broken by two random ones: deflate finds the runs, not the breaks (about 55 times).
    chunks = []
    for _ in range(16):
        parts, size = [], 0
        while size < (1 << 20):
            k = rng.randint(50, 150)
            parts.append("建" * k + rng.choice(words) + rng.choice(words))
            size += 3 * (k + 2)
        chunks.append("".join(parts).encode("utf-8"))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                   '<sheets><sheet name="2024年重点项目台账" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><dimension ref="A1:{column(len(HEADERS) - 1)}4"/><sheetData>'.encode())
            sheet.write(row(1, HEADERS).encode())
            sheet.write(row(2, project(1)).encode())
            values = project(2)
            content = HEADERS.index("建设内容及规模")
            before = row(3, values[:content]).removesuffix("</row>")
            sheet.write(f'{before}<c r="{column(content)}3" t="inlineStr"><is><t>'.encode())
            for i in range(megabytes):
                sheet.write(chunks[i % len(chunks)])
            sheet.write("</t></is></c>".encode())
            sheet.write("".join(f'<c r="{column(i)}3" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(values) if i > content and v).encode())
            sheet.write("</row>".encode())
            sheet.write(row(4, project(3)).encode())
            sheet.write(b"</sheetData></worksheet>")
    with zipfile.ZipFile(out) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
        print(f"{out}: sheet {info.file_size / 2**20:.0f} MB unzipped, {info.compress_size / 2**20:.1f} MB zipped, ratio {info.file_size / info.compress_size:.0f}")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "cell":
        cell(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 500)
    else:
        sys.exit(__doc__)
