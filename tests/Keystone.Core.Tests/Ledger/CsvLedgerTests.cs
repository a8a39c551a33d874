using System.Text;
using Keystone.Core.Ledger;

namespace Keystone.Core.Tests.Ledger;

public class CsvLedgerTests
{
    static CsvLedgerTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Text = "项目名称,建设内容\r\n\"阳泉东区智慧物流产业园（一期）项目\",\"新建6栋仓库，配建4条主干道\"\r\n\"多行\n内容\",\"带\"\"引号\"\"的值\"\r\n";

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("utf-8")]
    [InlineData("gb18030")]
    [InlineData("gbk")]
    public void Encodings_AreDetected(string encoding)
    {
        var bytes = encoding switch
        {
            "utf-8-bom" => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Text)).ToArray(),
            "utf-8" => Encoding.UTF8.GetBytes(Text),
            _ => Encoding.GetEncoding(encoding).GetBytes(Text),
        };
        var rows = CsvLedger.Read(new MemoryStream(bytes)).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal("阳泉东区智慧物流产业园（一期）项目", rows[1].TextAt(0));
        Assert.Equal("新建6栋仓库，配建4条主干道", rows[1].TextAt(1));
        Assert.Equal("多行\n内容", rows[2].TextAt(0));
        Assert.Equal("带\"引号\"的值", rows[2].TextAt(1));
    }

    [Fact]
    public void TabSeparatedText_IsReadToo()
    {
        var rows = CsvLedger.Read(new MemoryStream(Encoding.UTF8.GetBytes("项目名称\t总投资\n甲\t1,000\n"))).ToList();
        Assert.Equal("1,000", rows[1].TextAt(1));
    }
}
