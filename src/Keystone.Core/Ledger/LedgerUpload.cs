namespace Keystone.Core.Ledger;

/// <summary>
/// A ledger file uploaded through the web page, kept until it is imported or expires, so the preview, the
/// mapping corrections and the confirmation can be served by any web node (nodes keep no state).
/// </summary>
public sealed class LedgerUpload
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(2);

    public LedgerUpload(string fileName, byte[] content, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        FileName = Path.GetFileName(fileName.Length > 200 ? fileName[^200..] : fileName);
        Content = content;
        UploadedAt = at.ToUniversalTime();
    }

    private LedgerUpload()
    {
        FileName = "";
        Content = [];
    }

    public Guid Id { get; private set; }

    public string FileName { get; private set; }

    public byte[] Content { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public DateTimeOffset? ImportedAt { get; private set; }

    /// <summary>The import's outcome as JSON (a <see cref="LedgerImportReport"/>), once imported.</summary>
    public string? ResultJson { get; private set; }

    public void MarkImported(string resultJson, DateTimeOffset at)
    {
        if (ImportedAt is not null)
        {
            throw new DomainException(new("该文件已导入过；如需再次导入请重新上传", "This upload was already imported; upload the file again to re-import it"));
        }

        ImportedAt = at.ToUniversalTime();
        ResultJson = resultJson;
    }
}
