using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace InterviewTextLine.Infra.Tests.Arm;

/// <summary>
/// Evaluates the small part of the ARM template language that decides what a deployment contains:
/// <c>parameters</c>, <c>variables</c>, <c>if</c>, <c>not</c>, <c>and</c>, <c>or</c>, <c>equals</c>,
/// <c>empty</c>, <c>createObject</c> and literals. Anything known only at deployment time (a
/// <c>reference()</c>, a resource ID) evaluates to <see cref="Unknown"/>, which spreads through every
/// function except an <c>if</c> whose condition is known.
/// </summary>
internal static class ArmExpression
{
    /// <summary>A value known only when Azure runs the deployment.</summary>
    public static readonly object Unknown = new UnknownValue();

    /// <summary>
    /// The value of a template value: a JSON literal as it is, a string expression (<c>[...]</c>) evaluated.
    /// Results are strings, longs, bools, <see cref="JsonObject"/>s, <see cref="JsonArray"/>s, null or <see cref="Unknown"/>.
    /// </summary>
    public static object? Evaluate(JsonNode? node, Func<string, object?> parameter, Func<string, JsonNode?> variable)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            if (text.StartsWith('[') && text.EndsWith(']') && !text.StartsWith("[[", StringComparison.Ordinal))
            {
                var parser = new Parser(text[1..^1], parameter, variable);
                return parser.ParseWhole();
            }

            return text;
        }

        return FromJson(node);
    }

    public static bool IsUnknown(object? value) => ReferenceEquals(value, Unknown);

    private static object? FromJson(JsonNode? node)
    {
        if (node is JsonValue value)
        {
            if (value.TryGetValue<bool>(out var flag))
            {
                return flag;
            }

            if (value.TryGetValue<long>(out var number))
            {
                return number;
            }

            if (value.TryGetValue<string>(out var text))
            {
                return text;
            }
        }

        return node;
    }

    private sealed class UnknownValue
    {
        public override string ToString() => "(known at deployment)";
    }

    private sealed class Parser(string text, Func<string, object?> parameter, Func<string, JsonNode?> variable)
    {
        private int position;

        public object? ParseWhole()
        {
            var value = ParseExpression();
            SkipSpaces();
            if (position != text.Length)
            {
                throw new FormatException($"Unexpected '{text[position..]}' in [{text}].");
            }

            return value;
        }

        private object? ParseExpression()
        {
            SkipSpaces();
            var value = text[position] == '\'' ? ParseString() : char.IsDigit(text[position]) || text[position] == '-' ? ParseNumber() : ParseCall();
            while (position < text.Length && (text[position] == '.' || text[position] == '['))
            {
                if (text[position] == '.')
                {
                    position++;
                    value = Member(value, ParseIdentifier());
                }
                else
                {
                    position++;
                    var index = ParseExpression();
                    Expect(']');
                    value = Index(value, index);
                }
            }

            return value;
        }

        private object? ParseCall()
        {
            var name = ParseIdentifier();
            Expect('(');
            // Every argument is evaluated; evaluation has no side effects, and if() keeps only its chosen branch.
            var arguments = new List<object?>();
            SkipSpaces();
            if (text[position] == ')')
            {
                position++;
            }
            else
            {
                while (true)
                {
                    arguments.Add(ParseExpression());
                    SkipSpaces();
                    if (text[position] == ',')
                    {
                        position++;
                        continue;
                    }

                    Expect(')');
                    break;
                }
            }

            return Call(name, arguments);
        }

        private object? Call(string name, List<object?> arguments)
        {
            switch (name.ToLowerInvariant())
            {
                case "true":
                    return true;
                case "false":
                    return false;
                case "null":
                    return null;
                case "parameters":
                    return parameter((string)arguments[0]!);
                case "variables":
                    return Evaluate(variable((string)arguments[0]!), parameter, variable);
                case "if":
                    return arguments[0] is bool condition ? (condition ? arguments[1] : arguments[2]) : Unknown;
                case "createobject":
                    // An object may hold values known only at deployment time; its other members stay readable.
                    return CreateObject(arguments);
            }

            if (arguments.Any(IsUnknown))
            {
                return Unknown;
            }

            return name.ToLowerInvariant() switch
            {
                "not" => arguments[0] is bool b ? !b : Unknown,
                "and" => arguments.All(argument => argument is true),
                "or" => arguments.Any(argument => argument is true),
                "equals" => Equals(Text(arguments[0]), Text(arguments[1])),
                "empty" => arguments[0] switch
                {
                    null => true,
                    string s => s.Length == 0,
                    JsonObject o => o.Count == 0,
                    JsonArray a => a.Count == 0,
                    _ => false,
                },
                "greater" => Compare(arguments) > 0,
                "greaterorequals" => Compare(arguments) >= 0,
                "less" => Compare(arguments) < 0,
                "lessorequals" => Compare(arguments) <= 0,
                _ => Unknown,
            };
        }

        private static int Compare(List<object?> arguments) => (arguments[0], arguments[1]) switch
        {
            (long left, long right) => left.CompareTo(right),
            (string left, string right) => string.CompareOrdinal(left, right),
            _ => throw new FormatException($"Cannot compare {arguments[0]} with {arguments[1]}."),
        };

        private static JsonObject CreateObject(List<object?> arguments)
        {
            var result = new JsonObject();
            for (var i = 0; i + 1 < arguments.Count; i += 2)
            {
                result[(string)arguments[i]!] = ToJson(arguments[i + 1]);
            }

            return result;
        }

        private static JsonNode? ToJson(object? value) => value switch
        {
            null => null,
            JsonNode node => node.DeepClone(),
            bool flag => JsonValue.Create(flag),
            long number => JsonValue.Create(number),
            string s => JsonValue.Create(s),
            // An unknown value inside an object is kept as an expression-looking marker.
            _ => JsonValue.Create("[unknown()]"),
        };

        private object? Member(object? target, string name) => target switch
        {
            JsonObject obj => Evaluate(obj[name], parameter, variable),
            _ => Unknown,
        };

        private object? Index(object? target, object? index) => (target, index) switch
        {
            (JsonArray array, long i) when i >= 0 && i < array.Count => Evaluate(array[(int)i], parameter, variable),
            (JsonObject obj, string key) => Evaluate(obj[key], parameter, variable),
            _ => Unknown,
        };

        private static string? Text(object? value) => value switch
        {
            null => null,
            bool flag => flag ? "true" : "false",
            long number => number.ToString(CultureInfo.InvariantCulture),
            JsonNode node => node.ToJsonString(),
            _ => value.ToString(),
        };

        private string ParseString()
        {
            Expect('\'');
            var builder = new StringBuilder();
            while (true)
            {
                var c = text[position++];
                if (c == '\'')
                {
                    if (position < text.Length && text[position] == '\'')
                    {
                        builder.Append('\'');
                        position++;
                        continue;
                    }

                    return builder.ToString();
                }

                builder.Append(c);
            }
        }

        private long ParseNumber()
        {
            var start = position;
            position++;
            while (position < text.Length && char.IsDigit(text[position]))
            {
                position++;
            }

            return long.Parse(text[start..position], CultureInfo.InvariantCulture);
        }

        private string ParseIdentifier()
        {
            SkipSpaces();
            var start = position;
            while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] is '_' or '$'))
            {
                position++;
            }

            if (start == position)
            {
                throw new FormatException($"Expected a name at {position} in [{text}].");
            }

            return text[start..position];
        }

        private void Expect(char c)
        {
            SkipSpaces();
            if (position >= text.Length || text[position] != c)
            {
                throw new FormatException($"Expected '{c}' at {position} in [{text}].");
            }

            position++;
        }

        private void SkipSpaces()
        {
            while (position < text.Length && text[position] == ' ')
            {
                position++;
            }
        }
    }
}
