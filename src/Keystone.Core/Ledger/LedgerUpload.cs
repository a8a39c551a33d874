namespace Keystone.Core.Ledger;

/// <summary>
/// A ledger file uploaded through the web page, kept until it is imported or expires, so the preview, the
/// mapping corrections and the confirmation can be served by any web node (nodes keep no state). Only its
/// uploader reads it again: to anyone else it does not exist, whoever has the link.
/// </summary>
public sealed class LedgerUpload
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(2);

    public const int MaxUserNameLength = 64;

    public LedgerUpload(string fileName, byte[] content, string uploadedBy, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(uploadedBy) || uploadedBy.Length > MaxUserNameLength)
        {
            throw new ArgumentException("An upload needs the user who made it", nameof(uploadedBy));
        }

        Id = Guid.NewGuid();
        UploadedBy = uploadedBy;
        FileName = Path.GetFileName(fileName.Length > 200 ? fileName[^200..] : fileName);
        Content = content;
        UploadedAt = at.ToUniversalTime();
    }

    private LedgerUpload()
    {
        FileName = "";
        Content = [];
        UploadedBy = "";
    }

    public Guid Id { get; private set; }

    public string FileName { get; private set; }

    public byte[] Content { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>The user name of who uploaded it: the only one who may preview, confirm or download it.</summary>
    public string UploadedBy { get; private set; }

    public DateTimeOffset? ImportedAt { get; private set; }

    /// <summary>The import's outcome as JSON (a <see cref="LedgerImportReport"/>), once imported.</summary>
    public string? ResultJson { get; private set; }

    /// <summary>The uploads <paramref name="userName"/> may read: its own. Every read of an upload goes through this.</summary>
    public static IQueryable<LedgerUpload> ReadableBy(IQueryable<LedgerUpload> uploads, string userName) =>
        uploads.Where(u => u.UploadedBy == userName);

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
