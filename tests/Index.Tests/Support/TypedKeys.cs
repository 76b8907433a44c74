using System.Text.Json.Nodes;

namespace Monitor.Index.Tests.Support;

/// <summary>
/// The client asks for <c>typed_keys</c>, so a live cluster names aggregations <c>type#name</c>; recorded docs
/// responses were taken without it. This renames a recorded aggregation to the name our query gives it and adds
/// the type prefix, at test time.
/// </summary>
public static class TypedKeys
{
    public static string Rename(string responseJson, params (string Recorded, string TypedName)[] renames)
    {
        var root = JsonNode.Parse(responseJson)!.AsObject();
        foreach (var (recorded, typedName) in renames)
        {
            RenameIn(root, recorded, typedName);
        }

        return root.ToJsonString();
    }

    private static void RenameIn(JsonNode? node, string recorded, string typedName)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj[recorded] is { } value)
                {
                    obj.Remove(recorded);
                    obj[typedName] = value;
                }

                foreach (var child in obj.Select(p => p.Value).ToList())
                {
                    RenameIn(child, recorded, typedName);
                }

                break;
            case JsonArray array:
                foreach (var child in array.ToList())
                {
                    RenameIn(child, recorded, typedName);
                }

                break;
        }
    }
}
