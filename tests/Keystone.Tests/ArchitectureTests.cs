using System.Reflection;
using System.Reflection.Emit;
using Keystone.Core.Data;
using Keystone.Core.Factors;
using Keystone.Core.Problems;

namespace Keystone.Tests;

/// <summary>
/// STYLE.md's "never" arrows as checks: the engines (figures, lights, briefings, schedules, problems,
/// factors) compute from plain records and never reach for the database, a stream or the clock; the web
/// never calls into the command line. Every type of a namespace is read — its signatures and the members
/// its method bodies (lambdas and async state machines included) touch.
/// </summary>
public class ArchitectureTests
{
    /// <summary>The engine namespaces, exactly (their sub-namespaces, such as documents, are not engines).</summary>
    private static readonly string[] Engines =
    [
        "Keystone.Core.Figures", "Keystone.Core.Lights", "Keystone.Core.Briefings", "Keystone.Core.Schedule", "Keystone.Core.Problems", "Keystone.Core.Factors", "Keystone.Core.Indicators",
        "Keystone.Core.Enterprises", "Keystone.Core.Meetings", "Keystone.Core.Inspections", "Keystone.Core.Campaigns",
    ];

    /// <summary>
    /// The write side that lives beside two engines: numbering a problem or a notice under a unique index, and
    /// tracking a factor sheet for a change, need the DbContext (their reads are the desk's).
    /// </summary>
    private static readonly Type[] WriteSide = [typeof(ProblemDesk), typeof(FactorDesk), typeof(Keystone.Core.Meetings.MeetingDesk), typeof(Keystone.Core.Inspections.InspectionDesk)];

    [Fact]
    public void Engines_NeverReferenceEfCoreTheDbContextAStreamOrTheClock()
    {
        var violations = Violations(typeof(AppDbContext).Assembly, t => Engines.Contains(t.Namespace) && !WriteSide.Contains(Outermost(t)), Forbidden);
        Assert.True(violations.Count == 0, "Engine types reach out:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void TheWeb_NeverReferencesTheCommandLine()
    {
        static bool IsWeb(Type t) => t.Namespace is { } ns && (ns.StartsWith("Keystone.Features", StringComparison.Ordinal) || ns.StartsWith("Keystone.Web", StringComparison.Ordinal) || ns.StartsWith("Keystone.Components", StringComparison.Ordinal));
        var violations = Violations(typeof(Keystone.Web.KeystoneWeb).Assembly, IsWeb, t => t.Namespace?.StartsWith("Keystone.Cli", StringComparison.Ordinal) == true);
        Assert.True(violations.Count == 0, "Web types call into Keystone.Cli:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void TheCheck_SeesAReferenceInAMethodBody()
    {
        // The check must catch what it is for: this very class touches a stream in a body and the DbContext in a signature.
        Assert.NotEmpty(Violations(typeof(ArchitectureTests).Assembly, t => t == typeof(Violator) || t.DeclaringType == typeof(Violator), Forbidden));
    }

    private static bool Forbidden(Type t) =>
        t.Namespace?.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) == true
        || typeof(AppDbContext).IsAssignableFrom(t)
        || typeof(Stream).IsAssignableFrom(t)
        || typeof(TimeProvider).IsAssignableFrom(t);

    private static Type Outermost(Type t) => t.DeclaringType is { } outer ? Outermost(outer) : t;

    private static List<string> Violations(Assembly assembly, Func<Type, bool> checkedType, Func<Type, bool> forbidden) =>
        assembly.GetTypes().Where(checkedType)
            .SelectMany(t => References(t).SelectMany(Expand).Where(forbidden).Select(r => $"{t.FullName} → {r.FullName}"))
            .Distinct().Order(StringComparer.Ordinal).ToList();

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> References(Type type)
    {
        if (type.BaseType is { } b)
        {
            yield return b;
        }

        foreach (var i in type.GetInterfaces())
        {
            yield return i;
        }

        foreach (var f in type.GetFields(Declared))
        {
            yield return f.FieldType;
        }

        foreach (var p in type.GetProperties(Declared))
        {
            yield return p.PropertyType;
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo m)
            {
                yield return m.ReturnType;
            }

            foreach (var p in method.GetParameters())
            {
                yield return p.ParameterType;
            }

            foreach (var t in BodyReferences(method))
            {
                yield return t;
            }
        }
    }

    /// <summary>The types whose members or tokens a method body names (calls, fields, types, casts).</summary>
    private static IEnumerable<Type> BodyReferences(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var generics = (method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null, method.IsGenericMethod ? method.GetGenericArguments() : null);
        for (var at = 0; at < il.Length;)
        {
            var code = il[at] == 0xFE ? TwoByte[il[at + 1]] : OneByte[il[at]];
            at += code.Size;
            var operand = code.OperandType;
            if (operand is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var token = BitConverter.ToInt32(il, at);
                MemberInfo? member = null;
                try
                {
                    member = method.Module.ResolveMember(token, generics.Item1, generics.Item2);
                }
                catch (ArgumentException)
                {
                }

                switch (member)
                {
                    case Type t:
                        yield return t;
                        break;
                    case FieldInfo f:
                        yield return f.DeclaringType!;
                        yield return f.FieldType;
                        break;
                    case MethodBase m:
                        yield return m.DeclaringType!;
                        if (m is MethodInfo mi)
                        {
                            yield return mi.ReturnType;
                        }

                        foreach (var p in m.GetParameters())
                        {
                            yield return p.ParameterType;
                        }

                        break;
                }
            }

            at += OperandSize(operand, il, at);
        }
    }

    private static int OperandSize(OperandType operand, byte[] il, int at) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };

    /// <summary>A type and every type it is built from (generic arguments, element types).</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        yield return type;
        var inner = type.HasElementType ? [type.GetElementType()!] : type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes;
        foreach (var t in inner.Where(t => !t.IsGenericParameter).SelectMany(Expand))
        {
            yield return t;
        }
    }

    private static readonly Dictionary<int, OpCode> OneByte = Codes().Where(c => c.Size == 1).ToDictionary(c => (int)(ushort)c.Value);
    private static readonly Dictionary<int, OpCode> TwoByte = Codes().Where(c => c.Size == 2).ToDictionary(c => (ushort)c.Value & 0xFF);

    private static IEnumerable<OpCode> Codes() =>
        typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!);

    /// <summary>What the check must catch: a stream opened in a lambda's body, the DbContext as a parameter.</summary>
    private static class Violator
    {
        public static Func<long> Length => () => new MemoryStream().Length;

        public static int Count(AppDbContext db) => db.GetHashCode();
    }
}
