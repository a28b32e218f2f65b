using System;

namespace DkpFips.Build.Help
{
    /// <summary>A markdown help file that breaks the PlatyPS schema, with the place it breaks.</summary>
    public sealed class HelpSchemaException : Exception
    {
        public HelpSchemaException(string file, int line, string problem)
            : base($"{file}({line}): error DKPHELP001: {problem}")
        {
        }
    }
}
