namespace Keystone.Core.Projects;

/// <summary>An enterprise (企业), identified by its 统一社会信用代码.</summary>
public sealed class Enterprise
{
    public const int MaxNameLength = 200;

    public Enterprise(Uscc uscc, string name)
    {
        Uscc = uscc;
        Name = CheckName(name);
    }

    private Enterprise()
    {
        Name = "";
    }

    public int Id { get; private set; }

    public Uscc Uscc { get; private set; }

    public string Name { get; private set; }

    public void Rename(string name) => Name = CheckName(name);

    private static string CheckName(string name)
    {
        var n = (name ?? "").Trim();
        if (n.Length is 0 or > MaxNameLength)
        {
            throw new DomainException(new("企业名称不能为空，且不超过200字", "The enterprise name is required and at most 200 characters"), "enterprise");
        }

        return n;
    }
}
