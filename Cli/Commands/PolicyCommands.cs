using System.CommandLine;
using WriteCache.Policies;

namespace WriteCache.Cli.Commands;

/// <summary><c>wcache policy set|get|list|remove</c>: write policies by path prefix.</summary>
public static class PolicyCommands
{
    /// <summary>The <c>policy</c> command and its subcommands.</summary>
    public static Command Create()
    {
        var path = new Argument<string>("PATH") { Description = "A path prefix in the cache, e.g. /s3/checkpoints" };
        var mode = new Argument<string>("POLICY") { Description = string.Join(", ", WritePolicyNames.All) };

        var set = new Command("set", "Bind a write policy to a path prefix") { path, mode };
        set.SetAction(CommonOptions.WithCluster(async (result, client, _) =>
        {
            var prefix = CommonOptions.PathOf(result.GetRequiredValue(path));
            var name = result.GetRequiredValue(mode);
            if (!WritePolicyNames.TryParse(name, out var policy))
            {
                throw new CliException($"unknown policy '{name}': use one of {string.Join(", ", WritePolicyNames.All)}", 2);
            }

            var done = await client.Policies().Set(prefix, policy);
            if (!done.IsOk)
            {
                throw new CliException(done.Message ?? done.Error.ToString());
            }

            Console.Out.WriteLine("Update successful!");
            return 0;
        }));

        var get = new Command("get", "Show the policy that applies to a path, and the rule it comes from (JSON)") { path };
        get.SetAction(CommonOptions.WithCluster(async (result, client, _) =>
        {
            var resolved = await client.Policies().Resolve(CommonOptions.PathOf(result.GetRequiredValue(path)));
            var value = resolved.IsOk ? resolved.Value! : throw new CliException(resolved.Message ?? resolved.Error.ToString());
            Output.WriteJson(new { path = value.Path, policyMode = value.Policy.ToName(), prefix = value.FromPrefix, isDefault = value.FromPrefix is null });
            return 0;
        }));

        var list = new Command("list", "List every policy rule");
        list.SetAction(CommonOptions.WithCluster(async (result, client, _) =>
        {
            var rules = await client.Policies().List();
            if (result.GetValue(CommonOptions.Json))
            {
                Output.WriteJson(rules.Select(r => new { prefix = r.Prefix, policyMode = r.Policy.ToName() }).ToList());
            }
            else
            {
                Output.WriteTable(["PREFIX", "POLICY"], rules.Select(r => (IReadOnlyList<string>)[r.Prefix, r.Policy.ToName()]));
            }

            return 0;
        }));

        var remove = new Command("remove", "Remove the rule bound to exactly this prefix") { path };
        remove.SetAction(CommonOptions.WithCluster(async (result, client, _) =>
        {
            var prefix = CommonOptions.PathOf(result.GetRequiredValue(path));
            var done = await client.Policies().Remove(prefix);
            if (!done.IsOk)
            {
                throw new CliException(done.Message ?? done.Error.ToString());
            }

            Console.Out.WriteLine($"Removed the policy on {prefix}");
            return 0;
        }));

        return new Command("policy", "Write policies by path prefix (longest prefix wins)") { set, get, list, remove };
    }
}
